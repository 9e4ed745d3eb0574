package com.lianarig.controller.r7;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two findings of the issue-13 R-7 run (base seed 7), judged on the virtual rig's true leg positions.
 *
 * <p>I-1: a move turned against the motion under way overshot its target (seeds 7001506, 7002940, 7003823,
 * 7005959, 7007031, 7009248, and 20261184783423 with ENCODER_DECOUPLED). The profile, still accelerating up
 * when a move down replaced the aim, had to keep accelerating for a moment (jerk limit); the motion gate
 * refused every set-point that sped up against the new direction (I-2), so the set-points fell behind the
 * profile by about 3 mm. The profile then came down to its target and the set-points rested that far below
 * it, and the approach retry drove them back up: past the target, then a reversal.
 *
 * <p>I-2: the legs reversed by about 1 mm while coming to rest after the enable went stale (seed 7000216:
 * an aim had turned the legs from descending to ascending and was braking the descent hard when the enable
 * lapsed). The gate's own stop was the fastest jerk-limited stop, which from a hard deceleration at low
 * speed reaches zero speed before zero acceleration and runs back the other way; it now rests where the
 * speed reaches zero ({@code SCurveAxis.halt}).
 */
class R7TurnAndHaltTest {
    @TempDir
    Path dir;

    private RigHarness legsAt(double heightMm) throws Exception {
        RigHarness h = RigHarness.standard(13, dir);
        h.ready(VirtualClient.reference(80, 1780), RigHarness.profile("c1", 80, 1780));
        h.holdEnable(true);
        h.must(RigHarness.TRAINER, new Command.MoveTo("legs", heightMm));
        assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 30_000), h.controller.status().toString());
        h.step(500);
        return h;
    }

    /** The lowest true position of either leg winch, and the most either rose above its lowest since. */
    private static final class Lowest implements java.util.function.Consumer<RigHarness> {
        double lowestMm = Double.POSITIVE_INFINITY;
        double riseMm;
        private final double[] lowestOf = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};

        @Override
        public void accept(RigHarness h) {
            for (int w = 0; w < 2; w++) {
                double p = h.truePositionMm(w);
                lowestOf[w] = Math.min(lowestOf[w], p);
                lowestMm = Math.min(lowestMm, p);
                riseMm = Math.max(riseMm, p - lowestOf[w]);
            }
        }
    }

    /**
     * From the moment the enable lapses: how far either leg winch moved back against the direction it moved
     * in at that moment (true state).
     */
    private static final class AfterLapse implements java.util.function.Consumer<RigHarness> {
        double sign;
        double lapseMmPerS;
        double backMm;
        private final double[] extremeMm = new double[2];

        @Override
        public void accept(RigHarness h) {
            if (sign == 0) {
                if (h.controller.safety().view().enableLive(h.now)) {
                    return;
                }
                lapseMmPerS = h.trueVelocityMmPerS(0);
                sign = lapseMmPerS >= 0 ? 1 : -1;
                extremeMm[0] = h.truePositionMm(0);
                extremeMm[1] = h.truePositionMm(1);
            }
            for (int w = 0; w < 2; w++) {
                double p = h.truePositionMm(w);
                extremeMm[w] = sign > 0 ? Math.max(extremeMm[w], p) : Math.min(extremeMm[w], p);
                backMm = Math.max(backMm, sign * (extremeMm[w] - p));
            }
        }
    }

    @Test
    void aMoveDownThatReplacesALiftStillAcceleratingNeverPassesItsTarget() throws Exception {
        try (RigHarness h = legsAt(900)) {
            double baseMm = h.model.winch(0).config().baseHeightMm();
            double startMm = h.truePositionMm(0);
            h.must(RigHarness.TRAINER, new Command.MoveTo("legs", 1_300));
            // mid-way through the acceleration: the profile still accelerates up when the move down replaces it
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(0) > 35, 3_000), "the legs never lifted");
            double targetMm = startMm - 20;
            h.must(RigHarness.TRAINER, new Command.MoveTo("legs", baseMm + targetMm));
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(0) < -5, 3_000), "the legs never turned down");
            Lowest after = new Lowest();
            h.everyStep(after);
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 10_000), h.controller.status().toString());
            h.step(1_000);
            assertTrue(after.lowestMm >= targetMm - 0.5, String.format(Locale.ROOT,
                    "the legs went down to %.2f mm, past the target %.2f mm (I-1)", after.lowestMm, targetMm));
            assertTrue(after.riseMm <= 0.1, String.format(Locale.ROOT,
                    "the legs came back up %.2f mm after turning down (I-2)", after.riseMm));
        }
    }

    /**
     * The enable lapses 150..250 ms after its panel stops refreshing it (refreshed every 100 ms, stale at 250):
     * stopping the refresh at these descent speeds puts the lapse across the last 0.1 s of the braking, where
     * the descent is at a few mm/s and braked at the full 100 mm/s^2.
     */
    @ParameterizedTest(name = "refresh stops at {0} mm/s")
    @ValueSource(doubles = {-40, -36, -32, -28, -24, -20, -16})
    void anEnableThatLapsesWhileADescentIsBrakedHardAtLowSpeedNeverTurnsTheLegsBack(double stopRefreshMmPerS)
            throws Exception {
        try (RigHarness h = legsAt(1_200)) {
            double baseMm = h.model.winch(0).config().baseHeightMm();
            double startMm = h.truePositionMm(0);
            h.must(RigHarness.TRAINER, new Command.MoveTo("legs", baseMm + startMm - 300));
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(0) < -45, 5_000), "the legs never descended");
            h.step(300);
            // turned up: the profile brakes the descent at full deceleration and goes on up through zero speed
            h.must(RigHarness.TRAINER, new Command.MoveTo("legs", baseMm + startMm));
            // the enable lapses 250 ms after its last refresh: then the descent is at a few mm/s, braked at 100 mm/s^2
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(0) > stopRefreshMmPerS, 2_000), "never braked");
            h.stopRefreshingEnable();
            AfterLapse after = new AfterLapse();
            h.everyStep(after);
            h.step(2_000);
            assertTrue(after.sign != 0, "the enable never lapsed");
            assertTrue(Math.abs(h.trueVelocityMmPerS(0)) < 0.5, "at rest: " + h.trueVelocityMmPerS(0) + " mm/s");
            assertTrue(after.backMm <= 0.1, String.format(Locale.ROOT, "moving at %.2f mm/s when the enable lapsed, the"
                    + " legs then came back %.3f mm against that motion while coming to rest (I-2)", after.lapseMmPerS,
                    after.backMm));
        }
    }
}
