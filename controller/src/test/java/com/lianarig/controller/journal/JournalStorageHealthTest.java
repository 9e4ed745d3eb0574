package com.lianarig.controller.journal;

import static com.lianarig.controller.journal.JournalTestSupport.WAIT;
import static com.lianarig.controller.journal.JournalTestSupport.flush;
import static com.lianarig.controller.journal.JournalTestSupport.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-26 / R-9 at the journal: a full disk, free space below 2 x the segment size, a read-only file system,
 * a full write queue and a stalled write are each a storage problem the controller can read at any time
 * ({@link Journal#storageProblem}), counted when they begin (so one that comes and goes between two looks
 * is not missed), and over when the disk is back; nothing is lost silently (every append is durable, or
 * counted as dropped and reported by a {@code journal.overflow} record). The disk is {@link FakeJournalFileOps}
 * behaving like a full or read-only one; {@code JournalOnTmpfsTest} does it for real.
 */
class JournalStorageHealthTest {
    @TempDir
    Path dir;

    private final JournalTestSupport.Clocks clocks = new JournalTestSupport.Clocks();
    private final FakeJournalFileOps disk = new FakeJournalFileOps();
    /** A small queue, fast retries, a 200 ms stall time and a space check every 10 ms. */
    private final JournalSettings settings = new JournalSettings(50, 1L << 20, 16, 256, Duration.ofSeconds(2),
            Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(10));

    private Journal open() throws IOException {
        return JournalTestSupport.open(dir, clocks, settings, disk);
    }

    @Test
    void aFullDiskIsAProblemUntilThereIsRoomAgainAndNothingIsLostSilently() throws Exception {
        try (Journal j = open()) {
            assertNull(j.storageProblem(), "a healthy disk");
            long before = j.storageIncidents();
            disk.freeBytes(0);
            long appended = 0;
            long dropped = 0;
            for (int i = 0; i < 200; i++) {
                if (j.append("fault", "{\"i\":" + i + "}") == Journal.NOT_QUEUED) {
                    dropped++;
                } else {
                    appended++;
                }
            }
            assertTrue(eventually(() -> j.storageProblem() != null && j.storageProblem().contains("No space left")),
                    "said: " + j.storageProblem());
            assertTrue(j.storageProblem().contains(dir.toString()), j.storageProblem());
            assertTrue(dropped > 0, "the queue of 50 filled while nothing could be written");
            assertTrue(j.storageIncidents() >= before + 2, "the failed write and the full queue each began once");
            assertTrue(j.durableSeq() < j.appendedSeq(), "records wait in memory, not on disk");

            disk.freeBytes(64L << 20);
            flush(j);
            assertTrue(eventually(() -> j.storageProblem() == null), "over once written: " + j.storageProblem());
            List<JournalRecord> all = readAll(j);
            long faults = all.stream().filter(r -> r.kind().equals("fault")).count();
            assertEquals(appended, faults, "every queued record written once the disk had room");
            // the drops are reported in overflow records (more than one when the writer got to one between drops)
            long reported = 0;
            for (JournalRecord r : all) {
                if (r.kind().equals(Journal.OVERFLOW_KIND)) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\{\"dropped\":(\\d+),")
                            .matcher(r.body());
                    assertTrue(m.find(), r.body());
                    reported += Long.parseLong(m.group(1));
                }
            }
            assertEquals(dropped, reported, "every dropped record is counted in an overflow record");
            assertEquals(dropped, j.stats().droppedOnOverflow());
        }
    }

    @Test
    void freeSpaceBelowTwoSegmentsIsAProblemBeforeAnyWriteFails() throws Exception {
        try (Journal j = open()) {
            long min = j.minFreeBytes();
            assertEquals(2 * JournalSettings.segmentBytes(JournalTestSupport.ONE_MIB), min);
            disk.freeBytes(min - 1);
            assertTrue(eventually(() -> j.storageProblem() != null), "low space seen by the writer's check");
            assertTrue(j.storageProblem().contains("below 2 x the journal's segment size"), j.storageProblem());
            long seq = j.append("fault", "{}");
            assertTrue(j.awaitDurable(seq, WAIT), "records are still written while there is some room");
            // room again, with a margin: the writer may still copy the record to the safety set after it is
            // durable, and that copy takes some of the room (exactly min flaked under load)
            disk.freeBytes(min + (64 << 10));
            assertTrue(eventually(() -> j.storageProblem() == null), j.storageProblem());
        }
    }

    @Test
    void aFreeSpaceProblemAtOpenIsKnownBeforeTheFirstAppend() throws Exception {
        disk.freeBytes(100_000);
        try (Journal j = open()) {
            assertNotNull(j.storageProblem(), "checked before open returns");
        }
    }

    @Test
    void aReadOnlyFileSystemIsAProblem() throws Exception {
        try (Journal j = open()) {
            disk.readOnly(true);
            j.append("fault", "{}");
            assertTrue(eventually(() -> j.storageProblem() != null && j.storageProblem().contains("Read-only file system")),
                    "said: " + j.storageProblem());
            disk.readOnly(false);
            flush(j);
            assertTrue(eventually(() -> j.storageProblem() == null), j.storageProblem());
        }
    }

    @Test
    void aJournalCannotBeOpenedOnAReadOnlyFileSystemAndSaysWhy() {
        disk.readOnly(true);
        IOException e = assertThrows(IOException.class, this::open);
        assertTrue(e.getMessage().contains("Read-only file system") && e.getMessage().contains(dir.toString()),
                e.getMessage());
    }

    @Test
    void aStalledWriteIsAProblemWhileItLasts() throws Exception {
        try (Journal j = open()) {
            disk.stallNextForce();
            j.append("fault", "{}");
            assertTrue(disk.awaitStalled());
            assertTrue(eventually(() -> Journal.STALLED.equals(j.storageProblem())), "said: " + j.storageProblem());
            disk.release();
            flush(j);
            assertTrue(eventually(() -> j.storageProblem() == null), j.storageProblem());
        }
    }

    @Test
    void aFailureThatComesAndGoesBetweenTwoLooksIsStillCounted() throws Exception {
        try (Journal j = open()) {
            long before = j.storageIncidents();
            disk.failWrites(1, false);
            long seq = j.append("fault", "{}");
            assertTrue(j.awaitDurable(seq, WAIT), "retried and written");
            assertNull(j.storageProblem(), "over already");
            assertEquals(before + 1, j.storageIncidents(), "but it happened");
            assertTrue(j.lastStorageIncident().contains("injected: write failed"), j.lastStorageIncident());
        }
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }
}
