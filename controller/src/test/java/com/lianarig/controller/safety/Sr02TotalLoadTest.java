package com.lianarig.controller.safety;

import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-2: total rope load above expected + max(15 kg, 20 % of body) for 500 ms, or above 150 % of body
 * for 100 ms: category 1 stop, latched; breathing and sway are not a fault; no READY without a client.
 */
class Sr02TotalLoadTest {
    @TempDir
    Path dir;

    /**
     * Ascends at full speed, then someone adds {@code kgPerRope} to each leg rope. (SR-5 slows the
     * ascent on the sudden rise by itself; only SR-2 brakes the pair.)
     *
     * @return {ms from the extra load to the SR-2 latch, ms until the true pair is braked and still}
     */
    private static long[] extraLoadDuringAscent(RigHarness h, double kgPerRope) {
        SrRig.startMove(h, 1300);
        h.step(1_500);
        double v0 = h.trueVelocityMmPerS(LEFT);
        assertTrue(v0 > 70, "ascending at " + v0);
        long t0 = h.now;
        SrRig.extraKg(h, LEFT, kgPerRope);
        SrRig.extraKg(h, RIGHT, kgPerRope);
        long braked = SrRig.msUntil(h, () -> SrRig.pairBraked(h) && SrRig.pairStill(h), 3_000, "pair braked");
        long latched = (SrRig.latched(h, SafetyRule.SR_2).atNanos() - t0) / RigHarness.MS;
        return new long[] {latched, braked};
    }

    private static void assertStoppedAndLatched(RigHarness h) {
        Fault f = SrRig.latched(h, SafetyRule.SR_2);
        assertEquals(StopKind.CAT_1, f.stop());
        assertEquals(ResetRole.TRAINER, f.resetBy());
        assertTrue(SrRig.journalledFault(h, "SR-2", "trainer"), h.journal.toString());
        assertEquals(Mode.FAULT, h.mode());
        double held = h.truePositionMm(LEFT);
        assertFalse(h.decide(RigHarness.TRAINER, new Command.MoveTo(SrRig.LEGS, 1300)).accepted());
        h.step(1_000);
        assertEquals(held, h.truePositionMm(LEFT), 0.5, "stays stopped while latched");
    }

    @Test
    void someoneElseOnTheRigStopsAfterHalfASecond() throws Exception {
        try (RigHarness h = RigHarness.standard(21, dir)) {
            SrRig.ready(h);
            // 2 x 10 kg over expected: above the 15 kg margin, below 150 % of body, no rope overloaded, balanced.
            long[] ms = extraLoadDuringAscent(h, 10);
            assertTrue(ms[0] >= 500 - SrRig.SAMPLE_MS, "tripped before the 500 ms hold: " + ms[0] + " ms");
            assertTrue(ms[0] <= 500 + SrRig.SAMPLE_MS, "tripped after " + ms[0] + " ms");
            assertTrue(ms[1] <= 500 + SrRig.SAMPLE_MS + SrRig.CAT1_STOP_MS, "braked after " + ms[1] + " ms");
            assertStoppedAndLatched(h);
            // Latched until the trainer resets with the cause gone: a reset with the extra load still on is
            // refused (R-7 seed 8000798: the reset was accepted and the next move went on with it).
            assertFalse(h.decide(RigHarness.TRAINER, new Command.Reset()).accepted(), "reset with the extra load on");
            assertEquals(Mode.FAULT, h.mode());
            SrRig.extraKg(h, LEFT, 0);
            SrRig.extraKg(h, RIGHT, 0);
            h.step(200);
            h.must(RigHarness.TRAINER, new Command.Reset());
            assertEquals(Mode.READY, h.mode());
        }
    }

    /** R-7 seed 8000377: a trainer's reset restarted the 500 ms of a counting SR-2; resets must not postpone it. */
    @Test
    void resetsDoNotPostponeTheTrip() throws Exception {
        try (RigHarness h = RigHarness.standard(25, dir)) {
            SrRig.ready(h);
            long t0 = h.now;
            SrRig.extraKg(h, LEFT, 15);
            SrRig.extraKg(h, RIGHT, 15);
            for (int i = 0; i < 6 && !h.controller.safety().latched(SafetyRule.SR_2); i++) {
                h.step(200);
                h.decide(RigHarness.TRAINER, new Command.Reset());
            }
            long latched = (SrRig.latched(h, SafetyRule.SR_2).atNanos() - t0) / RigHarness.MS;
            assertTrue(latched <= 500 + 2 * SrRig.SAMPLE_MS, "latched after " + latched + " ms");
        }
    }

    /** R-7 seed 7034399: attaching the same client again restarted the 500 ms of a counting SR-2. */
    @Test
    void reattachingTheSameClientDoesNotPostponeTheTrip() throws Exception {
        try (RigHarness h = RigHarness.standard(26, dir)) {
            SrRig.ready(h);
            long t0 = h.now;
            SrRig.extraKg(h, LEFT, 15);
            SrRig.extraKg(h, RIGHT, 15);
            h.step(300);
            // v3 (SR-20): a client off the mat cannot be re-attached at all, so the trip's timer cannot restart
            var reattach = h.decide(RigHarness.TRAINER, new Command.Attach(SrRig.profile().id()));
            assertEquals(com.lianarig.controller.command.Refusal.WRONG_STATE, reattach.refusal(), reattach.toString());
            h.stepUntil(() -> h.controller.safety().latched(SafetyRule.SR_2), 1_000);
            long latched = (SrRig.latched(h, SafetyRule.SR_2).atNanos() - t0) / RigHarness.MS;
            assertTrue(latched <= 500 + 2 * SrRig.SAMPLE_MS, "latched after " + latched + " ms");
        }
    }

    @Test
    void loadAboveOneAndAHalfBodyWeightsStopsWithinATenthOfASecond() throws Exception {
        try (RigHarness h = RigHarness.standard(22, dir)) {
            SrRig.ready(h);
            // 2 x 50 kg: the total passes 150 % of 70 kg at once; no rope reaches its 150 kg limit.
            long[] ms = extraLoadDuringAscent(h, 50);
            assertTrue(SrRig.kgOnRope(h, LEFT) < 150 && SrRig.kgOnRope(h, RIGHT) < 150);
            assertTrue(ms[0] >= 100 - SrRig.SAMPLE_MS && ms[0] <= 100 + SrRig.SAMPLE_MS, "tripped after " + ms[0] + " ms");
            assertTrue(ms[1] <= 100 + SrRig.SAMPLE_MS + SrRig.CAT1_STOP_MS, "braked after " + ms[1] + " ms");
            assertStoppedAndLatched(h);
            assertTrue(SrRig.latched(h, SafetyRule.SR_2).cause().contains("150 %"), SrRig.latched(h, SafetyRule.SR_2).cause());
        }
    }

    @Test
    void breathingAndSwayAreNotAFault() throws Exception {
        try (RigHarness h = RigHarness.standard(23, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 1300);
            double legKg = SrRig.kgOnRope(h, LEFT) + SrRig.kgOnRope(h, RIGHT);
            assertTrue(legKg > 40, "client hangs in the straps: " + legKg + " kg");
            h.step(12_000); // three breaths and more than a sway period
            assertTrue(h.controller.safety().faults().isEmpty(), h.controller.safety().faults().toString());
            assertEquals(Mode.READY, h.mode());
            // and moving on keeps working
            SrRig.moveLegs(h, 900);
            assertTrue(h.controller.safety().faults().isEmpty(), h.controller.safety().faults().toString());
        }
    }

    @Test
    void noReadyWithoutAClientMass() throws Exception {
        try (RigHarness h = RigHarness.standard(24, dir)) {
            h.boot();
            h.must(RigHarness.TRAINER, new Command.TakeControl());
            assertFalse(h.decide(RigHarness.TRAINER, new Command.ClientReady()).accepted());
            assertFalse(h.decide(RigHarness.TRAINER, new Command.Attach("nobody")).accepted());
            assertFalse(h.decide(RigHarness.TRAINER, new Command.ClientReady()).accepted());
            assertEquals(Mode.HOLDING, h.mode());
        }
    }

    /** Without a client (HOLDING) nothing should hang on the ropes: 15 kg for 500 ms latches SR-2 too. */
    @Test
    void someoneOnAnEmptyRigLatchesToo() throws Exception {
        try (RigHarness h = RigHarness.standard(24, dir)) {
            h.boot();
            h.step(500);
            assertTrue(h.controller.safety().faults().isEmpty(), h.controller.safety().faults().toString());
            h.rig.locked(() -> {
                h.rig.physics().extraLoad(0, 12 * RigHarness.G_KG);
                h.rig.physics().extraLoad(1, 12 * RigHarness.G_KG);
                return null;
            });
            h.step(400);
            assertTrue(h.controller.safety().faults().isEmpty(), "not before 500 ms");
            h.step(300);
            assertTrue(h.controller.safety().latched(SafetyRule.SR_2), h.controller.safety().faults().toString());
            assertTrue(h.mode() == com.lianarig.controller.core.Mode.FAULT, h.mode().toString());
        }
    }
}
