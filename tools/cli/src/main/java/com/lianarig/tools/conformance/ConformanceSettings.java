package com.lianarig.tools.conformance;

/**
 * What a conformance run may do and how strictly it judges timing.
 *
 * @param address the node's address, 1..127
 * @param winch the winch the checks use, 0..7 (must exist on the node)
 * @param motion true when the operator allowed the checks that move a winch
 * @param allowanceMs added to every time limit of the protocol for what lies between the node and
 *     the tester (USB or pty transit, the host's scheduling), ms
 * @param maxSpeedCountsPerS the speed limit the tester configures on the winch (and the fastest it
 *     moves it), counts/s
 * @param moveCounts how far the motion checks move the winch from where it stands, counts
 */
public record ConformanceSettings(int address, int winch, boolean motion, long allowanceMs, int maxSpeedCountsPerS,
        int moveCounts) {

    /** The heartbeat watchdog timeout the tester configures (the protocol's default and maximum), ms. */
    public static final int HEARTBEAT_TIMEOUT_MS = 200;
    /** The set-point gap the tester configures (the protocol's default and maximum), ms. */
    public static final int SET_POINT_GAP_MS = 50;
    /** The WINCH_STATUS rate the tester configures (the protocol's minimum), Hz. */
    public static final int STATUS_RATE_HZ = 50;
    /** The LOAD_SAMPLES rate the tester configures, Hz (lowered to the node's maximum if that is less). */
    public static final int SAMPLE_RATE_HZ = 10;
    /** ACK, NACK and IDENTIFY within this of the request's last byte (section 9.3), ms. */
    public static final int ANSWER_LIMIT_MS = 10;
    /** NODE_STATUS rate from IDENTIFIED on (section 9.3), Hz. */
    public static final int NODE_STATUS_RATE_HZ = 20;

    public ConformanceSettings {
        if (address < 1 || address > 127) {
            throw new IllegalArgumentException("the node address " + address + " is outside 1..127");
        }
        if (winch < 0 || winch > 7) {
            throw new IllegalArgumentException("the winch " + winch + " is outside 0..7");
        }
        if (allowanceMs < 0 || allowanceMs > 10_000) {
            throw new IllegalArgumentException("the timing allowance " + allowanceMs + " ms is outside 0..10000 ms");
        }
        if (maxSpeedCountsPerS < 1 || maxSpeedCountsPerS > 100_000) {
            throw new IllegalArgumentException("the speed " + maxSpeedCountsPerS
                    + " counts/s is outside 1..100000 counts/s");
        }
        if (moveCounts < 2 || moveCounts > 100_000) {
            throw new IllegalArgumentException("the move " + moveCounts + " counts is outside 2..100000 counts");
        }
    }

    /** A protocol time limit plus the allowance, ns. */
    long limitNanos(long protocolMs) {
        return (protocolMs + allowanceMs) * 1_000_000L;
    }

    /** The limit as printed: "<= 10 ms (+5 ms allowance)". */
    String limitText(long protocolMs) {
        return "<= " + protocolMs + " ms" + (allowanceMs == 0 ? "" : " +" + allowanceMs);
    }
}
