package com.lianarig.controller.mqtt;

/**
 * Notices the rig's MQTT connection being taken over (issue 20): a broker drops a client's connection
 * when another client connects with the same client id, and MQTT 3.1.1 does not say why. So the sign
 * is the pattern: the connection lost again and again soon after it was made. {@value #TAKEOVERS}
 * losses within {@value #QUICK_S} s of their connect, inside {@value #WINDOW_S} s, is a takeover; it
 * is reported once per window (the caller journals it and says so on the status topic) and the
 * warning stays on until a connection has lasted {@value #WINDOW_S} s.
 *
 * <p>Time is a parameter (host monotonic ns). Not thread-safe: the publisher thread owns it.
 */
final class ConnectionWatch {
    /** A loss this soon after its connect is a quick one, s. */
    static final long QUICK_S = 5;
    /** Quick losses counted over this, s. */
    static final long WINDOW_S = 60;
    /** Quick losses in a window that make a takeover. */
    static final int TAKEOVERS = 2;

    private static final long QUICK_NANOS = QUICK_S * 1_000_000_000L;
    private static final long WINDOW_NANOS = WINDOW_S * 1_000_000_000L;

    private final long[] quickLosses = new long[TAKEOVERS];
    private int recorded;
    private long connectedAtNanos = Long.MIN_VALUE;
    private long reportedAtNanos = Long.MIN_VALUE;
    private int lossesSinceReport;
    private boolean suspected;

    /** The connection was made. */
    void connected(long nowNanos) {
        connectedAtNanos = nowNanos;
    }

    /**
     * The connection was lost.
     *
     * @return true when this loss makes a takeover that has not been reported in this window: report it
     */
    boolean lost(long nowNanos) {
        if (connectedAtNanos == Long.MIN_VALUE || nowNanos - connectedAtNanos > QUICK_NANOS) {
            connectedAtNanos = Long.MIN_VALUE;
            return false;
        }
        connectedAtNanos = Long.MIN_VALUE;
        quickLosses[recorded++ % TAKEOVERS] = nowNanos;
        lossesSinceReport++;
        if (recorded < TAKEOVERS) {
            return false;
        }
        long oldest = quickLosses[recorded % TAKEOVERS];
        if (nowNanos - oldest > WINDOW_NANOS) {
            return false;
        }
        suspected = true;
        if (reportedAtNanos != Long.MIN_VALUE && nowNanos - reportedAtNanos < WINDOW_NANOS) {
            return false;
        }
        reportedAtNanos = nowNanos;
        return true;
    }

    /**
     * Whether a takeover is suspected now: since one was detected, no connection has lasted
     * {@value #WINDOW_S} s.
     */
    boolean suspected(long nowNanos) {
        if (suspected && connectedAtNanos != Long.MIN_VALUE && nowNanos - connectedAtNanos > WINDOW_NANOS) {
            suspected = false;
            recorded = 0;
        }
        return suspected;
    }

    /** Quick losses since the last report (for the journal record), then zero. */
    int takeLossesSinceReport() {
        int n = lossesSinceReport;
        lossesSinceReport = 0;
        return n;
    }
}
