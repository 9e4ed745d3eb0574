package com.lianarig.controller.aiming;

import java.util.Locale;

/**
 * The upright hang in the finger loops with the feet on the mat (SPEC section 5, "Other exercises"): the
 * share of body weight the loops carry for a loop height, the loop height that can still be stood
 * under, and the inverse used to start aiming at a target share. The expected rope load of SR-2, SR-6
 * and SR-25 in this exercise, as {@link ShareModel} is the inverted hang's.
 *
 * <p>The client stands under the loops with a hand in each. While the loops are at or above the
 * client's overhead reach the arms are straight and the feet carry the whole body: the loops carry
 * nothing. Lowered below the reach, the client sinks (elbows, hips and knees bend) and lets hang what
 * the feet no longer carry; the loops' share grows with the depth of the sink up to the most a client
 * can let hang while the feet stay on the mat. Both hands hang at the loops' mean height (with one loop
 * on a fixed point the body leans toward the lower one), so the model reads the mean loaded height of
 * all finger loops; the share is split evenly between them.
 *
 * <ul>
 *   <li>Reach {@value #REACH_FRACTION} x stature: standing shoulder (acromion) height 0.818 H plus upper
 *       arm 0.186 H, forearm 0.146 H and hand 0.108 H held straight up: Drillis and Contini (1966) via
 *       D. A. Winter, <i>Biomechanics and Motor Control of Human Movement</i>, 4th ed. (2009), figure 4.1
 *       (the source of {@link BodyProportions}). The fingers hook into the loops, so the fingertip reach
 *       is where a loop stops carrying weight.</li>
 *   <li>Most that can hang with the feet on the mat: {@value #HANG_MAX_SHARE}, everything but both lower
 *       extremities (1 - 2 x 0.161, Dempster via Winter, table 4.1, as in {@link SegmentMassTable}): the
 *       legs stand on the mat and carry at least themselves.</li>
 *   <li>Sink range {@value #SINK_FRACTION} x stature: the loop height over which the client goes from
 *       straight arms to the full hang. A modelling choice, not a published figure: about a half squat
 *       with the arms straight (thigh 0.245 H, Drillis and Contini), chosen short so that the model's share
 *       at any height is at or above what a client lets hang there.</li>
 * </ul>
 *
 * <p>What the client lets hang is their choice (a client may stand straight with the loops low); the
 * model is therefore an upper bound: what the loops carry at most with the client alone and the feet
 * on the mat. SR-2 adds its margin to it; a load far above it is someone else or a snag. It cannot tell
 * a client who lets less hang from a load cell that reads low: that is SR-17's and SR-18's (calibration,
 * the daily zero check).
 *
 * <p>Immutable; the share methods are pure and allocation-free.
 */
public final class UprightShareModel {
    /** Overhead fingertip reach standing, fraction of stature (Drillis and Contini: 0.818 + 0.186 + 0.146 + 0.108). */
    public static final double REACH_FRACTION = 0.818 + 0.186 + 0.146 + 0.108;
    /** The most of the body weight the loops carry with the feet on the mat: all but both lower extremities. */
    public static final double HANG_MAX_SHARE = 1 - 2 * SegmentMassTable.LOWER_EXTREMITY;
    /** Loop height over which the share grows from 0 to {@link #HANG_MAX_SHARE}, fraction of stature. */
    public static final double SINK_FRACTION = 0.20;

    private final double statureMm;
    private final double reachMm;
    private final double sinkMm;

    private UprightShareModel(double statureMm) {
        if (!(statureMm > 0)) {
            throw new IllegalArgumentException("statureMm = " + statureMm + " is not a stature");
        }
        this.statureMm = statureMm;
        this.reachMm = REACH_FRACTION * statureMm;
        this.sinkMm = SINK_FRACTION * statureMm;
    }

    /** The model for a client of this stature, mm. */
    public static UprightShareModel of(double statureMm) {
        return new UprightShareModel(statureMm);
    }

    public double statureMm() {
        return statureMm;
    }

    /**
     * The loop height at which the client still stands (arms straight up, feet flat), mm above the mat:
     * the ceiling of the loops in this exercise. Above it a client holding on is pulled onto the toes and off
     * the mat.
     */
    public double standingReachMm() {
        return reachMm;
    }

    /**
     * The most of the body weight both loops together carry with the loops at this mean loaded height, 0..
     * {@link #HANG_MAX_SHARE}.
     *
     * @param loopHeightMm the loops' mean loaded height above the mat, mm
     */
    public double expectedShare(double loopHeightMm) {
        double sink = (reachMm - loopHeightMm) / sinkMm;
        return HANG_MAX_SHARE * Math.max(0, Math.min(1, sink));
    }

    /** How much the expected share grows per mm the loops are lowered inside the sink range, 1/mm. */
    public double shareGradientPerMm() {
        return HANG_MAX_SHARE / sinkMm;
    }

    /**
     * The mean loop height at which the model expects this share, mm: where aiming at a target share starts.
     * The model being an upper bound, a real client hangs less there: the approach comes from the light side.
     *
     * @param share 0..{@link #HANG_MAX_SHARE}
     */
    public double heightForShare(double share) {
        if (!(share >= 0 && share <= HANG_MAX_SHARE)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a share of %.3f is outside 0..%.3f (the most that hangs with the feet on the mat)", share,
                    HANG_MAX_SHARE));
        }
        return reachMm - sinkMm * share / HANG_MAX_SHARE;
    }
}
