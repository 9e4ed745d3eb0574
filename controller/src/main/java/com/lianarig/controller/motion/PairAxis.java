package com.lianarig.controller.motion;

/**
 * Two winches that always move together: one {@link SCurveAxis} drives both, and each winch's set-point
 * is the common position plus that winch's fixed offset, captured at {@link #reset}. The two set-points are
 * therefore synchronised by construction (same velocity and acceleration at every step; their difference
 * never changes while moving, SR-13), and a pair always stops together.
 *
 * <p>The common position is the mean of the two winches' positions at reset, so the offsets are
 * {@code +-(a - b) / 2}. Commands (move, jog, stop, speed limits) go to {@link #axis()} in common
 * coordinates; a winch's soft limit L is the common limit {@code L - offset}.
 *
 * <p>Owner: the control thread, like its axis.
 */
public final class PairAxis {
    private final SCurveAxis axis;
    private double offsetAMm;
    private double offsetBMm;

    /**
     * A pair at rest where its winches are.
     *
     * @param limits the fixed limits of the pair
     * @param winchAMm measured position of winch A, mm
     * @param winchBMm measured position of winch B, mm
     */
    public PairAxis(MotionLimits limits, double winchAMm, double winchBMm) {
        this.axis = new SCurveAxis(limits, 0);
        reset(winchAMm, winchBMm);
    }

    /**
     * Rests at the measured positions and captures each winch's offset from their mean.
     *
     * @param winchAMm measured position of winch A, mm, finite
     * @param winchBMm measured position of winch B, mm, finite
     */
    public void reset(double winchAMm, double winchBMm) {
        if (!Double.isFinite(winchAMm) || !Double.isFinite(winchBMm)) {
            throw new IllegalArgumentException("winch positions must be finite, were " + winchAMm + " mm and "
                    + winchBMm + " mm");
        }
        double commonMm = winchAMm / 2 + winchBMm / 2;
        axis.reset(commonMm);
        offsetAMm = winchAMm - commonMm;
        offsetBMm = winchBMm - commonMm;
    }

    /** The axis that moves both winches, in common coordinates. */
    public SCurveAxis axis() {
        return axis;
    }

    /** Winch A's position set-point, mm. */
    public double setPointAMm() {
        return axis.positionMm() + offsetAMm;
    }

    /** Winch B's position set-point, mm. */
    public double setPointBMm() {
        return axis.positionMm() + offsetBMm;
    }

    /** Winch A's offset from the common position, mm. */
    public double offsetAMm() {
        return offsetAMm;
    }

    /** Winch B's offset from the common position, mm. */
    public double offsetBMm() {
        return offsetBMm;
    }
}
