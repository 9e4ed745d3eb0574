package com.lianarig.tools.panel;

/**
 * Tells, in a terminal, whether a key is still held: a terminal sends no key-up, only the key again
 * while it auto-repeats. A key counts as held from its first press until its repeats stop: up to
 * the initial repeat delay after the first press, then up to {@code repeatGapMs} after the latest
 * repeat. (A real handheld has a physical enable button; this is the terminal panel's limit, see
 * docs/panel.md.)
 *
 * <p>Used by the panel's loop thread only.
 */
public final class HoldTracker {
    /** Default allowance for the terminal's initial auto-repeat delay, ms (common desktops: 500 ms). */
    public static final long INITIAL_REPEAT_DELAY_MS = 550;
    /** Default: released when no repeat arrives within this, ms (repeats come every 30..40 ms). */
    public static final long REPEAT_GAP_MS = 150;

    private final long initialDelayMs;
    private final long repeatGapMs;
    private Key key;
    private long firstMs;
    private long lastMs;
    private boolean repeated;

    public HoldTracker(long initialDelayMs, long repeatGapMs) {
        if (initialDelayMs <= 0 || repeatGapMs <= 0) {
            throw new IllegalArgumentException("the repeat delays must be positive ms");
        }
        this.initialDelayMs = initialDelayMs;
        this.repeatGapMs = repeatGapMs;
    }

    /**
     * A press (or repeat) of a hold key at {@code nowMs}.
     *
     * @return true when this starts a new hold (not the repeat of the key already held)
     */
    public boolean press(Key pressed, long nowMs) {
        if (pressed.equals(key) && !released(nowMs)) {
            lastMs = nowMs;
            repeated = true;
            return false;
        }
        key = pressed;
        firstMs = nowMs;
        lastMs = nowMs;
        repeated = false;
        return true;
    }

    /** True when the held key's repeats have stopped by {@code nowMs} (or nothing is held). */
    public boolean released(long nowMs) {
        if (key == null) {
            return true;
        }
        // After the first press the terminal waits its initial delay before repeating; after that,
        // repeats come every few tens of ms (a double press inside the delay does not shorten it).
        long deadline = repeated ? Math.max(firstMs + initialDelayMs, lastMs + repeatGapMs) : firstMs + initialDelayMs;
        return nowMs > deadline;
    }

    /** Forgets the held key (released, or another key pressed). */
    public void clear() {
        key = null;
    }

    /** The key being held, or null. */
    public Key key() {
        return key;
    }
}
