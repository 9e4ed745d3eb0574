package com.lianarig.tools.calibrate;

/**
 * One averaged, steady reading of a load channel: what a calibration point, a verification or a tare
 * is made of.
 *
 * @param meanCounts the window's mean, raw ADC counts
 * @param stdDevCounts the window's standard deviation, counts
 * @param halfDifferenceCounts mean of the second half minus mean of the first half, counts
 * @param samples samples in the window
 * @param samplesWaited samples seen before the window that was taken (0: the first full window was still)
 */
public record PointReading(double meanCounts, double stdDevCounts, double halfDifferenceCounts, int samples,
        int samplesWaited) {
    public PointReading {
        if (samples < 2) {
            throw new IllegalArgumentException("a reading averages at least 2 samples, not " + samples);
        }
        if (samplesWaited < 0) {
            throw new IllegalArgumentException("samplesWaited " + samplesWaited + " is negative");
        }
    }
}
