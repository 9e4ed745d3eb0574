package com.lianarig.tools.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.tools.BadInputException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeBoundTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void relativeTimesCountBackFromNow() throws Exception {
        assertEquals(Instant.parse("2026-11-25T08:00:00Z"), TimeBound.parse("2h", NOW, BERLIN));
        assertEquals(Instant.parse("2026-11-25T09:30:00Z"), TimeBound.parse("30m", NOW, BERLIN));
        assertEquals(Instant.parse("2026-11-25T09:58:30Z"), TimeBound.parse("90s", NOW, BERLIN));
        assertEquals(Instant.parse("2026-11-18T10:00:00Z"), TimeBound.parse("7d", NOW, BERLIN));
        assertEquals(Instant.parse("2026-11-11T10:00:00Z"), TimeBound.parse("2w", NOW, BERLIN));
    }

    @Test
    void isoInstantsOffsetsLocalTimesAndDates() throws Exception {
        assertEquals(Instant.parse("2026-11-25T08:30:00Z"), TimeBound.parse("2026-11-25T08:30:00Z", NOW, BERLIN));
        assertEquals(Instant.parse("2026-11-25T07:30:00Z"), TimeBound.parse("2026-11-25T08:30:00+01:00", NOW, BERLIN));
        assertEquals(Instant.parse("2026-11-25T07:30:00Z"), TimeBound.parse("2026-11-25T08:30", NOW, BERLIN));
        assertEquals(Instant.parse("2026-11-25T07:30:15Z"), TimeBound.parse("2026-11-25 08:30:15", NOW, BERLIN));
        assertEquals(Instant.parse("2026-11-24T23:00:00Z"), TimeBound.parse("2026-11-25", NOW, BERLIN));
        assertEquals(Instant.parse("2026-11-24T23:00:00Z"), TimeBound.parse("today", NOW, BERLIN));
        assertEquals(Instant.parse("2026-11-23T23:00:00Z"), TimeBound.parse("yesterday", NOW, BERLIN));
    }

    @Test
    void anythingElseNamesTheFormsAccepted() {
        BadInputException e = assertThrows(BadInputException.class, () -> TimeBound.parse("soon", NOW, BERLIN));
        assertTrue(e.getMessage().contains("\"soon\" is not a time") && e.getMessage().contains("2h"), e.getMessage());
        assertThrows(BadInputException.class, () -> TimeBound.parse("2026-13-01", NOW, BERLIN));
        assertThrows(BadInputException.class, () -> TimeBound.parse("5y", NOW, BERLIN));
    }
}
