package com.lianarig.controller.motion;

/**
 * The fastest jerk-limited change of velocity that ends with zero acceleration: pure functions, no
 * allocation.
 *
 * <p>From velocity {@code v0} and acceleration {@code a0} to velocity {@code v1} with acceleration 0,
 * under |jerk| &lt;= {@code maxJerk} and |acceleration| &lt;= {@code maxAccel} (with |a0| &lt;= maxAccel),
 * the time-optimal profile is one acceleration pulse of three constant-jerk segments:
 *
 * <pre>
 *   accel
 *     peak |      ______________
 *          |     /              \          segment 1: jerk  +sign*J, from a0 to sign*peak
 *       a0 |    /                \         segment 2: jerk  0,       hold sign*peak (only if peak = maxAccel)
 *          |---+------------------+---     segment 3: jerk  -sign*J, back to 0 at v1
 *              |  t1  |    t2     | t3 |
 * </pre>
 *
 * The pulse points up ({@code sign} = +1) when ramping a0 straight to zero would leave the velocity at or
 * below v1 ({@code v1 - v0 >= a0 |a0| / 2J}), down otherwise. Its peak is
 * {@code sqrt(J dv + b0^2 / 2)} (with {@code b0 = sign a0}, {@code dv = sign (v1 - v0)}), capped at maxAccel,
 * where a hold of {@code (dv - (2 maxAccel^2 - b0^2) / 2J) / maxAccel} makes up the rest. A controlled stop
 * is the change to {@code v1 = 0}; its distance is what a slow-down zone (SR-12) must cover.
 */
public final class JerkLimitedRamp {
    private JerkLimitedRamp() {
    }

    /**
     * Signed distance, mm, travelled during the fastest change from ({@code v0MmPerS}, {@code a0MmPerS2}) to
     * ({@code v1MmPerS}, 0).
     *
     * @param v0MmPerS velocity at the start, mm/s
     * @param a0MmPerS2 acceleration at the start, mm/s^2, |a0| at most maxAccelMmPerS2
     * @param v1MmPerS velocity at the end, mm/s
     * @param maxAccelMmPerS2 acceleration limit, mm/s^2, positive
     * @param maxJerkMmPerS3 jerk limit, mm/s^3, positive
     */
    public static double distanceMm(double v0MmPerS, double a0MmPerS2, double v1MmPerS, double maxAccelMmPerS2,
            double maxJerkMmPerS3) {
        double sign = pulseSign(v0MmPerS, a0MmPerS2, v1MmPerS, maxJerkMmPerS3);
        double peak = pulsePeakMmPerS2(v0MmPerS, a0MmPerS2, v1MmPerS, maxAccelMmPerS2, maxJerkMmPerS3);
        double t1 = rampUpS(sign, a0MmPerS2, peak, maxJerkMmPerS3);
        double t2 = holdS(v0MmPerS, a0MmPerS2, v1MmPerS, maxAccelMmPerS2, maxJerkMmPerS3);
        double t3 = peak / maxJerkMmPerS3;
        double jerk = sign * maxJerkMmPerS3;
        double v = v0MmPerS;
        double a = a0MmPerS2;
        double x = v * t1 + a * t1 * t1 / 2 + jerk * t1 * t1 * t1 / 6;
        v += a * t1 + jerk * t1 * t1 / 2;
        a = sign * peak;
        x += v * t2 + a * t2 * t2 / 2;
        v += a * t2;
        x += v * t3 + a * t3 * t3 / 2 - jerk * t3 * t3 * t3 / 6;
        return x;
    }

    /**
     * Duration, s, of the fastest change from ({@code v0MmPerS}, {@code a0MmPerS2}) to ({@code v1MmPerS}, 0);
     * parameters as in {@link #distanceMm}.
     */
    public static double durationS(double v0MmPerS, double a0MmPerS2, double v1MmPerS, double maxAccelMmPerS2,
            double maxJerkMmPerS3) {
        double sign = pulseSign(v0MmPerS, a0MmPerS2, v1MmPerS, maxJerkMmPerS3);
        double peak = pulsePeakMmPerS2(v0MmPerS, a0MmPerS2, v1MmPerS, maxAccelMmPerS2, maxJerkMmPerS3);
        return rampUpS(sign, a0MmPerS2, peak, maxJerkMmPerS3)
                + holdS(v0MmPerS, a0MmPerS2, v1MmPerS, maxAccelMmPerS2, maxJerkMmPerS3) + peak / maxJerkMmPerS3;
    }

    /**
     * Signed distance, mm, a controlled stop from ({@code velocityMmPerS}, {@code accelMmPerS2}) travels
     * before it rests (velocity and acceleration 0), the fastest the limits allow (SR-12).
     */
    public static double brakingDistanceMm(double velocityMmPerS, double accelMmPerS2, double maxAccelMmPerS2,
            double maxJerkMmPerS3) {
        return distanceMm(velocityMmPerS, accelMmPerS2, 0, maxAccelMmPerS2, maxJerkMmPerS3);
    }

    /** +1 if the pulse accelerates (raises velocity), -1 if it decelerates. */
    static double pulseSign(double v0MmPerS, double a0MmPerS2, double v1MmPerS, double maxJerkMmPerS3) {
        return v1MmPerS - v0MmPerS >= a0MmPerS2 * Math.abs(a0MmPerS2) / (2 * maxJerkMmPerS3) ? 1 : -1;
    }

    /** Magnitude of the pulse's peak acceleration, mm/s^2, at most maxAccel. */
    static double pulsePeakMmPerS2(double v0MmPerS, double a0MmPerS2, double v1MmPerS, double maxAccelMmPerS2,
            double maxJerkMmPerS3) {
        double sign = pulseSign(v0MmPerS, a0MmPerS2, v1MmPerS, maxJerkMmPerS3);
        double b0 = sign * a0MmPerS2;
        double dv = sign * (v1MmPerS - v0MmPerS);
        return Math.min(maxAccelMmPerS2, Math.sqrt(Math.max(0, maxJerkMmPerS3 * dv + b0 * b0 / 2)));
    }

    /** Time, s, the pulse holds maxAccel (0 when it never reaches it). */
    static double holdS(double v0MmPerS, double a0MmPerS2, double v1MmPerS, double maxAccelMmPerS2,
            double maxJerkMmPerS3) {
        double sign = pulseSign(v0MmPerS, a0MmPerS2, v1MmPerS, maxJerkMmPerS3);
        double b0 = sign * a0MmPerS2;
        double dv = sign * (v1MmPerS - v0MmPerS);
        double a = maxAccelMmPerS2;
        double hold = (dv - (2 * a * a - b0 * b0) / (2 * maxJerkMmPerS3)) / a;
        return hold > 0 ? hold : 0;
    }

    /** Time, s, of segment 1 (from a0 to sign * peak). */
    static double rampUpS(double sign, double a0MmPerS2, double peakMmPerS2, double maxJerkMmPerS3) {
        double t = (peakMmPerS2 - sign * a0MmPerS2) / maxJerkMmPerS3;
        return t > 0 ? t : 0;
    }
}
