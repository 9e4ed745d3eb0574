package com.lianarig.controller.safety;

import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.core.Mode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-7: paired ropes differing by more than 30 % of their sum for 500 ms stop ascent (cat 1) and warn. */
class Sr07ImbalanceTest {
    static final long HOLD_MS = 500;

    @TempDir
    Path dir;

    private static double imbalance(RigHarness h) {
        double l = SrRig.kgOnRope(h, LEFT);
        double r = SrRig.kgOnRope(h, RIGHT);
        return Math.abs(l - r) / (l + r);
    }

    @Test
    void imbalanceForHalfASecondStopsAscentAndWarns() throws Exception {
        try (RigHarness h = RigHarness.standard(71, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 900);
            SrRig.startMove(h, 1300);
            h.step(1_500);
            double v0 = h.trueVelocityMmPerS(LEFT);
            assertTrue(v0 > 70, "ascending at " + v0);

            // A helper presses the left leg down and lifts the right one: the total stays (no SR-2), the pair is uneven.
            long t0 = h.now;
            SrRig.extraKg(h, LEFT, 8);
            SrRig.extraKg(h, RIGHT, -8);
            h.step(1);
            assertTrue(imbalance(h) > 0.35, "imbalance " + imbalance(h));

            // Not before the 500 ms hold ...
            h.step(HOLD_MS - 2 * (long) SrRig.SAMPLE_MS);
            assertEquals(v0, h.trueVelocityMmPerS(LEFT), 1, "still ascending before the hold time");
            assertFalse(SrRig.journalled(h, "warning", "SR-7"), "warned before 500 ms");
            // ... then the pair decelerates and is braked within a category 1 stop.
            long decelMs = (h.now - t0) / RigHarness.MS + SrRig.msUntil(h, () -> h.trueVelocityMmPerS(LEFT) < v0 - 0.005
                    && h.trueVelocityMmPerS(RIGHT) < v0 - 0.005, 1_000, "pair decelerating");
            assertTrue(decelMs <= HOLD_MS + SrRig.SAMPLE_MS + SrRig.LATENCY_MS, "deceleration began after " + decelMs + " ms");
            long stopMs = (h.now - t0) / RigHarness.MS
                    + SrRig.msUntil(h, () -> SrRig.pairBraked(h) && SrRig.pairStill(h), 2_000, "pair braked");
            assertTrue(stopMs <= HOLD_MS + SrRig.SAMPLE_MS + SrRig.CAT1_STOP_MS, "braked after " + stopMs + " ms");
            assertEquals(h.truePositionMm(LEFT), h.truePositionMm(RIGHT), 2, "the pair stopped together");

            // A warning and a stop, journalled; not a latched fault.
            assertTrue(SrRig.journalled(h, "warning", "SR-7"), h.journal.toString());
            assertTrue(SrRig.journalled(h, "stop", "SR-7"), h.journal.toString());
            assertFalse(h.controller.safety().latched(SafetyRule.SR_7));
            assertFalse(h.controller.safety().view().ascentAllowed(SrRig.legs(h)));
            h.step(30); // the braked status frame reaches the host and the next control step ends the motion
            assertEquals(Mode.READY, h.mode(), h.controller.status().modeReason());

            // Ascent stays stopped while imbalanced: a new move up is stopped by the supervisor, nothing rises.
            double held = h.truePositionMm(LEFT);
            h.decide(RigHarness.TRAINER, new com.lianarig.controller.command.Command.MoveTo(SrRig.LEGS, 1300));
            h.step(1_000);
            assertTrue(h.truePositionMm(LEFT) < held + 0.5, "rose from " + held + " to " + h.truePositionMm(LEFT));

            // Balanced again: ascent is allowed again.
            SrRig.extraKg(h, LEFT, 0);
            SrRig.extraKg(h, RIGHT, 0);
            h.step(100);
            assertTrue(h.controller.safety().view().ascentAllowed(SrRig.legs(h)));
            SrRig.moveLegs(h, 1300);
            assertTrue(h.truePositionMm(LEFT) > held + 20, "ascends again once balanced");
        }
    }

    @Test
    void balancedPairNeverWarns() throws Exception {
        try (RigHarness h = RigHarness.standard(72, dir)) {
            SrRig.ready(h);
            double[] worst = {0};
            h.everyStep(x -> {
                double sum = SrRig.kgOnRope(x, LEFT) + SrRig.kgOnRope(x, RIGHT);
                if (sum > 10) {
                    worst[0] = Math.max(worst[0], imbalance(x));
                }
            });
            // Up, hold (breathing and sway), down and up again.
            SrRig.moveLegs(h, 1300);
            h.holdEnable(false);
            h.step(20_000);
            SrRig.moveLegs(h, 600);
            SrRig.moveLegs(h, 1200);
            assertTrue(worst[0] < 0.3, "the balanced pair differed by " + worst[0]);
            assertFalse(SrRig.journalled(h, "warning", "SR-7"), h.journal.toString());
            assertFalse(SrRig.journalled(h, "stop", "SR-7"), h.journal.toString());
            assertTrue(h.controller.safety().view().ascentAllowed(SrRig.legs(h)));
            assertEquals(Mode.READY, h.mode());
        }
    }
}
