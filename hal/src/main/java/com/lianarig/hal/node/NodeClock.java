package com.lianarig.hal.node;

/**
 * Unwraps a node's 32-bit microsecond clock (it wraps every 71.6 minutes) into a 64-bit count since
 * the node's start, tolerating small steps back (frames of different streams).
 *
 * <p>Not thread-safe: owned by the node session's owner thread.
 */
final class NodeClock {
    private boolean started;
    private long lastRaw;
    private long unwrapped;

    /** Forgets the node's previous clock (it restarted). */
    void reset() {
        started = false;
    }

    /**
     * @param rawUs the node's u32 timestamp, microseconds
     * @return microseconds since the node's start, without wraps
     */
    long unwrap(long rawUs) {
        if (!started) {
            started = true;
            lastRaw = rawUs;
            unwrapped = rawUs;
            return unwrapped;
        }
        long delta = (int) (rawUs - lastRaw); // signed 32-bit difference: forward or a little back
        lastRaw = rawUs;
        unwrapped += delta;
        return unwrapped;
    }
}
