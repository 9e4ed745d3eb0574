package com.lianarig.controller.safety;

import com.lianarig.config.calibration.Calibration;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.ChannelStatus;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The safety supervisor (SPEC sections 2 and 4): the small component between the control logic and the
 * drives. Every set-point passes {@link #admit}; only {@link #begin} releases brakes. It judges every
 * load sample and winch status as it arrives ({@link #onSample}, {@link #onWinchStatus}, on the node
 * session's owner thread), so a stop goes out in the call that decoded the violating frame; time-based
 * rules run on {@link #tick} from the control thread.
 *
 * <p>It wires, once, the rig's tracks ({@link Tracks}), the motion gate ({@link MotionGate}), the one
 * door for reactions ({@link Reactions}) and one class per rule named after its SR id
 * ({@code Sr01RopeOverload} ...). The order in which the rules see an input is written down here only:
 * {@link #sampleRules}, {@link #statusRules}, {@link #tick}. A latched fault stays until {@link #reset}
 * by the role it names, with its cause gone.
 *
 * <p>Threads: every public method takes the supervisor's lock (samples, status, GPIO and the control
 * loop meet here; each call is short and allocation-free unless it trips). The listener is called with
 * the lock held.
 */
public final class SafetySupervisor {
    /** A winch moving slower than this counts as standing still, mm/s. */
    static final double STANDSTILL_MM_PER_S = 0.5;

    /** A group's drive state as the supervisor sees it. */
    public enum GroupState {
        /** Brakes applied (or asked to apply). */
        BRAKED,
        /** Brake release asked; waiting for every winch to report FOLLOWING. */
        RELEASING,
        /** Every winch follows set-points. */
        FOLLOWING,
        /** A stop was sent; waiting for every winch to report BRAKED. */
        STOPPING
    }

    private final Tracks t;
    private final Reactions react;
    private final MotionGate gate;
    private final Drives drives;
    private final Sr02TotalLoad sr02;
    private final Sr08Sensor sr08;
    private final Sr09LinkLoss sr09;
    private final Sr10Enable sr10;
    private final Sr11SafetyChain sr11;
    private final Sr14BrakeSlip sr14;
    private final Sr19RescueCheck sr19;
    private final Sr22LateStep sr22;
    private final Sr23PositionIntegrity sr23;
    private final Sr25Plausibility sr25;
    private final Sr26Storage sr26;
    /** SR-17: why each rope is uncalibrated, when known (its calibration file damaged, ...), else null. */
    private final String[] whyUncalibrated;
    /** The rules that judge each load sample, in this order (SR-8 first: a bad channel is not judged further). */
    private final Protection[] sampleRules;
    /** The rules that judge each winch status, in this order (SR-23 first: trust decides what the others judge). */
    private final Protection[] statusRules;
    /** Every rule, in SR order (resets ask each whether its cause is still present). */
    private final Protection[] rules;

    /**
     * @param model the rig
     * @param drives the only way to the drives
     * @param listener receives faults, stops and warnings (with the lock held)
     */
    public SafetySupervisor(RigModel model, Drives drives, SafetyListener listener) {
        this.t = new Tracks(model);
        this.whyUncalibrated = new String[t.ropes.length];
        BrakeReleaseBarrier barrier = new BrakeReleaseBarrier(drives, t); // SR-26: releases wait for the journal
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

    // ------------------------------------------------------------------ configuration

    /** SR-26: watches the journal's storage from now on (until then: none, every record durable at once). */
    public synchronized void watchStorage(StorageHealth storage) {
        sr26.watch(storage);
    }

    /** Sets a rope's calibration (raw counts to newtons); empty leaves the rope uncalibrated (SR-17). */
    public synchronized void calibrate(int rope, Optional<Calibration> calibration) {
        calibrate(rope, calibration, null);
    }

    /**
     * Sets a rope's calibration; empty leaves the rope uncalibrated (SR-17) for the reason {@code whyNot}
     * (e.g. its calibration file is damaged), which refusals then name.
     */
    public synchronized void calibrate(int rope, Optional<Calibration> calibration, String whyNot) {
        whyUncalibrated[rope] = calibration.isPresent() ? null : whyNot;
        RopeTrack r = t.ropes[rope];
        if (calibration.isPresent()) {
            r.offsetCounts = calibration.get().offsetCounts();
            r.newtonsPerCount = calibration.get().newtonsPerCount();
        } else {
            r.newtonsPerCount = Double.NaN;
        }
        // the last sample read through the new calibration at once (client-ready may follow before the next one)
        r.loadN = r.haveSample && r.calibrated() ? (r.lastRaw - r.offsetCounts) * r.newtonsPerCount : Double.NaN;
    }

    /** Whether a rope has a calibration (SR-17). */
    public synchronized boolean calibrated(int rope) {
        return t.ropes[rope].calibrated();
    }

    /** Why a rope has no calibration, in words, when it was given (SR-17); null otherwise. */
    public synchronized String whyUncalibrated(int rope) {
        return t.ropes[rope].calibrated() ? null : whyUncalibrated[rope];
    }

    /** The client's body mass, kg, or NaN when no client is set (SR-2, SR-5, SR-6 need it). */
    public synchronized void setClientMassKg(double massKg) {
        if (Double.compare(massKg, t.clientMassKg) == 0) {
            // the same client again (attach while attached): SR-2's limits are unchanged and its 500 ms / 100 ms
            // go on (R-7 seed 7034399: re-attaching 374 ms into an extra load restarted the 500 ms)
            return;
        }
        t.clientMassKg = massKg;
        sr02.clientChanged();
        sr25.clientChanged();
    }

    /** SR-20: the highest position, per winch, any set-point of the leg pair may ask for; +inf for none. */
    public synchronized void setStrapCeilingMm(double positionMm) {
        t.strapCeilingMm = positionMm;
    }

    /**
     * The upright hang's ceiling (SPEC section 5, the SR-20 analogue for the finger loops): the highest unloaded
     * loop height above the mat any set-point of a finger-loop winch may ask for, mm; +inf for none.
     */
    public synchronized void setLoopCeilingHeightMm(double heightMm) {
        t.loopCeilingHeightMm = heightMm;
    }

    /**
     * SR-20: the leg ropes' measured share of body weight that shows the head and shoulders leaving the mat
     * (the model's share at the client's ceiling + 0.05); NaN for none.
     */
    public synchronized void setHeadOffMatShare(double share) {
        t.headOffMatShare = share;
    }

    /** SR-25: whether a client is strapped in (READY), as opposed to being strapped in or out, or none. */
    public synchronized void setClientSettled(boolean settled) {
        if (settled != t.clientSettled) {
            t.clientSettled = settled;
            sr25.clientChanged();
        }
    }

    /** The expected rope loads for the current heights (model share x body weight), N, one per rope. */
    public synchronized void setExpectedLoadsN(double[] expectedPerRopeN) {
        for (RopeTrack r : t.ropes) {
            r.expectedN = expectedPerRopeN[r.index];
        }
    }

    // ------------------------------------------------------------------ inputs

    /** As {@link #onSample(int, int, ChannelStatus, long, long)} without the node's time (no gap judged). */
    public void onSample(int rope, int rawCounts, ChannelStatus status, long nowNanos) {
        onSample(rope, rawCounts, status, -1, nowNanos);
    }

    /**
     * One load sample, as it is decoded (node owner thread): judged at once by {@link #sampleRules}.
     *
     * @param nodeTimeUs the node's time of the sample, us (unwrapped since the node's start), or -1 when unknown
     */
    public synchronized void onSample(int rope, int rawCounts, ChannelStatus status, long nodeTimeUs, long nowNanos) {
        RopeTrack r = t.ropes[rope];
        if (sr08.expectedNotReady(r, status, nowNanos)) {
            r.sampleNanos = nowNanos; // the channel is alive: it has not converted since its configuration (D2)
            r.haveSample = true;
            return;
        }
        sr08.onNodeTime(r, nodeTimeUs, nowNanos);
        r.sampleNanos = nowNanos;
        if (t.newestSampleNanos == Long.MIN_VALUE || nowNanos - t.newestSampleNanos > 0) {
            t.newestSampleNanos = nowNanos;
        }
        r.haveSample = true;
        if (rawCounts == r.lastRaw) {
            r.sameRawCount++;
        } else {
            r.sameRawCount = 0;
            r.lastRaw = rawCounts;
        }
        r.status = status;
        r.loadN = r.calibrated() ? (rawCounts - r.offsetCounts) * r.newtonsPerCount : Double.NaN;
        sr08.onSample(r, nowNanos);
        if (status != ChannelStatus.OK || Double.isNaN(r.loadN)) {
            return;
        }
        for (Protection p : sampleRules) {
            p.onSample(r, nowNanos);
        }
    }

    /** One winch status without the node's time (tests): see the full form. */
    public synchronized void onWinchStatus(int winch, WinchState winchState, int positionCounts,
            int velocityCountsPerS, int setpointCounts, int statusFlags, NodeFault fault, long nowNanos) {
        onWinchStatus(winch, winchState, positionCounts, velocityCountsPerS, setpointCounts, statusFlags, fault, -1,
                nowNanos);
    }

    /**
     * One winch status, as it is decoded (node owner thread): judged at once by {@link #statusRules}.
     *
     * @param nodeTimeUs the node's time of the status, us (unwrapped since the node's start), or -1 when unknown:
     *     SR-8 tells a silent channel from a late stream on the node's clock
     */
    public synchronized void onWinchStatus(int winch, WinchState winchState, int positionCounts,
            int velocityCountsPerS, int setpointCounts, int statusFlags, NodeFault fault, long nodeTimeUs,
            long nowNanos) {
        WinchTrack w = t.winches[winch];
        w.node.lastStatusNanos = nowNanos;
        if (nodeTimeUs >= 0) {
            w.node.lastStatusNodeTimeUs = nodeTimeUs;
        }
        w.state = winchState;
        w.positionMm = w.model.mmOf(positionCounts);
        w.velocityMmPerS = w.model.mmOf(velocityCountsPerS);
        w.setpointEchoMm = w.model.mmOf(setpointCounts);
        w.flags = statusFlags;
        w.fault = fault;
        if (!w.haveStatus) {
            w.haveStatus = true;
            w.admittedMm = w.positionMm;
            w.lastPositionMm = Double.NaN; // no step to judge from before the link was (re)made
        }
        for (Protection p : statusRules) {
            p.onStatus(w, nowNanos);
        }
        gate.followGroupState(w.group);
    }

    /** A node-side protection acted (FAULT_REPORT): latched ones become the host's faults too. */
    public synchronized void onNodeFault(int winch, NodeFault fault, int measured, int limit, long nowNanos) {
        String where = winch == 255 ? "node" : t.winches[winch].id();
        switch (fault) {
            case OVERSPEED -> react.latch(SafetyRule.SR_3, where + ": node saw overspeed " + measured + " counts/s > "
                    + limit, StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos, StopCategory.CAT_0);
            case FOLLOWING_ERROR -> react.latch(SafetyRule.SR_13, where + ": node saw following error " + measured
                    + " counts > " + limit, StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos, StopCategory.CAT_0);
            case DRIVE_FAULT, ENCODER_FAULT -> {
                if (fault == NodeFault.ENCODER_FAULT && winch != 255) {
                    sr23.encoderFault(t.winches[winch], nowNanos);
                }
                react.latch(SafetyRule.SR_13, where + ": "
                    + fault.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (code " + measured + ")",
                    StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos, StopCategory.CAT_0);
            }
            case BRAKE_FAULT -> react.latch(SafetyRule.SR_14, where + ": brake did not respond", StopKind.CAT_0,
                    ResetRole.TECHNICIAN, nowNanos, StopCategory.CAT_0);
            case HEARTBEAT_TIMEOUT -> react.latch(SafetyRule.SR_9, where + ": heartbeat watchdog expired after "
                    + measured + " ms: node shut down", StopKind.CAT_1, ResetRole.TRAINER, nowNanos, StopCategory.CAT_1);
            default -> {
                // SETPOINT_GAP, limit switches, SOFT_LIMIT, POWER_REMOVED: the node stopped or clamped by
                // itself; the status shows it and the safety chain explains POWER_REMOVED.
            }
        }
    }

    /** SR-9: a node's link became usable ({@code ready}) or failed (stop everything). */
    public synchronized void onLink(int nodeAddress, boolean ready, String why, long nowNanos) {
        NodeTrack n = t.node(nodeAddress);
        boolean was = n.ready;
        n.ready = ready;
        n.answering = ready;
        if (ready && !was) {
            n.readyAtNanos = nowNanos;
        }
        if (!ready && was) {
            sr09.linkLost(n, why, nowNanos);
        }
        if (!ready) {
            // SR-23 / SR-14: the positions of its winches are void, and the brakes' drift reference forgotten
            // (a restarted node's lost encoder zero is not a slip)
            sr23.linkLost(n, nowNanos);
            for (WinchTrack w : t.winches) {
                if (w.node == n) {
                    w.haveStatus = false;
                    sr14.forgetEngagement(w);
                }
            }
            for (RopeTrack r : t.ropes) {
                if (r.node == n) {
                    r.haveSample = false;
                    r.nodeTimeUs = -1; // a new link: the node's clock may have restarted
                }
            }
            n.lastStatusNodeTimeUs = -1;
        }
    }

    /**
     * SR-9: nothing was read from a node for the silence limit because the host itself was late (node owner
     * thread): moving groups stop without a latch and the journal names the host's delay ({@link Sr09LinkLoss#hostLate}).
     */
    public synchronized void onHostLate(int nodeAddress, String why, long nowNanos) {
        t.node(nodeAddress); // an unknown address throws, as for onLink
        sr09.hostLate(why);
    }

    /**
     * SR-9: a node's frames flow again (identified; its configuration waits, e.g. for the CLEAR_SHUTDOWN
     * that only a reset sends): the link loss is over, so SR-9 may be reset; motion still waits for READY.
     */
    public synchronized void onLinkAnswering(int nodeAddress) {
        t.node(nodeAddress).answering = true;
    }

    /** SR-11: the safety chain's monitor contact changed (GPIO thread). */
    public synchronized void onSafetyChain(boolean healthy, long nowNanos) {
        sr11.onChain(healthy, nowNanos);
    }

    /** A fresh enable from the panel in command, or the pendant's ENABLE held (SR-10). */
    public synchronized void enable(long nowNanos) {
        t.enableNanos = nowNanos;
        t.enableReleased = false;
    }

    /** The enable was let go: every live motion ends now and comes to rest on the gate's own stop (SR-10). */
    public synchronized void disable() {
        t.enableReleased = true;
        sr10.letGo();
    }

    /** Whether an enable was seen within the refresh time and not let go since. */
    public synchronized boolean enableLive(long nowNanos) {
        return t.enableLive(nowNanos);
    }

    /**
     * The control thread's tick: time-based checks (SR-26 storage, and the brake releases whose journal records
     * are durable; SR-8 sample age, SR-10 enable, SR-11 disagreement, SR-19 verification), then the gate's own
     * stops and SR-14's drive holds get their set-points.
     */
    public synchronized void tick(long nowNanos) {
        sr26.onTick(nowNanos); // first: a failing journal stops motion before anything else is judged
        sr08.onTick(nowNanos);
        sr10.onTick(nowNanos);
        sr11.onTick(nowNanos);
        sr19.onTick(nowNanos);
        gate.tick(nowNanos);
    }

    /** SR-22: a control step ran late: motion stops (category 1) and the step is journalled. */
    public synchronized void sr22LateStep(long lateNanos, long nowNanos) {
        sr22.lateStep(lateNanos);
    }

    // ------------------------------------------------------------------ motion

    /**
     * Opens the motion gate's ledger entry of a command the control logic accepted, and releases the group's
     * brakes (the only way to release them): I-1, nothing moves unless asked.
     *
     * @param direction +1 up, -1 down: the only direction the motion may take (I-2)
     * @return empty when the entry is open and the release sent; otherwise the refusal in words
     */
    public synchronized Optional<String> begin(int group, MotionKind kind, int direction, long nowNanos) {
        return Optional.ofNullable(gate.begin(t.groups[group], kind, direction, nowNanos));
    }

    /** A new accepted command for a group whose motion is live (a retargeted move), in {@code direction}. */
    public synchronized Optional<String> retarget(int group, int direction, long nowNanos) {
        return Optional.ofNullable(gate.retarget(t.groups[group], direction, nowNanos));
    }

    /**
     * Ends a group's live motion (program stop or pause, hold-to-run let go): it comes to rest along the gate's
     * own jerk-limited stop, then on its brakes, whatever the enable.
     */
    public synchronized void endMotion(int group, String why) {
        gate.end(t.groups[group], why);
    }

    /** Whether a live motion accounts for the group (its entry in the gate's ledger). */
    public synchronized boolean live(int group) {
        return t.groups[group].permitted;
    }

    /** Why the group's last motion ended, in words ("" when none did). */
    public synchronized String endedBecause(int group) {
        return t.groups[group].endedBecause;
    }

    /** SR-23: whether the winch's position is trusted (referenced, and nothing has voided it since). */
    public synchronized boolean trusted(int winch) {
        return sr23.trusted(t.winches[winch]);
    }

    /**
     * Admits one set-point of a group's live motion through the motion gate ({@link MotionGate#admit}).
     *
     * @param deltaMm the group's motion this period, mm (positive = up)
     * @param nowNanos controller clock, ns
     * @return false when nothing was sent (no live motion, not following, or stopped now)
     */
    public synchronized boolean admit(int group, double deltaMm, long nowNanos) {
        return gate.admit(t.groups[group], deltaMm, nowNanos);
    }

    /**
     * SR-19: before a rescue descent, clears the nodes' heartbeat shutdowns, but never a node's latched trip:
     * with one latched the rescue is refused.
     *
     * @return empty when done; otherwise why the rescue cannot clear the way
     */
    public synchronized Optional<String> clearForRescue() {
        for (WinchTrack w : t.winches) {
            if (w.haveStatus && w.nodeTripLatched()) {
                return Optional.of("winch " + w.id() + " has a node-side trip latched (" + w.fault.name()
                        .toLowerCase(Locale.ROOT).replace('_', ' ') + "): a technician resets it; lower the client with"
                        + " the manual brake-release procedure");
            }
        }
        drives.clearShutdowns();
        return Optional.empty();
    }

    /**
     * Clears the nodes' sticky shutdowns and node-side trips whose cause is gone (CLEAR_SHUTDOWN): at
     * start-up (SR-15: the winches become BRAKED, nothing moves) and before a rescue descent in FAULT.
     */
    public synchronized void clearNodeShutdowns() {
        drives.clearShutdowns();
    }

    /**
     * SR-23: accepts a braked group's current encoder readings as {@code positionMm} (REFERENCE SET_POSITION);
     * the jump it makes is expected, and the positions are trusted again once the nodes report them referenced.
     */
    public synchronized void reference(int group, double positionMm, long nowNanos) {
        for (WinchTrack w : t.groups[group].winches) {
            int counts = w.model.countsOf(positionMm);
            sr23.referenceSent(w, w.model.mmOf(counts), nowNanos);
            drives.reference(w.index, counts);
        }
    }

    /** SR-18: a brake test on a braked winch with the chain healthy; ignored otherwise (the check then waits). */
    public synchronized void brakeTest(int winch, BrakeId brake, int torquePermille, int durationMs,
            int maxMovementCounts) {
        WinchTrack w = t.winches[winch];
        if (!t.chainHealthy || w.group.state != GroupState.BRAKED) {
            react.warn(SafetyRule.SR_18, "brake test of " + w.id()
                    + " refused: the winch is not braked or the safety chain is tripped");
            return;
        }
        drives.brakeTest(winch, brake, torquePermille, durationMs, maxMovementCounts);
    }

    /** Applies a group's brakes at the end of a motion (category 1 style). */
    public synchronized void applyBrakes(int group) {
        gate.applyBrakes(t.groups[group]);
    }

    /** Stops every group that moves (category 1): a trainer's or a panel's STOP. */
    public synchronized void stopAll(StopCategory category) {
        react.stopEverything(category);
    }

    // ------------------------------------------------------------------ faults

    /** The latched faults, in SR order. */
    public synchronized List<Fault> faults() {
        return react.faults();
    }

    /** Whether any fault is latched. */
    public synchronized boolean faulted() {
        return react.any();
    }

    /** Whether a fault of this rule is latched. */
    public synchronized boolean latched(SafetyRule rule) {
        return react.isLatched(rule);
    }

    /**
     * Resets the latched faults this role may reset whose cause is gone; the rest stay, each with why.
     * Clears the nodes' shutdowns and latched trips when everything was reset.
     *
     * @return why each fault that stays latched stays, empty when none is left
     */
    public synchronized List<String> reset(ResetRole role, long nowNanos) {
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

    // ------------------------------------------------------------------ queries

    /** Whether upward motion of a group is allowed now (SR-1, SR-7, upper limit switch). */
    public synchronized boolean ascentAllowed(int group) {
        return gate.ascentBlock(t.groups[group]) == null;
    }

    /** Whether downward motion of a group is allowed now (lower limit switch). */
    public synchronized boolean descentAllowed(int group) {
        return gate.descentBlock(t.groups[group]) == null;
    }

    public synchronized GroupState groupState(int group) {
        return t.groups[group].state;
    }

    public synchronized MotionKind groupKind(int group) {
        return t.groups[group].kind;
    }

    /** The position last admitted for a winch (where the set-points are), mm. */
    public synchronized double admittedMm(int winch) {
        return t.winches[winch].admittedMm;
    }

    /** The group's admitted velocity, mm/s. */
    public synchronized double groupVelocityMmPerS(int group) {
        return t.groups[group].velocityMmPerS;
    }

    /** A group's acceleration at its last set-point, mm/s^2 (a motion taking the group over continues from it). */
    public synchronized double groupAccelMmPerS2(int group) {
        return t.groups[group].accelMmPerS2;
    }

    /**
     * When the newest load sample of any rope was decoded, host clock ns, even when the supervisor has since
     * forgotten it (a lost link): its age keeps growing. {@link Long#MIN_VALUE} before the first.
     */
    public synchronized long newestSampleNanos() {
        return t.newestSampleNanos;
    }

    /** The measured position of a winch, mm. */
    public synchronized double positionMm(int winch) {
        return t.winches[winch].positionMm;
    }

    /** The measured velocity of a winch, mm/s. */
    public synchronized double velocityMmPerS(int winch) {
        return t.winches[winch].velocityMmPerS;
    }

    public synchronized WinchState winchState(int winch) {
        return t.winches[winch].state;
    }

    public synchronized boolean haveStatus(int winch) {
        return t.winches[winch].haveStatus;
    }

    public synchronized boolean referenced(int winch) {
        return t.winches[winch].referenced();
    }

    /** The latest calibrated load of a rope, N; NaN when uncalibrated or not yet sampled. */
    public synchronized double loadN(int rope) {
        return t.ropes[rope].seenLoadN();
    }

    /** Copies every rope's latest load into {@code out}, N (allocation-free). */
    public synchronized void loadsN(double[] out) {
        for (RopeTrack r : t.ropes) {
            out[r.index] = r.seenLoadN();
        }
    }

    /** Whether every rope has a sample and every winch a status, on ready links. */
    public synchronized boolean allInputsSeen() {
        for (NodeTrack n : t.nodes) {
            if (!n.ready) {
                return false;
            }
        }
        for (WinchTrack w : t.winches) {
            if (!w.haveStatus) {
                return false;
            }
        }
        for (RopeTrack r : t.ropes) {
            if (!r.haveSample) {
                return false;
            }
        }
        return true;
    }

    public synchronized boolean chainHealthy() {
        return t.chainHealthy;
    }

    /** Set-points the gate had to clamp (a controller that plans within the limits clamps none). */
    public synchronized long clampedSetPoints() {
        return gate.clampedSetPoints();
    }
}
