package com.lianarig.controller.journal;

import static com.lianarig.controller.journal.JournalTestSupport.flush;
import static com.lianarig.controller.journal.JournalTestSupport.segmentFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session numbers only go up (issue 20, R-6): after the journal lost a damaged segment, the session
 * once restarted at 1, and a command carrying an old session's number could match again. The last
 * session handed out is kept apart from the segments, in an atomically replaced file.
 */
class JournalSessionTest {
    @TempDir
    Path dir;

    private final JournalTestSupport.Clocks clocks = new JournalTestSupport.Clocks();

    private int openAndClose() throws Exception {
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            j.append("trip", "{\"n\":1}");
            flush(j);
            return j.session();
        }
    }

    @Test
    void eachOpenIsTheNextSessionAndTheFileSaysSo() throws Exception {
        assertEquals(1, openAndClose());
        assertEquals(2, openAndClose());
        assertEquals(3, openAndClose());
        assertEquals(new SessionFile.Read(3, null), SessionFile.decode(Files.readAllBytes(dir.resolve("journal.bin.session"))));
    }

    /** The case of the issue: the only segment's header damaged, the segment dropped on open. */
    @Test
    void aJournalThatLostItsSegmentsStillGoesOnFromItsLastSession() throws Exception {
        for (int i = 0; i < 5; i++) {
            openAndClose();
        }
        for (Path p : segmentFiles(dir)) {
            byte[] b = Files.readAllBytes(p);
            b[3] ^= 0x40; // the header's magic: unreadable, and being the last segment it is deleted on open
            Files.write(p, b);
        }
        assertEquals(6, openAndClose(), "not 1: the session file remembers 5");
        deleteSegments();
        assertEquals(7, openAndClose(), "every segment gone: still not 1");
    }

    @Test
    void anUnreadableSessionFileFallsBackToTheHighestSessionInAnySegmentHeader() throws Exception {
        Random r = new Random(3);
        for (int i = 0; i < 4; i++) {
            try (Journal j = JournalTestSupport.open(dir, clocks)) {
                JournalTestSupport.appendRandom(j, r, 900, 300); // several segments, created by several sessions
                flush(j);
            }
        }
        Files.write(dir.resolve("journal.bin.session"), new byte[] {1, 2, 3});
        // the last segment is cut away too: its session must come from the older segments' headers
        Path last = segmentFiles(dir).get(segmentFiles(dir).size() - 1);
        Files.delete(last);
        int session = openAndClose();
        assertTrue(session >= 4, "the session does not go back below the segments' own: " + session);
    }

    @Test
    void aLeftoverTemporaryFileOfAnInterruptedSaveIsRemovedAndIgnored() throws Exception {
        openAndClose();
        Path leftover = dir.resolve(".journal.bin.session.x7k2.tmp");
        Files.write(leftover, SessionFile.encode(1_000));
        assertEquals(2, openAndClose(), "a save that never reached its rename does not count");
        assertFalse(Files.exists(leftover));
    }

    @Test
    void theSessionFileLayoutIsAsDocumented() {
        byte[] b = SessionFile.encode(41);
        assertEquals("4c4a534e010000002900000000000000", java.util.HexFormat.of().formatHex(b, 0, 16));
        assertEquals(new SessionFile.Read(41, null), SessionFile.decode(b));
        b[9] ^= 1;
        assertEquals("CRC mismatch", SessionFile.decode(b).problem());
    }

    private void deleteSegments() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.matches("journal\\.bin\\.(safety\\.)?\\d{8,}")) {
                    Files.delete(p);
                }
            }
        }
    }
}
