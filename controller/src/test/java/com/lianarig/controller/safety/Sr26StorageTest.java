package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-26 on the virtual rig, judged on its true state (issue 14: with the data directory on a full disk the
 * rig still moved the legs 400 mm at 80 mm/s; journal writes and MQTT events stopped silently). A journal
 * write failure, a full queue or low space latch a fault: a running motion ends with a category 1 stop, no
 * new motion starts, READY and motion commands are refused naming the cause, and a trainer resets it once
 * the storage is healthy. Never a motion without its journal record: no brake is released for a motion
 * before the journal is durable up to the step that accepted it.
 *
 * <p>The journal is the harness's list of records on a {@link TestDisk} the test fills, stalls or frees;
 * the journal's own reports of these conditions are {@code JournalStorageHealthTest}'s and
 * {@code JournalOnTmpfsTest}'s.
 */
class Sr26StorageTest {
    @TempDir
    Path dir;

    /**
     * A journal disk under the test's control, over the harness's list of records: each record is durable as
     * soon as it is listed, unless the disk is full or stalled (then nothing more becomes durable).
     */
    static final class TestDisk implements StorageHealth {
        static final String FULL = "the journal cannot write to /var/lib/liana-rig/journal: No space left on device"
                + " (SR-26)";
        private final List<String> records;
        private volatile String problem;
        private volatile long incidents;
        private volatile String lastIncident;
        private volatile boolean frozen;
        private long durable;

        TestDisk(List<String> records) {
            this.records = records;
        }

        /** The disk fills: writes fail from now on. */
        void fill() {
            frozen = true;
            problem = FULL;
            incidents++;
            lastIncident = FULL;
        }

        /** Writes hang without failing (yet): nothing more becomes durable, and nothing says so. */
        void stall() {
            frozen = true;
        }

        /** Room again: everything listed is durable. */
        void free() {
            frozen = false;
            problem = null;
        }

        /** A write failed and the retry succeeded, between two ticks. */
        void blip() {
            incidents++;
            lastIncident = "the journal cannot write to /var/lib/liana-rig/journal: Input/output error (SR-26)";
        }

        @Override
        public String problem() {
            return problem;
        }

        @Override
        public long incidents() {
            return incidents;
        }

        @Override
        public String lastIncident() {
            return lastIncident;
        }

        @Override
        public long appendedSeq() {
            return records.size();
        }

        @Override
        public synchronized long durableSeq() {
            if (!frozen) {
                durable = records.size();
            }
            return durable;
        }
    }

    private static TestDisk disk(RigHarness h) {
        TestDisk disk = new TestDisk(h.journal);
        h.controller.safety().watchStorage(disk);
        return disk;
    }

    @Test
    void aDiskThatFillsDuringAMoveStopsItAndNothingMovesUntilItIsFreedAndReset() throws Exception {
        try (RigHarness h = RigHarness.standard(26, dir)) {
            SrRig.ready(h);
            TestDisk disk = disk(h);
            h.holdEnable(true);
            h.must(TRAINER, new Command.MoveTo(SrRig.LEGS, 1_300));
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(SrRig.LEFT) > 70, 10_000), "moving up at full speed");
            double atFill = h.truePositionMm(SrRig.LEFT);
            disk.fill();
            long stoppedMs = SrRig.msUntil(h, () -> SrRig.bothBraked(h), SrRig.CAT1_STOP_MS, "braked after the disk filled");
            double travelMm = h.truePositionMm(SrRig.LEFT) - atFill;
            // category 1 from 80 mm/s at 100 mm/s^2, jerk-limited: about 40 mm, never the 400 mm of the issue
            assertTrue(travelMm < 60, "the legs went on " + travelMm + " mm after the disk filled");
            assertEquals(Mode.FAULT, h.mode(), h.controller.status().modeReason());
            assertTrue(h.controller.safety().latched(SafetyRule.SR_26));
            assertTrue(h.journalHas("\"rule\":\"SR-26\"") && h.journalHas("No space left on device"),
                    "the fault names its cause (queued for the journal, published from memory by MQTT)");
            System.out.printf("SR-26: disk full at %.0f mm, braked %d ms later, %.1f mm further%n", atFill, stoppedMs,
                    travelMm);

            double held = h.truePositionMm(SrRig.LEFT);
            refusedNaming(h, new Command.Jog(SrRig.LEGS, Command.Jog.Direction.UP));
            refusedNaming(h, new Command.MoveTo(SrRig.LEGS, 600));
            Decision reset = h.decide(TRAINER, new Command.Reset());
            assertEquals(Refusal.CAUSE_PRESENT, reset.refusal(), reset.toString());
            assertTrue(reset.detail().contains("SR-26") && reset.detail().contains("No space left"), reset.detail());
            h.step(2_000);
            assertEquals(held, h.truePositionMm(SrRig.LEFT), 0.5, "nothing moved with the enable held");

            disk.free();
            h.step(100);
            assertEquals(held, h.truePositionMm(SrRig.LEFT), 0.5, "nor when the disk had room again: I-1");
            h.must(TRAINER, new Command.Reset());
            h.must(TRAINER, new Command.MoveTo(SrRig.LEGS, 600));
            assertTrue(h.stepUntil(() -> Math.abs(h.truePositionMm(SrRig.LEFT) - held) > 20, 5_000), "moves once reset");
        }
    }

    @Test
    void aFullDiskRefusesReadyAndEveryMotionAndNothingMoves() throws Exception {
        try (RigHarness h = RigHarness.standard(261, dir).boot()) {
            TestDisk disk = disk(h);
            h.preUse.record(java.time.LocalDate.now(RigHarness.WALL), "test", "passed");
            h.profiles.save(RigHarness.profile("c26", 70, 1750));
            h.must(TRAINER, new Command.TakeControl());
            h.must(TRAINER, new Command.Attach("c26"));
            disk.fill();
            h.step(20);
            assertEquals(Mode.FAULT, h.mode());
            refusedNaming(h, new Command.ClientReady());
            double[] before = {h.truePositionMm(0), h.truePositionMm(1), h.truePositionMm(2)};
            h.holdEnable(true);
            refusedNaming(h, new Command.Jog(SrRig.LEGS, Command.Jog.Direction.UP));
            refusedNaming(h, new Command.Jog(SrRig.LEGS, Command.Jog.Direction.DOWN));
            h.step(2_000);
            for (int w = 0; w < before.length; w++) {
                assertEquals(before[w], h.truePositionMm(w), 0.5, "winch " + w + " moved");
                assertTrue(h.trueBrakesEngaged(w), "winch " + w + " released");
            }
        }
    }

    @Test
    void noBrakeIsReleasedForAMotionBeforeItsRecordIsDurable() throws Exception {
        try (RigHarness h = RigHarness.standard(262, dir)) {
            SrRig.ready(h);
            TestDisk disk = disk(h);
            h.holdEnable(true);
            disk.stall();
            h.must(TRAINER, new Command.MoveTo(SrRig.LEGS, 900));
            int commandRecord = indexOf(h, "\"command\":\"move-to\"");
            assertTrue(commandRecord >= 0, "the command is journalled (queued): " + h.journal);
            double at = h.truePositionMm(SrRig.LEFT);
            h.step(500);
            assertTrue(SrRig.bothBraked(h), "brakes released while the command's record was not durable");
            assertEquals(at, h.truePositionMm(SrRig.LEFT), 0.5);
            disk.free();
            long releasedAfterMs = SrRig.msUntil(h, () -> !h.trueBrakesEngaged(SrRig.LEFT), 300, "released once durable");
            assertTrue(disk.durableSeq() >= commandRecord, "released with the command's record durable");
            assertTrue(h.stepUntil(() -> h.truePositionMm(SrRig.LEFT) > at + 10, 5_000), "then it moves");
            System.out.printf("SR-26: brakes released %d ms after the journal caught up%n", releasedAfterMs);

            // a disk that stays stalled: the motion is given up, braked (the group's release times out), nothing moves
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 30_000), h.controller.status().toString());
            h.step(300);
            double rest = h.truePositionMm(SrRig.LEFT);
            disk.stall();
            h.must(TRAINER, new Command.MoveTo(SrRig.LEGS, rest + 200));
            h.step(2_000);
            assertTrue(SrRig.bothBraked(h));
            assertEquals(rest, h.truePositionMm(SrRig.LEFT), 0.5, "moved without its record");
            disk.free();
            h.step(1_000);
            assertEquals(rest, h.truePositionMm(SrRig.LEFT), 0.5, "the given-up motion never resumes by itself: I-1");
        }
    }

    @Test
    void aWriteFailureThatCameAndWentBetweenTwoTicksStillStopsTheMotion() throws Exception {
        try (RigHarness h = RigHarness.standard(263, dir)) {
            SrRig.ready(h);
            TestDisk disk = disk(h);
            h.holdEnable(true);
            h.must(TRAINER, new Command.MoveTo(SrRig.LEGS, 1_300));
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(SrRig.LEFT) > 50, 10_000), "moving up");
            disk.blip();
            SrRig.msUntil(h, () -> SrRig.bothBraked(h), SrRig.CAT1_STOP_MS, "braked after the failed write");
            assertEquals(Mode.FAULT, h.mode());
            assertTrue(h.controller.status().faults().toString().contains("Input/output error (SR-26); it has passed"),
                    h.controller.status().faults().toString());
            h.must(TRAINER, new Command.Reset()); // its cause is gone
        }
    }

    @Test
    void theRescueDescentStaysAvailableWithAFullDisk() throws Exception {
        try (RigHarness h = RigHarness.standard(264, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 700);
            TestDisk disk = disk(h);
            disk.fill();
            h.step(20);
            assertEquals(Mode.FAULT, h.mode());
            double up = h.truePositionMm(SrRig.LEFT);
            h.must(TRAINER, new Command.RescueDescent(true));
            h.step(3_000);
            assertTrue(up - h.truePositionMm(SrRig.LEFT) > 15, "lowered " + (up - h.truePositionMm(SrRig.LEFT))
                    + " mm: SR-19 outranks a full disk");
        }
    }

    private static void refusedNaming(RigHarness h, Command c) {
        Decision d = h.decide(TRAINER, c);
        assertFalse(d.accepted(), c + " accepted");
        assertTrue(d.detail().contains("SR-26") && d.detail().contains("No space left on device"),
                c + " refused without naming the cause: " + d);
    }

    private static int indexOf(RigHarness h, String fragment) {
        for (int i = h.journal.size() - 1; i >= 0; i--) {
            if (h.journal.get(i).contains(fragment)) {
                return i + 1;
            }
        }
        return -1;
    }
}
