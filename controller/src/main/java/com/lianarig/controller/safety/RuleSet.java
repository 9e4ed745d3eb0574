package com.lianarig.controller.safety;

import com.lianarig.controller.rig.RigModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one place that wires the safety core's graph (SAFETY-CORE.md, "one place wires the graph"): the
 * rig's {@link Tracks}, the one door for reactions ({@link Reactions}), one object per rule, the
 * {@link MotionGate} and SR-14's {@link DriveHold}, and the cross-rule links each rule receives as
 * constructor arguments or one {@code bind} call. It writes down, once, the order in which the rules see
 * an input ({@link #sampleRules}, {@link #statusRules}, {@link #tick}) and how a reset asks them whether
 * their cause is gone ({@link #reset}).
 *
 * <p>Not thread-safe: {@link SafetySupervisor} owns it and calls it with its lock held.
 */
final class RuleSet {
    final Tracks t;
    final Reactions react;
    final MotionGate gate;
    /** The drives behind SR-26's brake-release barrier: the only way to them. */
    final Drives drives;
    final Sr02TotalLoad sr02;
    final Sr08Sensor sr08;
    final Sr09LinkLoss sr09;
    final Sr10Enable sr10;
    final Sr11SafetyChain sr11;
    final Sr14BrakeSlip sr14;
    final Sr19RescueCheck sr19;
    final Sr22LateStep sr22;
    final Sr23PositionIntegrity sr23;
    final Sr25Plausibility sr25;
    final Sr26Storage sr26;
    /** The rules that judge each load sample, in this order (SR-8 first: a bad channel is not judged further). */
    final Protection[] sampleRules;
    /** The rules that judge each winch status, in this order (SR-23 first: trust decides what the others judge). */
    final Protection[] statusRules;
    /** Every rule, in SR order (resets ask each whether its cause is still present). */
    private final Protection[] rules;

    RuleSet(RigModel model, Drives toDrives, SafetyListener listener) {
        this.t = new Tracks(model);
        BrakeReleaseBarrier barrier = new BrakeReleaseBarrier(toDrives, t); // SR-26: releases wait for the journal
        this.drives = barrier;
        this.react = new Reactions(t, barrier, listener);
        Sr01RopeOverload sr01 = new Sr01RopeOverload(t, react);
        sr02 = new Sr02TotalLoad(t, react);
        Sr03DescentSpeed sr03 = new Sr03DescentSpeed(t, react);
        Sr06Slack sr06 = new Sr06Slack(t, react);
        Sr07Imbalance sr07 = new Sr07Imbalance(t, react);
        sr08 = new Sr08Sensor(t, react);
        sr09 = new Sr09LinkLoss(t, react);
        sr10 = new Sr10Enable(t, react);
        sr11 = new Sr11SafetyChain(t, react);
        Sr12LimitSwitch sr12 = new Sr12LimitSwitch(react);
        sr14 = new Sr14BrakeSlip(t, react);
        sr23 = new Sr23PositionIntegrity(t, react);
        Sr13EncoderJump sr13Jump = new Sr13EncoderJump(t, react, sr14, sr23);
        Sr13FollowingAndPair sr13 = new Sr13FollowingAndPair(t, react, sr23);
        sr19 = new Sr19RescueCheck(t, react);
        sr22 = new Sr22LateStep(t, react);
        sr26 = new Sr26Storage(react, barrier);
        Sr20HeadOnMat sr20 = new Sr20HeadOnMat(t, react);
        sr25 = new Sr25Plausibility(t, react);
        DriveHold hold = new DriveHold(t, react, sr13Jump, sr23);
        gate = new MotionGate(t, react, new Protection[] {sr01, sr07, sr12, sr20}, new Protection[] {sr12}, sr23, hold,
                sr19);
        react.bind(hold);
        sr10.bind(gate);
        sr14.bind(hold, sr13Jump, sr23);
        sr23.bind(sr14);
        sampleRules = new Protection[] {sr01, sr02, sr06, sr07, sr20, sr25};
        statusRules = new Protection[] {sr23, sr13Jump, sr03, sr13, sr14, sr12, sr11, sr19};
        rules = new Protection[] {sr01, sr02, sr03, sr06, sr07, sr08, sr09, sr10, sr11, sr12, sr13Jump, sr13, sr14, sr19,
            sr20, sr22, sr23, sr25, sr26};
    }

    /**
     * The time-based rules in their order (SR-26 first: a failing journal stops motion before anything else
     * is judged; then SR-8 sample age, SR-10 enable, SR-11 disagreement, SR-19 verification), then the gate's
     * own stops and SR-14's drive holds get their set-points.
     */
    void tick(long nowNanos) {
        sr26.onTick(nowNanos);
        sr08.onTick(nowNanos);
        sr10.onTick(nowNanos);
        sr11.onTick(nowNanos);
        sr19.onTick(nowNanos);
        gate.tick(nowNanos);
    }

    /**
     * Resets the latched faults this role may reset whose cause is gone (each rule of the fault's SR id is
     * asked); the rest stay, each with why. Clears the nodes' shutdowns and latched trips when everything was
     * reset.
     *
     * @return why each fault that stays latched stays, empty when none is left
     */
    List<String> reset(ResetRole role, long nowNanos) {
        List<String> remaining = new ArrayList<>();
        for (SafetyRule rule : SafetyRule.values()) {
            Fault f = react.latched(rule);
            if (f == null) {
                continue;
            }
            if (!f.resetBy().allows(role)) {
                remaining.add(rule.id() + " needs a " + f.resetBy().name().toLowerCase(Locale.ROOT) + " to reset");
                continue;
            }
            String present = causePresent(rule, nowNanos);
            if (present != null) {
                remaining.add(rule.id() + " cause still present: " + present);
                continue;
            }
            react.clear(rule);
            for (Protection p : rules) {
                if (p.rule() == rule) {
                    p.onReset(nowNanos);
                }
            }
        }
        if (remaining.isEmpty()) {
            // The SR-2 hold timers and the SR-3 / SR-6 frame counts are not cleared here: each restarts by itself
            // once its cause is gone (and a latched one resets only then), while clearing them let a reset
            // postpone a trip that was counting (R-7 seed 8000377).
            drives.clearShutdowns();
        }
        return remaining;
    }

    private String causePresent(SafetyRule rule, long nowNanos) {
        for (Protection p : rules) {
            if (p.rule() == rule) {
                String present = p.causePresent(nowNanos);
                if (present != null) {
                    return present;
                }
            }
        }
        return null;
    }
}
