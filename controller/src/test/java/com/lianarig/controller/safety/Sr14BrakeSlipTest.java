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

    /**
     * SR-14 (v3): the drive holds only a winch whose position is trusted (SR-23). After a node restart the
     * encoder's lost zero is not a slip, and a real slip on the untrusted winch is an alarm with the brakes left
     * applied: a drive told to "hold" a meaningless position once drove the legs 700 mm up (issue 13).
     */
    @Test
    void noDriveHoldOnAPositionNotTrustedAfterANodeRestart() throws Exception {
        try (RigHarness h = RigHarness.standard(141, dir)) {
            h.boot();
            h.step(500);
            Faults.nodeReset(h.rig, 0);
            assertTrue(h.stepUntil(() -> h.mode() == Mode.FAULT, 1_000), "the restart is a link loss");
            h.step(1_500);
            assertFalse(h.controller.safety().latched(SafetyRule.SR_14), "the lost encoder zero read as a slip");
            Faults.extraLoad(h.rig, 0, 250);
            Faults.brakeSlip(h.rig, SrRig.LEFT, Faults.Brakes.BOTH, 0.02);
            assertTrue(h.stepUntil(() -> h.controller.safety().latched(SafetyRule.SR_14), 10_000), "no SR-14 alarm");
            Fault f = SrRig.latched(h, SafetyRule.SR_14);
            assertTrue(f.cause().contains("not trusted"), f.cause());
            h.everyStep(x -> assertTrue(x.trueBrakesEngaged(SrRig.LEFT) && x.trueBrakesEngaged(SrRig.RIGHT),
                    "a brake was released to hold an untrusted position"));
            h.step(2_000);
        }
    }

    /** I-3: a STOP stops a group the drive holds too; it rests on its brakes, and SR-14 holds it again after a slip. */
    @Test
    void aStopPutsADriveHeldGroupOnItsBrakesAndSr14HoldsItAgain() throws Exception {
        try (RigHarness h = RigHarness.standard(142, dir)) {
            h.boot();
            h.step(500);
            Faults.extraLoad(h.rig, 0, 250);
            Faults.brakeSlip(h.rig, SrRig.LEFT, Faults.Brakes.BOTH, 0.02);
            assertTrue(h.stepUntil(() -> h.controller.safety().latched(SafetyRule.SR_14), 10_000), "no SR-14");
            assertTrue(h.stepUntil(() -> !h.trueBrakesEngaged(SrRig.LEFT), 1_000), "the drive took over");
            h.must(TRAINER, new Command.TakeControl());
            h.must(TRAINER, new Command.Stop());
            assertTrue(h.stepUntil(() -> SrRig.pairBraked(h), 1_000), "STOP: both groups on their brakes");
            double braked = h.truePositionMm(SrRig.LEFT);
            assertTrue(h.stepUntil(() -> !h.trueBrakesEngaged(SrRig.LEFT), 10_000), "SR-14 holds it again");
            h.step(2_000);
            assertTrue(braked - h.truePositionMm(SrRig.LEFT) < 4.5, "slipped " + (braked - h.truePositionMm(SrRig.LEFT)));
            assertTrue(h.truePositionMm(SrRig.LEFT) <= braked + 0.1, "rose after the STOP");
        }
    }
}
