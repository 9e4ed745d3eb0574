package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.journal.TestJournals;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-26 and R-9 end to end, judged on the virtual rig's true state: the controller's events go to a real
 * {@link Journal} (its writer thread, segments, space checks) on a disk that fills up or turns read-only
 * ({@link TestJournals}: the file-ops boundary behaving as a full or read-only file system), and the safety
 * core watches that journal's own health, as the service wires it. {@link Sr26StorageTest} scripts the
 * health directly; here nothing is scripted but the disk.
 *
 * <p>The harness steps simulated time while the journal's writer runs in real time: while the journal is
 * healthy each step waits (real time) until what was appended is durable, as a Pi's writer keeps up with
 * its 10 ms steps; once it reports a problem nothing is waited for.
 */
class Sr26RealJournalTest {
    @TempDir
    Path dir;

    /** The rig, its events teed into {@code journal}, the supervisor watching the journal, the motion records' seq. */
    private static final class Wired {
        final Journal journal;
        final AtomicLong lastMotionSeq = new AtomicLong();

        Wired(RigHarness h, Journal journal) {
            this.journal = journal;
            h.alsoJournalTo(new EventLog() {
                @Override
                public void record(String kind, String body) {
                    long seq = journal.append(kind, body);
                    if ("command".equals(kind) && body.contains("\"move-to\"") && body.contains("\"accepted\":true")) {
                        lastMotionSeq.set(seq);
                    }
                }
            });
            h.controller.safety().watchStorage(new StorageHealth() {
                @Override
                public String problem() {
                    return journal.storageProblem();
                }

                @Override
                public long incidents() {
                    return journal.storageIncidents();
                }

                @Override
                public String lastIncident() {
                    return journal.lastStorageIncident();
                }

                @Override
                public long appendedSeq() {
                    return journal.appendedSeq();
                }

                @Override
                public long durableSeq() {
                    return journal.durableSeq();
                }
            });
            h.everyStep(x -> {
                if (journal.storageProblem() == null) {
                    try {
                        journal.awaitDurable(journal.appendedSeq(), Duration.ofMillis(200));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            // never a motion without its record: whenever a leg brake is off for a move, its record is durable
            h.everyStep(x -> {
                long motion = lastMotionSeq.get();
                if (motion > 0 && !(x.trueBrakesEngaged(SrRig.LEFT) && x.trueBrakesEngaged(SrRig.RIGHT))) {
                    assertTrue(journal.durableSeq() >= motion, "a leg brake is released for the move journalled as "
                            + motion + " while the journal is durable only to " + journal.durableSeq());
                }
            });
        }

        String awaitProblem() throws InterruptedException {
            long end = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < end) {
                String p = journal.storageProblem();
                if (p != null) {
                    return p;
                }
                Thread.sleep(5);
            }
            throw new AssertionError("the journal never reported its disk's problem");
        }

        void awaitHealthy() throws InterruptedException {
            long end = System.nanoTime() + 5_000_000_000L;
            while (journal.storageProblem() != null) {
                assertTrue(System.nanoTime() < end, "still: " + journal.storageProblem());
                Thread.sleep(5);
            }
            assertTrue(journal.flush(Duration.ofSeconds(5)), "the queued records written");
        }
    }

    @Test
    void aDiskThatFillsUnderTheRealJournalStopsTheLegsAndNoRecordIsLost() throws Exception {
        TestJournals.OnDisk onDisk = TestJournals.open(dir.resolve("journal"));
        try (Journal journal = onDisk.journal();
                RigHarness h = RigHarness.standard(2601, dir.resolve("rig"))) {
            Wired w = new Wired(h, journal);
            SrRig.ready(h);
            h.holdEnable(true);
            h.must(TRAINER, new Command.MoveTo(SrRig.LEGS, 1_300));
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(SrRig.LEFT) > 70, 10_000), "moving up at full speed");
            double atFill = h.truePositionMm(SrRig.LEFT);
            onDisk.disk().freeBytes(0);
            String problem = w.awaitProblem();
            long stoppedMs = SrRig.msUntil(h, () -> SrRig.bothBraked(h), SrRig.CAT1_STOP_MS, "braked after the disk filled");
            double travelMm = h.truePositionMm(SrRig.LEFT) - atFill;
            assertTrue(travelMm < 60, "the legs went on " + travelMm + " mm after the disk filled (the issue: 400 mm)");
            assertEquals(Mode.FAULT, h.mode(), h.controller.status().modeReason());
            assertTrue(h.controller.safety().latched(SafetyRule.SR_26));
            System.out.printf("SR-26 (real journal): \"%s\"; braked %d ms later, %.1f mm further%n", problem, stoppedMs,
                    travelMm);

            Decision jog = h.decide(TRAINER, new Command.Jog(SrRig.LEGS, Command.Jog.Direction.UP));
            assertFalse(jog.accepted());
            assertTrue(jog.detail().contains("SR-26"), jog.toString());
            double held = h.truePositionMm(SrRig.LEFT);
            h.step(1_000);
            assertEquals(held, h.truePositionMm(SrRig.LEFT), 0.5);

            // room again: what was queued meanwhile is written, the fault and the refusals included
            long queued = journal.appendedSeq();
            onDisk.disk().freeBytes(256L << 20);
            w.awaitHealthy();
            assertTrue(journal.durableSeq() >= queued, "records queued while the disk was full are durable");
            assertTrue(journal.read(1, journal.durableSeq()).stream()
                    .anyMatch(r -> r.kind().equals("fault") && r.body().contains("\"SR-26\"")),
                    "the SR-26 fault is in the journal itself");
            h.must(TRAINER, new Command.Reset());
            h.must(TRAINER, new Command.MoveTo(SrRig.LEGS, 600));
            assertTrue(h.stepUntil(() -> Math.abs(h.truePositionMm(SrRig.LEFT) - held) > 20, 5_000), "moves once reset");
        }
    }

    @Test
    void onAReadOnlyDataDirectoryNoBrakeIsReleasedForAMoveWhoseRecordCannotBeWritten() throws Exception {
        TestJournals.OnDisk onDisk = TestJournals.open(dir.resolve("journal"));
        try (Journal journal = onDisk.journal();
                RigHarness h = RigHarness.standard(2602, dir.resolve("rig"))) {
            Wired w = new Wired(h, journal);
            SrRig.ready(h);
            h.holdEnable(true);
            double at = h.truePositionMm(SrRig.LEFT);
            onDisk.disk().readOnly(true); // a file system remounted read-only after errors; nothing says so yet
            h.must(TRAINER, new Command.MoveTo(SrRig.LEGS, at + 300)); // accepted: its record is queued
            h.step(3_000);
            assertTrue(SrRig.bothBraked(h), "a brake was released for a move whose record was never written");
            assertEquals(at, h.truePositionMm(SrRig.LEFT), 0.5, "the legs moved without their record");
            assertEquals(Mode.FAULT, h.mode(), h.controller.status().modeReason());
            assertTrue(w.awaitProblem().contains("Read-only file system"), journal.storageProblem());
            assertTrue(h.controller.status().faults().toString().contains("Read-only file system"),
                    h.controller.status().faults().toString());
        }
    }
}
