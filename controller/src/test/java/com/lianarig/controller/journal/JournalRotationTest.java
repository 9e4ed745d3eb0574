package com.lianarig.controller.journal;

import static com.lianarig.controller.journal.JournalTestSupport.ONE_MIB;
import static com.lianarig.controller.journal.JournalTestSupport.flush;
import static com.lianarig.controller.journal.JournalTestSupport.headerFirstSeq;
import static com.lianarig.controller.journal.JournalTestSupport.readAll;
import static com.lianarig.controller.journal.JournalTestSupport.segmentBytes;
import static com.lianarig.controller.journal.JournalTestSupport.segmentFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal stays within its bound: segments of an eighth of it, the oldest deleted first when a
 * new one would not fit, and records deleted before delivery counted.
 */
class JournalRotationTest {
    @TempDir
    Path dir;

    private final JournalTestSupport.Clocks clocks = new JournalTestSupport.Clocks();

    private static long index(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
    }

    @Test
    void segmentSizeIsAnEighthOfTheBoundWithinLimits() {
        assertEquals(128L << 10, JournalSettings.segmentBytes(ONE_MIB));
        assertEquals(8L << 20, JournalSettings.segmentBytes(64L << 20));
        assertEquals(16L << 20, JournalSettings.segmentBytes(4L << 30));
    }

    @Test
    void theBoundHoldsTheOldestGoFirstAndUndeliveredDeletionsAreCounted() throws Exception {
        Random r = new Random(17);
        long delivered = 0;
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            for (int chunk = 0; chunk < 14; chunk++) {
                JournalTestSupport.appendRandom(j, r, 900, 300);
                flush(j);
                assertTrue(segmentBytes(dir) <= ONE_MIB, "chunk " + chunk + ": " + segmentBytes(dir) + " bytes");
                assertEquals(segmentBytes(dir), j.stats().bytes());
                for (Path p : segmentFiles(dir)) {
                    assertTrue(Files.size(p) <= JournalSettings.segmentBytes(ONE_MIB), p + " within a segment's size");
                }
                if (chunk == 1) {
                    delivered = 1500;
                    j.markDelivered(delivered);
                }
            }
            List<Path> segments = segmentFiles(dir);
            assertTrue(segments.size() <= 8, segments.size() + " segments");
            for (int i = 1; i < segments.size(); i++) {
                assertEquals(index(segments.get(i - 1)) + 1, index(segments.get(i)), "the oldest went first");
            }
            assertTrue(index(segments.get(0)) > 1, "rotation deleted some");
            JournalStats s = j.stats();
            long firstSeq = headerFirstSeq(segments.get(0));
            assertEquals(firstSeq, s.firstSeq());
            assertEquals(1 + 14 * 900, s.lastSeq());
            assertEquals(s.lastSeq() - firstSeq + 1, s.records());
            assertEquals(firstSeq - 1 - delivered, s.deletedUndelivered());
            assertEquals(firstSeq, j.firstUndelivered(), "the outbox goes on from the oldest record held");
            assertEquals(firstSeq, j.readFrom(1, 3).get(0).seq(), "a read from a deleted seq starts at the oldest");
            List<JournalRecord> all = readAll(j);
            assertEquals(s.records(), all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(firstSeq + i, all.get(i).seq());
            }
        }
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            assertTrue(segmentBytes(dir) <= ONE_MIB);
            JournalTestSupport.appendRandom(j, r, 900, 300);
            flush(j);
            assertTrue(segmentBytes(dir) <= ONE_MIB);
            List<JournalRecord> all = readAll(j);
            for (int i = 1; i < all.size(); i++) {
                assertEquals(all.get(i - 1).seq() + 1, all.get(i).seq());
            }
        }
    }
}
