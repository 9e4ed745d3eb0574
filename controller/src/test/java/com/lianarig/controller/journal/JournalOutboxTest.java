package com.lianarig.controller.journal;

import static com.lianarig.controller.journal.JournalTestSupport.copyJournal;
import static com.lianarig.controller.journal.JournalTestSupport.flush;
import static com.lianarig.controller.journal.JournalTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal as the MQTT outbox (SPEC section 6, R-4): every record not yet delivered is published,
 * in order, after an outage or a restart; the delivered cursor survives restarts, and a damaged cursor
 * never skips a record.
 */
class JournalOutboxTest {
    @TempDir
    Path dir;

    @TempDir
    Path afterCut;

    private final JournalTestSupport.Clocks clocks = new JournalTestSupport.Clocks();

    /** A broker that can be down; its subscriber dedupes by seq, as MQTT consumers do. */
    private static final class FakeBroker {
        boolean up = true;
        final List<Long> published = new ArrayList<>();

        /** Whether the subscriber has seen every seq from 1 to {@code last}, in order, after deduping. */
        void assertSawInOrder(long last) {
            long expected = 1;
            for (long seq : published) {
                if (seq < expected) {
                    continue; // a duplicate after a restart: dropped by seq
                }
                assertEquals(expected, seq, "published in order, none lost");
                expected++;
            }
            assertEquals(last + 1, expected, "every record published");
        }
    }

    /** What the MQTT publisher does when woken: publish from the first undelivered, mark what was acked. */
    private static void pump(Journal j, FakeBroker broker) throws Exception {
        while (broker.up) {
            List<JournalRecord> batch = j.readFrom(j.firstUndelivered(), 64);
            if (batch.isEmpty()) {
                return;
            }
            for (JournalRecord r : batch) {
                broker.published.add(r.seq());
            }
            j.markDelivered(batch.get(batch.size() - 1).seq());
        }
    }

    @Test
    void everyRecordIsPublishedInOrderAcrossOutagesRestartsAndACrash() throws Exception {
        FakeBroker broker = new FakeBroker();
        Random r = new Random(4);
        Journal j = JournalTestSupport.open(dir, clocks);
        JournalTestSupport.appendRandom(j, r, 300, 80);
        flush(j);
        pump(j, broker);
        broker.up = false;                                  // broker outage
        JournalTestSupport.appendRandom(j, r, 300, 80);
        flush(j);
        pump(j, broker);
        j.close();                                          // service restart during the outage
        j = JournalTestSupport.open(dir, clocks);
        JournalTestSupport.appendRandom(j, r, 100, 80);
        broker.up = true;                                   // broker back
        flush(j);
        pump(j, broker);
        JournalTestSupport.appendRandom(j, r, 50, 80);
        flush(j);
        pump(j, broker);
        // A power cut: the cursor may be behind what was acked; the files are copied as they are.
        JournalTestSupport.appendRandom(j, r, 50, 80);
        j.markDelivered(j.stats().lastSeq() - 10);
        copyJournal(dir, afterCut);
        long last = j.stats().lastSeq();
        j.close();
        try (Journal k = JournalTestSupport.open(afterCut, clocks)) {
            assertTrue(k.firstUndelivered() <= last - 9, "a cursor behind is fine; never ahead");
            pump(k, broker);
            broker.assertSawInOrder(k.stats().lastSeq());
        }
    }

    @Test
    void theDeliveredCursorPersistsAcrossReopen() throws Exception {
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            for (int i = 0; i < 20; i++) {
                j.append("state", "{}");
            }
            flush(j);
            assertEquals(1, j.firstUndelivered());
            j.markDelivered(12);
            j.markDelivered(5); // lower: nothing changes
            assertEquals(13, j.firstUndelivered());
        }
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            assertEquals(13, j.firstUndelivered());
            assertEquals(12, j.stats().deliveredSeq());
            assertEquals(13, j.readFrom(j.firstUndelivered(), 1).get(0).seq());
        }
    }

    @Test
    void onlyDurableRecordsCanBeMarkedDelivered() throws Exception {
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> j.markDelivered(2));
            assertEquals("cannot mark seq 2 delivered: records are durable up to seq 1", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> j.markDelivered(-1));
        }
    }

    @Test
    void aGarbageOrTornCursorFallsBackToTheOldestRecord() throws Exception {
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            for (int i = 0; i < 10; i++) {
                j.append("state", "{}");
            }
            flush(j);
            j.markDelivered(8);
            flush(j);
        }
        Path cursor = dir.resolve("journal.bin.delivered");
        byte[] good = Files.readAllBytes(cursor);
        byte[][] bad = {
            java.util.Arrays.copyOf(good, 12),                   // torn
            new byte[0],                                         // empty
            garbage(good.length),                                // garbage of the right length
            flipped(good, 9),                                    // a flipped bit in the seq
        };
        for (byte[] b : bad) {
            Files.write(cursor, b);
            try (Journal j = JournalTestSupport.open(dir, clocks)) {
                assertEquals(1, j.firstUndelivered(), "republish from the oldest: never skip");
                assertEquals(1, j.stats().cursorFallbacks());
            }
        }
    }

    @Test
    void aTemporaryCursorFileLeftByACrashIsRemovedAndTheCursorKept() throws Exception {
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            j.append("state", "{}");
            flush(j);
            j.markDelivered(2);
            flush(j);
        }
        Path leftover = dir.resolve(".journal.bin.delivered.k3x9.tmp");
        Files.write(leftover, DeliveredCursor.encode(2_000));
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            assertFalse(Files.exists(leftover));
            assertEquals(3, j.firstUndelivered());
        }
    }

    @Test
    void aCursorAheadOfTheRecordsNeverLetsASeqBeReused() throws Exception {
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            j.append("state", "{}");
        }
        Files.write(dir.resolve("journal.bin.delivered"), DeliveredCursor.encode(1000));
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            assertEquals(1002, j.append("state", "{}"), "after the open record, 1001");
            flush(j);
            List<Long> seqs = readAll(j).stream().map(JournalRecord::seq).toList();
            assertEquals(List.of(1L, 2L, 1001L, 1002L), seqs);
            assertEquals(1001, j.firstUndelivered());
        }
        try (Journal j = JournalTestSupport.open(dir, clocks)) {
            assertEquals(0, j.stats().corruptTailsTruncated() + j.stats().corruptRecordsFound());
            assertEquals(List.of(1L, 2L, 1001L, 1002L, 1003L), readAll(j).stream().map(JournalRecord::seq).toList());
        }
    }

    private static byte[] garbage(int n) {
        byte[] b = new byte[n];
        new Random(1).nextBytes(b);
        return b;
    }

    private static byte[] flipped(byte[] b, int at) {
        byte[] out = b.clone();
        out[at] ^= 0x04;
        return out;
    }
}
