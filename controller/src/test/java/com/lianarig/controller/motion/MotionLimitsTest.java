package com.lianarig.controller.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MotionLimitsTest {

    @Test
    void defaultsAreSpecSectionFour() {
        MotionLimits d = MotionLimits.defaults();
        assertEquals(new MotionLimits(80, 50, 100, 500), d);
        assertEquals(d, MotionLimits.of(Limits.defaults()));
        assertEquals(80, d.maxSpeedMmPerS(Direction.UP));
        assertEquals(50, d.maxSpeedMmPerS(Direction.DOWN));
    }

    @Test
    void hardCapsAreAccepted() {
        MotionLimits caps = new MotionLimits(150, 100, 300, 1500);
        assertEquals(150, caps.maxAscentMmPerS());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void everyLimitMustBePositiveAndFinite(double bad) {
        assertThrows(IllegalArgumentException.class, () -> new MotionLimits(bad, 50, 100, 500));
        assertThrows(IllegalArgumentException.class, () -> new MotionLimits(80, bad, 100, 500));
        assertThrows(IllegalArgumentException.class, () -> new MotionLimits(80, 50, bad, 500));
        assertThrows(IllegalArgumentException.class, () -> new MotionLimits(80, 50, 100, bad));
    }

    @Test
    void limitsAboveTheirHardCapsAreRejectedNotClamped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MotionLimits(150.1, 50, 100, 500));
        assertTrue(e.getMessage().contains("maxAscentMmPerS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MotionLimits(80, 100.1, 100, 500));
        assertThrows(IllegalArgumentException.class, () -> new MotionLimits(80, 50, 300.1, 500));
        assertThrows(IllegalArgumentException.class, () -> new MotionLimits(80, 50, 100, 1500.1));
    }

    @Test
    void defaultStopFromFullAscentFitsTheDefaultSlowDownZone() {
        // SR-12: the 50 mm slow-down zone covers the stop from 80 mm/s: 80/2 * (80/100 + 100/500) = 40 mm.
        assertEquals(40, MotionLimits.defaults().brakingDistanceMm(80), 1e-12);
    }
}
