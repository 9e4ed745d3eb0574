package com.lianarig.controller.journal;

import static com.lianarig.controller.journal.JournalTestSupport.flush;
import static com.lianarig.controller.journal.JournalTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full queue never blocks an append: the record is dropped, counted, and a journal.overflow record
 * with the count follows as soon as the writer makes room, so the gap is on record, never silent.
 */
class JournalOverflowTest {
    @TempDir
    Path dir;

    private final JournalTestSupport.Clocks clocks = new JournalTestSupport.Clocks();
    private final FakeJournalFileOps files = new FakeJournalFileOps();

    @Test
    void aFullQueueDropsWithoutBlockingThenTheOverflowRecordReportsTheCount() throws Exception {
        JournalSettings settings = JournalSettings.DEFAULTS.withQueueCapacityRecords(8);
        try (Journal j = JournalTestSupport.open(dir, clocks, settings, files)) {
            files.stallNextForce();
            assertEquals(2, j.append("trip", "{\"i\":0}"));
            assertTrue(files.awaitStalled(), "the writer holds seq 2 in a stalled force");

            long startNanos = System.nanoTime();
            List<Long> seqs = new ArrayList<>();
            for (int i = 1; i <= 60; i++) {
                seqs.add(j.append("trip", "{\"i\":" + i + "}"));
            }
            long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
            assertTrue(files.stalledNow(), "every append returned while the writer was stalled");
            assertTrue(elapsedMs < 1000, "appends took " + elapsedMs + " ms");
            for (int i = 0; i < 8; i++) {
                assertEquals(3 + i, seqs.get(i), "the first 8 fill the queue");
            }
            for (int i = 8; i < 60; i++) {
                assertEquals(Journal.NOT_QUEUED, seqs.get(i), "the rest are dropped");
            }
            JournalStats during = j.stats();
            assertEquals(52, during.droppedOnOverflow());
            assertEquals(8, during.queuedRecords());

            files.release();
            flush(j);
            long after = j.append("reset", "{}");
            assertEquals(12, after, "the overflow record took seq 11");
            flush(j);
            List<JournalRecord> all = readAll(j);
            assertEquals(12, all.size());
            for (int i = 0; i < 12; i++) {
                assertEquals(i + 1, all.get(i).seq());
            }
            JournalRecord overflow = all.get(10);
            assertEquals(Journal.OVERFLOW_KIND, overflow.kind());
            assertTrue(overflow.body().startsWith("{\"dropped\":52,\"firstDropWallTimeMs\":"), overflow.body());
            assertEquals("{\"i\":8}", all.get(9).body(), "the queued records come before the report");
        }
    }

    @Test
    void aQueueFullOfBytesDropsToo() throws Exception {
        JournalSettings settings = new JournalSettings(1000, 4096, 1024, 256,
                JournalSettings.DEFAULTS.closeTimeout(), JournalSettings.DEFAULTS.retryMin(),
                JournalSettings.DEFAULTS.retryMax());
        try (Journal j = JournalTestSupport.open(dir, clocks, settings, files)) {
            files.stallNextForce();
            j.append("trip", "{}");
            assertTrue(files.awaitStalled());
            String body = "x".repeat(1000);
            int queued = 0;
            for (int i = 0; i < 10; i++) {
                if (j.append("state", body) != Journal.NOT_QUEUED) {
                    queued++;
                }
            }
            assertEquals(4, queued, "4 x 1000 bytes fit in 4096");
            assertEquals(6, j.stats().droppedOnOverflow());
            files.release();
            flush(j);
            List<JournalRecord> all = readAll(j);
            assertEquals(Journal.OVERFLOW_KIND, all.get(all.size() - 1).kind());
            assertTrue(all.get(all.size() - 1).body().startsWith("{\"dropped\":6,"));
        }
    }

    @Test
    void aDiskThatNeverWritesNeitherBlocksAppendsNorHangsClose() throws Exception {
        JournalSettings settings = new JournalSettings(100, 1L << 20, 1024, 256, java.time.Duration.ofMillis(300),
                java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(50));
        Journal j = JournalTestSupport.open(dir, clocks, settings, files);
        files.failWrites(Integer.MAX_VALUE, false);
        long startNanos = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            j.append("trip", "{}");
        }
        assertTrue((System.nanoTime() - startNanos) / 1_000_000 < 1000);
        JournalStats stats = j.stats();
        assertTrue(stats.droppedOnOverflow() > 0 && stats.queuedRecords() <= 100, stats.toString());
        assertTrue(!j.flush(java.time.Duration.ofMillis(100)), "nothing becomes durable");
        long closeStart = System.nanoTime();
        j.close();
        assertTrue((System.nanoTime() - closeStart) / 1_000_000 < 3000, "close gave up in time");
        assertTrue(j.stats().writeErrors() > 0);
        assertEquals(Journal.NOT_QUEUED, j.append("trip", "{}"));
    }
}
