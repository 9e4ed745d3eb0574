package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TECHNICIAN;
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
                double error = Math.abs(s.view().admittedMm(SrRig.LOOP_WINCH) - x.truePositionMm(SrRig.LOOP_WINCH));
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
            jogUpWithTheLeftDriveRunningAhead(h);
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
        // On the supervisor with scripted status frames: on the virtual rig the node's category 1 stop brakes
        // a runaway before its following error reaches 20 mm, so the escalation is shown frame by frame here.
        try (RigHarness h = RigHarness.standard(133, dir)) {
            FakeDrives drives = new FakeDrives();
            long now = 1_000 * RigHarness.MS;
            SafetySupervisor s = FakeDrives.followingLegs(h.model, drives, 500, now);
            var left = h.model.winch(SrRig.LEFT);
            var right = h.model.winch(SrRig.RIGHT);
            int flags = com.lianarig.protocol.WinchStatus.FLAG_REFERENCED
                    | com.lianarig.protocol.WinchStatus.FLAG_DRIVE_POWERED;
            // the left winch runs ahead of its partner and off its set-point: 11 mm apart is a pair drift (cat 1) first
            for (double mm : new double[] {504, 508, 511}) { // 4 mm per 10 ms frame: a runaway, not an encoder jump
                now += 10 * RigHarness.MS;
                s.onWinchStatus(SrRig.RIGHT, com.lianarig.protocol.WinchState.FOLLOWING, right.countsOf(500), 0,
                        right.countsOf(500), flags, com.lianarig.protocol.NodeFault.NONE, now);
                s.onWinchStatus(SrRig.LEFT, com.lianarig.protocol.WinchState.FOLLOWING, left.countsOf(mm), 0,
                        left.countsOf(500), flags, com.lianarig.protocol.NodeFault.NONE, now);
            }
            Fault pair = s.faults().stream().filter(f -> f.rule() == SafetyRule.SR_13).findFirst().orElseThrow();
            assertEquals(StopKind.CAT_1, pair.stop(), "the pair drift comes first: " + pair);
            assertEquals(com.lianarig.protocol.StopCategory.CAT_1, drives.stops.get(drives.stops.size() - 1));
            // it goes on running while stopping: 23 mm off its set-point is a following error: category 0 now
            for (double mm : new double[] {515, 519, 523}) {
                now += 10 * RigHarness.MS;
                s.onWinchStatus(SrRig.LEFT, com.lianarig.protocol.WinchState.STOPPING, left.countsOf(mm), 0,
                        left.countsOf(500), flags, com.lianarig.protocol.NodeFault.NONE, now);
            }
            Fault escalated = s.faults().stream().filter(f -> f.rule() == SafetyRule.SR_13).findFirst().orElseThrow();
            assertEquals(StopKind.CAT_0, escalated.stop(), "escalated to category 0: " + escalated);
            assertEquals(ResetRole.TECHNICIAN, escalated.resetBy());
            assertEquals(com.lianarig.protocol.StopCategory.CAT_0, drives.stops.get(drives.stops.size() - 1),
                    "a category 0 stop went out: " + drives.stops);
        }
    }

    /**
     * The host's own check: a pair that follows a reference the host never admitted (both winches together, the
     * node's echo agreeing with its encoders: a node or line fault the node's own check cannot see) is a
     * following error against the host's set-point: category 0. Scripted status frames on the supervisor, as
     * above: the virtual node always follows what it was sent.
     */
    @Test
    void aPairFollowingAReferenceTheHostNeverAdmittedIsAFollowingError() throws Exception {
        try (RigHarness h = RigHarness.standard(135, dir)) {
            FakeDrives drives = new FakeDrives();
            long now = 1_000 * RigHarness.MS;
            SafetySupervisor s = FakeDrives.followingLegs(h.model, drives, 500, now); // admitted: 500 mm, held there
            int flags = com.lianarig.protocol.WinchStatus.FLAG_REFERENCED
                    | com.lianarig.protocol.WinchStatus.FLAG_DRIVE_POWERED;
            // both winches rise together 4 mm per 10 ms frame (not an encoder jump), each on its node's own reference
            for (double mm = 504; mm <= 524; mm += 4) {
                now += 10 * RigHarness.MS;
                for (int w : new int[] {SrRig.LEFT, SrRig.RIGHT}) {
                    var model = h.model.winch(w);
                    s.onWinchStatus(w, com.lianarig.protocol.WinchState.FOLLOWING, model.countsOf(mm), 0,
                            model.countsOf(mm), flags, com.lianarig.protocol.NodeFault.NONE, now);
                }
            }
            Fault f = s.faults().stream().filter(x -> x.rule() == SafetyRule.SR_13).findFirst()
                    .orElseThrow(() -> new AssertionError("no SR-13 fault 24 mm off the admitted set-point: " + s.faults()));
            assertEquals(StopKind.CAT_0, f.stop(), f.toString());
            assertTrue(f.cause().contains("following error"), f.cause());
            assertEquals(com.lianarig.protocol.StopCategory.CAT_0, drives.stops.get(drives.stops.size() - 1),
                    "a category 0 stop went out: " + drives.stops);
        }
    }

    /**
     * Sr13EncoderJump, the host's own check: an encoder reading that jumps 40 mm between two status frames (the
     * node not flagging it) is category 0 naming the jump, and the winch's position is void (SR-23), so no
     * position-derived action (SR-14's drive hold, the soft limits) uses it. Scripted status frames: the virtual
     * node reports such a glitch itself (NodeFault), which hides the host's check on the rig.
     */
    @Test
    void anEncoderJumpTheNodeDoesNotFlagIsCategoryZeroAndVoidsThePosition() throws Exception {
        try (RigHarness h = RigHarness.standard(136, dir)) {
            FakeDrives drives = new FakeDrives();
            long now = 1_000 * RigHarness.MS;
            SafetySupervisor s = FakeDrives.followingLegs(h.model, drives, 500, now);
            int flags = com.lianarig.protocol.WinchStatus.FLAG_REFERENCED
                    | com.lianarig.protocol.WinchStatus.FLAG_DRIVE_POWERED;
            var left = h.model.winch(SrRig.LEFT);
            now += 10 * RigHarness.MS;
            s.onWinchStatus(SrRig.LEFT, com.lianarig.protocol.WinchState.FOLLOWING, left.countsOf(540), 0,
                    left.countsOf(540), flags, com.lianarig.protocol.NodeFault.NONE, now);
            assertTrue(s.faults().stream().anyMatch(f -> f.rule() == SafetyRule.SR_13 && f.stop() == StopKind.CAT_0
                    && f.cause().contains("jumped")), "no SR-13 encoder jump: " + s.faults());
            assertFalse(s.view().trusted(SrRig.LEFT), "the position of a winch whose encoder jumped is still trusted");
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

    /** The legs jog up; then the left drive runs 10 mm/s faster than its partner: the pair drifts apart (no overspeed). */
    private static void jogUpWithTheLeftDriveRunningAhead(RigHarness h) {
        h.boot();
        h.must(TRAINER, new Command.TakeControl());
        h.holdEnable(true);
        h.must(TRAINER, new Command.Jog("legs", Command.Jog.Direction.UP));
        assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(SrRig.RIGHT) > 15, 3_000), "jogging up");
        Faults.runaway(h.rig, SrRig.LEFT, h.trueVelocityMmPerS(SrRig.RIGHT) + 10);
    }

    /** SR-13's cause present: a technician's reset is refused while the pair is still more than 10 mm apart. */
    @Test
    void resetIsRefusedWhileThePairIsStillApart() throws Exception {
        try (RigHarness h = RigHarness.standard(134, dir)) {
            jogUpWithTheLeftDriveRunningAhead(h);
            assertTrue(h.stepUntil(() -> h.controller.safety().latched(SafetyRule.SR_13), 3_000), "SR-13 latched");
            h.step(1_000);
            assertTrue(Math.abs(h.truePositionMm(SrRig.LEFT) - h.truePositionMm(SrRig.RIGHT)) > 10, "still apart");
            h.must(TRAINER, new Command.ReleaseControl());
            h.must(TECHNICIAN, new Command.TakeControl());
            var d = h.decide(TECHNICIAN, new Command.Reset());
            assertEquals(Refusal.CAUSE_PRESENT, d.refusal(), d.toString());
            assertTrue(d.detail().contains("still apart"), d.detail());
            assertTrue(h.controller.safety().latched(SafetyRule.SR_13), "SR-13 stays latched");
        }
    }
}
