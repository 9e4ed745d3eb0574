package com.lianarig.tools.calibrate;

import com.lianarig.protocol.ChannelStatus;
import java.util.Locale;

/**
 * Takes one calibration point from a stream of raw samples: averages a window of them and refuses to
 * take it while the reading still moves. Pure: no I/O, no clock (time is counted in samples).
 *
 * <pre>
 *   FILLING ──window full and still──► TAKEN
 *      │ window full, moving
 *      ▼
 *   SETTLING: the window slides one sample at a time ──still──► TAKEN
 *      │ maxSamples seen and still moving                     any status but OK or NOT_READY ──► FAILED
 *      ▼
 *   FAILED (MOVING)
 * </pre>
 *
 * <p>A sample whose status is SATURATED or DISCONNECTED fails the point at once, naming the status: its
 * counts mean nothing. NOT_READY (a channel just enabled) empties the window, which fills again from
 * the next sample. Stillness is judged by {@link StabilityCriteria} on the whole window, each time a
 * sample arrives once it is full.
 *
 * <p>Owned by one thread (the command's); not thread-safe.
 */
public final class PointTaker {

    /** Where the point stands. */
    public enum State {
        /** Fewer samples than the window holds since the start (or since a NOT_READY). */
        FILLING,
        /** The window is full but the reading moves: waiting for it to settle. */
        SETTLING,
        /** Taken: {@link #reading()} holds it. */
        TAKEN,
        /** Not taken: {@link #failure()} and {@link #failureMessage()} say why. */
        FAILED
    }

    /** Why a point was not taken. */
    public enum Failure {
        /** The reading never settled within the samples allowed. */
        MOVING,
        /** The ADC is at the end of its range. */
        SATURATED,
        /** The load cell's bridge is open, or its ADC does not answer. */
        DISCONNECTED,
        /** The channel never delivered a conversion within the samples allowed. */
        NOT_READY
    }

    private final int windowSamples;
    private final int maxSamples;
    private final StabilityCriteria criteria;
    private final double sampleRateHz;
    private final int[] window;

    private int filled;
    private int next;
    private int seen;
    private State state = State.FILLING;
    private double stdDevCounts = Double.NaN;
    private double halfDifferenceCounts = Double.NaN;
    private PointReading reading;
    private Failure failure;
    private String failureMessage;

    /**
     * @param windowSamples samples averaged into the point, at least 4 (e.g. 2 s at 80 Hz: 160)
     * @param maxSamples samples to wait at most, window included, before giving up (at least the window)
     * @param criteria when the window is still
     * @param sampleRateHz the channel's sample rate, Hz: only to state times in messages
     */
    public PointTaker(int windowSamples, int maxSamples, StabilityCriteria criteria, double sampleRateHz) {
        if (windowSamples < 4) {
            throw new IllegalArgumentException("a window of " + windowSamples + " samples is too small (4 at least)");
        }
        if (maxSamples < windowSamples) {
            throw new IllegalArgumentException("maxSamples " + maxSamples + " is below the window " + windowSamples);
        }
        if (!(sampleRateHz > 0)) {
            throw new IllegalArgumentException("sample rate " + sampleRateHz + " Hz must be above 0");
        }
        this.windowSamples = windowSamples;
        this.maxSamples = maxSamples;
        this.criteria = java.util.Objects.requireNonNull(criteria, "criteria");
        this.sampleRateHz = sampleRateHz;
        this.window = new int[windowSamples];
    }

    /**
     * One sample, in arrival order.
     *
     * @param rawCounts signed 24-bit ADC reading, counts
     * @param status the sample's status
     * @return the state after it; once TAKEN or FAILED, further samples are ignored
     */
    public State offer(int rawCounts, ChannelStatus status) {
        if (state == State.TAKEN || state == State.FAILED) {
            return state;
        }
        seen++;
        switch (status) {
            case OK -> accept(rawCounts);
            case NOT_READY -> {
                filled = 0;
                next = 0;
                state = State.FILLING;
            }
            case SATURATED -> fail(Failure.SATURATED, "the channel reports SATURATED: its ADC is at the end of its"
                    + " range (too much load, a reversed or shorted bridge, or a wiring fault)");
            case DISCONNECTED -> fail(Failure.DISCONNECTED, "the channel reports DISCONNECTED: the load cell's bridge"
                    + " is open or its ADC does not answer (check the cable and connector)");
        }
        if ((state == State.FILLING || state == State.SETTLING) && seen >= maxSamples) {
            if (state == State.FILLING) { // the window never filled: NOT_READY kept emptying it
                fail(Failure.NOT_READY, String.format(Locale.ROOT, "the channel reported NOT_READY: no steady"
                        + " stream of conversions within %.1f s", seen / sampleRateHz));
            } else {
                fail(Failure.MOVING, String.format(Locale.ROOT, "the reading is still moving after %.1f s: %s;"
                        + " wait until the load hangs still (nothing swinging or touching), then try again",
                        seen / sampleRateHz, criteria.whyMoving(stdDevCounts, halfDifferenceCounts)));
            }
        }
        return state;
    }

    private void accept(int rawCounts) {
        window[next] = rawCounts;
        next = (next + 1) % windowSamples;
        if (filled < windowSamples) {
            filled++;
        }
        if (filled < windowSamples) {
            state = State.FILLING;
            return;
        }
        judge();
    }

    /** Statistics of the full window, oldest sample first; TAKEN when still, else SETTLING. */
    private void judge() {
        int half = windowSamples / 2;
        long firstSum = 0;
        long secondSum = 0;
        for (int i = 0; i < windowSamples; i++) {
            int v = window[(next + i) % windowSamples];
            if (i < half) {
                firstSum += v;
            } else {
                secondSum += v;
            }
        }
        double mean = (double) (firstSum + secondSum) / windowSamples;
        double squares = 0;
        for (int v : window) {
            double d = v - mean;
            squares += d * d;
        }
        stdDevCounts = Math.sqrt(squares / (windowSamples - 1));
        halfDifferenceCounts = (double) secondSum / (windowSamples - half) - (double) firstSum / half;
        if (criteria.still(stdDevCounts, halfDifferenceCounts)) {
            state = State.TAKEN;
            reading = new PointReading(mean, stdDevCounts, halfDifferenceCounts, windowSamples,
                    seen - windowSamples);
        } else {
            state = State.SETTLING;
        }
    }

    private void fail(Failure why, String message) {
        state = State.FAILED;
        failure = why;
        failureMessage = message;
    }

    public State state() {
        return state;
    }

    /** How full the window is, 0..1 (1 once it has been full). */
    public double fillFraction() {
        return state == State.FILLING ? (double) filled / windowSamples : 1;
    }

    /** Samples offered so far (NOT_READY ones included). */
    public int samplesSeen() {
        return seen;
    }

    /** The window's standard deviation when it was last judged, counts; NaN before it was full. */
    public double stdDevCounts() {
        return stdDevCounts;
    }

    /** The window's half-mean difference when it was last judged, counts; NaN before it was full. */
    public double halfDifferenceCounts() {
        return halfDifferenceCounts;
    }

    /** While SETTLING: what moves, e.g. "halves differ by 912 counts (limit 80)". */
    public String movingReason() {
        return Double.isNaN(stdDevCounts) ? "" : criteria.whyMoving(stdDevCounts, halfDifferenceCounts);
    }

    /**
     * The point.
     *
     * @throws IllegalStateException unless TAKEN
     */
    public PointReading reading() {
        if (state != State.TAKEN) {
            throw new IllegalStateException("no point taken: " + state);
        }
        return reading;
    }

    /**
     * The window's samples, oldest first, counts (what a tare hands to {@code TareCheck}).
     *
     * @throws IllegalStateException unless TAKEN
     */
    public double[] windowCounts() {
        if (state != State.TAKEN) {
            throw new IllegalStateException("no point taken: " + state);
        }
        double[] out = new double[windowSamples];
        for (int i = 0; i < windowSamples; i++) {
            out[i] = window[(next + i) % windowSamples];
        }
        return out;
    }

    /** Why the point failed; null unless FAILED. */
    public Failure failure() {
        return failure;
    }

    /** The failure in words for the technician; null unless FAILED. */
    public String failureMessage() {
        return failureMessage;
    }
}
