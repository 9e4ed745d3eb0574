package com.lianarig.hal;

/**
 * What a signal output (status light, buzzer) does: steady, or a cycle of on and off phases that
 * starts with "on" the moment the pattern is set and repeats. One lamp tells its states apart by
 * rhythm alone, so every blinking pattern here has a rhythm of its own:
 *
 * <pre>
 *   SLOW_BLINK    ##########..........               500 on, 500 off           (1 Hz)
 *   FAST_BLINK    ###...###...###...###...            125 on, 125 off           (4 Hz)
 *   FLASH         ##..................                100 on, 900 off           (a short flash each second)
 *   DOUBLE_FLASH  ###...###...........                150 on, 150 off, 150 on, 550 off (two flashes each second)
 *                 |<------ 1 s ------>|               one character = 50 ms
 * </pre>
 */
public enum SignalPattern {
    /** Off. */
    OFF(),
    /** On, steadily. */
    ON(),
    /** On and off, 1 Hz (500 ms each). */
    SLOW_BLINK(500, 500),
    /** On and off, 4 Hz (125 ms each). */
    FAST_BLINK(125, 125),
    /** A 100 ms flash once a second. */
    FLASH(100, 900),
    /** Two 150 ms flashes 150 ms apart, once a second. */
    DOUBLE_FLASH(150, 150, 150, 550);

    /** Phase lengths, ms, alternating on and off, starting with on; empty for a steady pattern. */
    private final long[] phasesMs;
    private final long cycleMs;

    SignalPattern(long... phasesMs) {
        this.phasesMs = phasesMs;
        long sum = 0;
        for (long p : phasesMs) {
            sum += p;
        }
        this.cycleMs = sum;
    }

    /** Whether the level changes over time (a blink or flash pattern). */
    public boolean blinks() {
        return phasesMs.length > 0;
    }

    /** One whole cycle, ms; 0 for a steady pattern. */
    public long cycleMs() {
        return cycleMs;
    }

    /** The shortest phase, ms (how finely an output must be refreshed to show it); 0 for a steady pattern. */
    public long shortestPhaseMs() {
        long min = 0;
        for (long p : phasesMs) {
            min = min == 0 ? p : Math.min(min, p);
        }
        return min;
    }

    /**
     * The output level at {@code sinceStartNanos} after the pattern began.
     *
     * @param sinceStartNanos time since the pattern was set, ns (a negative time reads as 0)
     */
    public boolean levelAt(long sinceStartNanos) {
        if (this == OFF) {
            return false;
        }
        if (this == ON) {
            return true;
        }
        long inCycleNanos = Math.max(0, sinceStartNanos) % (cycleMs * 1_000_000L);
        boolean on = true;
        for (long p : phasesMs) {
            long phaseNanos = p * 1_000_000L;
            if (inCycleNanos < phaseNanos) {
                return on;
            }
            inCycleNanos -= phaseNanos;
            on = !on;
        }
        return on; // not reached: the phases add up to the cycle
    }

    /**
     * How long after {@code sinceStartNanos} the level next changes, ns; {@link Long#MAX_VALUE} for a
     * steady pattern.
     *
     * @param sinceStartNanos time since the pattern was set, ns (a negative time reads as 0)
     */
    public long nanosToNextChange(long sinceStartNanos) {
        if (!blinks()) {
            return Long.MAX_VALUE;
        }
        long inCycleNanos = Math.max(0, sinceStartNanos) % (cycleMs * 1_000_000L);
        long endNanos = 0;
        for (long p : phasesMs) {
            endNanos += p * 1_000_000L;
            if (inCycleNanos < endNanos) {
                return endNanos - inCycleNanos;
            }
        }
        return cycleMs * 1_000_000L - inCycleNanos; // not reached
    }
}
