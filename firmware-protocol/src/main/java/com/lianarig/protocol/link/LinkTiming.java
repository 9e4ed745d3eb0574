package com.lianarig.protocol.link;

/**
 * The host side's timing rules (PROTOCOL.md, timing table).
 *
 * @param identifyRetryNanos interval between IDENTIFY_REQUESTs until an IDENTIFY arrives
 * @param identifyAttempts IDENTIFY_REQUESTs sent before the link faults with NO_IDENTIFY
 * @param ackTimeoutNanos wait for an ACK/NACK before retransmitting a command
 * @param maxRetransmissions retransmissions of one command before the link faults with ACK_TIMEOUT
 * @param commandWindow unacknowledged commands allowed at once (STOP is never held back by it)
 * @param heartbeatPeriodNanos interval between HEARTBEATs once identified
 * @param silenceTimeoutNanos no valid frame from the node for this long faults the link with NODE_SILENT (SR-9)
 */
public record LinkTiming(long identifyRetryNanos, int identifyAttempts, long ackTimeoutNanos, int maxRetransmissions,
        int commandWindow, long heartbeatPeriodNanos, long silenceTimeoutNanos) {

    /** Slots for unacknowledged commands: the window plus room for STOPs. */
    static final int SLOTS = 16;

    /** The defaults of PROTOCOL.md: 100 ms x 10, 25 ms x 3, window 8, heartbeat 50 ms, silence 100 ms. */
    public static final LinkTiming DEFAULTS = new LinkTiming(ms(100), 10, ms(25), 3, 8, ms(50), ms(100));

    public LinkTiming {
        positive("identifyRetryNanos", identifyRetryNanos);
        positive("identifyAttempts", identifyAttempts);
        positive("ackTimeoutNanos", ackTimeoutNanos);
        if (maxRetransmissions < 0 || maxRetransmissions > 10) {
            throw new IllegalArgumentException("maxRetransmissions = " + maxRetransmissions + " is outside 0..10");
        }
        if (commandWindow < 1 || commandWindow >= SLOTS) {
            throw new IllegalArgumentException("commandWindow = " + commandWindow + " is outside 1.." + (SLOTS - 1));
        }
        positive("heartbeatPeriodNanos", heartbeatPeriodNanos);
        positive("silenceTimeoutNanos", silenceTimeoutNanos);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " = " + value + " must be positive");
        }
    }

    private static long ms(long millis) {
        return millis * 1_000_000L;
    }
}
