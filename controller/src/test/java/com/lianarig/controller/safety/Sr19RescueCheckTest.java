package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TRAINER;
import static com.lianarig.controller.safety.SrRig.LEFT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import com.lianarig.sim.fault.Faults;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-19 (v3): the rescue descent is verified: moving down (and the leg load not rising) within 300 ms, never
 * rising 1 mm, else category 0 and the manual procedure (issue 13: the rescue was accepted and lifted the client).
 */
class Sr19RescueCheckTest {
    @TempDir
    Path dir;

    /** The client hangs at 900 mm; the loop's load cell fails: FAULT, the rescue is the only motion. */
    private static void faultWithTheClientUp(RigHarness h) throws Exception {
        SrRig.ready(h);
        SrRig.moveLegs(h, 900);
        Faults.channelDisconnected(h.rig, 2);
        assertTrue(h.stepUntil(() -> h.mode() == Mode.FAULT, 500), "FAULT");
        h.step(500);
        h.holdEnable(true);
    }

    @Test
    void aRescueThatLiftsIsCutAtOnceAndSendsToTheManualProcedure() throws Exception {
        try (RigHarness h = RigHarness.standard(1901, dir)) {
            faultWithTheClientUp(h);
            double up = h.truePositionMm(LEFT);
            Faults.runaway(h.rig, LEFT, 5); // the left drive turns up whatever it is told
            h.must(TRAINER, new Command.RescueDescent(true));
            assertTrue(h.stepUntil(() -> h.controller.safety().latched(SafetyRule.SR_19), 1_000), "SR-19 never acted; "
                    + h.controller.status().faults());
            h.step(200);
            assertTrue(SrRig.pairBraked(h), "category 0: both brakes");
            assertTrue(h.truePositionMm(LEFT) < up + 1.5, "lifted " + (h.truePositionMm(LEFT) - up) + " mm");
            Fault f = SrRig.latched(h, SafetyRule.SR_19);
            assertEquals(StopKind.CAT_0, f.stop());
            assertTrue(f.cause().contains("manual"), f.cause());
            var again = h.decide(TRAINER, new Command.RescueDescent(true));
            assertEquals(Refusal.DRIVES_REFUSED, again.refusal(), "the rescue is not tried again: " + again);
        }
    }

    @Test
    void aRescueThatDoesNotLowerIsCutWithinItsCheckTime() throws Exception {
        try (RigHarness h = RigHarness.standard(1902, dir)) {
            faultWithTheClientUp(h);
            Faults.runaway(h.rig, LEFT, 0.05); // the left drum is jammed: it creeps, it does not lower
            h.must(TRAINER, new Command.RescueDescent(true));
            long ms = SrRig.msUntil(h, () -> h.controller.safety().latched(SafetyRule.SR_19), 2_000, "SR-19");
            assertTrue(ms <= 700, "cut after " + ms + " ms (release, then 300 ms of downward set-points)");
            assertTrue(SrRig.latched(h, SafetyRule.SR_19).cause().contains("did not lower"),
                    SrRig.latched(h, SafetyRule.SR_19).cause());
        }
    }

    /**
     * "At no moment may a winch rise more than 1 mm": a drive that turns up at 20 mm/s is cut on the rise
     * itself, long before the 300 ms check of the descent would see it (20 mm/s x 300 ms = 6 mm).
     */
    @Test
    void aRescueThatLiftsFastIsCutOnTheFirstMillimetre() throws Exception {
        try (RigHarness h = RigHarness.standard(1904, dir)) {
            faultWithTheClientUp(h);
            double up = h.truePositionMm(LEFT);
            Faults.runaway(h.rig, LEFT, 20);
            h.must(TRAINER, new Command.RescueDescent(true));
            assertTrue(h.stepUntil(() -> h.controller.safety().latched(SafetyRule.SR_19), 1_000), "SR-19 never acted; "
                    + h.controller.status().faults());
            h.step(200);
            assertTrue(SrRig.pairBraked(h), "category 0: both brakes");
            double liftedMm = h.truePositionMm(LEFT) - up;
            assertTrue(liftedMm < 2.5, "lifted " + liftedMm + " mm");
            assertTrue(SrRig.latched(h, SafetyRule.SR_19).cause().contains("lifted"), SrRig.latched(h, SafetyRule.SR_19).cause());
        }
    }

    /** A rescue descent under which the leg ropes' load rises by more than 3 kg is pulling on the client: cut. */
    @Test
    void aRescueThatRaisesTheLegLoadIsCut() throws Exception {
        try (RigHarness h = RigHarness.standard(1905, dir)) {
            faultWithTheClientUp(h);
            h.must(TRAINER, new Command.RescueDescent(true));
            SrRig.extraKg(h, LEFT, 8); // below SR-2's 15 kg margin: only the rescue check sees it
            long ms = SrRig.msUntil(h, () -> h.controller.safety().latched(SafetyRule.SR_19), 2_000, "SR-19");
            assertTrue(ms <= 700, "cut after " + ms + " ms");
            assertTrue(SrRig.latched(h, SafetyRule.SR_19).cause().contains("leg load"),
                    SrRig.latched(h, SafetyRule.SR_19).cause());
        }
    }

    @Test
    void aNormalRescueIsNotCut() throws Exception {
        try (RigHarness h = RigHarness.standard(1903, dir)) {
            faultWithTheClientUp(h);
            double up = h.truePositionMm(LEFT);
            h.must(TRAINER, new Command.RescueDescent(true));
            h.step(3_000);
            assertTrue(up - h.truePositionMm(LEFT) > 15, "lowered " + (up - h.truePositionMm(LEFT)) + " mm");
            assertTrue(!h.controller.safety().latched(SafetyRule.SR_19), h.controller.status().faults().toString());
        }
    }
}
