package com.lianarig.controller.aiming;

/**
 * Published standing landmark heights as fractions of stature H, for clients without measured
 * landmarks.
 *
 * <ul>
 *   <li>Ankle 0.039 H and greater trochanter 0.530 H: Drillis and Contini (1966) via D. A. Winter,
 *       <i>Biomechanics and Motor Control of Human Movement</i>, 4th ed. (2009), figure 4.1.</li>
 *   <li>Cervicale (C7 spinous process, taken as the C7-T1 level) about 0.855 H and iliocristale (the
 *       iliac-crest line, meeting the spine near L4-L5) about 0.61 H: ANSUR II 2012 summary statistics
 *       (Gordon et al. 2014, "2012 Anthropometric Survey of U.S. Army Personnel").</li>
 * </ul>
 */
public final class BodyProportions {
    /** Ankle (lateral malleolus) height / stature: where the leg straps sit. */
    public static final double ANKLE = 0.039;
    /** Greater trochanter height / stature: the lower end of Dempster's pelvis band. */
    public static final double TROCHANTER = 0.530;
    /** Iliocristale height / stature, taken as the L4-L5 level. */
    public static final double ILIOCRISTALE = 0.61;
    /** Cervicale height / stature, taken as the C7-T1 level. */
    public static final double CERVICALE = 0.855;

    private BodyProportions() {
    }

    /**
     * Standing height / stature of a spine level in the reference proportions: linear in spine length
     * ({@link SpineLevels#unitsBelowC7T1}) from cervicale (level 0) to iliocristale (L4-L5, 16), and
     * continued on the same line below L4-L5 (L5-S1: 0.5910 H, above the trochanter).
     *
     * @param levelsBelowC7T1 levels below C7-T1, 0..17
     */
    public static double spineLevelHeightFraction(double levelsBelowC7T1) {
        return CERVICALE - (CERVICALE - ILIOCRISTALE) * SpineLevels.unitsBelowC7T1(levelsBelowC7T1)
                / SpineLevels.c7ToL4L5Units();
    }

    /** The inverse of {@link #spineLevelHeightFraction}: levels below C7-T1 at a height / stature. */
    public static double levelAtHeightFraction(double heightFraction) {
        double units = (CERVICALE - heightFraction) / (CERVICALE - ILIOCRISTALE) * SpineLevels.c7ToL4L5Units();
        return SpineLevels.levelAtUnits(units);
    }
}
