package com.lianarig.hal.gpio;

/**
 * Turns a contact's raw edges into a stable level, with a settling time per direction: a new level
 * is accepted once it has held for that direction's time, so a shorter bounce is ignored. A time of
 * 0 accepts that direction at once (the safe direction: a release, a trip).
 *
 * <p>Pure and time-driven (STYLE rule 5): {@link #onRaw} and {@link #poll} take the time. Not
 * thread-safe: owned by the GPIO backend's event thread.
 */
public final class Debouncer {
    private final long activeSettleNanos;
    private final long inactiveSettleNanos;
    private boolean stable;
    private boolean raw;
    private long rawSinceNanos;

    /**
     * @param initialLevel the level accepted at the start
     * @param activeSettleNanos how long a change to the active level (true) must hold, ns
     * @param inactiveSettleNanos how long a change to the inactive level (false) must hold, ns; 0 = at once
     */
    public Debouncer(boolean initialLevel, long activeSettleNanos, long inactiveSettleNanos) {
        if (activeSettleNanos < 0 || inactiveSettleNanos < 0) {
            throw new IllegalArgumentException("settling times must not be negative: " + activeSettleNanos + ", "
                    + inactiveSettleNanos + " ns");
        }
        this.stable = initialLevel;
        this.raw = initialLevel;
        this.activeSettleNanos = activeSettleNanos;
        this.inactiveSettleNanos = inactiveSettleNanos;
    }

    /**
     * A raw level seen at {@code nowNanos}.
     *
     * @return true when the stable level changed now
     */
    public boolean onRaw(boolean level, long nowNanos) {
        if (level != raw) {
            raw = level;
            rawSinceNanos = nowNanos;
        }
        return poll(nowNanos);
    }

    /**
     * Advances time to {@code nowNanos}.
     *
     * @return true when the stable level changed now
     */
    public boolean poll(long nowNanos) {
        if (raw != stable && nowNanos - rawSinceNanos >= settle(raw)) {
            stable = raw;
            return true;
        }
        return false;
    }

    /** The accepted level. */
    public boolean stable() {
        return stable;
    }

    /** True while a raw level differs from the accepted one and is still settling. */
    public boolean settling() {
        return raw != stable;
    }

    /** When the settling level would be accepted, ns; meaningful while {@link #settling()}. */
    public long deadlineNanos() {
        return rawSinceNanos + settle(raw);
    }

    private long settle(boolean level) {
        return level ? activeSettleNanos : inactiveSettleNanos;
    }
}
