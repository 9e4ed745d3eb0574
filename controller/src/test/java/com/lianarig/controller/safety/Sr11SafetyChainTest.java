package com.lianarig.controller.safety;

import static com.lianarig.controller.safety.SrRig.LEFT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import com.lianarig.sim.physics.SafetyChainSim;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-11: the safety chain reads tripped: ESTOP at once; no motion until it reads healthy AND a trainer resets. */
class Sr11SafetyChainTest {
    @TempDir
    Path dir;

    @Test
    void clientStopDuringAscentIsAnEstopUntilHealthyAndReset() throws Exception {
        try (RigHarness h = RigHarness.standard(111, dir)) {
            SrRig.ready(h);
            SrRig.startMove(h, 1300);
            h.step(1_500);
            assertTrue(h.trueVelocityMmPerS(LEFT) > 70);
            h.rig.physics().safetyChain().open(SafetyChainSim.Stop.CLIENT_STOP);
            long brakedMs = SrRig.msUntil(h, () -> SrRig.pairBraked(h) && SrRig.pairStill(h), 1_000, "braked");
            assertTrue(brakedMs <= 60, "braked after " + brakedMs + " ms");
            SrRig.msUntil(h, () -> h.mode() == Mode.ESTOP, 20, "ESTOP");
            Fault f = SrRig.latched(h, SafetyRule.SR_11);
            assertEquals(ResetRole.TRAINER, f.resetBy());
            assertTrue(SrRig.journalledFault(h, "SR-11", "trainer"), h.journal.toString());

            // No motion while tripped, and no reset while the chain reads tripped.
            double held = h.truePositionMm(LEFT);
            assertEquals(Refusal.ESTOP, h.decide(RigHarness.TRAINER, new Command.MoveTo(SrRig.LEGS, 1300)).refusal());
            assertEquals(Refusal.CAUSE_PRESENT, h.decide(RigHarness.TRAINER, new Command.Reset()).refusal());
            h.step(500);
            assertEquals(held, h.truePositionMm(LEFT), 0.5);

            // Healthy again: still no motion until the trainer resets.
            h.rig.physics().safetyChain().close(SafetyChainSim.Stop.CLIENT_STOP);
            h.step(300);
            assertEquals(Mode.ESTOP, h.mode());
            assertFalse(h.decide(RigHarness.TRAINER, new Command.MoveTo(SrRig.LEGS, 1300)).accepted());
            h.step(500);
            assertEquals(held, h.truePositionMm(LEFT), 0.5);
            h.must(RigHarness.TRAINER, new Command.Reset());
            assertEquals(Mode.READY, h.mode());
            h.step(100); // the nodes clear their power-loss trips
            SrRig.moveLegs(h, 1000);
            assertTrue(h.truePositionMm(LEFT) > held + 50, "moves again after the reset");
        }
    }
}
