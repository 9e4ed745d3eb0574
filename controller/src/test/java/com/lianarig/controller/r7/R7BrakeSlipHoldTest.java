package com.lianarig.controller.r7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.safety.SafetyRule;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions found by the R-7 campaign (seed 20261184783396): after SR-14 latched, the "drive
 * holds position" lasted only until the node's 50 ms set-point gap (nobody streamed the hold
 * set-point), so the winch braked again on its slipping brakes and drifted unwatched until SR-13
 * saw the pair apart; and a later braking (after a rescue descent) slipped unwatched too.
 */
class R7BrakeSlipHoldTest {
    @TempDir
    Path dir;

    private RigHarness slippingLeftLeg() throws Exception {
        RigHarness h = RigHarness.standard(7, dir);
        h.ready(VirtualClient.reference(90, 1750), RigHarness.profile("c1", 90, 1750));
        h.holdEnable(true);
        h.must(RigHarness.TRAINER, new Command.MoveTo("legs", 900));
        assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 30_000), h.controller.status().toString());
        h.step(500);
        Faults.brakeSlip(h.rig, 0, Faults.Brakes.BOTH, 0.001);
        assertTrue(h.stepUntil(() -> h.controller.safety().latched(SafetyRule.SR_14), 5_000), "SR-14 never latched");
        return h;
    }

    @Test
    void sr14DriveHoldOutlastsTheNodeSetPointGap() throws Exception {
        try (RigHarness h = slippingLeftLeg()) {
            h.step(300);
            double held = h.truePositionMm(0);
            h.step(5_000);
            assertEquals(held, h.truePositionMm(0), h.model.limits().brakeDriftMm(), "the drive must keep holding the slipping winch");
            assertTrue(Math.abs(h.trueVelocityMmPerS(0)) < 0.5, "still held: " + h.trueVelocityMmPerS(0));
            assertFalse(h.controller.safety().latched(SafetyRule.SR_13), h.controller.status().faults().toString());
        }
    }

    @Test
    void sr14SlipAfterARescueDescentIsHeldAgain() throws Exception {
        try (RigHarness h = slippingLeftLeg()) {
            h.step(300);
            h.must(RigHarness.TRAINER, new Command.RescueDescent(true));
            h.step(1_000);
            h.must(RigHarness.TRAINER, new Command.RescueDescent(false));
            h.step(1_000);
            double after = h.truePositionMm(0);
            h.step(5_000);
            assertEquals(after, h.truePositionMm(0), h.model.limits().brakeDriftMm() + 1,
                    "a slipping brake engaged again after the rescue must be held again (SR-14)");
            assertFalse(h.controller.safety().latched(SafetyRule.SR_13), h.controller.status().faults().toString());
        }
    }

    /** Seed 7029570 of base seed 7 (a STOP during the entering stop): only the group whose brakes slip is held by the drive; another one moving stops on its brakes. */
    @Test
    void aGroupMovingWhenSr14LatchesStopsOnItsBrakes() throws Exception {
        try (RigHarness h = RigHarness.standard(9, dir)) {
            h.ready(VirtualClient.reference(90, 1750), RigHarness.profile("c1", 90, 1750));
            h.holdEnable(true);
            h.must(RigHarness.TRAINER, new Command.Jog("left-loop-winch", Command.Jog.Direction.UP));
            h.step(1_000);
            Faults.brakeSlip(h.rig, 0, Faults.Brakes.BOTH, 0.001);
            assertTrue(h.stepUntil(() -> h.controller.safety().latched(SafetyRule.SR_14), 5_000), "SR-14 never latched");
            double top = h.truePositionMm(2);
            h.step(20);
            h.must(RigHarness.TRAINER, new Command.Stop());
            h.everyStep(x -> assertTrue(x.trueVelocityMmPerS(2) > -5, "the loop winch is driven back down at "
                    + x.trueVelocityMmPerS(2) + " mm/s"));
            // a controlled stop from at most 80 mm/s: 1.3 s, then the brakes
            assertTrue(h.stepUntil(() -> h.trueBrakesEngaged(2), 1_500), "the loop winch never braked");
            assertTrue(h.truePositionMm(2) >= top - 1, "ends above where SR-14 latched");
        }
    }

    /** Seed 20261184783523 (the brake-to-drive handover may sag a few mm/s; the 96 mm return was at drive speed): SR-14 took a 96 mm encoder jump for drift and drove the winch 96 mm back at full speed. */
    @Test
    void encoderJumpOnABrakedWinchMovesNothing() throws Exception {
        try (RigHarness h = RigHarness.standard(8, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c1", 70, 1750));
            h.step(500);
            double before = h.truePositionMm(0);
            h.everyStep(x -> assertTrue(Math.abs(x.trueVelocityMmPerS(0)) < 10, "winch 0 moves at " + x.trueVelocityMmPerS(0)));
            Faults.encoderJump(h.rig, 0, -96 * h.winchSim(0).params().countsPerMm());
            h.step(3_000);
            assertTrue(h.controller.safety().latched(SafetyRule.SR_13), h.controller.status().faults().toString());
            assertEquals(before, h.truePositionMm(0), 1.0);
        }
    }
}
