package com.lianarig.config.rig;

import java.util.Objects;
import java.util.Optional;

/**
 * One winch: which node drives it, its geometry and its travel. Positions are mm of rope wound in
 * from the lowest point (0), upward positive; the strap hangs {@code baseHeightMm + position} above
 * the mat, unloaded.
 *
 * <pre>
 * 0 &lt;= lowerLimitMm &lt; softLowMm &lt; softHighMm &lt; upperLimitMm &lt;= travelMm
 * </pre>
 *
 * @param id the name ropes use for it
 * @param node the id of the node that drives it
 * @param index the winch number on that node, 0..{@value #MAX_INDEX}
 * @param drumRadiusMm drum radius, mm
 * @param countsPerMm encoder counts per mm of rope
 * @param travelMm rope travel from the lowest to the highest point, mm
 * @param lowerLimitMm position of the lower limit switch, mm
 * @param upperLimitMm position of the upper limit switch, mm
 * @param softLowMm lowest position any target may ask for (SR-12), mm
 * @param softHighMm highest position any target may ask for (SR-12), mm
 * @param baseHeightMm strap height above the mat at position 0, unloaded, mm
 * @param pair the pair this winch belongs to (a pair is two winches that always move together), if any
 */
public record WinchConfig(String id, String node, int index, double drumRadiusMm, double countsPerMm,
        double travelMm, double lowerLimitMm, double upperLimitMm, double softLowMm, double softHighMm,
        double baseHeightMm, Optional<String> pair) {
    public static final int MAX_INDEX = 7;
    public static final double MIN_DRUM_RADIUS_MM = 5;
    public static final double MAX_DRUM_RADIUS_MM = 500;
    public static final double MIN_COUNTS_PER_MM = 0.5;
    public static final double MAX_COUNTS_PER_MM = 100_000;
    public static final double MIN_TRAVEL_MM = 100;
    public static final double MAX_TRAVEL_MM = 5_000;
    public static final double MAX_BASE_HEIGHT_MM = 5_000;
    /** Positions travel to the node as signed 32-bit counts. */
    public static final double MAX_TRAVEL_COUNTS = Integer.MAX_VALUE;

    public WinchConfig {
        RigIds.require("winch id", id);
        RigIds.require("node id", node);
        Objects.requireNonNull(pair, "pair");
        pair.ifPresent(p -> RigIds.require("pair", p));
        RigIds.range("index", index, 0, MAX_INDEX);
        RigIds.range("drumRadiusMm", drumRadiusMm, MIN_DRUM_RADIUS_MM, MAX_DRUM_RADIUS_MM);
        RigIds.range("countsPerMm", countsPerMm, MIN_COUNTS_PER_MM, MAX_COUNTS_PER_MM);
        RigIds.range("travelMm", travelMm, MIN_TRAVEL_MM, MAX_TRAVEL_MM);
        RigIds.range("baseHeightMm", baseHeightMm, 0, MAX_BASE_HEIGHT_MM);
        String why = travelProblem(travelMm, lowerLimitMm, upperLimitMm, softLowMm, softHighMm);
        if (why != null) {
            throw new IllegalArgumentException("winch " + id + ": " + why);
        }
        if (travelMm * countsPerMm > MAX_TRAVEL_COUNTS) {
            throw new IllegalArgumentException("winch " + id + ": travelMm x countsPerMm exceeds 32-bit counts");
        }
    }

    /** Why the travel positions are not in order, or null when they are. */
    static String travelProblem(double travelMm, double lowerLimitMm, double upperLimitMm, double softLowMm,
            double softHighMm) {
        if (!(0 <= lowerLimitMm && lowerLimitMm < softLowMm && softLowMm < softHighMm && softHighMm < upperLimitMm
                && upperLimitMm <= travelMm)) {
            return "positions must satisfy 0 <= lowerLimitMm < softLowMm < softHighMm < upperLimitMm <= travelMm";
        }
        return null;
    }

    /** mm of rope per encoder count. */
    public double mmPerCount() {
        return 1 / countsPerMm;
    }

    /** A position in encoder counts (rounded). */
    public long toCounts(double positionMm) {
        return Math.round(positionMm * countsPerMm);
    }
}
