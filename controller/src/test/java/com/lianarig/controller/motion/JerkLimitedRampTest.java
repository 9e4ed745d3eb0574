package com.lianarig.controller.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.Limits;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JerkLimitedRampTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 100);
    }

    /**
     * Integrates the ramp's three segments (durations and jerks from the ramp's own helpers) in closed
     * form and checks they end at (v1, 0), never exceed the acceleration limit, and travel
     * {@link JerkLimitedRamp#distanceMm} in {@link JerkLimitedRamp#durationS}.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rampEndsAtTheTargetVelocityWithZeroAccelerationWithinTheLimits(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 30; i++) {
            double maxA = uniform(r, 10, 300);
            double maxJ = uniform(r, 50, 1500);
            double v0 = uniform(r, -150, 150);
            double a0 = r.nextInt(5) == 0 ? maxA * (r.nextBoolean() ? 1 : -1) : uniform(r, -maxA, maxA);
            double v1 = r.nextInt(5) == 0 ? 0 : uniform(r, -150, 150);
            double sign = JerkLimitedRamp.pulseSign(v0, a0, v1, maxJ);
            double peak = JerkLimitedRamp.pulsePeakMmPerS2(v0, a0, v1, maxA, maxJ);
            double t1 = JerkLimitedRamp.rampUpS(sign, a0, peak, maxJ);
            double t2 = JerkLimitedRamp.holdS(v0, a0, v1, maxA, maxJ);
            double t3 = peak / maxJ;
            double[] s = {0, v0, a0};
            segment(s, sign * maxJ, t1);
            double peakReached = s[2];
            segment(s, 0, t2);
            segment(s, -sign * maxJ, t3);
            String at = "seed " + seed + " case " + i + ": (" + v0 + ", " + a0 + ") -> " + v1 + " with A " + maxA
                    + " J " + maxJ;
            assertTrue(peak <= maxA && Math.abs(peakReached) <= maxA + 1e-9, at);
            assertEquals(sign * peak, peakReached, 1e-9, at);
            assertEquals(v1, s[1], 1e-9, at);
            assertEquals(0, s[2], 1e-9, at);
            assertEquals(s[0], JerkLimitedRamp.distanceMm(v0, a0, v1, maxA, maxJ), 1e-9, at);
            assertEquals(t1 + t2 + t3, JerkLimitedRamp.durationS(v0, a0, v1, maxA, maxJ), 1e-12, at);
        }
    }

    private static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static void segment(double[] s, double jerk, double t) {
        s[0] += s[1] * t + s[2] * t * t / 2 + jerk * t * t * t / 6;
        s[1] += s[2] * t + jerk * t * t / 2;
        s[2] += jerk * t;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void stopFromASteadySpeedMatchesTheConfigFormula(long seed) {
        Random r = new Random(seed);
        double rateHz = 100;
        for (int i = 0; i < 30; i++) {
            double v = uniform(r, 0, 150);
            double maxA = uniform(r, 10, 300);
            double maxJ = uniform(r, 50, 1500);
            double configMm = Limits.stoppingDistanceMm(v, maxA, maxJ, rateHz) - v / rateHz;
            assertEquals(configMm, JerkLimitedRamp.brakingDistanceMm(v, 0, maxA, maxJ), 1e-9);
            assertEquals(-configMm, JerkLimitedRamp.brakingDistanceMm(-v, 0, maxA, maxJ), 1e-9);
        }
    }

    @Test
    void rampFromRestToASpeedTakesTheTextbookTime() {
        // Accel-limited: 80 mm/s at 100 mm/s^2 and 500 mm/s^3 takes 80/100 + 100/500 = 1 s over 40 mm.
        assertEquals(1.0, JerkLimitedRamp.durationS(0, 0, 80, 100, 500), 1e-12);
        assertEquals(40, JerkLimitedRamp.distanceMm(0, 0, 80, 100, 500), 1e-12);
        // Not accel-limited: 10 mm/s (below A^2/J = 20 mm/s) takes 2 sqrt(10/500) s.
        assertEquals(2 * Math.sqrt(10.0 / 500), JerkLimitedRamp.durationS(0, 0, 10, 100, 500), 1e-12);
    }

    @Test
    void stopWhileStillAcceleratingTravelsFurtherThanFromCruise() {
        double cruiseMm = JerkLimitedRamp.brakingDistanceMm(60, 0, 100, 500);
        double acceleratingMm = JerkLimitedRamp.brakingDistanceMm(60, 100, 100, 500);
        assertTrue(acceleratingMm > cruiseMm + 5, acceleratingMm + " vs " + cruiseMm);
    }
}
