package com.lianarig.tools.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.ChannelStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the technician sees while a point is taken: a step arrives mid-window, then the reading settles. */
class ProgressTest {
    private static final int RATE_HZ = 80;

    /** 80 samples at one level, then a 50,000-count step: the window fills, waits, and is taken. */
    private static String show(boolean terminal) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        Progress progress = Progress.on(out, terminal);
        PointTaker taker = new PointTaker(160, 800, StabilityCriteria.defaults(), RATE_HZ);
        for (int i = 0; taker.state() != PointTaker.State.TAKEN; i++) {
            taker.offer((i < 80 ? 1_000 : 51_000) + (i % 2 == 0 ? 30 : -30), ChannelStatus.OK);
            progress.update(taker, RATE_HZ);
        }
        progress.done();
        out.flush();
        return text.toString();
    }

    @Test
    void plainLinesShowEachQuarterAndTheWaitOncePerSecondOfIt() {
        List<String> lines = show(false).lines().toList();
        assertEquals(List.of("  averaging 0 %", "  averaging 25 %", "  averaging 50 %", "  averaging 75 %"),
                lines.subList(0, 4));
        List<String> waits = lines.subList(4, lines.size());
        assertEquals(1, waits.size(), lines.toString()); // samples 161..239 wait: all in second 2
        assertTrue(waits.get(0).startsWith("  waiting for the reading to settle (2.0 s): standard deviation"),
                waits.get(0));
    }

    @Test
    void aTerminalBarIsRewrittenInPlaceAndEndsWithANewline() {
        String shown = show(true);
        assertTrue(shown.startsWith("\r  averaging [                              ]   1 %"), shown);
        assertTrue(shown.contains("\r  averaging [###############               ]  50 %"), shown);
        assertTrue(shown.contains("\r  waiting for the reading to settle (2.0 s): "), shown);
        assertEquals(1, shown.chars().filter(c -> c == '\n').count(), "one line, ended once");
        assertTrue(shown.endsWith("\n"));
    }
}
