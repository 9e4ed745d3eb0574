package com.lianarig.config.rig;

import com.lianarig.config.yaml.Problems;

/**
 * Every number of the rig file's {@code limits} section: its key, unit, default, allowed range and
 * which end of the range is the hard cap (the less safe end), with the requirement it serves.
 *
 * <p>Defaults are SPEC section 4's. Where SPEC gives a hard cap it is used as it is ({@link #capFromSpec});
 * elsewhere the cap is this product's choice, documented in docs/rig-config.md. A value beyond the
 * hard cap is rejected, never clamped.
 */
public enum LimitSpec {
    DESCENT_MM_PER_S("descentMmPerS", "mm/s", 50, 1, 100, Cap.HIGH, true, false, "SR-3",
            "commanded descent speed"),
    ASCENT_MM_PER_S("ascentMmPerS", "mm/s", 80, 1, 150, Cap.HIGH, true, false, "SR-4",
            "commanded ascent speed"),
    ACCEL_MM_PER_S2("accelMmPerS2", "mm/s^2", 100, 10, 300, Cap.HIGH, true, false, "SR-4",
            "acceleration and deceleration of every profile"),
    JERK_MM_PER_S3("jerkMmPerS3", "mm/s^3", 500, 50, 1500, Cap.HIGH, false, false, "SR-4",
            "jerk of the S-curve profiles"),
    OVERSPEED_PERCENT("overspeedPercent", "%", 120, 105, 150, Cap.HIGH, false, true, "SR-3",
            "measured speed above this percentage of the direction's limit on 2 consecutive status frames trips"
                    + " cat 0"),
    LOADING_RATE_PERCENT_PER_S("loadingRatePercentPerS", "% of body weight/s", 15, 1, 30, Cap.HIGH, false, false,
            "SR-5", "fastest rise of the total rope load while loading the client"),
    EXTRA_LOAD_MARGIN_KG("extraLoadMarginKg", "kg", 15, 5, 30, Cap.HIGH, false, false, "SR-2",
            "total load above expected by more than max(this, extraLoadMarginPercentOfBody) trips"),
    EXTRA_LOAD_MARGIN_PERCENT_OF_BODY("extraLoadMarginPercentOfBody", "% of body weight", 20, 5, 40, Cap.HIGH, false,
            false, "SR-2", "the body-weight part of the SR-2 margin"),
    EXTRA_LOAD_HOLD_MS("extraLoadHoldMs", "ms", 500, 100, 1000, Cap.HIGH, false, true, "SR-2",
            "how long the SR-2 margin may be exceeded before the trip"),
    TOTAL_LOAD_MAX_PERCENT_OF_BODY("totalLoadMaxPercentOfBody", "% of body weight", 150, 110, 200, Cap.HIGH, false,
            false, "SR-2", "total rope load above this trips, whatever is expected"),
    TOTAL_LOAD_HOLD_MS("totalLoadHoldMs", "ms", 100, 20, 250, Cap.HIGH, false, true, "SR-2",
            "how long totalLoadMaxPercentOfBody may be exceeded before the trip"),
    SLACK_PERCENT_OF_EXPECTED("slackPercentOfExpected", "% of expected", 25, 10, 50, Cap.LOW, false, false, "SR-6",
            "a rope of a pair below this share of its expected load while its partner stays loaded is slack"),
    SLACK_MIN_EXPECTED_KG("slackMinExpectedKg", "kg", 5, 1, 10, Cap.HIGH, false, false, "SR-6",
            "the slack check applies when the rope's expected load is above this"),
    IMBALANCE_PERCENT_OF_SUM("imbalancePercentOfSum", "% of the pair's sum", 30, 10, 50, Cap.HIGH, false, false,
            "SR-7", "paired ropes differing by more than this share of their sum are unbalanced"),
    IMBALANCE_HOLD_MS("imbalanceHoldMs", "ms", 500, 100, 1000, Cap.HIGH, false, true, "SR-7",
            "how long an imbalance may last before ascent stops"),
    IMBALANCE_MIN_SUM_KG("imbalanceMinSumKg", "kg", 10, 2, 20, Cap.HIGH, false, false, "SR-7",
            "the imbalance check applies when the pair's sum is above this"),
    SAMPLE_MAX_AGE_PERIODS("sampleMaxAgePeriods", "sample periods", 2.5, 1.5, 4, Cap.HIGH, false, false, "SR-8",
            "a load sample older than this many sample periods is a sensor fault"),
    NEGATIVE_LOAD_KG("negativeLoadKg", "kg", 5, 1, 10, Cap.HIGH, false, false, "SR-8",
            "a reading below minus this is a sensor fault"),
    FROZEN_SAMPLE_COUNT("frozenSampleCount", "samples", 8, 3, 40, Cap.HIGH, false, true, "SR-8",
            "this many identical raw values in a row while the rope's winch moves is a sensor fault"),
    LINK_TIMEOUT_MS("linkTimeoutMs", "ms", 100, 30, 100, Cap.HIGH, false, true, "SR-9",
            "no valid frame from a node for this long stops everything"),
    NODE_SETPOINT_GAP_MS("nodeSetpointGapMs", "ms", 50, 10, 50, Cap.HIGH, false, true, "SR-9",
            "the node ramps to a stop and brakes after this long without a set-point"),
    NODE_HEARTBEAT_TIMEOUT_MS("nodeHeartbeatTimeoutMs", "ms", 200, 50, 200, Cap.HIGH, false, true, "SR-9",
            "the node drops both brakes and shuts down after this long without a heartbeat"),
    ENABLE_REFRESH_MS("enableRefreshMs", "ms", 250, 50, 250, Cap.HIGH, false, true, "SR-10",
            "motion pauses when the enable of the panel in command is older than this"),
    COMMAND_LEASE_S("commandLeaseS", "s", 3, 1, 10, Cap.HIGH, true, true, "SR-24",
            "command lapses when the panel in command sends nothing for this long (panels send a heartbeat every"
                    + " second)"),
    SLOW_ZONE_MM("slowZoneMm", "mm", 50, 10, 300, Cap.LOW, false, false, "SR-12",
            "slow-down zone inside each end of the soft range; must cover the stopping distance"),
    SLOW_ZONE_SPEED_MM_PER_S("slowZoneSpeedMmPerS", "mm/s", 10, 1, 20, Cap.HIGH, false, false, "SR-12",
            "speed inside the slow-down zone"),
    FOLLOWING_ERROR_MM("followingErrorMm", "mm", 20, 2, 40, Cap.HIGH, false, false, "SR-13",
            "set-point minus encoder position beyond this trips cat 0"),
    PAIR_DIFFERENCE_MM("pairDifferenceMm", "mm", 10, 1, 20, Cap.HIGH, false, false, "SR-13",
            "the two winches of a pair further apart than this trip cat 1"),
    BRAKE_DRIFT_MM("brakeDriftMm", "mm", 3, 0.5, 5, Cap.HIGH, false, false, "SR-14",
            "drift since the brakes engaged beyond this is a brake slip"),
    RESCUE_SPEED_MM_PER_S("rescueSpeedMmPerS", "mm/s", 10, 1, 20, Cap.HIGH, false, false, "SR-19",
            "hold-to-run rescue descent speed in FAULT or after a node reset"),
    UNREFERENCED_JOG_MM_PER_S("unreferencedJogMmPerS", "mm/s", 10, 1, 20, Cap.HIGH, false, false, "SR-19",
            "jog speed while a winch's position is not referenced"),
    ATTACH_JOG_MM_PER_S("attachJogMmPerS", "mm/s", 20, 1, 50, Cap.HIGH, false, false, "section 4 ATTACHING",
            "jog speed while strapping in or out"),
    INVERTED_ALARM_S("invertedAlarmS", "s", 180, 30, 600, Cap.HIGH, false, true, "SR-21",
            "alarm to the trainer after this long inverted without a break"),
    INVERTED_ESCALATION_S("invertedEscalationS", "s", 60, 15, 120, Cap.HIGH, false, true, "SR-21",
            "an SR-21 alarm nobody acknowledges escalates after this long (continuous tone, \"client alone inverted\")"),
    LOOP_LATE_MS("loopLateMs", "ms", 50, 10, 50, Cap.HIGH, false, true, "SR-22",
            "a control step later than this stops motion and is journalled"),
    REFINEMENT_BOUND_MM("refinementBoundMm", "mm", 60, 0, 100, Cap.HIGH, false, false, "section 5",
            "largest correction the load-share refinement may add to the aimed height, either way"),
    CONTROL_RATE_HZ("controlRateHz", "Hz", 100, 60, 200, Cap.LOW, false, true, "section 3",
            "control loop and set-point rate"),
    TARE_MAX_LOAD_KG("tareMaxLoadKg", "kg", 2, 0.5, 5, Cap.HIGH, false, false, "SR-17",
            "tare is refused while a rope reads more than this"),
    TARE_MAX_SPREAD_KG("tareMaxSpreadKg", "kg", 0.5, 0.05, 1, Cap.HIGH, false, false, "SR-17",
            "tare is refused while the readings spread more than this: the rope still moves"),
    MAX_LINEARITY_ERROR_PERCENT("maxLinearityErrorPercent", "% of full scale", 0.5, 0.05, 1, Cap.HIGH, false, false,
            "SR-17", "a calibration whose fit is worse than this is not valid"),
    ZERO_TOLERANCE_KG("zeroToleranceKg", "kg", 1, 0.1, 2, Cap.HIGH, false, false, "SR-18",
            "the daily pre-use check passes a channel whose unloaded reading is within this of zero"),
    LOAD_BAND_GREEN_PERCENT("loadBandGreenPercent", "% of the rope's limit", 80, 50, 95, Cap.HIGH, false, false,
            "section 6", "panels show a rope's load green up to this share of its limit"),
    LOAD_BAND_YELLOW_PERCENT("loadBandYellowPercent", "% of the rope's limit", 95, 60, 100, Cap.HIGH, false, false,
            "section 6", "yellow up to this share, red above");

    /** Which end of a limit's range is its hard cap: the end where the product is less safe. */
    public enum Cap {
        /** Larger values are less safe: the maximum is the hard cap. */
        HIGH,
        /** Smaller values are less safe: the minimum is the hard cap. */
        LOW
    }

    private final String key;
    private final String unit;
    private final double defaultValue;
    private final double min;
    private final double max;
    private final Cap cap;
    private final boolean capFromSpec;
    private final boolean integer;
    private final String requirement;
    private final String meaning;

    LimitSpec(String key, String unit, double defaultValue, double min, double max, Cap cap, boolean capFromSpec,
            boolean integer, String requirement, String meaning) {
        this.key = key;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.cap = cap;
        this.capFromSpec = capFromSpec;
        this.integer = integer;
        this.requirement = requirement;
        this.meaning = meaning;
    }

    /** The key in the rig file's {@code limits} section. */
    public String key() {
        return key;
    }

    /** The unit, as documented. */
    public String unit() {
        return unit;
    }

    /** The value when the file does not set it (SPEC section 4). */
    public double defaultValue() {
        return defaultValue;
    }

    /** The smallest accepted value. */
    public double min() {
        return min;
    }

    /** The largest accepted value. */
    public double max() {
        return max;
    }

    /** Which end of [min, max] is the hard cap. */
    public Cap cap() {
        return cap;
    }

    /** The hard cap's value. */
    public double hardCap() {
        return cap == Cap.HIGH ? max : min;
    }

    /** Whether SPEC itself states the hard cap (else it is this product's documented choice). */
    public boolean capFromSpec() {
        return capFromSpec;
    }

    /** Whether only whole numbers are accepted. */
    public boolean integer() {
        return integer;
    }

    /** The requirement it serves, e.g. "SR-3". */
    public String requirement() {
        return requirement;
    }

    /** What the value means, one phrase. */
    public String meaning() {
        return meaning;
    }

    /** The spec with this key, or null. */
    public static LimitSpec byKey(String key) {
        for (LimitSpec s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Why {@code value} is not acceptable, phrased to follow the value, or null when it is.
     * E.g. "is above its hard cap 100 mm/s (SR-3)".
     */
    public String problem(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "is not a finite number";
        }
        if (value > max) {
            return (cap == Cap.HIGH ? "is above its hard cap " : "is above the maximum ") + Problems.number(max) + " "
                    + unit + " (" + requirement + ")";
        }
        if (value < min) {
            return (cap == Cap.LOW ? "is below its hard cap " : "is below the minimum ") + Problems.number(min) + " "
                    + unit + " (" + requirement + ")";
        }
        if (integer && value != Math.rint(value)) {
            return "is not a whole number of " + unit;
        }
        return null;
    }
}
