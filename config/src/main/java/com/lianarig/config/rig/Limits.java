package com.lianarig.config.rig;

import static com.lianarig.config.rig.LimitSpec.*;

import com.lianarig.config.yaml.Problems;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The safety numbers of SPEC section 4 for one rig, each within its {@link LimitSpec} range (a value
 * beyond a hard cap is rejected, never clamped) and consistent with the others (see
 * {@link #crossProblems}).
 *
 * @param values one value per {@link LimitSpec}, every spec present
 */
public record Limits(Map<LimitSpec, Double> values) {

    /**
     * One inconsistency between limits.
     *
     * @param spec the limit the error is reported at
     * @param value its value
     * @param rule what is wrong, phrased to follow the value
     */
    public record Problem(LimitSpec spec, double value, String rule) {
    }

    public Limits {
        EnumMap<LimitSpec, Double> copy = new EnumMap<>(LimitSpec.class);
        for (LimitSpec s : LimitSpec.values()) {
            Double v = values.get(s);
            if (v == null) {
                throw new IllegalArgumentException("limits." + s.key() + " is missing");
            }
            String why = s.problem(v);
            if (why != null) {
                throw new IllegalArgumentException("limits." + s.key() + ": " + Problems.number(v) + " " + why);
            }
            copy.put(s, v);
        }
        List<Problem> cross = crossProblems(copy);
        if (!cross.isEmpty()) {
            Problem p = cross.get(0);
            throw new IllegalArgumentException("limits." + p.spec().key() + ": " + Problems.number(p.value()) + " "
                    + p.rule());
        }
        values = Collections.unmodifiableMap(copy);
    }

    /** SPEC section 4's defaults. */
    public static Limits defaults() {
        EnumMap<LimitSpec, Double> m = new EnumMap<>(LimitSpec.class);
        for (LimitSpec s : LimitSpec.values()) {
            m.put(s, s.defaultValue());
        }
        return new Limits(m);
    }

    /** These limits with one value changed (validated again). */
    public Limits with(LimitSpec spec, double value) {
        EnumMap<LimitSpec, Double> m = new EnumMap<>(values);
        m.put(spec, value);
        return new Limits(m);
    }

    /** The value of one limit. */
    public double get(LimitSpec spec) {
        return values.get(spec);
    }

    /**
     * Stopping distance from {@code speedMmPerS} with a symmetric jerk-limited (S-curve) deceleration,
     * plus one control period of travel before the stop begins, mm.
     */
    public static double stoppingDistanceMm(double speedMmPerS, double accelMmPerS2, double jerkMmPerS3,
            double controlRateHz) {
        double v = speedMmPerS;
        double a = accelMmPerS2;
        double j = jerkMmPerS3;
        double brakingMm = v >= a * a / j ? v / 2 * (v / a + a / j) : v * Math.sqrt(v / j);
        return brakingMm + v / controlRateHz;
    }

    /**
     * The rules between limits: the slow-down zone covers the stopping distance at full speed (SR-12);
     * the slow, rescue and jog speeds stay below the speeds they restrict; the node's heartbeat timeout
     * exceeds its set-point gap, which spans at least three control periods (SR-9); the green band ends
     * below the yellow one.
     *
     * @param v a value for every spec (each already within its range)
     */
    public static List<Problem> crossProblems(Map<LimitSpec, Double> v) {
        List<Problem> out = new ArrayList<>();
        double descent = v.get(DESCENT_MM_PER_S);
        double ascent = v.get(ASCENT_MM_PER_S);
        double accel = v.get(ACCEL_MM_PER_S2);
        double jerk = v.get(JERK_MM_PER_S3);
        double rate = v.get(CONTROL_RATE_HZ);
        double fastest = Math.max(descent, ascent);
        LimitSpec fastestSpec = descent >= ascent ? DESCENT_MM_PER_S : ASCENT_MM_PER_S;
        double stopMm = stoppingDistanceMm(fastest, accel, jerk, rate);
        if (v.get(SLOW_ZONE_MM) < stopMm) {
            out.add(new Problem(SLOW_ZONE_MM, v.get(SLOW_ZONE_MM), "does not cover the stopping distance "
                    + round1(stopMm) + " mm from " + fastestSpec.key() + " " + Problems.number(fastest) + " with "
                    + ACCEL_MM_PER_S2.key() + " " + Problems.number(accel) + " and " + JERK_MM_PER_S3.key() + " "
                    + Problems.number(jerk) + " (SR-12): raise it or lower the speed"));
        }
        double slowest = Math.min(descent, ascent);
        atMost(out, v, SLOW_ZONE_SPEED_MM_PER_S, slowest, "the slower of ascentMmPerS and descentMmPerS");
        atMost(out, v, UNREFERENCED_JOG_MM_PER_S, slowest, "the slower of ascentMmPerS and descentMmPerS");
        atMost(out, v, ATTACH_JOG_MM_PER_S, slowest, "the slower of ascentMmPerS and descentMmPerS");
        atMost(out, v, RESCUE_SPEED_MM_PER_S, descent, "descentMmPerS");
        if (v.get(NODE_HEARTBEAT_TIMEOUT_MS) <= v.get(NODE_SETPOINT_GAP_MS)) {
            out.add(new Problem(NODE_HEARTBEAT_TIMEOUT_MS, v.get(NODE_HEARTBEAT_TIMEOUT_MS),
                    "is not above nodeSetpointGapMs " + Problems.number(v.get(NODE_SETPOINT_GAP_MS))
                            + ": the node must ramp to a stop before it drops the brakes (SR-9)"));
        }
        double threePeriodsMs = 3000 / rate;
        if (v.get(NODE_SETPOINT_GAP_MS) < threePeriodsMs) {
            out.add(new Problem(NODE_SETPOINT_GAP_MS, v.get(NODE_SETPOINT_GAP_MS),
                    "is shorter than three control periods (" + round1(threePeriodsMs) + " ms at controlRateHz "
                            + Problems.number(rate) + "): one late set-point would stop the node"));
        }
        if (v.get(LOAD_BAND_GREEN_PERCENT) >= v.get(LOAD_BAND_YELLOW_PERCENT)) {
            out.add(new Problem(LOAD_BAND_GREEN_PERCENT, v.get(LOAD_BAND_GREEN_PERCENT),
                    "is not below loadBandYellowPercent " + Problems.number(v.get(LOAD_BAND_YELLOW_PERCENT))));
        }
        return out;
    }

    private static void atMost(List<Problem> out, Map<LimitSpec, Double> v, LimitSpec spec, double bound,
            String what) {
        if (v.get(spec) > bound) {
            out.add(new Problem(spec, v.get(spec), "is above " + what + " " + Problems.number(bound)));
        }
    }

    private static String round1(double x) {
        return Problems.number(Math.ceil(x * 10) / 10);
    }

    private int whole(LimitSpec s) {
        return (int) Math.round(values.get(s));
    }

    /** SR-3 commanded descent speed, mm/s. */
    public double descentMmPerS() {
        return get(DESCENT_MM_PER_S);
    }

    /** SR-4 commanded ascent speed, mm/s. */
    public double ascentMmPerS() {
        return get(ASCENT_MM_PER_S);
    }

    /** SR-4 acceleration and deceleration, mm/s^2. */
    public double accelMmPerS2() {
        return get(ACCEL_MM_PER_S2);
    }

    /** SR-4 jerk of the S-curve profiles, mm/s^3. */
    public double jerkMmPerS3() {
        return get(JERK_MM_PER_S3);
    }

    /** SR-3 overspeed trip, % of the direction's speed limit (node and host). */
    public int overspeedPercent() {
        return whole(OVERSPEED_PERCENT);
    }

    /** SR-5 fastest rise of total rope load while loading, % of body weight per s. */
    public double loadingRatePercentPerS() {
        return get(LOADING_RATE_PERCENT_PER_S);
    }

    /** SR-2 fixed part of the extra-load margin, kg. */
    public double extraLoadMarginKg() {
        return get(EXTRA_LOAD_MARGIN_KG);
    }

    /** SR-2 body-weight part of the extra-load margin, % of body weight. */
    public double extraLoadMarginPercentOfBody() {
        return get(EXTRA_LOAD_MARGIN_PERCENT_OF_BODY);
    }

    /** SR-2 time the extra-load margin may be exceeded, ms. */
    public int extraLoadHoldMs() {
        return whole(EXTRA_LOAD_HOLD_MS);
    }

    /** SR-2 absolute total-load trip, % of body weight. */
    public double totalLoadMaxPercentOfBody() {
        return get(TOTAL_LOAD_MAX_PERCENT_OF_BODY);
    }

    /** SR-2 time the absolute total-load trip may be exceeded, ms. */
    public int totalLoadHoldMs() {
        return whole(TOTAL_LOAD_HOLD_MS);
    }

    /** SR-6 slack threshold, % of the rope's expected load. */
    public double slackPercentOfExpected() {
        return get(SLACK_PERCENT_OF_EXPECTED);
    }

    /** SR-6 expected load above which the slack check applies, kg. */
    public double slackMinExpectedKg() {
        return get(SLACK_MIN_EXPECTED_KG);
    }

    /** SR-7 imbalance threshold, % of the pair's summed load. */
    public double imbalancePercentOfSum() {
        return get(IMBALANCE_PERCENT_OF_SUM);
    }

    /** SR-7 time an imbalance may last, ms. */
    public int imbalanceHoldMs() {
        return whole(IMBALANCE_HOLD_MS);
    }

    /** SR-7 summed pair load above which the imbalance check applies, kg. */
    public double imbalanceMinSumKg() {
        return get(IMBALANCE_MIN_SUM_KG);
    }

    /** SR-8 oldest usable load sample, in sample periods. */
    public double sampleMaxAgePeriods() {
        return get(SAMPLE_MAX_AGE_PERIODS);
    }

    /** SR-8 a reading below minus this is a fault, kg. */
    public double negativeLoadKg() {
        return get(NEGATIVE_LOAD_KG);
    }

    /** SR-8 identical raw values in a row, while the winch moves, that make a frozen channel. */
    public int frozenSampleCount() {
        return whole(FROZEN_SAMPLE_COUNT);
    }

    /** SR-9 host-side link timeout per node, ms. */
    public int linkTimeoutMs() {
        return whole(LINK_TIMEOUT_MS);
    }

    /** SR-9 node-side set-point gap, ms. */
    public int nodeSetpointGapMs() {
        return whole(NODE_SETPOINT_GAP_MS);
    }

    /** SR-9 node-side heartbeat watchdog, ms. */
    public int nodeHeartbeatTimeoutMs() {
        return whole(NODE_HEARTBEAT_TIMEOUT_MS);
    }

    /** SR-10 oldest acceptable enable, ms. */
    public int enableRefreshMs() {
        return whole(ENABLE_REFRESH_MS);
    }

    /** SR-12 slow-down zone inside each end of the soft range, mm. */
    public double slowZoneMm() {
        return get(SLOW_ZONE_MM);
    }

    /** SR-12 speed inside the slow-down zone, mm/s. */
    public double slowZoneSpeedMmPerS() {
        return get(SLOW_ZONE_SPEED_MM_PER_S);
    }

    /** SR-13 following-error trip, mm. */
    public double followingErrorMm() {
        return get(FOLLOWING_ERROR_MM);
    }

    /** SR-13 pair-difference trip, mm. */
    public double pairDifferenceMm() {
        return get(PAIR_DIFFERENCE_MM);
    }

    /** SR-14 brake drift alarm, mm. */
    public double brakeDriftMm() {
        return get(BRAKE_DRIFT_MM);
    }

    /** SR-19 rescue descent speed, mm/s. */
    public double rescueSpeedMmPerS() {
        return get(RESCUE_SPEED_MM_PER_S);
    }

    /** SR-19 jog speed without a referenced position, mm/s. */
    public double unreferencedJogMmPerS() {
        return get(UNREFERENCED_JOG_MM_PER_S);
    }

    /** ATTACHING jog speed, mm/s. */
    public double attachJogMmPerS() {
        return get(ATTACH_JOG_MM_PER_S);
    }

    /** SR-24 command lease: command lapses after this long without a word from the panel in command, s. */
    public int commandLeaseS() {
        return whole(COMMAND_LEASE_S);
    }

    /** SR-21 inverted-time alarm, s. */
    public int invertedAlarmS() {
        return whole(INVERTED_ALARM_S);
    }

    /** SR-21: how long an alarm may go unacknowledged before it escalates, s. */
    public int invertedEscalationS() {
        return whole(INVERTED_ESCALATION_S);
    }

    /** SR-22 control-step lateness that stops motion, ms. */
    public int loopLateMs() {
        return whole(LOOP_LATE_MS);
    }

    /** Section 5 refinement bound, either way, mm. */
    public double refinementBoundMm() {
        return get(REFINEMENT_BOUND_MM);
    }

    /** Control loop rate, Hz. */
    public int controlRateHz() {
        return whole(CONTROL_RATE_HZ);
    }

    /** SR-17 largest reading at which tare is accepted, kg. */
    public double tareMaxLoadKg() {
        return get(TARE_MAX_LOAD_KG);
    }

    /** SR-17 largest spread of readings at which tare or a calibration point is accepted, kg. */
    public double tareMaxSpreadKg() {
        return get(TARE_MAX_SPREAD_KG);
    }

    /** SR-17 worst linearity error of a valid calibration, % of full scale. */
    public double maxLinearityErrorPercent() {
        return get(MAX_LINEARITY_ERROR_PERCENT);
    }

    /** SR-18 zero tolerance of the pre-use check, kg. */
    public double zeroToleranceKg() {
        return get(ZERO_TOLERANCE_KG);
    }

    /** Section 6 green band, % of a rope's limit. */
    public double loadBandGreenPercent() {
        return get(LOAD_BAND_GREEN_PERCENT);
    }

    /** Section 6 yellow band, % of a rope's limit. */
    public double loadBandYellowPercent() {
        return get(LOAD_BAND_YELLOW_PERCENT);
    }
}
