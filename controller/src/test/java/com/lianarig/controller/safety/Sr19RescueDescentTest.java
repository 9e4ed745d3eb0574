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
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-19: in FAULT a rescue descent of the pair at 10 mm/s under hold-to-run stays available; nothing else moves. */
class Sr19RescueDescentTest {
    @TempDir
    Path dir;

    @Test
    void rescueDescentLowersTheClientSlowlyWhileOtherMotionIsRefused() throws Exception {
        try (RigHarness h = RigHarness.standard(19, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c19", 70, 1750));
            h.holdEnable(true);
            h.must(TRAINER, new Command.MoveTo("legs", 600));
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 20_000), h.controller.status().toString());
            // a fault with the client up: the loop's load cell disconnects (SR-8)
            Faults.channelDisconnected(h.rig, 2);
            assertTrue(h.stepUntil(() -> h.mode() == Mode.FAULT, 500), "FAULT");
            h.step(500);
            double up = h.truePositionMm(SrRig.LEFT);
            assertTrue(up > 350, "client up at " + up);
            refused(h, new Command.Jog("legs", Command.Jog.Direction.UP));
            refused(h, new Command.Jog("legs", Command.Jog.Direction.DOWN));
            refused(h, new Command.MoveTo("legs", 300));
            refused(h, new Command.AimAt(com.lianarig.config.SpineSegment.L4_L5));
            double rescue = h.model.limits().rescueSpeedMmPerS();
            h.everyStep(x -> {
                for (int w : new int[] {SrRig.LEFT, SrRig.RIGHT}) {
                    assertTrue(x.trueVelocityMmPerS(w) > -rescue * 1.1, "winch " + w + " descends at "
                            + x.trueVelocityMmPerS(w) + " mm/s");
                    assertTrue(x.trueVelocityMmPerS(w) < 1, "winch " + w + " rises");
                }
                assertTrue(x.trueBrakesEngaged(SrRig.LOOP_WINCH), "the loop stays braked");
            });
            h.holdEnable(false);
            Decision noEnable = h.decide(TRAINER, new Command.RescueDescent(true));
            assertEquals(Refusal.NO_ENABLE, noEnable.refusal(), noEnable.toString());
            h.holdEnable(true);
            h.must(TRAINER, new Command.RescueDescent(true));
            h.step(4_000);
            double lowered = up - h.truePositionMm(SrRig.LEFT);
            assertTrue(lowered > 25, "lowered only " + lowered + " mm in 4 s");
            assertEquals(Mode.FAULT, h.mode(), "still FAULT: the rescue resets nothing");
            h.must(TRAINER, new Command.RescueDescent(false));
            h.step(1_000);
            assertTrue(SrRig.bothBraked(h), "braked when the rescue is let go");
        }
    }

    private static void refused(RigHarness h, Command c) {
        Decision d = h.decide(TRAINER, c);
        assertFalse(d.accepted(), c + " accepted in FAULT: " + d);
        h.step(200);
        assertTrue(SrRig.bothBraked(h), c + " released a brake");
    }

    /** The rescue descent is for FAULT (or after a node reset): in READY it is refused and nothing moves. */
    @Test
    void rescueDescentIsRefusedOutsideFault() throws Exception {
        try (RigHarness h = RigHarness.standard(195, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 1000);
            double left = h.truePositionMm(SrRig.LEFT);
            h.holdEnable(true);
            Decision d = h.decide(TRAINER, new Command.RescueDescent(true));
            assertEquals(Refusal.WRONG_STATE, d.refusal(), d.toString());
            h.step(1_000);
            assertEquals(left, h.truePositionMm(SrRig.LEFT), 0.5, "moved");
            assertEquals(Mode.READY, h.mode());
        }
    }
}
