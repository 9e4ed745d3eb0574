package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import com.lianarig.sim.fault.Faults;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-14: brakes engaged and drift > 3 mm: the drive holds the position, alarm, technician reset. */
class Sr14BrakeSlipTest {
    @TempDir
    Path dir;

    @Test
    void slippingBrakeIsCaughtAndTheDriveHoldsThePosition() throws Exception {
        try (RigHarness h = RigHarness.standard(14, dir)) {
            h.boot();
            h.step(500);
            double braked = h.truePositionMm(SrRig.LEFT);
            // a load on the rope and both brakes at 2 % of their rated hold: the drum creeps down
            Faults.extraLoad(h.rig, 0, 250);
            Faults.brakeSlip(h.rig, SrRig.LEFT, Faults.Brakes.BOTH, 0.02);
            double[] worst = {0};
            h.everyStep(x -> worst[0] = Math.max(worst[0], braked - x.truePositionMm(SrRig.LEFT)));
            assertTrue(h.stepUntil(() -> h.controller.safety().latched(SafetyRule.SR_14), 10_000),
                    "no SR-14 fault; drift " + (braked - h.truePositionMm(SrRig.LEFT)) + " mm");
            h.step(3_000);
            // detected at 3 mm; the drive takes over within a status frame and the release time
            assertTrue(worst[0] < 4.5, "drifted " + worst[0] + " mm" + h.controller.status() + h.journal);
            double p = h.truePositionMm(SrRig.LEFT);
            h.step(3_000);
            assertEquals(p, h.truePositionMm(SrRig.LEFT), 0.5, "held by the drive");
            assertTrue(worst[0] < 4.5, "drifted " + worst[0] + " mm" + h.controller.status() + h.journal);
            Fault f = h.controller.safety().faults().stream().filter(x -> x.rule() == SafetyRule.SR_14).findFirst()
                    .orElseThrow();
            assertEquals(ResetRole.TECHNICIAN, f.resetBy());
            assertEquals(Mode.FAULT, h.mode());
            assertTrue(h.journalHas("\"SR-14\""), "journalled: " + h.journal);
            h.must(TRAINER, new Command.TakeControl());
            assertFalse(h.decide(TRAINER, new Command.Reset()).accepted(), "a trainer cannot reset SR-14");
        }
    }
}
