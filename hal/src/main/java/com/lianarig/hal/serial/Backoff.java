package com.lianarig.hal.serial;

/**
 * Exponential backoff: the first delay, then doubling up to a ceiling, until {@link #reset}.
 *
 * <p>Not thread-safe: owned by one thread (the link's reader).
 */
public final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private long nextNanos;

    /**
     * @param initialNanos the first delay, ns
     * @param maxNanos the longest delay, ns
     */
    public Backoff(long initialNanos, long maxNanos) {
        if (initialNanos <= 0 || maxNanos < initialNanos) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, not " + initialNanos + ", "
                    + maxNanos + " ns");
        }
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
        this.nextNanos = initialNanos;
    }

    /** The delay to wait now, ns; the following one is twice as long, up to the ceiling. */
    public long next() {
        long d = nextNanos;
        nextNanos = Math.min(maxNanos, nextNanos * 2);
        return d;
    }

    /** Back to the first delay (after a success). */
    public void reset() {
        nextNanos = initialNanos;
    }
}
