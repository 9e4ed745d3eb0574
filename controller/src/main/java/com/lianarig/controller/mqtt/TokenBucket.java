package com.lianarig.controller.mqtt;

/**
 * A rate limit: up to {@code burst} at once, refilled at {@code perSecond}. Time is a parameter
 * (host monotonic ns). Allocates nothing; not thread-safe (its owner locks).
 */
final class TokenBucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long lastNanos;
    private boolean started;

    TokenBucket(double perSecond, double burst) {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("a rate of " + perSecond + "/s with a burst of " + burst
                    + ": the rate must be positive and the burst at least 1");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
    }

    /** Takes one token if there is one at {@code nowNanos}. */
    boolean take(long nowNanos) {
        if (started) {
            long elapsed = nowNanos - lastNanos;
            if (elapsed > 0) {
                tokens = Math.min(burst, tokens + elapsed * perNano);
            }
        }
        started = true;
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
