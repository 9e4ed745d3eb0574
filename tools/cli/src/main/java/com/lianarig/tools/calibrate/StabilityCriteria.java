package com.lianarig.tools.calibrate;

import java.util.Locale;

/**
 * When a window of raw readings is steady enough to be a calibration point, in ADC counts: before the
 * first fit the scale is unknown, so nothing here is in newtons.
 *
 * <p>Two tests, both on the whole averaging window: its standard deviation (a swinging or bouncing
 * mass, a noisy channel) and the difference between the means of its first and second halves (a
 * reading still creeping or ramping, which a standard deviation alone lets through when slow).
 *
 * <p>The defaults come from the ADC's noise: a 24-bit HX711 at 80 samples/s shows about
 * {@value #DEFAULT_NOISE_COUNTS} counts rms (the virtual rig's load cells use the same figure). A
 * still window's standard deviation is that noise; its half-mean difference has a standard deviation
 * of noise x sqrt(4 / samples), about 6 counts over 160 samples. So 4 x the noise for the first test
 * and 2 x the noise for the second pass a still reading practically always and refuse a moving one.
 * With about 2,100 counts per newton, 80 counts are 0.04 N (4 g): far below any linearity limit.
 *
 * @param maxStdDevCounts the window's standard deviation must be at most this, counts (&gt; 0)
 * @param maxHalfDifferenceCounts |mean of the second half - mean of the first half| must be at most this, counts (&gt; 0)
 */
public record StabilityCriteria(double maxStdDevCounts, double maxHalfDifferenceCounts) {
    /** The ADC noise the defaults are derived from, counts rms. */
    public static final double DEFAULT_NOISE_COUNTS = 40;
    /** Default limit on the window's standard deviation: 4 x the noise, counts. */
    public static final double DEFAULT_MAX_STD_DEV_COUNTS = 4 * DEFAULT_NOISE_COUNTS;
    /** Default limit on the difference of the two halves' means: 2 x the noise, counts. */
    public static final double DEFAULT_MAX_HALF_DIFFERENCE_COUNTS = 2 * DEFAULT_NOISE_COUNTS;

    public StabilityCriteria {
        if (!(maxStdDevCounts > 0 && maxStdDevCounts < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the standard deviation limit must be above 0 counts, not "
                    + maxStdDevCounts);
        }
        if (!(maxHalfDifferenceCounts > 0 && maxHalfDifferenceCounts < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the half-difference limit must be above 0 counts, not "
                    + maxHalfDifferenceCounts);
        }
    }

    /** The defaults: 160 and 80 counts. */
    public static StabilityCriteria defaults() {
        return new StabilityCriteria(DEFAULT_MAX_STD_DEV_COUNTS, DEFAULT_MAX_HALF_DIFFERENCE_COUNTS);
    }

    /** Whether a window with these statistics is still. */
    public boolean still(double stdDevCounts, double halfDifferenceCounts) {
        return stdDevCounts <= maxStdDevCounts && Math.abs(halfDifferenceCounts) <= maxHalfDifferenceCounts;
    }

    /** Why a window with these statistics is not still, e.g. "halves differ by 912 counts (limit 80)"; "" when it is. */
    public String whyMoving(double stdDevCounts, double halfDifferenceCounts) {
        StringBuilder sb = new StringBuilder();
        if (!(stdDevCounts <= maxStdDevCounts)) {
            sb.append(String.format(Locale.ROOT, "standard deviation %.0f counts (limit %.0f)", stdDevCounts,
                    maxStdDevCounts));
        }
        if (!(Math.abs(halfDifferenceCounts) <= maxHalfDifferenceCounts)) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(String.format(Locale.ROOT, "halves differ by %.0f counts (limit %.0f)",
                    Math.abs(halfDifferenceCounts), maxHalfDifferenceCounts));
        }
        return sb.toString();
    }
}
