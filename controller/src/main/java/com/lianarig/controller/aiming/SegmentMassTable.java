package com.lianarig.controller.aiming;

import com.lianarig.config.SpineSegment;

/**
 * The load-share estimate of SPEC section 5: the fraction of body weight the leg-strap ropes carry
 * when the inverted hang is aimed at a segment, and its inverse.
 *
 * <p>Segment masses as fractions of body mass: Dempster (1955) via D. A. Winter, <i>Biomechanics and
 * Motor Control of Human Movement</i>, 4th ed. (2009), table 4.1: lower extremity 0.161 each side,
 * pelvis (L4-L5 to greater trochanter) 0.142, abdomen (T12-L1 to L4-L5) 0.139, thorax (C7-T1 to
 * T12-L1) 0.216, upper extremity 0.050 each side, head and neck 0.081. Hanging inverted, the arms hang
 * from the shoulders, so their mass is counted with the thorax band (0.316 in all). The ropes carry
 * everything from the feet to the bend: 0.464 at L4-L5, 0.603 at T12-L1, 0.919 at C7-T1.
 *
 * <p>Between the band ends the share is interpolated along the band, each band's mass spread evenly
 * along its length: thorax and abdomen by spine length ({@link SpineLevels}: lumbar levels 1.35 times
 * as tall as thoracic ones); L5-S1, inside the pelvis band, by standing height between the greater
 * trochanter (0.530 H) and L4-L5 (0.61 H) in the reference proportions of {@link BodyProportions}.
 * Results: C7-T1 0.919, T4 0.8268, T8 0.7215, T12-L1 0.603, L3 0.5161, L4-L5 0.464, L5-S1 0.4303.
 */
public final class SegmentMassTable {
    /** Standard gravity, m/s^2. */
    public static final double STANDARD_GRAVITY_MPS2 = 9.80665;

    /** Lower extremity (foot, leg, thigh), one side, fraction of body mass. */
    public static final double LOWER_EXTREMITY = 0.161;
    /** Pelvis, L4-L5 to greater trochanter. */
    public static final double PELVIS = 0.142;
    /** Abdomen, T12-L1 to L4-L5. */
    public static final double ABDOMEN = 0.139;
    /** Thorax, C7-T1 to T12-L1. */
    public static final double THORAX = 0.216;
    /** Upper extremity, one side. */
    public static final double UPPER_EXTREMITY = 0.050;
    /** Head and neck. */
    public static final double HEAD_AND_NECK = 0.081;

    /** Share with the bend at the greater trochanter: both lower extremities. */
    static final double SHARE_TROCHANTER = 2 * LOWER_EXTREMITY;
    /** Share aimed at L4-L5: 0.464. */
    static final double SHARE_L4_L5 = SHARE_TROCHANTER + PELVIS;
    /** Share aimed at T12-L1: 0.603. */
    static final double SHARE_T12_L1 = SHARE_L4_L5 + ABDOMEN;
    /** Share aimed at C7-T1, arms hanging: 0.919. */
    static final double SHARE_C7_T1 = SHARE_T12_L1 + THORAX + 2 * UPPER_EXTREMITY;

    private static final double T12_L1_LEVEL = SpineLevels.levelsBelowC7T1(SpineSegment.T12_L1);
    private static final double L4_L5_UNITS = SpineLevels.c7ToL4L5Units();
    private static final double ABDOMEN_UNITS = L4_L5_UNITS - T12_L1_LEVEL;
    private static final double PELVIS_BAND_FRACTION = BodyProportions.ILIOCRISTALE - BodyProportions.TROCHANTER;

    private SegmentMassTable() {
    }

    /** Fraction of body weight on the leg-strap ropes when aimed at the segment, inverted hang. */
    public static double ropeShare(SpineSegment segment) {
        return shareAtLevel(SpineLevels.levelsBelowC7T1(segment));
    }

    /**
     * Fraction of body weight on the leg-strap ropes with the bend at a spine level.
     *
     * @param levelsBelowC7T1 levels below C7-T1, 0..17
     */
    public static double shareAtLevel(double levelsBelowC7T1) {
        if (!(levelsBelowC7T1 >= 0 && levelsBelowC7T1 <= SpineLevels.LOWEST_LEVEL)) {
            throw new IllegalArgumentException("level " + levelsBelowC7T1 + " is outside 0..17 below C7-T1");
        }
        double units = SpineLevels.unitsBelowC7T1(levelsBelowC7T1);
        if (levelsBelowC7T1 <= T12_L1_LEVEL) {
            return lerp(SHARE_C7_T1, SHARE_T12_L1, units / T12_L1_LEVEL);
        }
        if (units <= L4_L5_UNITS) {
            return lerp(SHARE_T12_L1, SHARE_L4_L5, (units - T12_L1_LEVEL) / ABDOMEN_UNITS);
        }
        double heightFraction = BodyProportions.spineLevelHeightFraction(levelsBelowC7T1);
        return lerp(SHARE_L4_L5, SHARE_TROCHANTER,
                (BodyProportions.ILIOCRISTALE - heightFraction) / PELVIS_BAND_FRACTION);
    }

    /**
     * Expected total load on the leg-strap ropes aimed at a segment, with standard gravity.
     *
     * @param massKg body mass, 20..250 kg
     * @return load in N, net of strap weights
     */
    public static double expectedRopeLoadN(double massKg, SpineSegment segment) {
        return expectedRopeLoadN(massKg, segment, STANDARD_GRAVITY_MPS2);
    }

    /**
     * Expected total load on the leg-strap ropes aimed at a segment.
     *
     * @param massKg body mass, 20..250 kg
     * @param gravityMps2 gravitational acceleration, 9.7..9.9 m/s^2
     * @return load in N, net of strap weights
     */
    public static double expectedRopeLoadN(double massKg, SpineSegment segment, double gravityMps2) {
        Checks.massKg(massKg);
        Checks.range("gravityMps2", gravityMps2, 9.7, 9.9);
        return ropeShare(segment) * massKg * gravityMps2;
    }

    /**
     * The live estimate of where the bend is, from a measured rope share: the inverse of
     * {@link #shareAtLevel} over the spine (L5-S1 .. C7-T1). A share outside that range is reported as
     * {@link BendEstimate.Range#BELOW_L5_S1} or {@link BendEstimate.Range#ABOVE_C7_T1}, never
     * extrapolated.
     *
     * @param share measured rope load / body weight; any finite value
     */
    public static BendEstimate segmentAtShare(double share) {
        if (!Double.isFinite(share)) {
            throw new IllegalArgumentException("share " + share + " is not a finite number");
        }
        double lowest = shareAtLevel(SpineLevels.LOWEST_LEVEL);
        if (share < lowest) {
            return new BendEstimate(share, BendEstimate.Range.BELOW_L5_S1, SpineLevels.LOWEST_LEVEL,
                    SpineSegment.L5_S1);
        }
        if (share > SHARE_C7_T1) {
            return new BendEstimate(share, BendEstimate.Range.ABOVE_C7_T1, 0, SpineSegment.C7_T1);
        }
        double level;
        if (share >= SHARE_T12_L1) {
            level = T12_L1_LEVEL * (SHARE_C7_T1 - share) / (SHARE_C7_T1 - SHARE_T12_L1);
        } else if (share >= SHARE_L4_L5) {
            double units = T12_L1_LEVEL + ABDOMEN_UNITS * (SHARE_T12_L1 - share) / (SHARE_T12_L1 - SHARE_L4_L5);
            level = SpineLevels.levelAtUnits(units);
        } else {
            double heightFraction = BodyProportions.ILIOCRISTALE
                    - PELVIS_BAND_FRACTION * (SHARE_L4_L5 - share) / (SHARE_L4_L5 - SHARE_TROCHANTER);
            level = BodyProportions.levelAtHeightFraction(heightFraction);
        }
        level = Math.max(0, Math.min(SpineLevels.LOWEST_LEVEL, level));
        return new BendEstimate(share, BendEstimate.Range.WITHIN_SPINE, level, SpineLevels.nearest(level));
    }

    /** from + (to - from) t, returning the ends exactly at t = 0 and t = 1. */
    private static double lerp(double from, double to, double t) {
        if (t <= 0) {
            return from;
        }
        if (t >= 1) {
            return to;
        }
        return from + (to - from) * t;
    }
}
