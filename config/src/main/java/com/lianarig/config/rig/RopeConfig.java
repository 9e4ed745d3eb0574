package com.lianarig.config.rig;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One rope: what it ends in, where it hangs from (a winch, or a fixed point for a finger loop), the
 * load-cell channel on it and its load limits (SR-1).
 *
 * @param id the rope's name, e.g. "left-leg"
 * @param kind leg strap or finger loop
 * @param side the client's side
 * @param winch the id of the winch it hangs from; empty for a fixed point
 * @param fixedHeightMm height of a fixed point above the mat, mm; empty on a winch
 * @param node the id of the node whose load channel is on this rope
 * @param channel the load channel on that node, 0..15
 * @param ratedWorkingLoadKg the rope's (and strap's) rated working load, kg
 * @param limitKg SR-1 overload limit, kg; never above {@code ratedWorkingLoadKg}
 * @param stiffnessNPerMm rope and strap stiffness, N per mm of stretch (aiming corrects for stretch)
 */
public record RopeConfig(String id, RopeKind kind, Side side, Optional<String> winch, OptionalDouble fixedHeightMm,
        String node, int channel, double ratedWorkingLoadKg, double limitKg, double stiffnessNPerMm) {
    /** SR-1's default limit (lowered to the rated working load when that is smaller). */
    public static final double DEFAULT_LIMIT_KG = 150;
    public static final double MIN_RATED_WORKING_LOAD_KG = 20;
    public static final double MAX_RATED_WORKING_LOAD_KG = 2_000;
    public static final double MIN_LIMIT_KG = 10;
    public static final double MAX_FIXED_HEIGHT_MM = 5_000;
    public static final double MIN_STIFFNESS_N_PER_MM = 1;
    public static final double MAX_STIFFNESS_N_PER_MM = 100_000;

    public RopeConfig {
        RigIds.require("rope id", id);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(winch, "winch");
        Objects.requireNonNull(fixedHeightMm, "fixedHeightMm");
        RigIds.require("node id", node);
        winch.ifPresent(w -> RigIds.require("winch id", w));
        if (winch.isPresent() == fixedHeightMm.isPresent()) {
            throw new IllegalArgumentException("rope " + id + " hangs from a winch or a fixed point: exactly one");
        }
        if (kind == RopeKind.LEG_STRAP && winch.isEmpty()) {
            throw new IllegalArgumentException("rope " + id + ": a leg strap hangs from a winch");
        }
        fixedHeightMm.ifPresent(h -> RigIds.range("fixedHeightMm", h, 0, MAX_FIXED_HEIGHT_MM));
        RigIds.range("channel", channel, 0, com.lianarig.config.ChannelRef.MAX_CHANNEL);
        RigIds.range("ratedWorkingLoadKg", ratedWorkingLoadKg, MIN_RATED_WORKING_LOAD_KG, MAX_RATED_WORKING_LOAD_KG);
        RigIds.range("limitKg", limitKg, MIN_LIMIT_KG, ratedWorkingLoadKg);
        RigIds.range("stiffnessNPerMm", stiffnessNPerMm, MIN_STIFFNESS_N_PER_MM, MAX_STIFFNESS_N_PER_MM);
    }

    /** SR-1's default limit for a rope of this rated working load: 150 kg, or the rated load if smaller. */
    public static double defaultLimitKg(double ratedWorkingLoadKg) {
        return Math.min(DEFAULT_LIMIT_KG, ratedWorkingLoadKg);
    }

    /** Whether it hangs from a winch. */
    public boolean onWinch() {
        return winch.isPresent();
    }
}
