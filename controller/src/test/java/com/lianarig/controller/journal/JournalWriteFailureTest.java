package com.lianarig.controller.journal;

import static com.lianarig.controller.journal.JournalTestSupport.flush;
import static com.lianarig.controller.journal.JournalTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed write, force, segment creation or cursor save is counted and retried; nothing is lost or
 * written twice, and a torn write is cut back before the retry.
 */
class JournalWriteFailureTest {
    @TempDir
    Path dir;

    private final JournalTestSupport.Clocks clocks = new JournalTestSupport.Clocks();
    private final FakeJournalFileOps files = new FakeJournalFileOps();
    private final JournalSettings fastRetry = new JournalSettings(10_000, 4L << 20, 64, 256,
            Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(5));

    private void appendCheckAndReopen(Runnable trouble, int records, int failures) throws Exception {
        List<JournalRecord> before;
        try (Journal j = JournalTestSupport.open(dir, clocks, fastRetry, files)) {
            trouble.run();
            JournalTestSupport.appendRandom(j, new Random(3), records, 200);
            flush(j);
            before = readAll(j);
            assertEquals(records + 1, before.size());
            for (int i = 0; i < before.size(); i++) {
                assertEquals(i + 1, before.get(i).seq());
            }
            assertEquals(failures, j.stats().writeErrors());
            assertEquals(failures, files.injected());
        }
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            assertEquals(0, j.stats().corruptTailsTruncated(), "no torn bytes were left behind");
            List<JournalRecord> after = readAll(j);
            assertEquals(before, after.subList(0, before.size()));
        }
    }

    @Test
    void tornWritesAreCutBackAndRetried() throws Exception {
        appendCheckAndReopen(() -> files.failWrites(3, true), 500, 3);
    }

    @Test
    void failedForcesAreRetried() throws Exception {
        appendCheckAndReopen(() -> files.failForces(4), 500, 4);
    }

    @Test
    void aFailedSegmentCreationIsRetried() throws Exception {
        files.failCreates(1); // the first segment
        try (Journal j = JournalTestSupport.open(dir, clocks, fastRetry, files)) {
            throw new AssertionError("the open record cannot be written: open must fail, not " + j);
        } catch (java.io.IOException expected) {
            assertTrue(expected.getMessage().startsWith("injected"), expected.getMessage());
        }
        // A journal large enough to rotate: the new segment fails to be created twice, then is.
        try (Journal j = JournalTestSupport.open(dir, clocks, fastRetry, files)) {
            files.failCreates(2);
            JournalTestSupport.appendRandom(j, new Random(5), 1500, 200);
            flush(j);
            List<JournalRecord> all = readAll(j);
            assertEquals(1501, all.size());
            assertEquals(1501, all.get(1500).seq());
            assertTrue(JournalTestSupport.segmentFiles(dir).size() >= 2);
            assertEquals(2, j.stats().writeErrors());
        }
    }

    @Test
    void aFailedCursorSaveIsRetried() throws Exception {
        try (Journal j = JournalTestSupport.open(dir, clocks, fastRetry, files)) {
            long seq = j.append("trip", "{}");
            flush(j);
            files.failCursorSaves(2);
            j.markDelivered(seq);
            flush(j);
            assertEquals(2, j.stats().writeErrors());
        }
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            assertEquals(3, j.firstUndelivered());
        }
    }

    @Test
    void recordsAreStillWrittenWhileTheCursorCannotBeSaved() throws Exception {
        try (Journal j = JournalTestSupport.open(dir, clocks, fastRetry, files)) {
            files.failCursorSaves(Integer.MAX_VALUE);
            j.markDelivered(1);
            for (int i = 0; i < 20; i++) {
                long seq = j.append("trip", "{\"i\":" + i + "}");
                assertTrue(j.awaitDurable(seq, JournalTestSupport.WAIT), "a trip is journalled all the same");
            }
            assertTrue(j.stats().writeErrors() > 0);
            assertTrue(!j.flush(Duration.ofMillis(50)), "the cursor is not saved yet");
            files.failCursorSaves(0);
            flush(j);
        }
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            assertEquals(2, j.firstUndelivered());
        }
    }
}
