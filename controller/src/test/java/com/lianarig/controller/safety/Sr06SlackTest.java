package com.lianarig.controller.safety;

import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * SR-6: one rope of a pair far below its expected load while its partner stays loaded, in any state:
 * both winches stop (category 1), latched for the trainer; a normal landing is not a fault.
 */
class Sr06SlackTest {
    /** SR-6 acts on the second slack sample; the stop then reaches the drives. */
    static final double DETECT_MS = 2 * SrRig.SAMPLE_MS + SrRig.LATENCY_MS;

    /** The lowest strap height a move may aim for (soft limit), mm. */
    static final double LOWEST_STRAP_MM = 210;

    @TempDir
    Path dir;

    @Test
    void footSlippingOutDuringAscentStopsBothWinchesAndLatches() throws Exception {
        try (RigHarness h = RigHarness.standard(61, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 900);
            SrRig.startMove(h, 1300);
            h.step(1_500);
            double v0 = h.trueVelocityMmPerS(LEFT);
            assertTrue(v0 > 70, "ascending at " + v0);

            long t0 = h.now;
            Faults.footSlip(h.rig, LEFT, true);
            h.step(1);
            assertTrue(SrRig.kgOnRope(h, LEFT) < 2 && SrRig.kgOnRope(h, RIGHT) > 20,
                    "left slack, right loaded: " + SrRig.kgOnRope(h, LEFT) + " / " + SrRig.kgOnRope(h, RIGHT));

            // Both true winches start decelerating within two samples, and are braked and still within a cat 1 stop.
            long decelMs = SrRig.msUntil(h, () -> h.trueVelocityMmPerS(LEFT) < v0 - 0.005
                    && h.trueVelocityMmPerS(RIGHT) < v0 - 0.005, 2_000, "pair decelerating");
            assertTrue(decelMs <= DETECT_MS, "deceleration began " + decelMs + " ms after the slip");
            long stopMs = SrRig.msUntil(h, () -> SrRig.pairBraked(h) && SrRig.pairStill(h), 3_000, "pair braked");
            assertTrue(decelMs + stopMs <= DETECT_MS + SrRig.CAT1_STOP_MS, "braked "
                    + (decelMs + stopMs) + " ms after the slip");
            assertEquals(h.truePositionMm(LEFT), h.truePositionMm(RIGHT), 2, "the pair stopped together");

            Fault f = SrRig.latched(h, SafetyRule.SR_6);
            assertTrue(f.atNanos() - t0 <= (long) (DETECT_MS * RigHarness.MS), "latched late");
            assertEquals(StopKind.CAT_1, f.stop());
            assertEquals(ResetRole.TRAINER, f.resetBy());
            assertTrue(f.cause().contains("left"), f.cause());
            assertTrue(SrRig.journalledFault(h, "SR-6", "trainer"), h.journal.toString());
            assertEquals(Mode.FAULT, h.mode());

            // Nothing moves while latched.
            double held = h.truePositionMm(LEFT);
            assertFalse(h.decide(RigHarness.TRAINER, new Command.MoveTo(SrRig.LEGS, 1300)).accepted());
            h.step(1_000);
            assertEquals(held, h.truePositionMm(LEFT), 0.5, "stays stopped while latched");

            // Reset by the trainer once the foot is back in its strap; nothing moves by itself after it.
            Faults.footSlip(h.rig, LEFT, false);
            h.step(200);
            h.must(RigHarness.TRAINER, new Command.Reset());
            assertEquals(Mode.READY, h.mode());
            h.step(1_000);
            assertEquals(held, h.truePositionMm(LEFT), 0.5);
        }
    }

    @Test
    void footSlippingOutWhileHoldingStillLatchesToo() throws Exception {
        try (RigHarness h = RigHarness.standard(62, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 1200);
            h.holdEnable(false);
            assertTrue(SrRig.pairBraked(h));
            double held = h.truePositionMm(LEFT);
            Faults.footSlip(h.rig, RIGHT, true);
            SrRig.msUntil(h, () -> h.controller.safety().latched(SafetyRule.SR_6), (long) DETECT_MS, "SR-6 latched");
            h.step(100);
            assertEquals(Mode.FAULT, h.mode());
            assertTrue(SrRig.latched(h, SafetyRule.SR_6).cause().contains("right"));
            assertTrue(SrRig.journalledFault(h, "SR-6", "trainer"), h.journal.toString());
            assertTrue(SrRig.pairBraked(h));
            assertEquals(held, h.truePositionMm(LEFT), 0.5);
            // The cause must be gone before a reset.
            assertEquals(Refusal.CAUSE_PRESENT, h.decide(RigHarness.TRAINER, new Command.Reset()).refusal());
        }
    }

    @Test
    void normalLandingOnTheMatIsNotAFault() throws Exception {
        try (RigHarness h = RigHarness.standard(63, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 1300);
            double hungKg = SrRig.kgOnRope(h, LEFT) + SrRig.kgOnRope(h, RIGHT);
            assertTrue(hungKg > 30, "the client hangs: " + hungKg + " kg");
            // Lowering to the bottom of the strap range: both ropes unload together as the body lands on the mat.
            SrRig.moveLegs(h, LOWEST_STRAP_MM);
            double landedKg = SrRig.kgOnRope(h, LEFT) + SrRig.kgOnRope(h, RIGHT);
            assertTrue(landedKg < hungKg / 3, "landed: " + landedKg + " kg on the ropes, from " + hungKg);
            assertFalse(h.controller.safety().latched(SafetyRule.SR_6), h.controller.safety().faults().toString());
            assertEquals(Mode.READY, h.mode(), h.controller.status().modeReason());
            assertFalse(h.journalHas("\"SR-6\""), h.journal.toString());
        }
    }
}
