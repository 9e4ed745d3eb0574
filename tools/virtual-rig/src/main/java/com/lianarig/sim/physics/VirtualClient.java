package com.lianarig.sim.physics;

import java.util.SplittableRandom;

/**
 * A simulated client: mass, stature, a body that differs from the tables, and where the straps sit
 * on the legs. Answers what share of the body weight the ropes carry for given strap or loop
 * heights, in the inverted hang (leg straps) and the upright hang (finger loops).
 *
 * <p>Immutable.
 *
 * @param massKg body mass, kg
 * @param statureMm standing height, mm
 * @param body where the mass and the spine levels are
 * @param strapOffsetMm where the leg straps sit above the ankle, mm (negative = below, over the shoe)
 * @param hangShare the share of body weight the client lets hang on the finger loops when fully sunk
 */
public record VirtualClient(double massKg, double statureMm, BodyModel body, double strapOffsetMm, double hangShare) {
    public static final double STANDARD_GRAVITY_M_PER_S2 = 9.80665;
    /** Overhead fingertip reach, standing, as a fraction of stature (about 1.25 in adult surveys). */
    static final double REACH = 1.25;
    /** Height over which the client sinks from straight arms to the full hang, fraction of stature. */
    static final double SINK_RANGE = 0.25;
    /** Strap height over which the feet are lifted off the mat, mm (smooths the start of the lift). */
    static final double FEET_LIFT_MM = 30;

    public VirtualClient {
        if (!(massKg >= 20 && massKg <= 250)) {
            throw new IllegalArgumentException("massKg = " + massKg + " is outside 20..250");
        }
        if (!(statureMm >= 1000 && statureMm <= 2300)) {
            throw new IllegalArgumentException("statureMm = " + statureMm + " is outside 1000..2300");
        }
        if (!(hangShare >= 0 && hangShare <= 1)) {
            throw new IllegalArgumentException("hangShare = " + hangShare + " is outside 0..1");
        }
    }

    /** A client whose body is exactly the tables'. */
    public static VirtualClient reference(double massKg, double statureMm) {
        return new VirtualClient(massKg, statureMm, BodyModel.reference(), 0, 0.6);
    }

    /**
     * A client whose segment masses differ from the tables by up to +-15 % each, whose spine
     * landmarks sit up to +-1.5 % of stature off, and whose straps sit -20..+40 mm from the ankle.
     */
    public static VirtualClient varied(double massKg, double statureMm, SplittableRandom random) {
        double[] factors = new double[8];
        for (int i = 0; i < factors.length; i++) {
            factors[i] = 1 + random.nextDouble(-0.15, 0.15);
        }
        BodyModel body = new BodyModel(factors, random.nextDouble(-0.015, 0.015), random.nextDouble(-0.015, 0.015));
        return new VirtualClient(massKg, statureMm, body, random.nextDouble(-20, 40), random.nextDouble(0.4, 0.7));
    }

    public double weightN() {
        return massKg * STANDARD_GRAVITY_M_PER_S2;
    }

    /** Standing height of the leg straps, fraction of stature. */
    double strapFraction() {
        return BodyModel.ANKLE + strapOffsetMm / statureMm;
    }

    /**
     * Share of body weight on the leg straps in the inverted hang: the body hangs straight down from
     * the straps to the mat; the ropes carry everything from the soles to the bend.
     *
     * @param strapHeightMm height of the straps above the mat, mm
     */
    public double invertedShare(double strapHeightMm) {
        if (strapHeightMm <= 0) {
            return 0;
        }
        double share = body.massBelow(bendFraction(strapHeightMm));
        return strapHeightMm < FEET_LIFT_MM ? share * strapHeightMm / FEET_LIFT_MM : share;
    }

    /** Standing-height fraction of the point at the bend (on the mat) for a strap height. */
    public double bendFraction(double strapHeightMm) {
        return strapFraction() + Math.max(0, strapHeightMm) / statureMm;
    }

    /** The strap height that puts the bend at a given standing-height fraction, mm. */
    public double strapHeightForBend(double bendFraction) {
        return (bendFraction - strapFraction()) * statureMm;
    }

    /**
     * Share of body weight on both finger loops together in the upright hang.
     *
     * @param loopHeightMm height of the loops above the mat, mm
     */
    public double uprightShare(double loopHeightMm) {
        double sink = (REACH * statureMm - loopHeightMm) / (SINK_RANGE * statureMm);
        return hangShare * Math.max(0, Math.min(1, sink));
    }
}
