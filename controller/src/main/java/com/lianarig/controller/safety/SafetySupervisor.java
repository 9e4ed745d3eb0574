package com.lianarig.controller.safety;

import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.rig.Limits;
import com.lianarig.controller.motion.MotionLimits;
import com.lianarig.controller.motion.SCurveAxis;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.ChannelStatus;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The safety supervisor (SPEC sections 2 and 4): the small component between the control logic and
 * the drives. Every set-point passes {@link #admit}; only {@link #release} releases brakes. It judges
 * every load sample and winch status as it arrives ({@link #onSample}, {@link #onWinchStatus}, on
 * the node session's owner thread), so a stop goes out in the same step that decoded the violating
 * frame, not on the next control tick; time-based rules (sample age, enable freshness) run on
 * {@link #tick} from the control thread.
 *
 * <p>Each rule is one method named after its SR id ({@code sr01RopeOverload} ...). A latched fault
 * stays until {@link #reset} by the role it names, with its cause gone.
 *
 * <p>Threads: every public method takes the supervisor's lock (samples, status, GPIO and the control
 * loop meet here; each call is short and allocation-free unless it trips). The listener is called
 * with the lock held.
 */
public final class SafetySupervisor {
    /** Consecutive slack samples before SR-6 acts (25 ms at 80 samples/s: a noise spike is not a slipped foot). */
    static final int SLACK_SAMPLES = 2;
    /** Set-point speed and acceleration tolerance over the caps before the supervisor clamps (discretisation). */
    static final double CAP_TOLERANCE = 1.05;
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

    private final RigModel model;
    private final Drives drives;
    private final SafetyListener listener;
    private final int ropeCount;
    private final int winchCount;
    private final int groupCount;

    // limits, in the units the checks use
    private final double periodS;
    private final double ascentMmPerS;
    private final double descentMmPerS;
    private final double accelMmPerS2;
    private final double overspeedFactor;
    private final double slowZoneMm;
    private final double slowZoneMmPerS;
    private final double followingErrorMm;
    private final double pairDifferenceMm;
    private final double brakeDriftMm;
    private final double unreferencedMmPerS;
    private final long enableRefreshNanos;

    // ropes
    private final double[] offsetCounts;
    private final double[] newtonsPerCount;
    private final double[] loadN;
    private final int[] lastRaw;
    private final int[] sameRawCount;
    private final long[] sampleNanos;
    /** SR-2's measures, written by {@link #sr02Measure}, N. */
    private double sr02TotalN;
    private double sr02ExpectedN;
    private double sr02MarginN;
    private double sr02TotalLimitN;
    /** The newest sample's time, never forgotten (telemetry's sample age, P-6). */
    private long newestSampleNanos = Long.MIN_VALUE;
    private final long[] maxSampleAgeNanos;
    private final boolean[] haveSample;
    private final double[] expectedN;
    private final int[] slackCount;

    // winches
    private final WinchState[] state;
    private final double[] positionMm;
    private final double[] velocityMmPerS;
    private final double[] setpointEchoMm;
    private final int[] flags;
    private final boolean[] haveStatus;
    private final double[] brakeReferenceMm;
    private final int[] overspeedFrames;
    private final double[] admittedMm;
    private final double[] holdMm;
    private final double[] lastPositionMm;
    /** SR-13: the winch's encoder jumped: its position is not to be trusted (no drive hold on it). */
    private final boolean[] encoderJumped;

    // groups
    private final GroupState[] groupState;
    private final MotionKind[] groupKind;
    private final double[] groupVelocityMmPerS;
    /** Each group's acceleration at its last admitted set-point, mm/s^2 (for a stop that takes it over). */
    private final double[] groupAccelMmPerS2;
    /**
     * SR-14: the stop a group the drive takes over while it moves runs along (jerk-limited, cat 1), before it
     * holds where it rests; {@link #holdStopping} says which are under way.
     */
    private final SCurveAxis[] holdStop;
    private final boolean[] holdStopping;
    private final long[] imbalanceSinceNanos;
    private final boolean[] imbalanced;
    private final long[] enableLostAtNanos;
    private final double[] speedAtEnableLossMmPerS;

    // rig
    private final Fault[] latched = new Fault[SafetyRule.values().length];
    private final boolean[] nodeReady;
    /** Per node: its frames flow again but it waits in its sticky shutdown for the reset's CLEAR_SHUTDOWN (SR-9). */
    private final boolean[] nodeAnswering;
    private final int[] nodeAddresses;
    private double clientMassKg = Double.NaN;
    private double strapCeilingMm = Double.POSITIVE_INFINITY;
    private long extraLoadSinceNanos = Long.MIN_VALUE;
    private long totalLoadSinceNanos = Long.MIN_VALUE;
    private long enableNanos = Long.MIN_VALUE;
    /** The enable was let go after its last refresh at {@link #enableNanos} (SR-10). */
    private boolean enableReleased;
    private boolean chainHealthy;
    private long clampedSetPoints;

    /**
     * @param model the rig
     * @param drives the only way to the drives
     * @param listener receives faults, stops and warnings (with the lock held)
     */
    public SafetySupervisor(RigModel model, Drives drives, SafetyListener listener) {
        this.model = model;
        this.drives = drives;
        this.listener = listener;
        Limits l = model.limits();
        ropeCount = model.ropes().size();
        winchCount = model.winches().size();
        groupCount = model.groups().size();
        periodS = 1.0 / l.controlRateHz();
        ascentMmPerS = l.ascentMmPerS();
        descentMmPerS = l.descentMmPerS();
        accelMmPerS2 = l.accelMmPerS2();
        overspeedFactor = l.overspeedPercent() / 100.0;
        slowZoneMm = l.slowZoneMm();
        slowZoneMmPerS = l.slowZoneSpeedMmPerS();
        followingErrorMm = l.followingErrorMm();
        pairDifferenceMm = l.pairDifferenceMm();
        brakeDriftMm = l.brakeDriftMm();
        unreferencedMmPerS = l.unreferencedJogMmPerS();
        enableRefreshNanos = l.enableRefreshMs() * 1_000_000L;

        offsetCounts = new double[ropeCount];
        newtonsPerCount = new double[ropeCount];
        Arrays.fill(newtonsPerCount, Double.NaN);
        loadN = new double[ropeCount];
        Arrays.fill(loadN, Double.NaN);
        lastRaw = new int[ropeCount];
        sameRawCount = new int[ropeCount];
        sampleNanos = new long[ropeCount];
        maxSampleAgeNanos = new long[ropeCount];
        for (int r = 0; r < ropeCount; r++) {
            maxSampleAgeNanos[r] = (long) (l.sampleMaxAgePeriods() * 1e9 / model.rope(r).sampleRateHz());
        }
        haveSample = new boolean[ropeCount];
        expectedN = new double[ropeCount];
        slackCount = new int[ropeCount];

        state = new WinchState[winchCount];
        Arrays.fill(state, WinchState.BRAKED);
        positionMm = new double[winchCount];
        velocityMmPerS = new double[winchCount];
        setpointEchoMm = new double[winchCount];
        flags = new int[winchCount];
        haveStatus = new boolean[winchCount];
        brakeReferenceMm = new double[winchCount];
        Arrays.fill(brakeReferenceMm, Double.NaN);
        overspeedFrames = new int[winchCount];
        admittedMm = new double[winchCount];
        lastPositionMm = new double[winchCount];
        encoderJumped = new boolean[winchCount];
        holdMm = new double[winchCount];
        Arrays.fill(holdMm, Double.NaN);

        groupState = new GroupState[groupCount];
        Arrays.fill(groupState, GroupState.BRAKED);
        groupKind = new MotionKind[groupCount];
        Arrays.fill(groupKind, MotionKind.NORMAL);
        groupVelocityMmPerS = new double[groupCount];
        groupAccelMmPerS2 = new double[groupCount];
        holdStop = new SCurveAxis[groupCount];
        MotionLimits motionLimits = MotionLimits.of(l);
        for (int g = 0; g < groupCount; g++) {
            holdStop[g] = new SCurveAxis(motionLimits, 0);
        }
        holdStopping = new boolean[groupCount];
        imbalanceSinceNanos = new long[groupCount];
        Arrays.fill(imbalanceSinceNanos, Long.MIN_VALUE);
        imbalanced = new boolean[groupCount];
        enableLostAtNanos = new long[groupCount];
        Arrays.fill(enableLostAtNanos, Long.MIN_VALUE);
        speedAtEnableLossMmPerS = new double[groupCount];

        nodeAddresses = model.nodeAddresses();
        nodeReady = new boolean[nodeAddresses.length];
        nodeAnswering = new boolean[nodeAddresses.length];
    }

    // ------------------------------------------------------------------ configuration

    /** Sets a rope's calibration (raw counts to newtons); empty leaves the rope uncalibrated (SR-17). */
    public synchronized void calibrate(int rope, Optional<Calibration> calibration) {
        if (calibration.isPresent()) {
            offsetCounts[rope] = calibration.get().offsetCounts();
            newtonsPerCount[rope] = calibration.get().newtonsPerCount();
        } else {
            newtonsPerCount[rope] = Double.NaN;
        }
    }

    /** Whether a rope has a calibration (SR-17). */
    public synchronized boolean calibrated(int rope) {
        return !Double.isNaN(newtonsPerCount[rope]);
    }

    /** The client's body mass, kg, or NaN when no client is set (SR-2, SR-5, SR-6 need it). */
    public synchronized void setClientMassKg(double massKg) {
        if (Double.compare(massKg, clientMassKg) == 0) {
            // the same client again (attach while attached): SR-2's limits are unchanged and its 500 ms / 100 ms
            // go on (R-7 seed 7034399: re-attaching 374 ms into an extra load restarted the 500 ms)
            return;
        }
        clientMassKg = massKg;
        extraLoadSinceNanos = Long.MIN_VALUE;
        totalLoadSinceNanos = Long.MIN_VALUE;
    }

    /** SR-20: the highest position, per winch, any set-point of the leg pair may ask for; +inf for none. */
    public synchronized void setStrapCeilingMm(double positionMm) {
        strapCeilingMm = positionMm;
    }

    /** The expected rope loads for the current heights (model share x body weight), N, one per rope. */
    public synchronized void setExpectedLoadsN(double[] expectedPerRopeN) {
        System.arraycopy(expectedPerRopeN, 0, expectedN, 0, ropeCount);
    }

    // ------------------------------------------------------------------ inputs

    /**
     * One load sample, as it is decoded (node owner thread). Judges SR-8 (sensor), SR-1 (overload),
     * SR-2 (total load), SR-6 (slack) and SR-7 (imbalance) at once.
     */
    public synchronized void onSample(int rope, int rawCounts, ChannelStatus status, long nowNanos) {
        sampleNanos[rope] = nowNanos;
        if (newestSampleNanos == Long.MIN_VALUE || nowNanos - newestSampleNanos > 0) {
            newestSampleNanos = nowNanos;
        }
        haveSample[rope] = true;
        if (rawCounts == lastRaw[rope]) {
            sameRawCount[rope]++;
        } else {
            sameRawCount[rope] = 0;
            lastRaw[rope] = rawCounts;
        }
        double n = Double.isNaN(newtonsPerCount[rope]) ? Double.NaN
                : (rawCounts - offsetCounts[rope]) * newtonsPerCount[rope];
        loadN[rope] = n;
        sr08Sensor(rope, rawCounts, status, nowNanos);
        if (status != ChannelStatus.OK || Double.isNaN(n)) {
            return;
        }
        sr01RopeOverload(rope, n, nowNanos);
        sr02TotalLoad(nowNanos);
        sr06Slack(rope, nowNanos);
        sr07Imbalance(rope, nowNanos);
    }

    /**
     * One winch status, as it is decoded (node owner thread). Judges SR-3 (measured descent), SR-13
     * (following error, pair drift), SR-14 (brake slip) and SR-12 (limit switches), and follows the
     * group's brake state.
     */
    public synchronized void onWinchStatus(int winch, WinchState winchState, int positionCounts,
            int velocityCountsPerS, int setpointCounts, int statusFlags, NodeFault fault, long nowNanos) {
        RigModel.WinchModel w = model.winch(winch);
        state[winch] = winchState;
        positionMm[winch] = w.mmOf(positionCounts);
        velocityMmPerS[winch] = w.mmOf(velocityCountsPerS);
        setpointEchoMm[winch] = w.mmOf(setpointCounts);
        flags[winch] = statusFlags;
        if (!haveStatus[winch]) {
            haveStatus[winch] = true;
            admittedMm[winch] = positionMm[winch];
        } else {
            sr13EncoderJump(winch, w.mmOf(positionCounts) - lastPositionMm[winch], nowNanos);
        }
        lastPositionMm[winch] = positionMm[winch];
        sr03DescentSpeed(winch, nowNanos);
        sr13FollowingAndPair(winch, nowNanos);
        sr14BrakeSlip(winch, nowNanos);
        sr12LimitSwitch(winch);
        followGroupState(w.group());
    }

    /** A node-side protection acted (FAULT_REPORT): latched ones become the host's faults too. */
    public synchronized void onNodeFault(int winch, NodeFault fault, int measured, int limit, long nowNanos) {
        String where = winch == 255 ? "node" : model.winch(winch).config().id();
        switch (fault) {
            case OVERSPEED -> latch(SafetyRule.SR_3, where + ": node saw overspeed " + measured + " counts/s > "
                    + limit, StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos, StopCategory.CAT_0);
            case FOLLOWING_ERROR -> latch(SafetyRule.SR_13, where + ": node saw following error " + measured
                    + " counts > " + limit, StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos, StopCategory.CAT_0);
            case DRIVE_FAULT, ENCODER_FAULT -> latch(SafetyRule.SR_13, where + ": " + fault.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + " (code " + measured + ")", StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos,
                    StopCategory.CAT_0);
            case BRAKE_FAULT -> latch(SafetyRule.SR_14, where + ": brake did not respond", StopKind.CAT_0,
                    ResetRole.TECHNICIAN, nowNanos, StopCategory.CAT_0);
            case HEARTBEAT_TIMEOUT -> latch(SafetyRule.SR_9, where + ": heartbeat watchdog expired after " + measured
                    + " ms: node shut down", StopKind.CAT_1, ResetRole.TRAINER, nowNanos, StopCategory.CAT_1);
            default -> {
                // SETPOINT_GAP, limit switches, SOFT_LIMIT, POWER_REMOVED: the node stopped or clamped by
                // itself; the status shows it and the safety chain explains POWER_REMOVED.
            }
        }
    }

    /** SR-9: a node's link became usable ({@code ready}) or failed (stop everything). */
    public synchronized void onLink(int nodeAddress, boolean ready, String why, long nowNanos) {
        int i = nodeIndex(nodeAddress);
        boolean was = nodeReady[i];
        nodeReady[i] = ready;
        nodeAnswering[i] = ready;
        if (!ready && was) {
            sr09LinkLost(nodeAddress, why, nowNanos);
        }
        if (!ready) {
            for (int w = 0; w < winchCount; w++) {
                if (model.winch(w).nodeAddress() == nodeAddress) {
                    haveStatus[w] = false;
                }
            }
            for (int r = 0; r < ropeCount; r++) {
                if (model.rope(r).nodeAddress() == nodeAddress) {
                    haveSample[r] = false;
                }
            }
        }
    }

    /**
     * SR-9: a node's frames flow again (identified; its configuration waits, e.g. for the CLEAR_SHUTDOWN
     * that only a reset sends): the link loss is over, so SR-9 may be reset; motion still waits for READY.
     */
    public synchronized void onLinkAnswering(int nodeAddress) {
        nodeAnswering[nodeIndex(nodeAddress)] = true;
    }

    /** SR-11: the safety chain's monitor contact changed (GPIO thread). */
    public synchronized void onSafetyChain(boolean healthy, long nowNanos) {
        chainHealthy = healthy;
        if (!healthy) {
            sr11SafetyChain(nowNanos);
        }
    }

    /** A fresh enable from the panel in command, or the pendant's ENABLE held (SR-10). */
    public synchronized void enable(long nowNanos) {
        enableNanos = nowNanos;
        enableReleased = false;
    }

    /**
     * The enable was let go: motion must stop now (SR-10). The control logic pauses it with its own
     * controlled stop; {@link #sr10Enable} stops it only if that stop does not come, timed from the
     * last refresh as for a stale enable.
     */
    public synchronized void disable() {
        enableReleased = true;
    }

    /** Whether an enable was seen within the refresh time and not let go since. */
    public synchronized boolean enableLive(long nowNanos) {
        return !enableReleased && enableNanos != Long.MIN_VALUE && nowNanos - enableNanos <= enableRefreshNanos;
    }

    /** The control thread's tick: time-based checks (SR-8 sample age, SR-10 enable freshness). */
    public synchronized void tick(long nowNanos) {
        for (int r = 0; r < ropeCount; r++) {
            sr08SampleAge(r, nowNanos);
        }
        for (int g = 0; g < groupCount; g++) {
            sr10Enable(g, nowNanos);
            // SR-14: a group the drive holds after brake slip gets its hold set-point every period (the
            // control logic does not move it; without set-points the node would stop it on SR-9's gap).
            if (groupKind[g] == MotionKind.HOLD && groupState[g] == GroupState.FOLLOWING) {
                admit(g, 0, nowNanos);
            }
        }
    }

    /** SR-22: a control step ran late: motion stops (category 1) and the step is journalled. */
    public synchronized void sr22LateStep(long lateNanos, long nowNanos) {
        boolean stopped = false;
        for (int g = 0; g < groupCount; g++) {
            if (groupState[g] == GroupState.FOLLOWING || groupState[g] == GroupState.RELEASING) {
                stopGroup(g, StopCategory.CAT_1);
                stopped = true;
                listener.onStop(g, SafetyRule.SR_22, String.format(Locale.ROOT,
                        "control step %.1f ms late", lateNanos / 1e6));
            }
        }
        if (!stopped) {
            listener.onWarning(SafetyRule.SR_22, String.format(Locale.ROOT, "control step %.1f ms late (holding)",
                    lateNanos / 1e6));
        }
    }

    // ------------------------------------------------------------------ motion

    /**
     * Releases a group's brakes for motion of a kind, or says why not. The only way to release brakes.
     *
     * @return empty when the release was sent; otherwise the refusal in words
     */
    public synchronized Optional<String> release(int group, MotionKind kind, long nowNanos) {
        if (groupState[group] == GroupState.FOLLOWING && groupKind[group] == MotionKind.HOLD && kind != MotionKind.HOLD) {
            // SR-14 / SR-19: a motion (e.g. the rescue descent) takes over from the drive holding a slipping winch.
            Fault blocking = blockingFault(kind);
            if (!chainHealthy || blocking != null) {
                return Optional.of(chainHealthy ? "fault " + blocking : "the safety chain is tripped (SR-11)");
            }
            // the motion continues from the hold's stop if one still runs: groupVelocityMmPerS and
            // groupAccelMmPerS2 stay, the control logic takes them over (a step to rest would overshoot)
            groupKind[group] = kind;
            holdStopping[group] = false;
            return Optional.empty();
        }
        String why = releaseRefusal(group, kind);
        if (why != null) {
            return Optional.of(why);
        }
        for (int w : model.group(group).winches()) {
            admittedMm[w] = positionMm[w];
            drives.release(w);
        }
        groupState[group] = GroupState.RELEASING;
        groupKind[group] = kind;
        groupVelocityMmPerS[group] = 0;
        groupAccelMmPerS2[group] = 0;
        listener.onBrakesReleased(group);
        return Optional.empty();
    }

    private String releaseRefusal(int group, MotionKind kind) {
        if (!chainHealthy) {
            return "the safety chain is tripped (SR-11)";
        }
        for (int i = 0; i < nodeReady.length; i++) {
            if (!nodeReady[i]) {
                return "node " + nodeAddresses[i] + " is not ready (SR-9)";
            }
        }
        Fault blocking = blockingFault(kind);
        if (blocking != null) {
            return kind == MotionKind.RESCUE ? "fault " + blocking + ": the drive or encoder is not to be trusted;"
                    + " lower the client with the manual brake-release procedure (SR-19)" : "fault " + blocking;
        }
        if (groupState[group] != GroupState.BRAKED) {
            return "group " + model.group(group).name() + " is " + groupState[group].name().toLowerCase(Locale.ROOT);
        }
        for (int w : model.group(group).winches()) {
            if (!haveStatus[w]) {
                return "no status yet from winch " + model.winch(w).config().id();
            }
            if (state[w] != WinchState.BRAKED) {
                return "winch " + model.winch(w).config().id() + " is " + state[w];
            }
            if (!referenced(w) && kind != MotionKind.UNREFERENCED && kind != MotionKind.RESCUE) {
                return "winch " + model.winch(w).config().id() + " is not referenced: jog at "
                        + unreferencedMmPerS + " mm/s only until referenced (SR-19)";
            }
        }
        return null;
    }

    /** The latched fault that forbids motion of this kind, or null. Rescue descent passes every fault but SR-11. */
    private Fault blockingFault(MotionKind kind) {
        for (Fault f : latched) {
            if (f == null) {
                continue;
            }
            // SR-19: the rescue descent passes every fault but a tripped chain and a drive or encoder that has
            // already misbehaved (a category 0 SR-3 / SR-13: runaway, overspeed, following error, encoder
            // jump): driving it again would repeat the fault; the manual brake-release procedure applies.
            if (kind == MotionKind.RESCUE && f.rule() != SafetyRule.SR_11
                    && !(f.stop() == StopKind.CAT_0 && (f.rule() == SafetyRule.SR_3 || f.rule() == SafetyRule.SR_13))) {
                continue;
            }
            if (kind == MotionKind.HOLD && f.rule() == SafetyRule.SR_14) {
                continue;
            }
            return f;
        }
        return null;
    }

    /**
     * Admits one set-point of a group (both winches of a pair get the same motion, each from its
     * own position): clamps into the soft limits and SR-20's ceiling (SR-12, SR-20), enforces the
     * speed cap of the direction, the slow-down zone and the acceleration cap (SR-3, SR-4, SR-12),
     * stops a motion that a rule forbids (SR-1, SR-7 ascent, limit switches, SR-10), and sends it.
     *
     * @param group the group
     * @param deltaMm the group's motion this period, mm (positive = up)
     * @param nowNanos controller clock, ns
     * @return false when the group is not following (nothing was sent)
     */
    public synchronized boolean admit(int group, double deltaMm, long nowNanos) {
        if (groupState[group] != GroupState.FOLLOWING) {
            return false;
        }
        MotionKind kind = groupKind[group];
        if (kind == MotionKind.HOLD) {
            admitHold(group);
            return true;
        }
        double v = deltaMm / periodS;
        double vPrev = groupVelocityMmPerS[group];
        // SR-3 / SR-4 / SR-19: the speed cap of the direction and of the motion kind.
        double cap = v >= 0 ? kind.ascentCapMmPerS(model.limits()) : kind.descentCapMmPerS(model.limits());
        int[] ws = model.group(group).winches();
        // SR-12: slow-down zone near each end of travel.
        for (int w : ws) {
            RigModel.WinchModel m = model.winch(w);
            if (v > 0 && admittedMm[w] > upperEnd(w) - slowZoneMm) {
                cap = Math.min(cap, slowZoneMmPerS);
            }
            if (v < 0 && admittedMm[w] < m.config().softLowMm() + slowZoneMm) {
                cap = Math.min(cap, slowZoneMmPerS);
            }
        }
        double clamped = Math.max(-cap, Math.min(cap, v));
        double dv = accelMmPerS2 * periodS * CAP_TOLERANCE;
        clamped = Math.max(vPrev - dv, Math.min(vPrev + dv, clamped));
        if (Math.abs(clamped - v) > cap * (CAP_TOLERANCE - 1) + 1e-6) {
            clampedSetPoints++;
            if (clampedSetPoints == 1 || clampedSetPoints % 1000 == 0) {
                listener.onWarning(SafetyRule.SR_4, String.format(Locale.ROOT,
                        "set-point of %s clamped from %.1f to %.1f mm/s (%d so far)", model.group(group).name(), v,
                        clamped, clampedSetPoints));
            }
        }
        v = clamped;
        // SR-1, SR-7, SR-12 limit switches: a forbidden direction stops the group (category 1).
        if (v > 1e-6 && !ascentAllowed(group)) {
            stopGroup(group, StopCategory.CAT_1);
            listener.onStop(group, ascentBlocker(group), "ascent refused: " + ascentBlockReason(group));
            return false;
        }
        if (v < -1e-6 && !descentAllowed(group)) {
            stopGroup(group, StopCategory.CAT_1);
            listener.onStop(group, SafetyRule.SR_12, "descent refused: lower limit switch");
            return false;
        }
        // SR-10: motion needs a live enable; without one only slowing down is admitted.
        if (kind != MotionKind.HOLD && !enableLive(nowNanos) && Math.abs(v) > STANDSTILL_MM_PER_S
                && Math.abs(v) >= Math.abs(vPrev) - 1e-9 && beyondStopOnset(group, nowNanos)) {
            stopGroup(group, StopCategory.CAT_1);
            listener.onStop(group, SafetyRule.SR_10, "motion without a live enable");
            return false;
        }
        groupAccelMmPerS2[group] = (v - vPrev) / periodS;
        groupVelocityMmPerS[group] = v;
        for (int w : ws) {
            RigModel.WinchModel m = model.winch(w);
            double target = Math.max(m.config().softLowMm(), Math.min(upperEnd(w), admittedMm[w] + v * periodS));
            admittedMm[w] = target;
            drives.setPoint(w, m.countsOf(target), m.countsOf(v));
        }
        return true;
    }

    /**
     * SR-14: a set-point of a group the drive holds because its brakes slip. A group taken over while it
     * moved (a STOP or a new fault during the rescue descent) first comes to rest along a jerk-limited stop
     * (cat 1) and then holds where it rests: a hold at its last set-point would be a step the node overshoots
     * and drives back (R-7 seeds 7004117, 7057637: the legs went back up at 2..8 mm/s in FAULT).
     */
    private void admitHold(int group) {
        int[] ws = model.group(group).winches();
        double deltaMm = 0;
        double v = 0;
        double a = 0;
        if (holdStopping[group]) {
            SCurveAxis stop = holdStop[group];
            double beforeMm = stop.positionMm();
            stop.step(periodS);
            deltaMm = stop.positionMm() - beforeMm;
            v = stop.velocityMmPerS();
            a = stop.accelMmPerS2();
            holdStopping[group] = !stop.atRest();
        }
        groupVelocityMmPerS[group] = v;
        groupAccelMmPerS2[group] = a;
        for (int w : ws) {
            if (deltaMm != 0 || Double.isNaN(holdMm[w])) {
                admittedMm[w] += deltaMm;
                holdMm[w] = admittedMm[w];
            }
            admittedMm[w] = holdMm[w];
            RigModel.WinchModel m = model.winch(w);
            drives.setPoint(w, m.countsOf(holdMm[w]), m.countsOf(v));
        }
    }

    /**
     * SR-14: a moving group whose brakes slipped, with SR-14 latched, a healthy chain and a trusted encoder, is
     * handed to the drive holding it ({@link #holdByDrive}) instead of its brakes; says whether it was.
     */
    private boolean holdIfSlipping(int group) {
        if (latched[SafetyRule.SR_14.ordinal()] == null || !chainHealthy || groupState[group] != GroupState.FOLLOWING
                || encoderSuspect(group) || !slipped(group)) {
            return false;
        }
        holdByDrive(group);
        return true;
    }

    /**
     * SR-14: from now on the drive holds this group instead of its brakes, which slip; a group still moving
     * first comes to rest (see {@link #admitHold}).
     */
    private void holdByDrive(int group) {
        int[] ws = model.group(group).winches();
        for (int w : ws) {
            holdMm[w] = admittedMm[w];
        }
        double v = groupVelocityMmPerS[group];
        double a = groupAccelMmPerS2[group];
        holdStopping[group] = v != 0 || a != 0;
        if (holdStopping[group]) {
            holdStop[group].continueFrom(admittedMm[ws[0]], v, a);
        }
        groupKind[group] = MotionKind.HOLD;
    }

    /**
     * SR-10: a jerk-limited stop may keep its speed for up to a/j (the acceleration ramps to braking
     * first) plus two periods after the enable expired; past that, without an enable, only slowing down
     * is admitted.
     */
    private boolean beyondStopOnset(int group, long nowNanos) {
        if (enableNanos == Long.MIN_VALUE) {
            return true; // never enabled: no stop is under way, nothing may speed up or hold its speed
        }
        // when the enable went: let go (at the last refresh, conservatively) or expired
        long lostAtNanos = enableReleased ? enableNanos : enableNanos + enableRefreshNanos;
        long onsetNanos = (long) (accelMmPerS2 / model.limits().jerkMmPerS3() * 1e9) + (long) (2 * periodS * 1e9);
        return nowNanos - lostAtNanos > onsetNanos;
    }

    /** The highest position a set-point of this winch may ask for: soft limit, and SR-20 for the leg pair. */
    private double upperEnd(int winch) {
        double high = model.winch(winch).config().softHighMm();
        int rope = model.ropeOfWinch(winch);
        if (rope >= 0 && model.rope(rope).legStrap()) {
            high = Math.min(high, strapCeilingMm);
        }
        return high;
    }

    /**
     * Clears the nodes' sticky shutdowns and node-side trips whose cause is gone (CLEAR_SHUTDOWN):
     * at start-up (SR-15: the winches become BRAKED, nothing moves) and before a rescue descent in
     * FAULT (SR-19: the node refuses otherwise).
     */
    public synchronized void clearNodeShutdowns() {
        drives.clearShutdowns();
    }

    /** SR-19: accepts a braked group's current encoder readings as {@code positionMm} (REFERENCE SET_POSITION). */
    public synchronized void reference(int group, double positionMm) {
        for (int w : model.group(group).winches()) {
            drives.reference(w, model.winch(w).countsOf(positionMm));
        }
    }

    /** SR-18: a brake test on a braked winch with the chain healthy; ignored otherwise (the check then waits). */
    public synchronized void brakeTest(int winch, com.lianarig.protocol.BrakeId brake, int torquePermille,
            int durationMs, int maxMovementCounts) {
        if (!chainHealthy || groupState[model.winch(winch).group()] != GroupState.BRAKED) {
            listener.onWarning(SafetyRule.SR_18, "brake test of " + model.winch(winch).config().id()
                    + " refused: the winch is not braked or the safety chain is tripped");
            return;
        }
        drives.brakeTest(winch, brake, torquePermille, durationMs, maxMovementCounts);
    }

    /** Applies a group's brakes at the end of a motion (category 1 style). */
    public synchronized void applyBrakes(int group) {
        if (groupState[group] == GroupState.BRAKED) {
            return;
        }
        if (holdIfSlipping(group)) {
            return; // SR-14: the brakes slip: at the end of a motion (a rescue descent) the drive holds where it is
        }
        for (int w : model.group(group).winches()) {
            drives.applyBrakes(w);
        }
        groupState[group] = GroupState.STOPPING;
        groupVelocityMmPerS[group] = 0;
        groupAccelMmPerS2[group] = 0;
    }

    /** Stops every group that moves (category 1): a trainer's or a panel's STOP. */
    public synchronized void stopAll(StopCategory category) {
        stopEverything(category);
    }

    /**
     * Stops every group. A category 1 stop leaves a group the drive holds after a brake slip (SR-14)
     * holding: its brakes would let it slip; category 0 (power off) stops everything.
     */
    private void stopEverything(StopCategory category) {
        boolean holding = false;
        for (int g = 0; g < groupCount; g++) {
            holding |= category == StopCategory.CAT_1 && keepHoldingAfterSlip(g);
        }
        if (!holding) {
            drives.stopAll(category);
        }
        for (int g = 0; g < groupCount; g++) {
            if (category == StopCategory.CAT_1 && keepHoldingAfterSlip(g)) {
                continue;
            }
            if (holding) {
                for (int w : model.group(g).winches()) {
                    drives.stop(w, category);
                }
            }
            if (groupState[g] != GroupState.BRAKED) {
                groupState[g] = GroupState.STOPPING;
            }
            groupVelocityMmPerS[g] = 0;
            groupAccelMmPerS2[g] = 0;
        }
    }

    /**
     * SR-14: whether a category 1 stop leaves this group to the drive holding it (brakes that slip must
     * not be relied on); a group moving while SR-14 is latched (a rescue descent) is switched to holding
     * where its set-points are.
     */
    private boolean keepHoldingAfterSlip(int group) {
        if (groupState[group] != GroupState.FOLLOWING && groupState[group] != GroupState.RELEASING) {
            return false;
        }
        if (groupKind[group] == MotionKind.HOLD) {
            return true;
        }
        // SR-14 latched and the group moving (a rescue descent): a category 1 stop ends in the drive holding
        // where it is, not on the brakes that slip
        return holdIfSlipping(group);
    }

    /**
     * SR-14: whether this group's brakes slipped (the drive was given a hold position for it). Only such a
     * group is held by the drive instead of braked; another group moving when SR-14 latched stops on its
     * brakes as usual (R-7 seed 7029570: a loop winch jogging at 50 mm/s was given a hold at its last
     * set-point, overshot it by 12 mm and was driven back at 48 mm/s in FAULT).
     */
    private boolean slipped(int group) {
        for (int w : model.group(group).winches()) {
            if (!Double.isNaN(holdMm[w])) {
                return true;
            }
        }
        return false;
    }

    private void stopGroup(int group, StopCategory category) {
        for (int w : model.group(group).winches()) {
            drives.stop(w, category);
        }
        if (groupState[group] != GroupState.BRAKED) {
            groupState[group] = GroupState.STOPPING;
        }
        groupVelocityMmPerS[group] = 0;
        groupAccelMmPerS2[group] = 0;
    }

    private void followGroupState(int group) {
        int[] ws = model.group(group).winches();
        boolean allFollowing = true;
        boolean allBraked = true;
        for (int w : ws) {
            allFollowing &= state[w] == WinchState.FOLLOWING;
            allBraked &= state[w] != WinchState.FOLLOWING && state[w] != WinchState.STOPPING
                    && state[w] != WinchState.HOMING;
        }
        GroupState s = groupState[group];
        if (s == GroupState.RELEASING && allFollowing) {
            groupState[group] = GroupState.FOLLOWING;
        } else if (s == GroupState.FOLLOWING && !allFollowing) {
            // one winch left FOLLOWING by itself (node set-point gap, limit switch, trip): the pair stops together.
            stopGroup(group, StopCategory.CAT_1);
            listener.onStop(group, SafetyRule.SR_9, "a winch of " + model.group(group).name()
                    + " stopped by itself: the group stops together");
        } else if (s == GroupState.STOPPING && allBraked) {
            groupState[group] = GroupState.BRAKED;
        }
    }

    // ------------------------------------------------------------------ the rules

    /** SR-1: a rope above its limit stops ascent within one sample; only descent until reset. */
    private void sr01RopeOverload(int rope, double n, long nowNanos) {
        RigModel.RopeModel r = model.rope(rope);
        if (n > r.limitN()) {
            stopAscendingGroups(); // the STOP goes out first; the fault's words and journal after (P-2)
            if (latched[SafetyRule.SR_1.ordinal()] == null) {
                latched[SafetyRule.SR_1.ordinal()] = new Fault(SafetyRule.SR_1, String.format(Locale.ROOT,
                        "rope %s carries %.1f kg, limit %.1f kg", r.config().id(), n / RigModel.G_MPS2,
                        r.config().limitKg()), StopKind.ASCENT_STOP, ResetRole.TRAINER, nowNanos);
                listener.onFault(latched[SafetyRule.SR_1.ordinal()]);
            }
        }
    }

    private void stopAscendingGroups() {
        for (int g = 0; g < groupCount; g++) {
            if (groupState[g] == GroupState.FOLLOWING && groupVelocityMmPerS[g] > 0) {
                stopGroup(g, StopCategory.CAT_1);
            }
        }
    }

    /** SR-2: total load above expected + max(15 kg, 20 % body) for 500 ms, or above 150 % body for 100 ms. */
    private void sr02TotalLoad(long nowNanos) {
        if (latched[SafetyRule.SR_2.ordinal()] != null) {
            return;
        }
        sr02Measure();
        Limits l = model.limits();
        double total = sr02TotalN;
        double expected = sr02ExpectedN;
        double marginN = sr02MarginN;
        if (total > expected + marginN) {
            if (extraLoadSinceNanos == Long.MIN_VALUE) {
                extraLoadSinceNanos = nowNanos;
            }
        } else {
            extraLoadSinceNanos = Long.MIN_VALUE;
        }
        if (total > sr02TotalLimitN) {
            if (totalLoadSinceNanos == Long.MIN_VALUE) {
                totalLoadSinceNanos = nowNanos;
            }
        } else {
            totalLoadSinceNanos = Long.MIN_VALUE;
        }
        boolean extra = extraLoadSinceNanos != Long.MIN_VALUE
                && nowNanos - extraLoadSinceNanos >= l.extraLoadHoldMs() * 1_000_000L;
        boolean over = totalLoadSinceNanos != Long.MIN_VALUE
                && nowNanos - totalLoadSinceNanos >= l.totalLoadHoldMs() * 1_000_000L;
        if (extra || over) {
            String cause = String.format(Locale.ROOT, over
                    ? "total rope load %.1f kg above %.0f %% of the client's %.1f kg for %d ms"
                    : "total rope load %.1f kg above expected %.1f kg + margin %.1f kg for %d ms",
                    total / RigModel.G_MPS2, over ? l.totalLoadMaxPercentOfBody() : expected / RigModel.G_MPS2,
                    over ? clientMassKg : marginN / RigModel.G_MPS2, over ? l.totalLoadHoldMs() : l.extraLoadHoldMs());
            latch(SafetyRule.SR_2, cause, StopKind.CAT_1, ResetRole.TRAINER, nowNanos, StopCategory.CAT_1);
        }
    }

    /** SR-2's cause now (no hold time): total load above expected + margin or above 150 % body, or null. */
    private String sr02Excess() {
        sr02Measure();
        if (sr02TotalN > sr02ExpectedN + sr02MarginN || sr02TotalN > sr02TotalLimitN) {
            return String.format(Locale.ROOT, "total rope load %.1f kg still above expected %.1f kg + margin %.1f kg",
                    sr02TotalN / RigModel.G_MPS2, sr02ExpectedN / RigModel.G_MPS2, sr02MarginN / RigModel.G_MPS2);
        }
        return null;
    }

    /**
     * SR-2's measures now, into the sr02 fields (allocation-free: every sample): the total and expected
     * rope loads, the extra-load margin and the 150 % limit. Without a client (HOLDING) nothing should
     * hang on the ropes: expected 0, margin 15 kg, and the 150 % rule has no body weight to apply to.
     */
    private void sr02Measure() {
        double total = 0;
        double expected = 0;
        for (int r = 0; r < ropeCount; r++) {
            if (!Double.isNaN(loadN[r])) {
                total += loadN[r];
            }
            expected += expectedN[r];
        }
        Limits l = model.limits();
        boolean noClient = Double.isNaN(clientMassKg);
        double bodyN = noClient ? 0 : clientMassKg * RigModel.G_MPS2;
        sr02TotalN = total;
        sr02ExpectedN = expected;
        sr02MarginN = Math.max(l.extraLoadMarginKg() * RigModel.G_MPS2, l.extraLoadMarginPercentOfBody() / 100 * bodyN);
        sr02TotalLimitN = noClient ? Double.POSITIVE_INFINITY : l.totalLoadMaxPercentOfBody() / 100 * bodyN;
    }

    /** SR-3: measured descent above the limit x overspeed factor on 2 consecutive status frames: cat 0, technician. */
    private void sr03DescentSpeed(int winch, long nowNanos) {
        double limit = descentMmPerS * overspeedFactor;
        if (-velocityMmPerS[winch] > limit) {
            if (++overspeedFrames[winch] >= 2) {
                latch(SafetyRule.SR_3, String.format(Locale.ROOT, "winch %s descends at %.1f mm/s, limit %.1f mm/s",
                        model.winch(winch).config().id(), -velocityMmPerS[winch], limit), StopKind.CAT_0,
                        ResetRole.TECHNICIAN, nowNanos, StopCategory.CAT_0);
            }
        } else {
            overspeedFrames[winch] = 0;
        }
    }

    /** SR-6: one rope of a pair far below its expected load while its partner stays loaded: both stop, latch. */
    private void sr06Slack(int rope, long nowNanos) {
        if (!slackNow(rope)) {
            slackCount[rope] = 0;
            return;
        }
        RigModel.RopeModel r = model.rope(rope);
        int partnerRope = model.ropeOfWinch(model.winch(r.winch()).partner());
        if (++slackCount[rope] >= SLACK_SAMPLES) {
            latch(SafetyRule.SR_6, String.format(Locale.ROOT,
                    "rope %s carries %.1f kg, expected %.1f kg, while %s carries %.1f kg", r.config().id(),
                    loadN[rope] / RigModel.G_MPS2, expectedN[rope] / RigModel.G_MPS2,
                    model.rope(partnerRope).config().id(), loadN[partnerRope] / RigModel.G_MPS2), StopKind.CAT_1,
                    ResetRole.TRAINER, nowNanos, StopCategory.CAT_1);
        }
    }

    /** SR-6: whether a paired rope is now far below its expected load while its partner stays loaded. */
    private boolean slackNow(int rope) {
        RigModel.RopeModel r = model.rope(rope);
        if (r.winch() < 0 || !model.winch(r.winch()).paired()) {
            return false;
        }
        int partnerRope = model.ropeOfWinch(model.winch(r.winch()).partner());
        if (partnerRope < 0 || Double.isNaN(loadN[partnerRope]) || Double.isNaN(loadN[rope])) {
            return false;
        }
        Limits l = model.limits();
        double minExpectedN = l.slackMinExpectedKg() * RigModel.G_MPS2;
        double fraction = l.slackPercentOfExpected() / 100;
        return expectedN[rope] > minExpectedN && loadN[rope] < fraction * expectedN[rope]
                && loadN[partnerRope] >= 0.5 * expectedN[partnerRope];
    }

    /** SR-7: paired ropes differing by more than 30 % of their sum for 500 ms stop ascent and warn. */
    private void sr07Imbalance(int rope, long nowNanos) {
        RigModel.RopeModel r = model.rope(rope);
        if (r.winch() < 0 || !model.winch(r.winch()).paired()) {
            return;
        }
        int group = model.winch(r.winch()).group();
        int partnerRope = model.ropeOfWinch(model.winch(r.winch()).partner());
        if (partnerRope < 0 || Double.isNaN(loadN[partnerRope])) {
            return;
        }
        Limits l = model.limits();
        double sum = loadN[rope] + loadN[partnerRope];
        double diff = Math.abs(loadN[rope] - loadN[partnerRope]);
        boolean off = sum > l.imbalanceMinSumKg() * RigModel.G_MPS2 && diff > l.imbalancePercentOfSum() / 100 * sum;
        if (!off) {
            imbalanceSinceNanos[group] = Long.MIN_VALUE;
            imbalanced[group] = false;
            return;
        }
        if (imbalanceSinceNanos[group] == Long.MIN_VALUE) {
            imbalanceSinceNanos[group] = nowNanos;
        }
        if (!imbalanced[group] && nowNanos - imbalanceSinceNanos[group] >= l.imbalanceHoldMs() * 1_000_000L) {
            imbalanced[group] = true;
            listener.onWarning(SafetyRule.SR_7, String.format(Locale.ROOT,
                    "paired ropes %s %.1f kg and %s %.1f kg differ by %.0f %% of their sum", r.config().id(),
                    loadN[rope] / RigModel.G_MPS2, model.rope(partnerRope).config().id(),
                    loadN[partnerRope] / RigModel.G_MPS2, 100 * diff / sum));
            if (groupState[group] == GroupState.FOLLOWING && groupVelocityMmPerS[group] > 0) {
                stopGroup(group, StopCategory.CAT_1);
                listener.onStop(group, SafetyRule.SR_7, "ascent stopped: paired ropes imbalanced");
            }
        }
    }

    /** SR-8: saturated, disconnected, below -5 kg, or a frozen raw value while the rope's winch moves. */
    private void sr08Sensor(int rope, int rawCounts, ChannelStatus status, long nowNanos) {
        RigModel.RopeModel r = model.rope(rope);
        String why = null;
        if (status != ChannelStatus.OK) {
            why = "channel " + status.name().toLowerCase(Locale.ROOT);
        } else if (!Double.isNaN(loadN[rope])
                && loadN[rope] < -model.limits().negativeLoadKg() * RigModel.G_MPS2) {
            why = String.format(Locale.ROOT, "reads %.1f kg (below -%.1f kg)", loadN[rope] / RigModel.G_MPS2,
                    model.limits().negativeLoadKg());
        } else if (sameRawCount[rope] >= model.limits().frozenSampleCount() && r.winch() >= 0
                && Math.abs(velocityMmPerS[r.winch()]) > STANDSTILL_MM_PER_S) {
            why = "raw value " + rawCounts + " frozen for " + (sameRawCount[rope] + 1) + " samples while its winch moves";
        }
        if (why != null) {
            latch(SafetyRule.SR_8, "load cell of rope " + r.config().id() + ": " + why, StopKind.CAT_1,
                    ResetRole.TRAINER, nowNanos, StopCategory.CAT_1);
        }
    }

    /** SR-8: a sample older than 2.5 sample periods. */
    private void sr08SampleAge(int rope, long nowNanos) {
        if (!haveSample[rope] || !nodeReady[nodeIndex(model.rope(rope).nodeAddress())]) {
            return;
        }
        long age = nowNanos - sampleNanos[rope];
        if (age > maxSampleAgeNanos[rope]) {
            latch(SafetyRule.SR_8, String.format(Locale.ROOT, "load cell of rope %s: last sample %.1f ms old (max %.1f)",
                    model.rope(rope).config().id(), age / 1e6, maxSampleAgeNanos[rope] / 1e6), StopKind.CAT_1,
                    ResetRole.TRAINER, nowNanos, StopCategory.CAT_1);
            haveSample[rope] = false;
        }
    }

    /** SR-9: a node's link failed: the host stops everything (category 1; the node stops by itself). */
    private void sr09LinkLost(int nodeAddress, String why, long nowNanos) {
        latch(SafetyRule.SR_9, "node " + nodeAddress + ": " + why, StopKind.CAT_1, ResetRole.TRAINER, nowNanos,
                StopCategory.CAT_1);
    }

    /** SR-10: a motion whose enable went stale is stopped (category 1) if the control logic did not slow it. */
    private void sr10Enable(int group, long nowNanos) {
        if (groupState[group] != GroupState.FOLLOWING || groupKind[group] == MotionKind.HOLD
                || Math.abs(groupVelocityMmPerS[group]) <= STANDSTILL_MM_PER_S || enableLive(nowNanos)) {
            enableLostAtNanos[group] = Long.MIN_VALUE;
            return;
        }
        if (enableLostAtNanos[group] == Long.MIN_VALUE) {
            enableLostAtNanos[group] = nowNanos;
            speedAtEnableLossMmPerS[group] = Math.abs(groupVelocityMmPerS[group]);
            return;
        }
        // the control logic's own stop takes v/a + a/j from the speed it had when the enable expired
        double stoppingS = speedAtEnableLossMmPerS[group] / accelMmPerS2 + accelMmPerS2 / model.limits().jerkMmPerS3();
        if (nowNanos - enableLostAtNanos[group] > (long) (stoppingS * 1.5e9) + 100_000_000L) {
            stopGroup(group, StopCategory.CAT_1);
            listener.onStop(group, SafetyRule.SR_10, "enable stale and the motion did not stop");
        }
    }

    /** SR-11: the safety chain reads tripped: ESTOP at once; no motion until healthy and a trainer resets. */
    private void sr11SafetyChain(long nowNanos) {
        latch(SafetyRule.SR_11, "safety chain tripped (pendant, client or wall stop, or an ultimate limit)",
                StopKind.CAT_0, ResetRole.TRAINER, nowNanos, StopCategory.CAT_0);
    }

    /** SR-12: a limit switch stops its direction (the node does it too) and allows reverse only: see {@link #ascentAllowed}. */
    private void sr12LimitSwitch(int winch) {
        int g = model.winch(winch).group();
        if (groupState[g] != GroupState.FOLLOWING) {
            return;
        }
        boolean up = (flags[winch] & WinchStatus.FLAG_UPPER_LIMIT) != 0;
        boolean down = (flags[winch] & WinchStatus.FLAG_LOWER_LIMIT) != 0;
        if ((up && groupVelocityMmPerS[g] > 0) || (down && groupVelocityMmPerS[g] < 0)) {
            stopGroup(g, StopCategory.CAT_1);
            listener.onStop(g, SafetyRule.SR_12, (up ? "upper" : "lower") + " limit switch of "
                    + model.winch(winch).config().id());
        }
    }

    /** SR-13: following error > 20 mm (cat 0) or the two winches of a pair > 10 mm apart (cat 1); technician. */
    private void sr13FollowingAndPair(int winch, long nowNanos) {
        RigModel.WinchModel w = model.winch(winch);
        if (state[winch] == WinchState.FOLLOWING || state[winch] == WinchState.STOPPING) {
            double error = Math.abs(setpointEchoMm[winch] - positionMm[winch]);
            if (error > followingErrorMm) {
                latch(SafetyRule.SR_13, String.format(Locale.ROOT, "winch %s following error %.1f mm (max %.1f)",
                        w.config().id(), error, followingErrorMm), StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos,
                        StopCategory.CAT_0);
                return;
            }
        }
        if (w.paired() && haveStatus[w.partner()]) {
            double apart = Math.abs(positionMm[winch] - positionMm[w.partner()]);
            if (apart > pairDifferenceMm) {
                latch(SafetyRule.SR_13, String.format(Locale.ROOT, "pair %s: winches %.1f mm apart (max %.1f)",
                        model.group(w.group()).name(), apart, pairDifferenceMm), StopKind.CAT_1,
                        ResetRole.TECHNICIAN, nowNanos, StopCategory.CAT_1);
            }
        }
    }

    /** Largest credible position change between two status frames, mm: 5 x the fastest speed over 20 ms, at least 5 mm. */
    private double maxStatusStepMm() {
        return Math.max(5, 5 * Math.max(ascentMmPerS, descentMmPerS) * 0.02);
    }

    /**
     * SR-13: an encoder reading that jumps between two status frames by more than any motion could
     * (a glitch, a lost count train): the position is untrustworthy; category 0, technician. Not a
     * brake slip: the drive is never asked to hold on such an encoder.
     */
    private void sr13EncoderJump(int winch, double stepMm, long nowNanos) {
        if (Math.abs(stepMm) <= maxStatusStepMm()) {
            return;
        }
        encoderJumped[winch] = true;
        brakeReferenceMm[winch] = positionMm[winch];
        latch(SafetyRule.SR_13, String.format(Locale.ROOT,
                "encoder of winch %s jumped %.1f mm between two status frames: position untrustworthy",
                model.winch(winch).config().id(), stepMm), StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos,
                StopCategory.CAT_0);
    }

    private boolean encoderSuspect(int group) {
        for (int w : model.group(group).winches()) {
            if (encoderJumped[w]) {
                return true;
            }
        }
        return false;
    }

    /** SR-14: brakes engaged and drift since engagement > 3 mm: the drive holds position, alarm, technician. */
    private void sr14BrakeSlip(int winch, long nowNanos) {
        boolean bothFlags = (flags[winch] & WinchStatus.FLAG_MOTOR_BRAKE_ENGAGED) != 0
                && (flags[winch] & WinchStatus.FLAG_DRUM_BRAKE_ENGAGED) != 0;
        boolean engaged = state[winch] == WinchState.BRAKED && bothFlags;
        if (!engaged) {
            // A new engagement starts only once a brake has really opened: a release given up before the brakes
            // opened (a motion stopped within the brake release time) keeps the drift since the engagement
            // (R-7 seeds 7069288, 7011045: the drift so far was forgotten and the slip went on unwatched).
            if (state[winch] != WinchState.BRAKED && !bothFlags) {
                brakeReferenceMm[winch] = Double.NaN;
            }
            return;
        }
        if (Double.isNaN(brakeReferenceMm[winch])) {
            brakeReferenceMm[winch] = positionMm[winch];
            return;
        }
        double drift = Math.abs(positionMm[winch] - brakeReferenceMm[winch]);
        if (drift > brakeDriftMm && !encoderSuspect(model.winch(winch).group())) {
            RigModel.WinchModel w = model.winch(winch);
            if (latched[SafetyRule.SR_14.ordinal()] == null) {
                Fault f = new Fault(SafetyRule.SR_14, String.format(Locale.ROOT,
                        "winch %s drifted %.1f mm with both brakes applied (max %.1f): the drive holds it",
                        w.config().id(), drift, brakeDriftMm), StopKind.HOLD, ResetRole.TECHNICIAN, nowNanos);
                latched[SafetyRule.SR_14.ordinal()] = f;
                listener.onFault(f);
            }
            // Also when already latched: brakes applied again later (e.g. after a rescue descent) slip again.
            int g = w.group();
            if (chainHealthy && groupState[g] == GroupState.BRAKED) {
                for (int x : model.group(g).winches()) {
                    // hold where it is now: driving back to the brake reference would be a fast, unprofiled
                    // move in FAULT (and after an encoder glitch a long one)
                    holdMm[x] = positionMm[x];
                    admittedMm[x] = positionMm[x];
                    drives.release(x);
                }
                groupState[g] = GroupState.RELEASING;
                groupKind[g] = MotionKind.HOLD;
                groupVelocityMmPerS[g] = 0;
                groupAccelMmPerS2[g] = 0;
            }
        }
    }

    // ------------------------------------------------------------------ faults

    private void latch(SafetyRule rule, String cause, StopKind stop, ResetRole resetBy, long nowNanos,
            StopCategory category) {
        Fault existing = latched[rule.ordinal()];
        if (existing != null) {
            if (category == StopCategory.CAT_0 && existing.stop() != StopKind.CAT_0) {
                // escalate: a category 1 fault of this rule is latched, a category 0 cause follows (SR-13)
                Fault f = new Fault(rule, cause, stop, resetBy, nowNanos);
                latched[rule.ordinal()] = f;
                drives.stopAll(category);
                listener.onFault(f);
            }
            return;
        }
        Fault f = new Fault(rule, cause, stop, resetBy, nowNanos);
        latched[rule.ordinal()] = f;
        stopEverything(category);
        listener.onFault(f);
    }

    /** The latched faults, in SR order. */
    public synchronized List<Fault> faults() {
        List<Fault> out = new ArrayList<>();
        for (Fault f : latched) {
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** Whether any fault is latched. */
    public synchronized boolean faulted() {
        for (Fault f : latched) {
            if (f != null) {
                return true;
            }
        }
        return false;
    }

    /** Whether a fault of this rule is latched. */
    public synchronized boolean latched(SafetyRule rule) {
        return latched[rule.ordinal()] != null;
    }

    /**
     * Resets the latched faults this role may reset whose cause is gone; the rest stay, each with why.
     * Clears the nodes' shutdowns and latched trips when everything was reset.
     *
     * @return why each fault that stays latched stays, empty when none is left
     */
    public synchronized List<String> reset(ResetRole role, long nowNanos) {
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < latched.length; i++) {
            Fault f = latched[i];
            if (f == null) {
                continue;
            }
            if (!f.resetBy().allows(role)) {
                remaining.add(f.rule().id() + " needs a " + f.resetBy().name().toLowerCase(Locale.ROOT) + " to reset");
                continue;
            }
            String present = causePresent(f.rule(), nowNanos);
            if (present != null) {
                remaining.add(f.rule().id() + " cause still present: " + present);
                continue;
            }
            latched[i] = null;
            if (f.rule() == SafetyRule.SR_13) {
                Arrays.fill(encoderJumped, false);
            }
            if (f.rule() == SafetyRule.SR_14) {
                Arrays.fill(holdMm, Double.NaN);
                for (int g = 0; g < groupCount; g++) {
                    if (groupKind[g] == MotionKind.HOLD && groupState[g] != GroupState.BRAKED) {
                        for (int w : model.group(g).winches()) {
                            drives.applyBrakes(w);
                            brakeReferenceMm[w] = Double.NaN;
                        }
                        groupState[g] = GroupState.STOPPING;
                        holdStopping[g] = false;
                    }
                }
            }
        }
        if (remaining.isEmpty()) {
            // The SR-2 hold timers and the SR-3 / SR-6 frame counts are not cleared here: each restarts by itself
            // once its cause is gone (and a latched one resets only then), while clearing them let a reset
            // postpone a trip that was counting (R-7 seed 8000377: a reset 480 ms into an extra load gave SR-2
            // another 500 ms; resets every 400 ms would have kept it off for good).
            drives.clearShutdowns();
        }
        return remaining;
    }

    private String causePresent(SafetyRule rule, long nowNanos) {
        switch (rule) {
            case SR_1 -> {
                for (int r = 0; r < ropeCount; r++) {
                    if (loadN[r] > model.rope(r).limitN()) {
                        return "rope " + model.rope(r).config().id() + " still above its limit";
                    }
                }
            }
            case SR_2 -> {
                // SPEC section 4: a latched fault resets only with its cause gone: the extra load still on
                // the ropes keeps SR-2 latched (a reset would only re-trip it 500 ms later, after motion)
                String excess = sr02Excess();
                if (excess != null) {
                    return excess;
                }
            }
            case SR_3 -> {
                for (int w = 0; w < winchCount; w++) {
                    if (Math.abs(velocityMmPerS[w]) > STANDSTILL_MM_PER_S) {
                        return "winch " + model.winch(w).config().id() + " still moving";
                    }
                }
            }
            case SR_8 -> {
                for (int r = 0; r < ropeCount; r++) {
                    if (!haveSample[r] || nowNanos - sampleNanos[r] > maxSampleAgeNanos[r]) {
                        return "no fresh sample from rope " + model.rope(r).config().id();
                    }
                    if (!Double.isNaN(loadN[r]) && loadN[r] < -model.limits().negativeLoadKg() * RigModel.G_MPS2) {
                        return "rope " + model.rope(r).config().id() + " reads below -"
                                + model.limits().negativeLoadKg() + " kg";
                    }
                }
            }
            case SR_6 -> {
                for (int r = 0; r < ropeCount; r++) {
                    if (slackNow(r)) {
                        return "rope " + model.rope(r).config().id() + " still slack while its partner is loaded";
                    }
                }
            }
            case SR_9 -> {
                for (int i = 0; i < nodeReady.length; i++) {
                    if (!nodeReady[i] && !nodeAnswering[i]) {
                        return "node " + nodeAddresses[i] + " not ready";
                    }
                }
            }
            case SR_11 -> {
                if (!chainHealthy) {
                    return "safety chain still tripped";
                }
            }
            case SR_13 -> {
                for (int w = 0; w < winchCount; w++) {
                    RigModel.WinchModel m = model.winch(w);
                    if (m.paired() && Math.abs(positionMm[w] - positionMm[m.partner()]) > pairDifferenceMm) {
                        return "pair " + model.group(m.group()).name() + " still apart";
                    }
                }
            }
            default -> {
                return null;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ queries

    /** Whether upward motion of a group is allowed now (SR-1, SR-7, upper limit switch). */
    public synchronized boolean ascentAllowed(int group) {
        return ascentBlockReason(group) == null;
    }

    private String ascentBlockReason(int group) {
        if (latched[SafetyRule.SR_1.ordinal()] != null) {
            return latched[SafetyRule.SR_1.ordinal()].cause();
        }
        if (imbalanced[group]) {
            return "paired ropes imbalanced (SR-7)";
        }
        for (int w : model.group(group).winches()) {
            if ((flags[w] & WinchStatus.FLAG_UPPER_LIMIT) != 0) {
                return "upper limit switch of " + model.winch(w).config().id();
            }
        }
        return null;
    }

    private SafetyRule ascentBlocker(int group) {
        if (latched[SafetyRule.SR_1.ordinal()] != null) {
            return SafetyRule.SR_1;
        }
        return imbalanced[group] ? SafetyRule.SR_7 : SafetyRule.SR_12;
    }

    /** Whether downward motion of a group is allowed now (lower limit switch). */
    public synchronized boolean descentAllowed(int group) {
        for (int w : model.group(group).winches()) {
            if ((flags[w] & WinchStatus.FLAG_LOWER_LIMIT) != 0) {
                return false;
            }
        }
        return true;
    }

    public synchronized GroupState groupState(int group) {
        return groupState[group];
    }

    public synchronized MotionKind groupKind(int group) {
        return groupKind[group];
    }

    /** The position last admitted for a winch (where the set-points are), mm. */
    public synchronized double admittedMm(int winch) {
        return admittedMm[winch];
    }

    /** The group's admitted velocity, mm/s. */
    public synchronized double groupVelocityMmPerS(int group) {
        return groupVelocityMmPerS[group];
    }

    /** A group's acceleration at its last set-point, mm/s^2 (a motion taking the group over continues from it). */
    public synchronized double groupAccelMmPerS2(int group) {
        return groupAccelMmPerS2[group];
    }

    /**
     * When the newest load sample of any rope was decoded, host clock ns, even when the supervisor has
     * since forgotten it (a lost link): its age keeps growing. {@link Long#MIN_VALUE} before the first.
     */
    public synchronized long newestSampleNanos() {
        return newestSampleNanos;
    }

    /** The measured position of a winch, mm. */
    public synchronized double positionMm(int winch) {
        return positionMm[winch];
    }

    /** The measured velocity of a winch, mm/s. */
    public synchronized double velocityMmPerS(int winch) {
        return velocityMmPerS[winch];
    }

    public synchronized WinchState winchState(int winch) {
        return state[winch];
    }

    public synchronized boolean haveStatus(int winch) {
        return haveStatus[winch];
    }

    public synchronized boolean referenced(int winch) {
        return (flags[winch] & WinchStatus.FLAG_REFERENCED) != 0;
    }

    /** The latest calibrated load of a rope, N; NaN when uncalibrated or not yet sampled. */
    public synchronized double loadN(int rope) {
        return haveSample[rope] ? loadN[rope] : Double.NaN;
    }

    /** Copies every rope's latest load into {@code out}, N (allocation-free). */
    public synchronized void loadsN(double[] out) {
        for (int r = 0; r < ropeCount; r++) {
            out[r] = haveSample[r] ? loadN[r] : Double.NaN;
        }
    }

    /** Whether every rope has a sample and every winch a status, on ready links. */
    public synchronized boolean allInputsSeen() {
        for (boolean ready : nodeReady) {
            if (!ready) {
                return false;
            }
        }
        for (int w = 0; w < winchCount; w++) {
            if (!haveStatus[w]) {
                return false;
            }
        }
        for (int r = 0; r < ropeCount; r++) {
            if (!haveSample[r]) {
                return false;
            }
        }
        return true;
    }

    public synchronized boolean chainHealthy() {
        return chainHealthy;
    }

    /** Set-points the supervisor had to clamp (a controller that plans within the limits clamps none). */
    public synchronized long clampedSetPoints() {
        return clampedSetPoints;
    }

    private int nodeIndex(int address) {
        for (int i = 0; i < nodeAddresses.length; i++) {
            if (nodeAddresses[i] == address) {
                return i;
            }
        }
        throw new IllegalArgumentException("no node at address " + address);
    }
}
