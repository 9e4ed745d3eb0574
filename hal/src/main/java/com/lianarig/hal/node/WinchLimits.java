package com.lianarig.hal.node;

import com.lianarig.protocol.ConfigureWinch;

/**
 * The limits a node enforces on one winch by itself, whatever the set-points say (PROTOCOL.md
 * section 7.3), in encoder counts: the controller converts the rig file's millimetres.
 *
 * @param winch the winch's index on its node, 0..7
 * @param maxAscentCountsPerS upward speed limit, counts/s (SR-4)
 * @param maxDescentCountsPerS downward speed limit, counts/s (SR-3)
 * @param maxAccelCountsPerS2 acceleration and deceleration limit, counts/s^2 (SR-4)
 * @param overspeedPercent measured speed above this percentage of the limit on 2 status periods trips cat 0, 101..200 (SR-3: 120)
 * @param maxFollowingErrorCounts set-point minus encoder beyond this trips cat 0, counts (SR-13)
 * @param softLimitLowCounts lowest position a set-point may ask for, counts (SR-12)
 * @param softLimitHighCounts highest position a set-point may ask for, counts; above the low limit
 * @param unreferencedMaxCountsPerS speed limit while the position is not referenced, counts/s (SR-19)
 */
public record WinchLimits(int winch, int maxAscentCountsPerS, int maxDescentCountsPerS, int maxAccelCountsPerS2,
        int overspeedPercent, int maxFollowingErrorCounts, int softLimitLowCounts, int softLimitHighCounts,
        int unreferencedMaxCountsPerS) {

    /**
     * @throws IllegalArgumentException (a {@code FieldRangeException}) naming the field outside its protocol range
     */
    public WinchLimits {
        toMessage(winch, maxAscentCountsPerS, maxDescentCountsPerS, maxAccelCountsPerS2, overspeedPercent,
                maxFollowingErrorCounts, softLimitLowCounts, softLimitHighCounts, unreferencedMaxCountsPerS);
    }

    /** The CONFIGURE_WINCH that sends these limits. */
    public ConfigureWinch toMessage() {
        return toMessage(winch, maxAscentCountsPerS, maxDescentCountsPerS, maxAccelCountsPerS2, overspeedPercent,
                maxFollowingErrorCounts, softLimitLowCounts, softLimitHighCounts, unreferencedMaxCountsPerS);
    }

    private static ConfigureWinch toMessage(int winch, int ascent, int descent, int accel, int overspeed, int following,
            int low, int high, int unreferenced) {
        return new ConfigureWinch(winch, ascent, descent, accel, overspeed, following, low, high, unreferenced);
    }
}
