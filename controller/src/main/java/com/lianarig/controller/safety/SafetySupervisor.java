package com.lianarig.controller.safety;

import com.lianarig.config.calibration.Calibration;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.ChannelStatus;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
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
 * <p>{@link RuleSet} wires, once, the rig's tracks ({@link Tracks}), the motion gate ({@link MotionGate}),
 * the one door for reactions ({@link Reactions}) and one class per rule named after its SR id
 * ({@code Sr01RopeOverload} ...), and writes down the order in which the rules see an input. A node's own
 * reports are mapped by {@link NodeEvents}. The control logic reads the tracks through {@link #view()} and
 * sets the client's limits through {@link #client()}. A latched fault stays until {@link #reset} by the
 * role it names, with its cause gone.
 *
 * <p>Threads: every public method here, of the view and of the client's limits takes the supervisor's
 * lock (samples, status, GPIO and the control loop meet here; each call is short and allocation-free
 * unless it trips). The listener is called with the lock held.
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

    private final RuleSet rules;
    private final Tracks t;
    private final Reactions react;
    private final MotionGate gate;
    private final Drives drives;
    private final NodeEvents nodes;
    private final TrackView view;
    private final ClientLimits client;

    /**
     * @param model the rig
     * @param drives the only way to the drives
     * @param listener receives faults, stops and warnings (with the lock held)
     */
    public SafetySupervisor(RigModel model, Drives drives, SafetyListener listener) {
        this.rules = new RuleSet(model, drives, listener);
        this.t = rules.t;
        this.react = rules.react;
        this.gate = rules.gate;
        this.drives = rules.drives;
        this.nodes = new NodeEvents(rules);
        this.view = new TrackView(this, rules);
        this.client = new ClientLimits(this, rules);
    }

    /** The tracks as the control logic reads them (read-only; each read takes this supervisor's lock). */
    public TrackView view() {
        return view;
    }

    /** What the attached client sets for the rules (each write takes this supervisor's lock). */
    public ClientLimits client() {
        return client;
    }

    // ------------------------------------------------------------------ configuration

    /** SR-26: watches the journal's storage from now on (until then: none, every record durable at once). */
    public synchronized void watchStorage(StorageHealth storage) {
        rules.sr26.watch(storage);
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
        RopeTrack r = t.ropes[rope];
        r.whyUncalibrated = calibration.isPresent() ? null : whyNot;
        if (calibration.isPresent()) {
            r.offsetCounts = calibration.get().offsetCounts();
            r.newtonsPerCount = calibration.get().newtonsPerCount();
        } else {
            r.newtonsPerCount = Double.NaN;
        }
        // the last sample read through the new calibration at once (client-ready may follow before the next one)
        r.loadN = r.haveSample && r.calibrated() ? (r.lastRaw - r.offsetCounts) * r.newtonsPerCount : Double.NaN;
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
        if (rules.sr08.expectedNotReady(r, status, nowNanos)) {
            r.sampleNanos = nowNanos; // the channel is alive: it has not converted since its configuration (D2)
            r.haveSample = true;
            return;
        }
        rules.sr08.onNodeTime(r, nodeTimeUs, nowNanos);
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
        rules.sr08.onSample(r, nowNanos);
        if (status != ChannelStatus.OK || Double.isNaN(r.loadN)) {
            return;
        }
        for (Protection p : rules.sampleRules) {
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
        for (Protection p : rules.statusRules) {
            p.onStatus(w, nowNanos);
        }
        gate.followGroupState(w.group);
    }

    /** A node-side protection acted (FAULT_REPORT): latched ones become the host's faults too. */
    public synchronized void onNodeFault(int winch, NodeFault fault, int measured, int limit, long nowNanos) {
        nodes.fault(winch, fault, measured, limit, nowNanos);
    }

    /** SR-9: a node's link became usable ({@code ready}) or failed (stop everything). */
    public synchronized void onLink(int nodeAddress, boolean ready, String why, long nowNanos) {
        nodes.link(nodeAddress, ready, why, nowNanos);
    }

    /**
     * SR-9: nothing was read from a node for the silence limit because the host itself was late (node owner
     * thread): moving groups stop without a latch and the journal names the host's delay ({@link Sr09LinkLoss#hostLate}).
     */
    public synchronized void onHostLate(int nodeAddress, String why, long nowNanos) {
        t.node(nodeAddress); // an unknown address throws, as for onLink
        rules.sr09.hostLate(why);
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
        rules.sr11.onChain(healthy, nowNanos);
    }

    /** A fresh enable from the panel in command, or the pendant's ENABLE held (SR-10). */
    public synchronized void enable(long nowNanos) {
        t.enableNanos = nowNanos;
        t.enableReleased = false;
    }

    /** The enable was let go: every live motion ends now and comes to rest on the gate's own stop (SR-10). */
    public synchronized void disable() {
        t.enableReleased = true;
        rules.sr10.letGo();
    }

    /**
     * The control thread's tick: the time-based rules, then the gate's own stops and SR-14's drive holds get
     * their set-points ({@link RuleSet#tick} has the order).
     */
    public synchronized void tick(long nowNanos) {
        rules.tick(nowNanos);
    }

    /** SR-22: a control step ran late: motion stops (category 1) and the step is journalled. */
    public synchronized void sr22LateStep(long lateNanos, long nowNanos) {
        rules.sr22.lateStep(lateNanos);
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
            rules.sr23.referenceSent(w, w.model.mmOf(counts), nowNanos);
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
        return rules.reset(role, nowNanos);
    }
}
