package com.lianarig.controller.safety;

/**
 * SPEC section 4's safety requirements, by their stable ids. Each constant names the class that
 * implements it ({@code Sr01RopeOverload} ...: one hop from the id to the code).
 */
public enum SafetyRule {
    /** Rope overload: {@code Sr01RopeOverload}. */
    SR_1("SR-1", "rope overload"),
    /** Someone else on the rig, snag: {@code Sr02TotalLoad}. */
    SR_2("SR-2", "total load above expected"),
    /** Descending too fast: {@code Sr03DescentSpeed}; commanded descent clamped by {@code MotionGate}. */
    SR_3("SR-3", "descending too fast"),
    /** Harsh motion: speed and acceleration caps on every set-point ({@code MotionGate}). */
    SR_4("SR-4", "harsh motion"),
    /** Loading rate: the controller's profile slows itself ({@code LoadingRateLimiter}). */
    SR_5("SR-5", "loading too fast"),
    /** Slack rope, foot slipping out: {@code Sr06Slack}. */
    SR_6("SR-6", "slack rope"),
    /** Imbalance between paired ropes: {@code Sr07Imbalance}. */
    SR_7("SR-7", "paired ropes imbalanced"),
    /** Sensor fault: {@code Sr08Sensor} (on every sample and every tick). */
    SR_8("SR-8", "load sensor fault"),
    /** Link loss: {@code Sr09LinkLoss}. */
    SR_9("SR-9", "node link lost"),
    /** Unattended motion: {@code Sr10Enable} and the motion gate's ledger ({@code MotionGate}). */
    SR_10("SR-10", "enable released"),
    /** E-stop / client stop: {@code Sr11SafetyChain} (monitor contact and the nodes' power reports). */
    SR_11("SR-11", "safety chain tripped"),
    /** Travel limits: soft limits, slow-down zone ({@code MotionGate}), limit switches ({@code Sr12LimitSwitch}). */
    SR_12("SR-12", "travel limit"),
    /** Runaway, jam, pair drift: {@code Sr13FollowingAndPair}, {@code Sr13EncoderJump}. */
    SR_13("SR-13", "following error or pair drift"),
    /** Brake slip: {@code Sr14BrakeSlip}, the drive's hold in {@code DriveHold}. */
    SR_14("SR-14", "brake slip"),
    /** Restart: the controller starts holding (RigController STARTING). */
    SR_15("SR-15", "restart"),
    /** Bad command: the command model's refusals. */
    SR_16("SR-16", "bad command"),
    /** Calibration: READY refused for an uncalibrated channel. */
    SR_17("SR-17", "calibration missing"),
    /** Pre-use check: READY refused without today's check. */
    SR_18("SR-18", "pre-use check missing"),
    /** Client stuck in the air: the rescue descent, verified by {@code Sr19RescueCheck}. */
    SR_19("SR-19", "rescue descent"),
    /**
     * Head on the mat: per-client maximum strap height (the motion gate's clamp), and the measured share
     * that shows the head leaving the mat ({@code Sr20HeadOnMat}).
     */
    SR_20("SR-20", "head leaving the mat"),
    /** Too long inverted: the controller's inverted-time alarm. */
    SR_21("SR-21", "too long inverted"),
    /** Stalled control loop: {@code Sr22LateStep}. */
    SR_22("SR-22", "control loop late"),
    /** Position integrity (I-6): {@code Sr23PositionIntegrity}. */
    SR_23("SR-23", "position not trusted"),
    /** Who is in command: the command model's lease and take-over (CommandPolicy); nothing to latch. */
    SR_24("SR-24", "command lapsed"),
    /** Implausible sensing: {@code Sr25Plausibility}; the client-ready check in ClientSession. */
    SR_25("SR-25", "implausible sensing"),
    /** Journal and storage: {@code Sr26Storage}, and {@code BrakeReleaseBarrier} (no motion before its record is durable). */
    SR_26("SR-26", "journal or storage failing");

    private final String id;
    private final String hazard;

    SafetyRule(String id, String hazard) {
        this.id = id;
        this.hazard = hazard;
    }

    /** The SPEC id, e.g. "SR-1". */
    public String id() {
        return id;
    }

    /** The hazard in words. */
    public String hazard() {
        return hazard;
    }
}
