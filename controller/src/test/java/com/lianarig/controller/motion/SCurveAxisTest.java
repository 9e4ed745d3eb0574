package com.lianarig.controller.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Worked examples with the default limits (80 mm/s up, 50 mm/s down, 100 mm/s^2, 500 mm/s^3) at 100 Hz. */
class SCurveAxisTest {
    private static final double DT_S = 0.01;

    private static AxisChecker atRest(double positionMm) {
        return new AxisChecker(MotionLimits.defaults(), positionMm, "example");
    }

    @Test
    void aLongMoveTakesTheTextbookTime() {
        // 1000 mm up: ramps of 1 s each (40 mm each), 920 mm cruise at 80 mm/s = 11.5 s, total 13.5 s.
        AxisChecker c = atRest(500);
        c.moveTo(1500);
        double tookS = c.settle(DT_S, 20);
        assertEquals(13.5, tookS, DT_S + 1e-9);
        assertEquals(1500, c.axis.positionMm(), 0.0);
    }

    @Test
    void aControlledStopFromFullAscentTravels40Mm() {
        AxisChecker c = atRest(500);
        c.jog(Direction.UP);
        for (int i = 0; i < 200; i++) {
            c.step(DT_S);
        }
        assertEquals(80, c.axis.velocityMmPerS(), 1e-12);
        assertEquals(40, c.axis.stoppingDistanceMm(), 1e-9);
        double fromMm = c.axis.positionMm();
        c.stop();
        double tookS = c.settle(DT_S, 2);
        assertEquals(40, c.axis.positionMm() - fromMm, 1e-9);
        assertTrue(tookS <= 1.0 + DT_S + 1e-9, "80/100 + 100/500 = 1 s, rounded up to a period: " + tookS);
    }

    @Test
    void aReversalDeceleratesThroughZeroWithoutAJump() {
        AxisChecker c = atRest(1000);
        c.jog(Direction.UP);
        for (int i = 0; i < 200; i++) {
            c.step(DT_S);
        }
        c.moveTo(500);
        double highestMm = c.axis.positionMm();
        double prevV = c.axis.velocityMmPerS();
        boolean reversed = false;
        while (c.axis.moving()) {
            c.step(DT_S);
            double v = c.axis.velocityMmPerS();
            if (!reversed) {
                assertTrue(v <= prevV, "speeds up before it has turned");
            }
            reversed |= v < 0;
            highestMm = Math.max(highestMm, c.axis.positionMm());
            assertTrue(v >= -50 - 1e-9, "descent limit");
            prevV = v;
        }
        assertTrue(reversed);
        assertEquals(500, c.axis.positionMm(), 0.0);
        assertTrue(highestMm > 1000);
    }

    @Test
    void loweringTheLimitSlowsOverThePredictedDistance() {
        // SR-12 slow-down zone: the caller drops to 10 mm/s; the axis needs distanceToSlowToMm(10) to get there.
        AxisChecker c = atRest(0);
        c.moveTo(1900);
        for (int i = 0; i < 300; i++) {
            c.step(DT_S);
        }
        double predictedMm = c.axis.distanceToSlowToMm(10);
        assertEquals(40.5, predictedMm, 1e-9); // (80 + 10) / 2 * (70 / 100 + 100 / 500)
        double fromMm = c.axis.positionMm();
        c.setSpeedLimits(10, 50);
        while (c.axis.velocityMmPerS() > 10 + 1e-9 || Math.abs(c.axis.accelMmPerS2()) > 1e-9) {
            c.step(0.001);
        }
        assertEquals(predictedMm, c.axis.positionMm() - fromMm, 10 * 0.001); // within one 1 ms step at 10 mm/s
        assertEquals(0, c.axis.distanceToSlowToMm(10));
    }

    @Test
    void aZeroSpeedLimitHoldsTheAxisUntilItIsRaised() {
        // SR-1 style: ascent stopped, descent still allowed.
        AxisChecker c = atRest(500);
        c.moveTo(1000);
        for (int i = 0; i < 150; i++) {
            c.step(DT_S);
        }
        c.setSpeedLimits(0, 50);
        for (int i = 0; i < 300; i++) {
            c.step(DT_S);
        }
        assertTrue(c.axis.atRest());
        assertTrue(c.axis.moving(), "still has a target to reach");
        double heldMm = c.axis.positionMm();
        c.step(DT_S);
        assertEquals(heldMm, c.axis.positionMm(), 0.0);
        c.setSpeedLimits(80, 50);
        c.settle(DT_S, 20);
        assertEquals(1000, c.axis.positionMm(), 0.0);
    }

    @Test
    void rescueDescentRunsAt10MmPerSUntilLetGo() {
        // SR-19: hold-to-run rescue descent at 10 mm/s.
        AxisChecker c = atRest(1200);
        c.setSpeedLimits(10, 10);
        c.jog(Direction.DOWN);
        assertEquals(Double.NEGATIVE_INFINITY, c.axis.targetMm());
        for (int i = 0; i < 100; i++) {
            c.step(DT_S);
        }
        assertEquals(-10, c.axis.velocityMmPerS(), 1e-12);
        double predictedMm = c.axis.stoppingPositionMm();
        c.stop();
        assertEquals(predictedMm, c.axis.targetMm());
        c.settle(DT_S, 1);
        assertEquals(predictedMm, c.axis.positionMm(), 0.0);
    }

    @Test
    void speedLimitsAboveTheFixedMaximaAreCapped() {
        SCurveAxis axis = new SCurveAxis(MotionLimits.defaults(), 0);
        axis.setSpeedLimits(500, 500);
        assertEquals(80, axis.ascentLimitMmPerS());
        assertEquals(50, axis.descentLimitMmPerS());
    }

    @Test
    void resetRestsAtTheMeasuredPosition() {
        SCurveAxis axis = new SCurveAxis(MotionLimits.defaults(), 0);
        axis.moveTo(100);
        for (int i = 0; i < 50; i++) {
            axis.step(DT_S);
        }
        axis.reset(12.5);
        assertEquals(12.5, axis.positionMm());
        assertEquals(12.5, axis.targetMm());
        assertTrue(axis.atRest());
        assertFalse(axis.moving());
        axis.step(DT_S);
        assertEquals(12.5, axis.positionMm());
    }

    @Test
    void continueFromTakesOverAMotionAndStopsItWithoutAJump() {
        // SR-14: the supervisor takes over a rescue descent at 10 mm/s that is already braking at 20 mm/s^2
        SCurveAxis axis = new SCurveAxis(MotionLimits.defaults(), 0);
        axis.continueFrom(300, -10, 20);
        assertEquals(-10, axis.velocityMmPerS());
        assertEquals(20, axis.accelMmPerS2());
        double restMm = axis.stoppingPositionMm();
        assertEquals(restMm, axis.targetMm(), "a stop unless told otherwise");
        double vPrev = -10;
        double aPrev = 20;
        int steps = 0;
        while (!axis.atRest()) {
            axis.step(DT_S);
            double v = axis.velocityMmPerS();
            double a = axis.accelMmPerS2();
            assertTrue(v <= 1e-9, "never moves up: " + v);
            assertTrue(Math.abs(v - vPrev) <= 100 * DT_S + 1e-9, "velocity continuous: " + vPrev + " -> " + v);
            assertTrue(Math.abs(a - aPrev) <= 500 * DT_S + 1e-9, "jerk-limited: " + aPrev + " -> " + a);
            vPrev = v;
            aPrev = a;
            assertTrue(++steps < 100, "a stop from 10 mm/s takes well under 1 s");
        }
        assertEquals(restMm, axis.positionMm(), 1e-9);
        assertTrue(restMm < 300 && restMm > 298, "about 1.3 mm further down: " + restMm);
    }

    @Test
    void continueFromCapsAnAccelerationBeyondTheMaximum() {
        SCurveAxis axis = new SCurveAxis(MotionLimits.defaults(), 0);
        axis.continueFrom(0, 5, -1_000);
        assertEquals(-100, axis.accelMmPerS2());
        assertThrows(IllegalArgumentException.class, () -> axis.continueFrom(0, Double.NaN, 0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFinitePositionsAreRejected(double bad) {
        SCurveAxis axis = new SCurveAxis(MotionLimits.defaults(), 0);
        assertThrows(IllegalArgumentException.class, () -> axis.moveTo(bad));
        assertThrows(IllegalArgumentException.class, () -> axis.reset(bad));
        assertThrows(IllegalArgumentException.class, () -> new SCurveAxis(MotionLimits.defaults(), bad));
        assertEquals(0, axis.targetMm());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {0, -0.01, Double.NaN, Double.POSITIVE_INFINITY})
    void aPeriodMustBePositiveAndFinite(double bad) {
        SCurveAxis axis = new SCurveAxis(MotionLimits.defaults(), 0);
        assertThrows(IllegalArgumentException.class, () -> axis.step(bad));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {-1, Double.NaN})
    void aSpeedLimitMustNotBeNegative(double bad) {
        SCurveAxis axis = new SCurveAxis(MotionLimits.defaults(), 0);
        assertThrows(IllegalArgumentException.class, () -> axis.setSpeedLimits(bad, 10));
        assertThrows(IllegalArgumentException.class, () -> axis.setSpeedLimits(10, bad));
        assertThrows(IllegalArgumentException.class, () -> axis.distanceToSlowToMm(bad));
        assertEquals(80, axis.ascentLimitMmPerS());
    }
}
