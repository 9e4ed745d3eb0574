package com.lianarig.sim.physics;

/**
 * One rope of the simulated rig.
 *
 * @param name a name for logs and the CLI (e.g. "left-leg")
 * @param kind leg strap or finger loop
 * @param side which side of the client
 * @param winch index into the rig's winches, or -1 for a loop on a fixed point
 * @param fixedHeightMm height of a fixed loop above the mat, mm (ignored with a winch)
 * @param stiffnessNPerMm rope and strap stiffness, N per mm of stretch
 * @param loadChannel the node's load-cell channel on this rope
 */
public record RopeSpec(String name, Kind kind, Side side, int winch, double fixedHeightMm, double stiffnessNPerMm,
        int loadChannel) {

    /** What the rope ends in. */
    public enum Kind {
        LEG_STRAP, FINGER_LOOP
    }

    /** The client's side the rope is on. */
    public enum Side {
        LEFT, RIGHT
    }

    public RopeSpec {
        if (!(stiffnessNPerMm > 0)) {
            throw new IllegalArgumentException(name + ": stiffnessNPerMm = " + stiffnessNPerMm + " must be positive");
        }
        if (kind == Kind.LEG_STRAP && winch < 0) {
            throw new IllegalArgumentException(name + ": a leg strap hangs from a winch");
        }
    }
}
