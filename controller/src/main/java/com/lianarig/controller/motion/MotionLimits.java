package com.lianarig.controller.motion;

import com.lianarig.config.rig.Limits;

/**
 * The fixed limits of every motion profile (SR-3, SR-4): the fastest speed each way, the largest
 * acceleration and the largest jerk. Lower speeds (slow-down zones, jogs, rescue) are set at run time
 * with {@link SCurveAxis#setSpeedLimits}; they can never exceed these.
 *
 * @param maxAscentMmPerS fastest upward speed, mm/s, positive, at most {@value #CAP_ASCENT_MM_PER_S} (SR-4)
 * @param maxDescentMmPerS fastest downward speed, mm/s, positive, at most {@value #CAP_DESCENT_MM_PER_S}
 *     (SR-3)
 * @param maxAccelMmPerS2 largest acceleration and deceleration, mm/s^2, positive, at most
 *     {@value #CAP_ACCEL_MM_PER_S2} (SR-4)
 * @param maxJerkMmPerS3 largest jerk, mm/s^3, positive, at most {@value #CAP_JERK_MM_PER_S3} (SR-4)
 */
public record MotionLimits(double maxAscentMmPerS, double maxDescentMmPerS, double maxAccelMmPerS2,
        double maxJerkMmPerS3) {
    /** SR-4 default ascent, mm/s. */
    public static final double DEFAULT_ASCENT_MM_PER_S = 80;
    /** SR-4 hard cap on ascent, mm/s. */
    public static final double CAP_ASCENT_MM_PER_S = 150;
    /** SR-3 default descent, mm/s. */
    public static final double DEFAULT_DESCENT_MM_PER_S = 50;
    /** SR-3 hard cap on descent with a person on the ropes, mm/s. */
    public static final double CAP_DESCENT_MM_PER_S = 100;
    /** SR-4 default acceleration, mm/s^2. */
    public static final double DEFAULT_ACCEL_MM_PER_S2 = 100;
    /** SR-4 hard cap on acceleration, mm/s^2. */
    public static final double CAP_ACCEL_MM_PER_S2 = 300;
    /** SR-4 default jerk, mm/s^3. */
    public static final double DEFAULT_JERK_MM_PER_S3 = 500;
    /** SR-4 hard cap on jerk, mm/s^3. */
    public static final double CAP_JERK_MM_PER_S3 = 1500;

    public MotionLimits {
        check("maxAscentMmPerS", maxAscentMmPerS, CAP_ASCENT_MM_PER_S);
        check("maxDescentMmPerS", maxDescentMmPerS, CAP_DESCENT_MM_PER_S);
        check("maxAccelMmPerS2", maxAccelMmPerS2, CAP_ACCEL_MM_PER_S2);
        check("maxJerkMmPerS3", maxJerkMmPerS3, CAP_JERK_MM_PER_S3);
    }

    /** SPEC section 4's defaults: ascent 80 mm/s, descent 50 mm/s, 100 mm/s^2, 500 mm/s^3. */
    public static MotionLimits defaults() {
        return new MotionLimits(DEFAULT_ASCENT_MM_PER_S, DEFAULT_DESCENT_MM_PER_S, DEFAULT_ACCEL_MM_PER_S2,
                DEFAULT_JERK_MM_PER_S3);
    }

    /** The motion limits of a rig's validated configuration. */
    public static MotionLimits of(Limits rig) {
        return new MotionLimits(rig.ascentMmPerS(), rig.descentMmPerS(), rig.accelMmPerS2(), rig.jerkMmPerS3());
    }

    /** The fastest speed, mm/s, allowed in one direction. */
    public double maxSpeedMmPerS(Direction direction) {
        return direction == Direction.UP ? maxAscentMmPerS : maxDescentMmPerS;
    }

    /**
     * Distance, mm (not negative), a controlled stop from a steady {@code speedMmPerS} travels under these
     * acceleration and jerk limits (SR-12: a slow-down zone must cover it).
     */
    public double brakingDistanceMm(double speedMmPerS) {
        return Math.abs(JerkLimitedRamp.distanceMm(speedMmPerS, 0, 0, maxAccelMmPerS2, maxJerkMmPerS3));
    }

    private static void check(String name, double value, double cap) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, was " + value);
        }
        if (value > cap) {
            throw new IllegalArgumentException(name + " " + value + " is above its hard cap " + cap);
        }
    }
}
