package com.lianarig.sim.physics;

/**
 * Where a body's weight is along its standing height: landmark heights and segment masses, as
 * fractions of stature and of body mass, and the cumulative mass from the soles up.
 *
 * <p>Sources (reference values; a {@link VirtualClient} varies them):
 * <ul>
 *   <li>Segment masses: Dempster (1955) via D. A. Winter, <i>Biomechanics and Motor Control of Human
 *       Movement</i>, 4th ed. (2009), table 4.1: foot 0.0145, leg 0.0465, thigh 0.100 (each side;
 *       lower extremity 0.161), pelvis (L4-L5 to greater trochanter) 0.142, abdomen (T12-L1 to
 *       L4-L5) 0.139, thorax (C7-T1 to T12-L1) 0.216, upper extremity 0.050 each side, head and
 *       neck 0.081.</li>
 *   <li>Landmark heights: Drillis and Contini (1966) via Winter, figure 4.1: ankle 0.039 H, knee
 *       0.285 H, greater trochanter 0.530 H.</li>
 *   <li>Spine ends: ANSUR II (Gordon et al. 2014, 2012 survey) summary statistics, cervicale height
 *       about 0.855 of stature (C7 spinous process; taken as the C7-T1 level) and iliocristale
 *       height about 0.61 of stature (the iliac-crest line meets the spine near L4-L5); the
 *       vertebral levels between them are interpolated with lumbar levels 1.35 times as tall as
 *       thoracic ones.</li>
 * </ul>
 * In the inverted hang the arms hang from the shoulders: their mass is spread along the thorax,
 * so aimed at C7-T1 the ropes carry 0.919 of body weight, as SPEC section 5 states.
 *
 * <p>Immutable.
 */
public final class BodyModel {
    /** The mass bands, soles up; each spreads its mass evenly along its standing height. */
    public enum Band {
        /** Both feet, soles to ankle. */
        FEET,
        /** Both lower legs, ankle to knee. */
        LEGS,
        /** Both thighs, knee to greater trochanter. */
        THIGHS,
        /** Pelvis, greater trochanter to L4-L5. */
        PELVIS,
        /** Abdomen, L4-L5 to T12-L1. */
        ABDOMEN,
        /** Thorax, T12-L1 to C7-T1, with both arms (they hang from the shoulders in the inverted hang). */
        THORAX_AND_ARMS,
        /** Head and neck, C7-T1 to the vertex. */
        HEAD_NECK
    }

    public static final double LUMBAR_LEVEL_UNITS = 1.35;
    static final double THORACIC_LEVELS = 12;
    static final double LUMBAR_LEVELS_TO_L4_L5 = 4;

    public static final double FOOT = 0.0145;
    public static final double LEG = 0.0465;
    public static final double THIGH = 0.100;
    public static final double PELVIS = 0.142;
    public static final double ABDOMEN = 0.139;
    public static final double THORAX = 0.216;
    public static final double UPPER_EXTREMITY = 0.050;
    public static final double HEAD_NECK = 0.081;

    public static final double ANKLE = 0.039;
    public static final double KNEE = 0.285;
    public static final double TROCHANTER = 0.530;
    public static final double ILIOCRISTALE = 0.61;
    public static final double CERVICALE = 0.855;

    private static final double[] REFERENCE_BAND_MASS = {
        2 * FOOT, 2 * LEG, 2 * THIGH, PELVIS, ABDOMEN, THORAX + 2 * UPPER_EXTREMITY, HEAD_NECK,
    };

    /** Mass fractions of the mass bands, soles up; each band spreads its mass evenly along its height. */
    private final double[] bandMass;
    /** Band boundaries as fractions of stature, soles (0) to vertex (1); one more than bands. */
    private final double[] bandTop;

    /** The reference body of the tables above. */
    public static BodyModel reference() {
        return new BodyModel(new double[] {1, 1, 1, 1, 1, 1, 1, 1}, 0, 0);
    }

    /**
     * A body that differs from the tables.
     *
     * @param massFactors multipliers of the 8 table segments: feet, legs, thighs, pelvis, abdomen, thorax,
     *        head and neck, and (index 7) both arms, which join the thorax band; the bands are then
     *        renormalised to the whole body, so a band's share can move by more than its own factor
     * @param iliocristaleShift added to the iliocristale fraction (moves L4-L5)
     * @param cervicaleShift added to the cervicale fraction (moves C7-T1)
     */
    public BodyModel(double[] massFactors, double iliocristaleShift, double cervicaleShift) {
        if (massFactors.length != 8) {
            throw new IllegalArgumentException("8 mass factors expected, got " + massFactors.length);
        }
        double[] mass = {
            2 * FOOT * massFactors[0],
            2 * LEG * massFactors[1],
            2 * THIGH * massFactors[2],
            PELVIS * massFactors[3],
            ABDOMEN * massFactors[4],
            THORAX * massFactors[5] + 2 * UPPER_EXTREMITY * massFactors[7],
            HEAD_NECK * massFactors[6],
        };
        double total = 0;
        for (double m : mass) {
            if (!(m > 0)) {
                throw new IllegalArgumentException("mass factors must be positive");
            }
            total += m;
        }
        for (int i = 0; i < mass.length; i++) {
            mass[i] /= total;
        }
        double l4l5 = ILIOCRISTALE + iliocristaleShift;
        double c7t1 = CERVICALE + cervicaleShift;
        if (!(TROCHANTER < l4l5 && l4l5 < c7t1 && c7t1 < 0.95)) {
            throw new IllegalArgumentException("landmarks out of order: L4-L5 " + l4l5 + ", C7-T1 " + c7t1);
        }
        this.bandMass = mass;
        this.bandTop = new double[] {0, ANKLE, KNEE, TROCHANTER, l4l5, heightOf(c7t1, l4l5, 12), c7t1, 1.0};
    }

    /** The fraction of body mass in a band (the bands sum to 1). */
    public double bandMass(Band band) {
        return bandMass[band.ordinal()];
    }

    /** The fraction of body mass in a band of the reference tables, before any variation. */
    public static double tableBandMass(Band band) {
        return REFERENCE_BAND_MASS[band.ordinal()];
    }

    /** Standing height of a spine level as a fraction of stature. */
    private static double heightOf(double c7t1, double l4l5, double levelsBelowC7) {
        double unitsToL4L5 = THORACIC_LEVELS + LUMBAR_LEVELS_TO_L4_L5 * LUMBAR_LEVEL_UNITS;
        double units = levelsBelowC7 <= THORACIC_LEVELS ? levelsBelowC7
                : THORACIC_LEVELS + (levelsBelowC7 - THORACIC_LEVELS) * LUMBAR_LEVEL_UNITS;
        return c7t1 - (c7t1 - l4l5) * units / unitsToL4L5;
    }

    /** Standing height of a segment, as a fraction of stature. */
    public double heightFraction(SpineSegment segment) {
        return heightOf(bandTop[6], bandTop[4], segment.levelsBelowC7());
    }

    /** Fraction of body mass between the soles and the standing-height fraction {@code z}. */
    public double massBelow(double z) {
        if (z <= 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < bandMass.length; i++) {
            double lo = bandTop[i];
            double hi = bandTop[i + 1];
            if (z >= hi) {
                sum += bandMass[i];
            } else {
                if (z > lo) {
                    sum += bandMass[i] * (z - lo) / (hi - lo);
                }
                break;
            }
        }
        return Math.min(1.0, sum);
    }

    /** The standing-height fraction below which {@code share} of the body mass lies (inverse of massBelow). */
    public double heightWithMassBelow(double share) {
        if (share <= 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < bandMass.length; i++) {
            if (sum + bandMass[i] >= share) {
                return bandTop[i] + (bandTop[i + 1] - bandTop[i]) * (share - sum) / bandMass[i];
            }
            sum += bandMass[i];
        }
        return 1.0;
    }
}
