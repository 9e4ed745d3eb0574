package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-13: following error > 20 mm (cat 0) or a pair > 10 mm apart (cat 1), latched for a technician. */
class Sr13FollowingAndPairTest {
    @TempDir
    Path dir;

    private RigHarness movingUp(long seed) throws Exception {
        RigHarness h = RigHarness.standard(seed, dir);
        h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c13", 70, 1750));
        h.holdEnable(true);
        h.must(TRAINER, new Command.MoveTo("legs", 1_000));
        assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(SrRig.LEFT) > 30, 5_000), "moving up");
        return h;
    }

    @Test
    void runawayDriveIsCutWithinItsDeadline() throws Exception {
        // the finger-loop winch is not paired: only the following error can catch its runaway
        try (RigHarness h = RigHarness.standard(131, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c13", 70, 1750));
            h.holdEnable(true);
            h.must(TRAINER, new Command.MoveTo("left-loop-winch", 2_300));
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(SrRig.LOOP_WINCH) > 30, 5_000), "moving up");
            SafetySupervisor s = h.controller.safety();
            long[] overAt = {-1};
            h.everyStep(x -> {
                double error = Math.abs(s.admittedMm(SrRig.LOOP_WINCH) - x.truePositionMm(SrRig.LOOP_WINCH));
                if (overAt[0] < 0 && error > 20) {
                    overAt[0] = x.now;
                }
            });
            // the drive runs down at 40 mm/s whatever it is told (below SR-3's overspeed trip)
            Faults.runaway(h.rig, SrRig.LOOP_WINCH, -40);
            assertTrue(h.stepUntil(() -> overAt[0] >= 0, 2_000), "following error never exceeded 20 mm"
                    + h.controller.status() + h.journal);
            // cat 0: within two status frames (20 ms) and the brakes' engage time (30 ms) the drum is held
            h.step(60);
            assertTrue(h.trueBrakesEngaged(SrRig.LOOP_WINCH), "brakes engaged 60 ms after 20 mm following error");
            double p = h.truePositionMm(SrRig.LOOP_WINCH);
            h.step(1_000);
            assertEquals(p, h.truePositionMm(SrRig.LOOP_WINCH), 1.0, "the runaway winch stays put");
            assertLatchedForTechnician(h, "following error");
        }
    }

    @Test
    void pairDriftStopsBothWinches() throws Exception {
        try (RigHarness h = RigHarness.standard(132, dir)) {
            h.boot();
            h.must(TRAINER, new Command.TakeControl());
            h.holdEnable(true);
            h.must(TRAINER, new Command.Jog("legs", Command.Jog.Direction.UP));
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(SrRig.RIGHT) > 15, 3_000), "jogging up");
            // the left drive runs 10 mm/s faster than its partner: the pair drifts apart (no overspeed)
            Faults.runaway(h.rig, SrRig.LEFT, h.trueVelocityMmPerS(SrRig.RIGHT) + 10);
            long[] apartAt = {-1};
            h.everyStep(x -> {
                if (apartAt[0] < 0 && Math.abs(x.truePositionMm(SrRig.LEFT) - x.truePositionMm(SrRig.RIGHT)) > 10) {
                    apartAt[0] = x.now;
                }
            });
            assertTrue(h.stepUntil(() -> apartAt[0] >= 0, 3_000), "pair never drifted 10 mm apart");
            h.step(1_000);
            assertTrue(SrRig.bothBraked(h), "both brakes engaged 1 s after the pair was 10 mm apart");
            assertEquals(0, h.trueVelocityMmPerS(SrRig.LEFT), 0.5);
            assertEquals(0, h.trueVelocityMmPerS(SrRig.RIGHT), 0.5);
            assertLatchedForTechnician(h, "apart");
        }
    }

    @Test
    void followingErrorAfterAPairDriftEscalatesToCategoryZero() throws Exception {
        try (RigHarness h = RigHarness.standard(133, dir)) {
            h.boot();
            h.must(TRAINER, new Command.TakeControl());
            h.holdEnable(true);
            h.must(TRAINER, new Command.Jog("legs", Command.Jog.Direction.UP));
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(SrRig.RIGHT) > 15, 3_000), "jogging up");
            // The left drive runs away 40 mm/s faster than its partner and ignores a category 1 stop: 10 mm apart
            // (pair drift, cat 1) comes first, the 20 mm following error after it while the pair is stopping.
            Faults.runaway(h.rig, SrRig.LEFT, h.trueVelocityMmPerS(SrRig.RIGHT) + 40);
            SafetySupervisor s = h.controller.safety();
            assertTrue(h.stepUntil(() -> s.latched(SafetyRule.SR_13), 3_000), "pair drift never latched");
            Fault pair = SrRig.latched(h, SafetyRule.SR_13);
            assertEquals(StopKind.CAT_1, pair.stop(), "the pair drift comes first: " + pair);
            assertTrue(pair.cause().contains("apart"), pair.cause());
            long t0 = h.now;

            // The category 1 stop cannot stop the runaway: the growing following error must cut it (category 0).
            long brakedMs = SrRig.msUntil(h, () -> h.trueBrakesEngaged(SrRig.LEFT)
                    && Math.abs(h.trueVelocityMmPerS(SrRig.LEFT)) < 0.5, 3_000, "runaway winch braked");
            Fault escalated = SrRig.latched(h, SafetyRule.SR_13);
            assertEquals(StopKind.CAT_0, escalated.stop(), "escalated to category 0: " + escalated);
            assertEquals(ResetRole.TECHNICIAN, escalated.resetBy());
            // from 10 mm apart the error passes 20 mm within about 10 mm / 10 mm/s after the partner slows, plus
            // two status frames and the brakes' engage time
            assertTrue(brakedMs <= 1_500, "runaway braked " + brakedMs + " ms after the pair drift latched");
            assertTrue(escalated.atNanos() > t0 - RigHarness.MS, "the category 0 fault followed the pair drift");
            double p = h.truePositionMm(SrRig.LEFT);
            h.step(1_000);
            assertEquals(p, h.truePositionMm(SrRig.LEFT), 1.0, "the runaway winch stays put");
            assertTrue(SrRig.pairBraked(h), "both brakes engaged");
            assertEquals(2, h.journal.stream().filter(j -> j.startsWith("fault ") && j.contains("\"SR-13\"")).count(),
                    "the pair drift and its escalation are both journalled: " + h.journal);
            assertEquals(Mode.FAULT, h.mode());
        }
    }

    private static void assertLatchedForTechnician(RigHarness h, String causeFragment) {
        h.step(50);
        assertEquals(Mode.FAULT, h.mode(), h.controller.status().modeReason());
        Fault f = h.controller.safety().faults().stream().filter(x -> x.rule() == SafetyRule.SR_13).findFirst()
                .orElseThrow(() -> new AssertionError("no SR-13 fault: " + h.controller.safety().faults()));
        assertEquals(ResetRole.TECHNICIAN, f.resetBy());
        assertTrue(h.controller.safety().faults().stream().anyMatch(x -> x.cause().contains(causeFragment)),
                "a fault naming '" + causeFragment + "': " + h.controller.safety().faults());
        assertTrue(h.journalHas("\"SR-13\""), "journalled");
        var d = h.decide(TRAINER, new Command.Reset());
        assertFalse(d.accepted(), "a trainer cannot reset SR-13");
        assertEquals(Refusal.CAUSE_PRESENT, d.refusal());
        assertTrue(d.detail().contains("technician"), d.detail());
    }
}
