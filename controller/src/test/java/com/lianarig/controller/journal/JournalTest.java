package com.lianarig.controller.journal;

import static com.lianarig.controller.journal.JournalTestSupport.WAIT;
import static com.lianarig.controller.journal.JournalTestSupport.flush;
import static com.lianarig.controller.journal.JournalTestSupport.open;
import static com.lianarig.controller.journal.JournalTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Appending, reading back, numbering across reopens, threads and listeners. */
class JournalTest {
    @TempDir
    Path dir;

    private final JournalTestSupport.Clocks clocks = new JournalTestSupport.Clocks();

    @Test
    void aRecordReadsBackAsAppendedAfterTheOpenRecord() throws Exception {
        try (Journal j = open(dir, clocks)) {
            long trip = j.append("trip", "{\"sr\":1,\"rope\":\"left-leg\",\"loadN\":1503.2}");
            long fault = j.append("fault", "");
            assertEquals(2, trip);
            assertEquals(3, fault);
            flush(j);
            List<JournalRecord> all = readAll(j);
            assertEquals(3, all.size());
            JournalRecord opened = all.get(0);
            assertEquals(1, opened.seq());
            assertEquals(Journal.OPEN_KIND, opened.kind());
            assertEquals(1, opened.session());
            JournalRecord t = all.get(1);
            assertEquals(new JournalRecord(2, t.wallTimeMs(), t.monoNanos(), 1, "trip",
                    "{\"sr\":1,\"rope\":\"left-leg\",\"loadN\":1503.2}"), t);
            assertTrue(t.wallTimeMs() > opened.wallTimeMs() && t.monoNanos() > opened.monoNanos());
            assertEquals("", all.get(2).body());
        }
    }

    @Test
    void numberingContinuesAfterReopenAndEachOpenIsANewSession() throws Exception {
        List<JournalRecord> first;
        try (Journal j = open(dir, clocks)) {
            for (int i = 0; i < 5; i++) {
                j.append("state", "{\"i\":" + i + "}");
            }
            flush(j);
            first = readAll(j);
        }
        try (Journal j = open(dir, clocks)) {
            assertEquals(2, j.session());
            assertEquals(8, j.append("reset", "{}"));
            flush(j);
            List<JournalRecord> all = readAll(j);
            assertEquals(first, all.subList(0, 6));
            assertEquals(Journal.OPEN_KIND, all.get(6).kind());
            assertEquals(7, all.get(6).seq());
            assertEquals(2, all.get(6).session());
            assertEquals(2, all.get(7).session());
        }
        try (Journal j = open(dir, clocks)) {
            assertEquals(3, j.session());
            assertEquals(10, j.append("reset", "{}"));
        }
    }

    @Test
    void manyThreadsAppendAndDiskOrderIsSeqOrderWithoutGaps() throws Exception {
        int threads = 8;
        int perThread = 1000; // 8,000 in all: within the queue, so nothing is dropped
        Map<Long, String> bodies = new ConcurrentHashMap<>();
        try (Journal j = open(dir, clocks)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String body = "{\"t\":" + thread + ",\"i\":" + i + "}";
                        long seq = j.append("command", body);
                        assertTrue(seq > 0, "queued");
                        bodies.put(seq, body);
                        mine.add(seq);
                    }
                    return mine;
                }));
            }
            go.countDown();
            for (Future<List<Long>> f : futures) {
                List<Long> mine = f.get(30, TimeUnit.SECONDS);
                for (int i = 1; i < mine.size(); i++) {
                    assertTrue(mine.get(i) > mine.get(i - 1), "a thread's seqs rise");
                }
            }
            pool.shutdown();
            flush(j);
            List<JournalRecord> all = readAll(j);
            assertEquals(1 + threads * perThread, all.size());
            for (int i = 0; i < all.size(); i++) {
                JournalRecord r = all.get(i);
                assertEquals(i + 1, r.seq(), "no gap");
                if (i > 0) {
                    assertEquals(bodies.get(r.seq()), r.body());
                    assertTrue(r.monoNanos() > all.get(i - 1).monoNanos(), "monotonic time follows seq");
                }
            }
        }
    }

    @Test
    void listenersHearTheDurableSeqAndCanReadIt() throws Exception {
        try (Journal j = open(dir, clocks)) {
            List<Long> heard = new CopyOnWriteArrayList<>();
            List<String> readInListener = new CopyOnWriteArrayList<>();
            CountDownLatch heardIt = new CountDownLatch(1);
            j.addAppendListener(seq -> {
                heard.add(seq);
                try {
                    readInListener.add(j.readFrom(seq, 1).get(0).kind());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                if (seq >= 2) {
                    heardIt.countDown();
                }
            });
            long seq = j.append("calibration-use", "{\"channel\":\"VR-0001/2\"}");
            assertEquals(2, seq);
            assertTrue(heardIt.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(List.of(2L), heard);
            assertEquals(List.of("calibration-use"), readInListener);
        }
    }

    @Test
    void recordsBeyondTheTailCacheAreReadFromDisk() throws Exception {
        Random r = new Random(7);
        try (Journal j = open(dir, clocks)) {
            JournalTestSupport.appendRandom(j, r, 2000, 120);
            flush(j);
            List<JournalRecord> all = readAll(j);
            assertEquals(2001, all.size());
            // Paged reads from arbitrary points, forwards, agree with the whole.
            for (int k = 0; k < 50; k++) {
                long from = 1 + r.nextInt(2001);
                int max = 1 + r.nextInt(300);
                List<JournalRecord> page = j.readFrom(from, max);
                assertEquals(all.subList((int) from - 1, (int) Math.min(2001, from - 1 + max)), page);
            }
            assertEquals(all.subList(99, 200), j.read(100, 200));
            Iterator<JournalRecord> it = j.records(1995);
            List<JournalRecord> rest = new ArrayList<>();
            it.forEachRemaining(rest::add);
            assertEquals(all.subList(1994, 2001), rest);
        }
        try (Journal j = open(dir, clocks)) {
            assertEquals(2002, readAll(j).size());
        }
    }

    @Test
    void aSecondOpenOfTheSameJournalIsRefused() throws Exception {
        try (Journal j = open(dir, clocks)) {
            IOException e = assertThrows(IOException.class, () -> open(dir, clocks));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
            assertEquals(2, j.append("state", "{}"));
        }
        try (Journal j = open(dir, clocks)) {
            assertEquals(2, j.session());
        }
    }

    @Test
    void afterCloseAppendsAreNotQueuedAndReadsRefused() throws Exception {
        Journal j = open(dir, clocks);
        j.append("state", "{}");
        j.close();
        j.close();
        assertEquals(Journal.NOT_QUEUED, j.append("state", "{}"));
        assertThrows(IllegalStateException.class, () -> j.readFrom(1, 1));
        assertEquals(2, j.stats().lastSeq(), "close wrote what was queued");
    }

    @Test
    void statsCountWhatIsHeld() throws Exception {
        try (Journal j = open(dir, clocks)) {
            for (int i = 0; i < 10; i++) {
                j.append("state", "{}");
            }
            flush(j);
            JournalStats s = j.stats();
            assertEquals(1, s.session());
            assertEquals(1, s.firstSeq());
            assertEquals(11, s.lastSeq());
            assertEquals(11, s.records());
            assertEquals(1, s.segments());
            assertEquals(JournalTestSupport.segmentBytes(dir), s.bytes());
            assertEquals(0, s.queuedRecords());
            assertEquals(0, s.droppedOnOverflow() + s.deletedUndelivered() + s.corruptTailsTruncated()
                    + s.corruptSegments() + s.corruptRecordsFound() + s.cursorFallbacks() + s.writeErrors());
            assertFalse(j.readFrom(12, 10).iterator().hasNext());
        }
    }
}
