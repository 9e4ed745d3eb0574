package com.lianarig.controller.aiming;

import com.lianarig.config.SpineSegment;
import java.util.Objects;

/**
 * Where the bend (the hanging part meeting the lying part) is, inferred from a rope share: the live
 * estimate of the segment the traction actually reaches (SPEC section 5).
 *
 * @param share the rope share it was inferred from, fraction of body weight
 * @param range whether the share falls within the spine's range (L5-S1 .. C7-T1)
 * @param levelsBelowC7T1 the bend's position, levels below C7-T1 (0..17); outside the range it is the
 *     nearer end (0 or 17) and {@link #range} says the true bend lies beyond it, by an unknown amount
 * @param nearest the segment nearest the bend (the end segment when out of range)
 */
public record BendEstimate(double share, Range range, double levelsBelowC7T1, SpineSegment nearest) {

    /** Where a share falls relative to the spine's share range. */
    public enum Range {
        /** Share below L5-S1's: the bend is below the spine, toward the hips (straps too low). */
        BELOW_L5_S1,
        /** Within the spine: {@code levelsBelowC7T1} is interpolated. */
        WITHIN_SPINE,
        /** Share above C7-T1's: the bend is above C7-T1, neck or head lifting (straps too high). */
        ABOVE_C7_T1
    }

    public BendEstimate {
        if (!Double.isFinite(share)) {
            throw new IllegalArgumentException("share " + share + " is not a finite number");
        }
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(nearest, "nearest");
        if (!(levelsBelowC7T1 >= 0 && levelsBelowC7T1 <= SpineLevels.LOWEST_LEVEL)) {
            throw new IllegalArgumentException("levelsBelowC7T1 " + levelsBelowC7T1 + " is outside 0..17");
        }
    }

    /** Whether the bend lies within the spine's range, so {@link #levelsBelowC7T1} is meaningful. */
    public boolean withinSpine() {
        return range == Range.WITHIN_SPINE;
    }
}
