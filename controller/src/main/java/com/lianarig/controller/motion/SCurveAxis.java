package com.lianarig.controller.motion;

/**
 * An online jerk-limited (S-curve) set-point generator for one axis: a winch, or a pair of winches moving
 * as one (SR-4). Pure math: no I/O, no threads, no clock; {@link #step} advances it by a period the caller
 * passes and allocates nothing, so it runs in the 100 Hz control loop.
 *
 * <p>Owner: the control thread. Not thread-safe; every method is called from that thread only.
 *
 * <p>Positions grow upward: a positive velocity is ascent, limited by the ascent speed limit (SR-4), a
 * negative one descent, limited by the descent speed limit (SR-3). Commands:
 * <ul>
 *   <li>{@link #moveTo} (position mode): come to rest exactly at a target; may be called at any time,
 *       also mid-motion: the new profile starts from the present position, velocity and acceleration.</li>
 *   <li>{@link #jog} (velocity mode, hold-to-run): run in one direction at the allowed speed until
 *       {@link #stop}. Internally a move to an infinitely distant target.</li>
 *   <li>{@link #stop}: a controlled stop (IEC 60204-1 cat 1 style ramp, SR-10, SR-12): the fastest
 *       deceleration the limits allow; the target becomes the point where it comes to rest.</li>
 *   <li>{@link #halt}: the stop of a motion that has ended (the supervisor's stop, I-2): as {@link #stop},
 *       but it never turns: where the fastest stop would reverse, it rests where its velocity reaches 0.</li>
 *   <li>{@link #setSpeedLimits}: the speed limits of the moment (slow-down zones SR-12, jog, attach and
 *       rescue speeds SR-19, unreferenced 10 mm/s, loading SR-5); may change every period.</li>
 * </ul>
 *
 * <h2>Method</h2>
 * Each period re-plans in continuous time from the present state (x, v, a) and then follows that plan
 * exactly (closed-form integration of piecewise-constant jerk) for {@code dtS}, so switching instants fall
 * anywhere inside a period and nothing is rounded to the sample grid. Every plan respects |jerk| &lt;= J and
 * |a| &lt;= A, so the sampled set-points do too, whatever the commands do between periods. A plan is:
 * <ol>
 *   <li>If the point where a fastest stop would rest lies on the target (within {@value #ON_CURVE_MM} mm),
 *       brake: the fastest {@link JerkLimitedRamp ramp} to (0, 0).</li>
 *   <li>Otherwise let s be the side of that stopping point the target lies on, and work in the frame where
 *       s is positive, with vMax the speed limit of direction s. The plan is a ramp from (v, a) to the peak
 *       (vPeak, 0), a cruise at vPeak, and a ramp from (vPeak, 0) to rest. If the two ramps to and from
 *       vMax fit within the remaining distance, vPeak = vMax and the cruise takes the rest; otherwise the
 *       cruise is empty and vPeak in [0, vMax] is the root of "ramp distances = remaining distance"
 *       (bracketed, since the distance at vPeak = 0 is the stopping distance, short of the target, and at
 *       vMax it is too long; Illinois regula falsi with bisection fallback, warm-started with the previous
 *       period's root, which stays a root while the plan is followed).</li>
 * </ol>
 * Consequences, checked at every step by the tests in this package:
 * <ul>
 *   <li>|a| &lt;= A and |a(k+1) - a(k)| &lt;= J dt at every sample, for any sequence of commands.</li>
 *   <li>Rest-to-rest moves follow the time-optimal symmetric 7-segment profile (small moves reduce the
 *       peak speed, and the peak acceleration when it is never reached); such a move ends no later than
 *       one period after the continuous time-optimal duration.</li>
 *   <li>A target behind the stopping point (a reversal) first decelerates at full rate, passes through
 *       zero velocity and accelerates toward it. Once the target can be reached without passing it (the
 *       fastest stop keeps its direction and rests short of the target), the position never passes it
 *       (beyond 1e-9 mm of rounding). At the end of a plan the axis rests with v = a = 0 and the position
 *       set exactly to the target (a correction of at most {@value #SNAP_MM} mm, in practice rounding).</li>
 *   <li>Speed limits act through vMax. With steady limits the speed never exceeds the limit of its
 *       direction. Lowering one below the present speed is not instantaneous: any acceleration still
 *       pushing outward first ramps to zero (the speed rises by at most a^2 / 2J), then the speed falls
 *       monotonically to the new limit no later than the fastest ramp to (limit, 0), which takes
 *       {@link JerkLimitedRamp#durationS} and travels {@link #distanceToSlowToMm}; a caller that must be
 *       slow at a given place (a slow-down zone) lowers the limit at least that far before it. A limit of
 *       0 brings the axis to rest and holds it there until the limit rises.</li>
 *   <li>A {@link #stop} rests exactly at {@link #stoppingPositionMm()} as predicted before it, in
 *       {@link JerkLimitedRamp#durationS} to (0, 0) rounded up to a period. From a hard deceleration at
 *       low speed the fastest stop may have to reverse briefly (the speed reaches zero before the
 *       acceleration can); it is still the fastest and its resting point is still the prediction. A
 *       {@link #halt} never reverses: it rests where the speed reaches zero (the supervisor's stop, I-2).</li>
 * </ul>
 */
public final class SCurveAxis {
    /** A stopping point this close to the target, mm, counts as on it: the plan is a pure brake. */
    public static final double ON_CURVE_MM = 1e-9;
    /** Largest position correction, mm, when a finished plan sets the position to the target. */
    public static final double SNAP_MM = 1e-6;
    /** Accuracy, mm, of the ramp distances of a plan with a reduced peak speed. */
    private static final double ROOT_TOLERANCE_MM = 1e-10;
    private static final int MAX_SEGMENTS = 7;
    private static final int MAX_PLANS_PER_STEP = 4;

    private final MotionLimits limits;
    private final double maxAccelMmPerS2;
    private final double maxJerkMmPerS3;
    private double ascentLimitMmPerS;
    private double descentLimitMmPerS;

    private double positionMm;
    private double velocityMmPerS;
    private double accelMmPerS2;
    private double targetMm;

    /** The present plan: constant-jerk segments, durations in s and jerks in mm/s^3. */
    private final double[] segmentS = new double[MAX_SEGMENTS];
    private final double[] segmentJerkMmPerS3 = new double[MAX_SEGMENTS];
    private int segmentCount;
    /** Last reduced peak speed found, in the frame of {@link #warmSide}; NaN if none. */
    private double warmPeakMmPerS = Double.NaN;
    private double warmSide;
    /** While halting ({@link #halt}): the sign of the motion that may not turn; 0 otherwise. */
    private double haltSign;

    /**
     * An axis at rest at {@code positionMm}, with the speed limits at the maxima of {@code limits}.
     *
     * @param limits the fixed limits
     * @param positionMm the measured position, mm, finite
     */
    public SCurveAxis(MotionLimits limits, double positionMm) {
        this.limits = limits;
        this.maxAccelMmPerS2 = limits.maxAccelMmPerS2();
        this.maxJerkMmPerS3 = limits.maxJerkMmPerS3();
        this.ascentLimitMmPerS = limits.maxAscentMmPerS();
        this.descentLimitMmPerS = limits.maxDescentMmPerS();
        reset(positionMm);
    }

    /**
     * Rests at a measured position, target = that position (after start-up, a stop with the brakes, or a
     * fault: the set-point restarts from where the axis really is).
     *
     * @param positionMm the measured position, mm, finite
     */
    public void reset(double positionMm) {
        requireFinite("positionMm", positionMm);
        this.positionMm = positionMm;
        this.velocityMmPerS = 0;
        this.accelMmPerS2 = 0;
        this.targetMm = positionMm;
        this.segmentCount = 0;
        this.warmPeakMmPerS = Double.NaN;
        this.haltSign = 0;
    }

    /**
     * Takes over a motion already under way at {@code positionMm} with that velocity and acceleration (the
     * supervisor bringing a group it takes over to rest, SR-14; the control logic continuing from it). The
     * target becomes where a {@link #stop} would rest, so the axis stops unless {@link #moveTo} or
     * {@link #jog} follows. An acceleration beyond the fixed maximum is taken as that maximum.
     *
     * @param positionMm the position set-point, mm, finite
     * @param velocityMmPerS the velocity, mm/s, finite (positive: ascent)
     * @param accelMmPerS2 the acceleration, mm/s^2, finite
     */
    public void continueFrom(double positionMm, double velocityMmPerS, double accelMmPerS2) {
        requireFinite("positionMm", positionMm);
        requireFinite("velocityMmPerS", velocityMmPerS);
        requireFinite("accelMmPerS2", accelMmPerS2);
        reset(positionMm);
        this.velocityMmPerS = velocityMmPerS;
        this.accelMmPerS2 = Math.max(-maxAccelMmPerS2, Math.min(maxAccelMmPerS2, accelMmPerS2));
        stop();
    }

    /**
     * Position mode: come to rest exactly at {@code targetMm}, from whatever the axis is doing now. The
     * caller clamps the target to the soft limits first (SR-12, SR-20).
     *
     * @param targetMm the target position, mm, finite
     */
    public void moveTo(double targetMm) {
        requireFinite("targetMm", targetMm);
        this.targetMm = targetMm;
        this.haltSign = 0;
    }

    /**
     * Velocity mode (hold-to-run jog): run toward {@code direction} at that direction's speed limit until
     * {@link #stop}. {@link #targetMm()} is then infinite in that direction. The caller stops the jog at the
     * soft limits (SR-12) and when the enable is let go (SR-10).
     */
    public void jog(Direction direction) {
        this.targetMm = direction == Direction.UP ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        this.haltSign = 0;
    }

    /**
     * Controlled stop (cat 1 style, SR-10/SR-12): decelerate to rest as fast as jerk and acceleration allow.
     * The target becomes {@link #stoppingPositionMm()}, where it will rest.
     */
    public void stop() {
        this.targetMm = stoppingPositionMm();
        this.haltSign = 0;
    }

    /**
     * The stop of a motion that has ended (I-2: no set-point against the direction of the motion while it
     * comes to rest): {@link #stop}, except where the fastest jerk-limited stop would turn. From a hard
     * deceleration at low speed (|a|^2 / 2J &gt; |v|, a the other way) the speed reaches 0 before the
     * acceleration can, and the fastest stop runs back the other way before it rests; a halt instead rests
     * at the instant its velocity reaches 0, the acceleration still left then dropping to 0 at once (a jerk
     * beyond J, once, at zero speed: a drive stopping, not a set-point moving back). An axis at zero velocity
     * rests where it is. Otherwise the same profile and resting point as {@link #stop}.
     */
    public void halt() {
        if (velocityMmPerS == 0) {
            accelMmPerS2 = 0;
            targetMm = positionMm;
            segmentCount = 0;
            haltSign = 0;
            return;
        }
        stop();
        haltSign = Math.signum(velocityMmPerS);
    }

    /**
     * Sets the speed limits of the moment, each capped at the fixed maximum of its direction. Lowering a
     * limit below the present speed slows the axis as fast as jerk and acceleration allow, not at once (see
     * the class comment and {@link #distanceToSlowToMm}).
     *
     * @param ascentMmPerS upward speed limit, mm/s, 0 or more (0 holds the axis from moving up)
     * @param descentMmPerS downward speed limit, mm/s, 0 or more (0 holds the axis from moving down)
     */
    public void setSpeedLimits(double ascentMmPerS, double descentMmPerS) {
        if (!(ascentMmPerS >= 0) || !(descentMmPerS >= 0)) {
            throw new IllegalArgumentException("speed limits must be 0 or more, were ascent " + ascentMmPerS
                    + " mm/s, descent " + descentMmPerS + " mm/s");
        }
        this.ascentLimitMmPerS = Math.min(ascentMmPerS, limits.maxAscentMmPerS());
        this.descentLimitMmPerS = Math.min(descentMmPerS, limits.maxDescentMmPerS());
    }

    /**
     * Advances the set-point by one control period: re-plans from the present state and follows the plan
     * for {@code dtS}. Allocates nothing.
     *
     * @param dtS the period, s, positive and finite (0.001 to 0.05 s in use)
     */
    public void step(double dtS) {
        if (!(dtS > 0) || dtS == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("dtS must be positive and finite, was " + dtS);
        }
        double leftS = dtS;
        for (int i = 0; i < MAX_PLANS_PER_STEP && leftS > 0 && !settled(); i++) {
            plan();
            leftS = follow(leftS);
        }
    }

    /** The position set-point, mm. */
    public double positionMm() {
        return positionMm;
    }

    /** The velocity set-point, mm/s (positive: ascent). */
    public double velocityMmPerS() {
        return velocityMmPerS;
    }

    /** The acceleration set-point, mm/s^2. */
    public double accelMmPerS2() {
        return accelMmPerS2;
    }

    /**
     * The position-mode target, mm; {@code +Infinity} or {@code -Infinity} while jogging up or down (so a
     * soft-limit comparison still reads "beyond").
     */
    public double targetMm() {
        return targetMm;
    }

    /** Velocity and acceleration are both exactly 0. */
    public boolean atRest() {
        return velocityMmPerS == 0 && accelMmPerS2 == 0;
    }

    /**
     * Not yet at rest exactly at the target: a jog always counts as moving, and so does an axis held at
     * rest short of its target by a speed limit of 0.
     */
    public boolean moving() {
        return !settled();
    }

    /** The present upward speed limit, mm/s. */
    public double ascentLimitMmPerS() {
        return ascentLimitMmPerS;
    }

    /** The present downward speed limit, mm/s. */
    public double descentLimitMmPerS() {
        return descentLimitMmPerS;
    }

    /** The fixed limits. */
    public MotionLimits limits() {
        return limits;
    }

    /**
     * Signed distance, mm (positive: upward), a {@link #stop} issued now travels before it rests.
     */
    public double stoppingDistanceMm() {
        return JerkLimitedRamp.brakingDistanceMm(velocityMmPerS, accelMmPerS2, maxAccelMmPerS2, maxJerkMmPerS3);
    }

    /** Where a {@link #stop} issued now comes to rest, mm (SR-12: compare with the soft limits). */
    public double stoppingPositionMm() {
        return positionMm + stoppingDistanceMm();
    }

    /** A {@link #halt} is under way: the axis rests rather than turn. */
    public boolean halting() {
        return haltSign != 0;
    }

    /**
     * Signed distance, mm, the axis travels while its speed falls to {@code speedMmPerS} by the fastest
     * ramp (ending with zero acceleration); 0 if it is not above that speed and would not rise above it.
     * A caller that must be at most this fast at a place (a slow-down zone, SR-12) lowers the limit at
     * least this far before it.
     *
     * @param speedMmPerS the speed to slow to, mm/s, 0 or more
     */
    public double distanceToSlowToMm(double speedMmPerS) {
        if (!(speedMmPerS >= 0)) {
            throw new IllegalArgumentException("speedMmPerS must be 0 or more, was " + speedMmPerS);
        }
        double v = velocityMmPerS;
        double a = accelMmPerS2;
        double coastMmPerS = v + a * Math.abs(a) / (2 * maxJerkMmPerS3);
        if (Math.abs(v) <= speedMmPerS && Math.abs(coastMmPerS) <= speedMmPerS) {
            return 0;
        }
        double towardMmPerS = Math.copySign(speedMmPerS, coastMmPerS);
        return JerkLimitedRamp.distanceMm(v, a, towardMmPerS, maxAccelMmPerS2, maxJerkMmPerS3);
    }

    private boolean settled() {
        return positionMm == targetMm && velocityMmPerS == 0 && accelMmPerS2 == 0;
    }

    /** Fills the segments with the plan from the present state (see the class comment). */
    private void plan() {
        segmentCount = 0;
        double v = velocityMmPerS;
        double a = accelMmPerS2;
        double offTargetMm = targetMm - (positionMm + stoppingDistanceMm());
        if (Math.abs(offTargetMm) <= ON_CURVE_MM) {
            addRamp(v, a, 0, 1);
            return;
        }
        double side = offTargetMm > 0 ? 1 : -1;
        double vMaxMmPerS = side > 0 ? ascentLimitMmPerS : descentLimitMmPerS;
        double vN = side * v;
        double aN = side * a;
        double remainingMm = side * (targetMm - positionMm);
        double fullMm = rampsMm(vN, aN, vMaxMmPerS);
        double peakMmPerS;
        double cruiseS;
        if (fullMm <= remainingMm) {
            peakMmPerS = vMaxMmPerS;
            cruiseS = (remainingMm - fullMm) / vMaxMmPerS;
        } else {
            peakMmPerS = reducedPeakMmPerS(vN, aN, remainingMm, vMaxMmPerS, fullMm - remainingMm, side);
            cruiseS = 0;
        }
        addRamp(vN, aN, peakMmPerS, side);
        addSegment(cruiseS, 0);
        addRamp(peakMmPerS, 0, 0, side);
    }

    /** Distance, mm, of the ramp from (vN, aN) to (peak, 0) and the ramp from there to rest. */
    private double rampsMm(double vN, double aN, double peakMmPerS) {
        return JerkLimitedRamp.distanceMm(vN, aN, peakMmPerS, maxAccelMmPerS2, maxJerkMmPerS3)
                + JerkLimitedRamp.distanceMm(peakMmPerS, 0, 0, maxAccelMmPerS2, maxJerkMmPerS3);
    }

    /**
     * The peak speed in [0, vMax] whose two ramps cover exactly {@code remainingMm}: f(0) &lt; 0 (the
     * stopping point is short of the target) and f(vMax) = {@code excessAtMaxMm} &gt; 0.
     */
    private double reducedPeakMmPerS(double vN, double aN, double remainingMm, double vMaxMmPerS,
            double excessAtMaxMm, double side) {
        double lo = 0;
        double fLo = rampsMm(vN, aN, 0) - remainingMm;
        double hi = vMaxMmPerS;
        double fHi = excessAtMaxMm;
        // Prefer a peak reached by accelerating (from the speed where the acceleration alone would leave it).
        double coastMmPerS = vN + aN * Math.abs(aN) / (2 * maxJerkMmPerS3);
        double guess = coastMmPerS;
        for (int k = 0; k < 2; k++) {
            if (guess > lo && guess < hi) {
                double f = rampsMm(vN, aN, guess) - remainingMm;
                if (Math.abs(f) <= ROOT_TOLERANCE_MM) {
                    return remember(guess, side);
                }
                if (f < 0) {
                    lo = guess;
                    fLo = f;
                } else {
                    hi = guess;
                    fHi = f;
                }
            }
            guess = warmSide == side ? warmPeakMmPerS : Double.NaN;
        }
        int lastMoved = 0;
        for (int i = 0; i < 200; i++) {
            if (hi - lo <= 1e-14 * hi) {
                break;
            }
            double m = (i % 4 == 3) ? (lo + hi) / 2 : (lo * fHi - hi * fLo) / (fHi - fLo);
            if (!(m > lo && m < hi)) {
                m = (lo + hi) / 2;
            }
            double f = rampsMm(vN, aN, m) - remainingMm;
            if (Math.abs(f) <= ROOT_TOLERANCE_MM) {
                return remember(m, side);
            }
            if (f < 0) {
                lo = m;
                fLo = f;
                if (lastMoved < 0) {
                    fHi /= 2;
                }
                lastMoved = -1;
            } else {
                hi = m;
                fHi = f;
                if (lastMoved > 0) {
                    fLo /= 2;
                }
                lastMoved = 1;
            }
        }
        return remember(lo, side);
    }

    private double remember(double peakMmPerS, double side) {
        warmPeakMmPerS = peakMmPerS;
        warmSide = side;
        return peakMmPerS;
    }

    /** Appends the three segments of the fastest ramp from (v0N, a0N) to (v1N, 0), in the frame of side. */
    private void addRamp(double v0N, double a0N, double v1N, double side) {
        double sign = JerkLimitedRamp.pulseSign(v0N, a0N, v1N, maxJerkMmPerS3);
        double peak = JerkLimitedRamp.pulsePeakMmPerS2(v0N, a0N, v1N, maxAccelMmPerS2, maxJerkMmPerS3);
        double jerk = side * sign * maxJerkMmPerS3;
        addSegment(JerkLimitedRamp.rampUpS(sign, a0N, peak, maxJerkMmPerS3), jerk);
        addSegment(JerkLimitedRamp.holdS(v0N, a0N, v1N, maxAccelMmPerS2, maxJerkMmPerS3), 0);
        addSegment(peak / maxJerkMmPerS3, -jerk);
    }

    private void addSegment(double durationS, double jerkMmPerS3) {
        segmentS[segmentCount] = durationS;
        segmentJerkMmPerS3[segmentCount] = jerkMmPerS3;
        segmentCount++;
    }

    /**
     * Follows the plan for up to {@code dtS}. Returns 0 if the plan lasts at least that long, else the time
     * left after it ended: the axis then rests, set exactly on the target when within {@link #SNAP_MM}.
     */
    private double follow(double dtS) {
        double leftS = dtS;
        for (int i = 0; i < segmentCount; i++) {
            double t = Math.min(segmentS[i], leftS);
            if (haltSign != 0) {
                double turnS = turnS(segmentJerkMmPerS3[i], t);
                if (turnS >= 0) {
                    integrate(segmentJerkMmPerS3[i], turnS);
                    restHere();
                    return leftS - turnS;
                }
            }
            if (segmentS[i] > leftS) {
                integrate(segmentJerkMmPerS3[i], leftS);
                return 0;
            }
            integrate(segmentJerkMmPerS3[i], t);
            leftS -= t;
        }
        haltSign = 0;
        velocityMmPerS = 0;
        accelMmPerS2 = 0;
        if (Math.abs(positionMm - targetMm) <= SNAP_MM) {
            positionMm = targetMm;
        }
        return leftS;
    }

    /**
     * While halting: the time within the next {@code tS} of constant jerk at which the velocity reaches 0
     * (the halt rests there rather than turn), or -1 if it stays on the side of {@link #haltSign}.
     */
    private double turnS(double jerkMmPerS3, double tS) {
        if (velocityMmPerS * haltSign <= 0) {
            return 0;
        }
        // v(t) is quadratic: monotonic on each side of its extremum, so check [0, extremum] then [extremum, tS]
        double extremumS = firstExtremumS(jerkMmPerS3, tS);
        if (extremumS > 0 && velocityAfter(jerkMmPerS3, extremumS) * haltSign <= 0) {
            return firstZeroS(jerkMmPerS3, 0, extremumS);
        }
        double fromS = Math.max(0, extremumS);
        if (velocityAfter(jerkMmPerS3, tS) * haltSign <= 0) {
            return firstZeroS(jerkMmPerS3, fromS, tS);
        }
        return -1;
    }

    /** Bisects for where the velocity, on the side of {@link #haltSign} at {@code loS}, reaches 0 by {@code hiS}. */
    private double firstZeroS(double jerkMmPerS3, double loS, double hiS) {
        double lo = loS;
        double hi = hiS;
        for (int k = 0; k < 60 && hi > lo; k++) {
            double m = (lo + hi) / 2;
            if (velocityAfter(jerkMmPerS3, m) * haltSign > 0) {
                lo = m;
            } else {
                hi = m;
            }
        }
        return lo;
    }

    /** Where in (0, tS) the velocity under constant jerk is extreme (acceleration 0), or -1. */
    private double firstExtremumS(double jerkMmPerS3, double tS) {
        if (jerkMmPerS3 == 0) {
            return -1;
        }
        double s = -accelMmPerS2 / jerkMmPerS3;
        return s > 0 && s < tS ? s : -1;
    }

    private double velocityAfter(double jerkMmPerS3, double tS) {
        return velocityMmPerS + tS * (accelMmPerS2 + tS * jerkMmPerS3 / 2);
    }

    /** Ends a halt where the axis is: velocity, acceleration 0 and the target here. */
    private void restHere() {
        velocityMmPerS = 0;
        accelMmPerS2 = 0;
        targetMm = positionMm;
        segmentCount = 0;
        haltSign = 0;
    }

    private void integrate(double jerkMmPerS3, double tS) {
        double v = velocityMmPerS;
        double a = accelMmPerS2;
        positionMm += tS * (v + tS * (a / 2 + tS * jerkMmPerS3 / 6));
        velocityMmPerS = v + tS * (a + tS * jerkMmPerS3 / 2);
        double next = a + tS * jerkMmPerS3;
        accelMmPerS2 = Math.max(-maxAccelMmPerS2, Math.min(maxAccelMmPerS2, next));
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
    }
}
