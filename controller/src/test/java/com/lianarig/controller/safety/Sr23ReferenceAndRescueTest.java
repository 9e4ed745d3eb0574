package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TECHNICIAN;
import static com.lianarig.controller.RigHarness.TRAINER;
import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import com.lianarig.hal.node.NodeLinkState;
import com.lianarig.sim.fault.Faults;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-23 (I-6), with its recovery: a node restart voids its winches' positions until they are referenced again; meanwhile the
 * brakes stay applied and only the rescue descent moves the legs, in velocity mode, and only down. Judged on
 * the virtual rig's true state: issue 13's first case (the legs rose 700 mm after a node reset).
 */
class Sr23ReferenceAndRescueTest {
    @TempDir
    Path dir;

    /** The client hangs at 900 mm, braked, the trainer in command; then the node restarts. */
    private static RigHarness hangingThenNodeReset(RigHarness h) throws Exception {
        SrRig.ready(h);
        SrRig.moveLegs(h, 900);
        h.holdEnable(false);
        h.step(500);
        Faults.nodeReset(h.rig, 0);
        return h;
    }

    private static boolean linkReady(RigHarness h) {
        return h.io.session(h.model.nodeAddresses()[0]).linkState() == NodeLinkState.READY;
    }

    @Test
    void aNodeResetWhileTheClientHangsMovesNothingAndVoidsThePositions() throws Exception {
        try (RigHarness h = RigHarness.standard(231, dir)) {
            hangingThenNodeReset(h);
            double left = h.truePositionMm(LEFT);
            double right = h.truePositionMm(RIGHT);
            RigHarness.LegRise rise = new RigHarness.LegRise();
            h.everyStep(rise);
            h.everyStep(x -> assertTrue(x.trueBrakesEngaged(LEFT) && x.trueBrakesEngaged(RIGHT),
                    "a brake of the legs opened after the node restarted"));
            assertTrue(h.stepUntil(() -> h.mode() == Mode.FAULT, 1_000), "the restart is a link loss: FAULT");
            h.step(5_000);
            assertEquals(left, h.truePositionMm(LEFT), 0.5, "the left leg moved by itself");
            assertEquals(right, h.truePositionMm(RIGHT), 0.5, "the right leg moved by itself");
            rise.assertAtMost(0.1, 1.0);
            assertFalse(h.controller.safety().view().trusted(LEFT), "position still trusted after the restart");
            assertFalse(h.controller.safety().latched(SafetyRule.SR_14), "the lost encoder zero read as brake slip");
            assertFalse(h.controller.safety().latched(SafetyRule.SR_13), "the lost encoder zero read as a jump");
            // STOP is answered and nothing moves (I-3)
            h.must(TRAINER, new Command.Stop());
            h.step(1_000);
            assertEquals(left, h.truePositionMm(LEFT), 0.5);
        }
    }

    @Test
    void afterANodeResetOnlyTheRescueDescentMovesTheLegsAndOnlyDown() throws Exception {
        try (RigHarness h = RigHarness.standard(232, dir)) {
            hangingThenNodeReset(h);
            assertTrue(h.stepUntil(() -> linkReady(h) || h.mode() == Mode.FAULT, 3_000));
            h.step(1_000);
            h.must(TRAINER, new Command.Reset());
            assertTrue(h.stepUntil(() -> linkReady(h), 3_000), "link ready after the reset");
            h.step(200);
            double up = h.truePositionMm(LEFT);
            h.holdEnable(true);
            Decision jog = h.decide(TRAINER, new Command.Jog(SrRig.LEGS, Command.Jog.Direction.DOWN));
            assertEquals(Refusal.NOT_REFERENCED, jog.refusal(), jog.toString());
            Decision move = h.decide(TRAINER, new Command.MoveTo(SrRig.LEGS, 800));
            assertEquals(Refusal.NOT_REFERENCED, move.refusal(), move.toString());
            h.step(1_000);
            assertEquals(up, h.truePositionMm(LEFT), 0.5, "a refused command moved the legs");

            RigHarness.LegRise rise = new RigHarness.LegRise();
            h.everyStep(rise);
            Decision rescue = h.must(TRAINER, new Command.RescueDescent(true));
            assertTrue(rescue.detail().contains("velocity mode"), rescue.detail());
            h.step(4_000);
            double lowered = up - h.truePositionMm(LEFT);
            assertTrue(lowered > 25 && lowered < 45, "lowered " + lowered + " mm in 4 s at 10 mm/s");
            assertEquals(h.truePositionMm(LEFT), h.truePositionMm(RIGHT), 2, "the pair lowered together");
            h.must(TRAINER, new Command.RescueDescent(false));
            h.step(1_500);
            assertTrue(SrRig.pairBraked(h), "braked once let go");
            rise.assertAtMost(0.1, 1.0);
            assertFalse(h.controller.safety().latched(SafetyRule.SR_19), h.controller.status().faults().toString());
        }
    }

    @Test
    void aTechniciansReferenceRestoresTrustWithoutTrippingSr13() throws Exception {
        try (RigHarness h = RigHarness.standard(233, dir)) {
            hangingThenNodeReset(h);
            assertTrue(h.stepUntil(() -> h.mode() == Mode.FAULT, 1_000));
            h.step(1_000);
            h.must(TRAINER, new Command.Reset());
            assertTrue(h.stepUntil(() -> linkReady(h), 3_000), "link ready after the reset");
            h.step(200);
            double left = h.truePositionMm(LEFT);
            h.must(TRAINER, new Command.ReleaseControl());
            h.must(TECHNICIAN, new Command.TakeControl());
            h.must(TECHNICIAN, new Command.Reference(SrRig.LEGS, left));
            h.step(300);
            assertTrue(h.controller.safety().view().trusted(LEFT) && h.controller.safety().view().trusted(RIGHT), "trusted again");
            assertFalse(h.controller.safety().latched(SafetyRule.SR_13), h.controller.status().faults().toString());
            assertFalse(h.controller.safety().latched(SafetyRule.SR_14), h.controller.status().faults().toString());
            assertEquals(left, h.controller.safety().view().positionMm(LEFT), 0.5, "the host reads the referenced position");
            h.must(TECHNICIAN, new Command.ReleaseControl());
            h.must(TRAINER, new Command.TakeControl());
            assertEquals(Mode.READY, h.mode(), h.controller.status().modeReason());
            SrRig.moveLegs(h, 800);
            assertEquals(600, h.truePositionMm(LEFT), 3, "moves to where it is told once referenced");
        }
    }
}
