package com.lianarig.controller.r7;

import com.lianarig.config.rig.Limits;
import com.lianarig.sim.physics.WinchParams;

/**
 * The R-7 deadlines, each derived from SPEC numbers (the rig's limits) and the virtual hardware's
 * datasheet times, never tuned to what the controller happens to do. All times in ns.
 *
 * <p>Stopping time of a controlled (category 1) stop from {@code v}: the S-curve first ramps an
 * acceleration of up to {@code a} down to zero ({@code a/j}, gaining {@code a^2/2j} of speed), then
 * decelerates ({@code (v + a^2/2j)/a}, plus {@code a/j} for the jerk-limited ends). With SR-4's
 * 100 mm/s^2 and 500 mm/s^3 that is {@code v/100 + 0.5 s}: 1.3 s from the 80 mm/s ascent cap.
 */
public record R7Deadlines(double accelMmPerS2, double jerkMmPerS3, double descentCapMmPerS, double ascentCapMmPerS,
        double overspeedFactor, long controlPeriodNanos, long samplePeriodNanos, long statusPeriodNanos,
        long brakeEngageNanos, long brakeReleaseNanos, long enableRefreshNanos, long linkTimeoutNanos,
        long setPointGapNanos, long extraLoadHoldNanos, int frozenSamples, double brakeDriftMm,
        double pairDifferenceMm, double rescueMmPerS) {

    /** Scheduling and transport slack added to every deadline: one control period plus 50 ms. */
    public long marginNanos() {
        return controlPeriodNanos + 50_000_000L;
    }

    public static R7Deadlines of(Limits l, WinchParams legs, int sampleRateHz, int statusRateHz) {
        return new R7Deadlines(l.accelMmPerS2(), l.jerkMmPerS3(), l.descentMmPerS(), l.ascentMmPerS(),
                l.overspeedPercent() / 100.0, 1_000_000_000L / l.controlRateHz(), 1_000_000_000L / sampleRateHz,
                1_000_000_000L / statusRateHz, Math.round(legs.brakeEngageS() * 1e9),
                Math.round(legs.brakeReleaseS() * 1e9), l.enableRefreshMs() * 1_000_000L,
                l.linkTimeoutMs() * 1_000_000L, l.nodeSetpointGapMs() * 1_000_000L, l.extraLoadHoldMs() * 1_000_000L,
                l.frozenSampleCount(), l.brakeDriftMm(), l.pairDifferenceMm(), l.rescueSpeedMmPerS());
    }

    /** Controlled (S-curve, category 1) stop from {@code speedMmPerS}, ns (see the class comment). */
    public long controlledStopNanos(double speedMmPerS) {
        double a = accelMmPerS2;
        double j = jerkMmPerS3;
        double s = (Math.abs(speedMmPerS) + a * a / (2 * j)) / a + 2 * a / j;
        return Math.round(s * 1e9);
    }

    /**
     * Distance a controlled (category 1) stop from {@code speedMmPerS} may still travel, mm (see the
     * class comment): while a ramp's acceleration of up to {@code a} runs out ({@code a/j}) the speed
     * may grow to {@code vp = v + a^2/2j}; the jerk-limited deceleration from {@code vp} then takes
     * {@code vp/a + a/j} at an average of {@code vp/2}. So {@code vp a/j + vp (vp/a + a/j)/2}: 3.5 mm
     * from rest, 8 mm from the 10 mm/s rescue, 67.5 mm from the 80 mm/s ascent cap.
     */
    public double stopDistanceMm(double speedMmPerS) {
        double a = accelMmPerS2;
        double j = jerkMmPerS3;
        double vp = Math.abs(speedMmPerS) + a * a / (2 * j);
        return vp * a / j + vp * (vp / a + a / j) / 2;
    }

    /** SPEC I-3: the slack on top of a stop's own time (and distance at the speed it had), ns. */
    public static final long I3_SLACK_NANOS = 100_000_000L;

    /**
     * SPEC I-3: from STOP (or a category 1 reaction) at {@code speedMmPerS} to at rest on the brakes:
     * the controlled stop, the brakes' engage time, + 100 ms.
     */
    public long restOnBrakesNanos(double speedMmPerS) {
        return controlledStopNanos(speedMmPerS) + brakeEngageNanos + I3_SLACK_NANOS;
    }

    /** A category 1 stop done to the end: controlled stop, then the brakes engage. */
    public long cat1StopNanos(double speedMmPerS) {
        return controlledStopNanos(speedMmPerS) + brakeEngageNanos + marginNanos();
    }

    /** SR-11 / category 0: the relay drops the brakes; they hold after the brake engage time (+1 ms tick). */
    public long cat0BrakeNanos() {
        return brakeEngageNanos + 2_000_000L;
    }

    /** SR-11: the controller shows ESTOP within one control period of the monitor reading tripped (+margin). */
    public long estopModeNanos() {
        return controlPeriodNanos + marginNanos();
    }

    /** SR-1: the violating sample arrives within one sample period; the ascent then stops (controlled stop). */
    public long overloadNoAscentNanos(double speedMmPerS) {
        return samplePeriodNanos + controlledStopNanos(speedMmPerS) + marginNanos();
    }

    /** SR-2: 500 ms above the margin, seen within two sample periods, then a category 1 stop. */
    public long extraLoadNanos(double speedMmPerS) {
        return extraLoadHoldNanos + 2 * samplePeriodNanos + cat1StopNanos(speedMmPerS);
    }

    /** SR-3 / SR-13 runaway: two status frames over the limit (+1 to measure), then category 0 brakes. */
    public long runawayBrakedNanos() {
        return 3 * statusPeriodNanos + brakeEngageNanos + marginNanos();
    }

    /** SR-6: two slack samples (+1 sample of phase) then a category 1 stop. */
    public long slackNanos(double speedMmPerS) {
        return 3 * samplePeriodNanos + cat1StopNanos(speedMmPerS);
    }

    /** SR-8 disconnected / saturated: the next sample says so, then a category 1 stop. */
    public long sensorNanos(double speedMmPerS) {
        return 2 * samplePeriodNanos + cat1StopNanos(speedMmPerS);
    }

    /** SR-8 frozen: {@code frozenSamples} identical samples while moving (+1 of phase), then a category 1 stop. */
    public long frozenNanos(double speedMmPerS) {
        return (frozenSamples + 2) * samplePeriodNanos + cat1StopNanos(speedMmPerS);
    }

    /** SR-9 node side: the set-point gap, then the node's own ramp to a stop and its brakes. */
    public long linkNodeStopNanos(double speedMmPerS) {
        return setPointGapNanos + cat1StopNanos(speedMmPerS);
    }

    /** SR-9 host side: no valid frame for the link timeout, then FAULT at the next control step. */
    public long linkHostFaultNanos() {
        return linkTimeoutNanos + controlPeriodNanos + marginNanos();
    }

    /** SR-10: enable let go (or stale for the refresh limit): a controlled stop + 250 ms. */
    public long enableStopNanos(double speedMmPerS) {
        return controlledStopNanos(speedMmPerS) + enableRefreshNanos + marginNanos();
    }

    /** SR-13 encoder jump: the next status frame shows it, then a category 1 (pair) or 0 (following) stop. */
    public long encoderJumpNanos(double speedMmPerS) {
        return 2 * statusPeriodNanos + cat1StopNanos(speedMmPerS);
    }

    /**
     * SR-14, from the true drift since engagement passing the limit: the controller's reference comes from
     * the first status frame with the brakes on (up to one period of slip later), a frame shows the drift
     * (+1 of phase), then the brakes release to the drive.
     */
    public long brakeSlipHoldNanos() {
        return 3 * statusPeriodNanos + brakeReleaseNanos + marginNanos();
    }

    /** A FAULT or ESTOP entered while moving: every winch still after a category 1 stop. */
    public long faultStillNanos(double speedMmPerS) {
        return cat1StopNanos(speedMmPerS);
    }

    /** Measured descent above this is SR-3's overspeed. */
    public double descentTripMmPerS() {
        return descentCapMmPerS * overspeedFactor;
    }

    public double ascentTripMmPerS() {
        return ascentCapMmPerS * overspeedFactor;
    }
}
