package com.lianarig.tools.commission;

import com.lianarig.protocol.ChannelStatus;

/**
 * The last few seconds of one load channel's samples, raw counts, for the commissioning checks.
 *
 * <p>Threads: the node session's owner thread adds samples; the command's thread reads statistics.
 * Both go through this object's lock (a few hundred samples: copying is cheap).
 */
final class ChannelHistory {
    /** Samples kept: 12.8 s at 80 Hz. */
    static final int CAPACITY = 1024;

    /**
     * Statistics of a window.
     *
     * @param samples how many OK samples
     * @param meanCounts their mean, counts
     * @param stdDevCounts their standard deviation, counts
     */
    record Stats(int samples, double meanCounts, double stdDevCounts) {
    }

    private final int[] raw = new int[CAPACITY];
    private final long[] atNanos = new long[CAPACITY];
    private final boolean[] ok = new boolean[CAPACITY];
    private int next;
    private int size;

    /** Owner thread of the node session. */
    synchronized void add(int rawCounts, ChannelStatus status, long receivedAtNanos) {
        raw[next] = rawCounts;
        atNanos[next] = receivedAtNanos;
        ok[next] = status == ChannelStatus.OK;
        next = (next + 1) % CAPACITY;
        size = Math.min(CAPACITY, size + 1);
    }

    /** The OK samples received at or after {@code sinceNanos} (host monotonic time). */
    synchronized Stats since(long sinceNanos) {
        int n = 0;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < size; i++) {
            int k = (next - 1 - i + CAPACITY) % CAPACITY;
            if (atNanos[k] - sinceNanos < 0) {
                break;
            }
            if (ok[k]) {
                n++;
                sum += raw[k];
                sumSq += (double) raw[k] * raw[k];
            }
        }
        if (n == 0) {
            return new Stats(0, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        double variance = Math.max(0, sumSq / n - mean * mean);
        return new Stats(n, mean, Math.sqrt(variance));
    }
}
