package com.lianarig.hal;

/** What a signal output (status light, buzzer) does. */
public enum SignalPattern {
    /** Off. */
    OFF(0),
    /** On, steadily. */
    ON(0),
    /** On and off, 1 Hz. */
    SLOW_BLINK(500),
    /** On and off, 4 Hz. */
    FAST_BLINK(125);

    private final long halfPeriodMs;

    SignalPattern(long halfPeriodMs) {
        this.halfPeriodMs = halfPeriodMs;
    }

    /** Time on, then time off, ms; 0 for a steady pattern. */
    public long halfPeriodMs() {
        return halfPeriodMs;
    }

    /**
     * The output level at {@code sinceStartNanos} after the pattern began.
     *
     * @param sinceStartNanos time since the pattern was set, ns (not negative)
     */
    public boolean levelAt(long sinceStartNanos) {
        return switch (this) {
            case OFF -> false;
            case ON -> true;
            default -> (sinceStartNanos / (halfPeriodMs * 1_000_000L)) % 2 == 0;
        };
    }
}
