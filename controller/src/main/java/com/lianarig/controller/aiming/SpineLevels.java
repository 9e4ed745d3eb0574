package com.lianarig.controller.aiming;

import com.lianarig.config.SpineSegment;

/**
 * Where each {@link SpineSegment} lies along the spine, in vertebral levels below C7-T1, and how
 * levels map to length along the spine.
 *
 * <p>Level positions: C7-T1 = 0, T4 = 3.5, T8 = 7.5, T12-L1 = 12, L3 = 14.5, L4-L5 = 16, L5-S1 = 17
 * levels below C7-T1 (T4 and T8 taken at the middle of their vertebral bodies, L3 likewise). A lumbar
 * level is taken as 1.35 times as tall as a thoracic one, so length along the spine is measured in
 * "thoracic units": a level {@code l <= 12} is {@code l} units below C7-T1, a lumbar level
 * {@code 12 + 1.35 (l - 12)}; L4-L5 is 17.4 units, L5-S1 18.75 units below C7-T1. L5-S1 lies below
 * the iliac crest (L4-L5), inside Dempster's pelvis band, between L4-L5 and the greater trochanter.
 */
public final class SpineLevels {
    /** Levels from C7-T1 to T12-L1 (the thoracic span). */
    public static final double THORACIC_LEVELS = 12;
    /** Height of a lumbar level relative to a thoracic one. */
    public static final double LUMBAR_LEVEL_RATIO = 1.35;
    /** The spine's lowest modelled level (L5-S1), levels below C7-T1. */
    public static final double LOWEST_LEVEL = 17;

    private SpineLevels() {
    }

    /** The segment's position, levels below C7-T1. */
    public static double levelsBelowC7T1(SpineSegment segment) {
        return switch (segment) {
            case C7_T1 -> 0;
            case T4 -> 3.5;
            case T8 -> 7.5;
            case T12_L1 -> 12;
            case L3 -> 14.5;
            case L4_L5 -> 16;
            case L5_S1 -> 17;
        };
    }

    /** Length along the spine below C7-T1, in thoracic-level units, of a level (levels below C7-T1). */
    public static double unitsBelowC7T1(double levelsBelowC7T1) {
        if (levelsBelowC7T1 <= THORACIC_LEVELS) {
            return levelsBelowC7T1;
        }
        return THORACIC_LEVELS + LUMBAR_LEVEL_RATIO * (levelsBelowC7T1 - THORACIC_LEVELS);
    }

    /** The inverse of {@link #unitsBelowC7T1}: the level, levels below C7-T1, at a spine length. */
    public static double levelAtUnits(double unitsBelowC7T1) {
        if (unitsBelowC7T1 <= THORACIC_LEVELS) {
            return unitsBelowC7T1;
        }
        return THORACIC_LEVELS + (unitsBelowC7T1 - THORACIC_LEVELS) / LUMBAR_LEVEL_RATIO;
    }

    /** Spine length from C7-T1 to L4-L5 (the cervicale-to-iliocristale span), thoracic-level units: 17.4. */
    public static double c7ToL4L5Units() {
        return unitsBelowC7T1(levelsBelowC7T1(SpineSegment.L4_L5));
    }

    /** The segment nearest a level (levels below C7-T1); ties go to the upper segment. */
    public static SpineSegment nearest(double levelsBelowC7T1) {
        SpineSegment best = SpineSegment.C7_T1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (SpineSegment s : SpineSegment.values()) {
            double d = Math.abs(levelsBelowC7T1(s) - levelsBelowC7T1);
            if (d < bestDistance) {
                best = s;
                bestDistance = d;
            }
        }
        return best;
    }
}
