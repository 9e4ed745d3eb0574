package com.lianarig.controller.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SCurveAxis#halt}: the supervisor's stop of a motion that has ended never turns (I-2), where
 * {@link SCurveAxis#stop}, the fastest jerk-limited stop, does from a hard deceleration at low speed.
 */
class SCurveAxisHaltTest {
    private static final MotionLimits LIMITS = MotionLimits.defaults();
    private static final double DT_S = 0.01;

    /** Steps until at rest; returns how far the position went back against {@code sign} from its farthest point. */
    private static double backMm(SCurveAxis axis, double sign) {
        double farthest = axis.positionMm();
        double back = 0;
        for (int k = 0; k < 2_000 && !axis.atRest(); k++) {
            axis.step(DT_S);
            assertTrue(Math.abs(axis.accelMmPerS2()) <= LIMITS.maxAccelMmPerS2() + 1e-9, "|a| within the limit");
            farthest = sign > 0 ? Math.max(farthest, axis.positionMm()) : Math.min(farthest, axis.positionMm());
            back = Math.max(back, sign * (farthest - axis.positionMm()));
        }
        assertTrue(axis.atRest(), "comes to rest");
        return back;
    }

    @Test
    void theFastestStopFromAHardDecelerationAtLowSpeedTurnsAndAHaltDoesNot() {
        SCurveAxis stop = new SCurveAxis(LIMITS, 100);
        stop.continueFrom(100, -5, LIMITS.maxAccelMmPerS2());
        assertTrue(backMm(stop, -1) > 0.3, "the fastest stop turns back (the reason for halt)");

        SCurveAxis halt = new SCurveAxis(LIMITS, 100);
        halt.continueFrom(100, -5, LIMITS.maxAccelMmPerS2());
        halt.halt();
        assertEquals(0, backMm(halt, -1), 1e-12);
        // it rests where v reaches 0 under the deceleration it had: 5 mm/s at up to 100 mm/s^2, jerk-limited
        assertTrue(halt.positionMm() < 100 && halt.positionMm() > 100 - 0.5, "rested at " + halt.positionMm());
        assertEquals(halt.positionMm(), halt.targetMm(), 0.0);
        assertTrue(!halt.moving());
    }

    @Test
    void aHaltAtZeroSpeedRestsWhereItIs() {
        SCurveAxis axis = new SCurveAxis(LIMITS, 40);
        axis.continueFrom(40, 0, -80);
        axis.halt();
        assertTrue(axis.atRest() && !axis.moving());
        axis.step(DT_S);
        assertEquals(40, axis.positionMm(), 0.0);
    }

    @Test
    void aHaltFromAnOrdinaryMotionIsTheFastestStop() {
        SCurveAxis stop = new SCurveAxis(LIMITS, 0);
        stop.continueFrom(0, 60, 30);
        double predictedMm = stop.stoppingPositionMm();
        SCurveAxis halt = new SCurveAxis(LIMITS, 0);
        halt.continueFrom(0, 60, 30);
        halt.halt();
        backMm(stop, 1);
        backMm(halt, 1);
        assertEquals(predictedMm, halt.positionMm(), 1e-6);
        assertEquals(stop.positionMm(), halt.positionMm(), 1e-6);
    }

    /** Seeded property: from any state a halt never moves against the velocity it started with and rests. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aHaltNeverTurns(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 500; i++) {
            double v = (rnd.nextBoolean() ? 1 : -1) * rnd.nextDouble() * (rnd.nextBoolean() ? 10 : 80);
            double a = (rnd.nextDouble() * 2 - 1) * LIMITS.maxAccelMmPerS2();
            SCurveAxis axis = new SCurveAxis(LIMITS, 500);
            axis.continueFrom(500, v, a);
            SCurveAxis fastest = new SCurveAxis(LIMITS, 500);
            fastest.continueFrom(500, v, a);
            double sign = Math.signum(v);
            double fastestBack = backMm(fastest, sign);
            double fastestFarthestMm = fastest.positionMm() + sign * fastestBack;
            axis.halt();
            double back = backMm(axis, sign);
            String at = String.format(Locale.ROOT, "from v %.3f mm/s, a %.1f mm/s^2", v, a);
            assertEquals(0, back, 1e-9, at);
            if (fastestBack == 0) {
                assertEquals(fastest.positionMm(), axis.positionMm(), 1e-6, at + ": a stop that does not turn");
            } else {
                // the halt rests at the continuous turning point; the stop's farthest sample is within |a| dt^2 / 8
                assertTrue(sign * (axis.positionMm() - fastestFarthestMm) <= 0.002, at + ": rested at "
                        + axis.positionMm() + ", beyond the fastest stop's farthest point " + fastestFarthestMm);
            }
            assertTrue(sign * (axis.positionMm() - 500) >= 0, at + ": rested behind where it started");
        }
    }
}
