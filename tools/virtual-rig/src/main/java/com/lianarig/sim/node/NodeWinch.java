package com.lianarig.sim.node;

import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.BrakeTestOutcome;
import com.lianarig.protocol.ConfigureWinch;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.ReferenceMode;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import com.lianarig.sim.hw.WinchHardware;

/**
 * The node firmware's control of one winch (PROTOCOL.md, node behaviour): follows set-points inside
 * the configured limits, stops in category 0 or 1, brake test, reference, and its own protections:
 * overspeed, following error, limit switches (reverse only), set-point gap, loss of drive power.
 *
 * <p>Positions here are node coordinates: the hardware encoder plus the reference offset.
 * Owned by the node's thread.
 */
final class NodeWinch {
    /** Gain of the node's reference toward the host's set-point, 1/s. */
    static final double REFERENCE_GAIN_PER_S = 40;
    /** Time the brakes may take to report engaged before a BRAKE_FAULT trip, ns. */
    static final long BRAKE_TIMEOUT_NANOS = 200_000_000L;

    private final int index;
    private final WinchHardware hw;
    private final NodeEvents events;

    private ConfigureWinch config;
    private WinchState state = WinchState.BRAKED;
    private NodeFault fault = NodeFault.NONE;
    /** The cat 0 trip latched until CLEAR_SHUTDOWN, kept through a watchdog shutdown; NONE if none. */
    private NodeFault latchedTrip = NodeFault.NONE;
    private boolean referenced;
    private long offsetCounts;

    private double referenceCounts;
    private double referenceVelocityCountsPerS;
    /** The set-point as the host sent it (the soft limits are applied each tick, {@link #follow}). */
    private int targetCounts;
    private int targetVelocityCountsPerS;
    /** A run of set-points outside the soft limits is going on: one SOFT_LIMIT report per run. */
    private boolean softLimitEvent;
    /** {@link ProtocolFault#CLAMPS_TO_THE_SOFT_LIMIT}: version 1's clamp, for the conformance tester to catch. */
    private boolean version1Clamp;
    private long lastSetPointNanos;
    private long brakingSinceNanos;

    private int overspeedPeriods;
    private double measuredVelocityCountsPerS;
    private int lastStatusPosition;
    private boolean haveStatusPosition;

    private BrakeId testBrake;
    private int testTorquePermille;
    private int testMaxMovementCounts;
    private int testStartPosition;
    private long testEndNanos;

    private int homingPositionCounts;
    private double homingSpeedCountsPerS;

    NodeWinch(int index, WinchHardware hw, NodeEvents events) {
        this.index = index;
        this.hw = hw;
        this.events = events;
        safeOutputs();
    }

    /** Outputs as after an MCU reset: drive off, both brakes applied. */
    private void safeOutputs() {
        hw.testTorque(0);
        hw.enableDrive(false);
        hw.brake(BrakeId.MOTOR, true);
        hw.brake(BrakeId.DRUM, true);
    }

    int position() {
        return (int) (hw.encoderCounts() + offsetCounts);
    }

    boolean configured() {
        return config != null;
    }

    WinchState state() {
        return state;
    }

    boolean tripped() {
        return state == WinchState.TRIPPED;
    }

    // ---- commands ----

    /** Steps 11 and 12 of the precedence table: BUSY while homing or testing, else WRONG_STATE. */
    private Answer needsBraked() {
        if (state == WinchState.HOMING || state == WinchState.BRAKE_TESTING) {
            return Answer.nack(NackReason.BUSY);
        }
        return state == WinchState.BRAKED ? null : Answer.nack(NackReason.WRONG_STATE, state.code());
    }

    /** Step 14: drive power and a healthy drive, where a command needs them. */
    private Answer needsDrive() {
        if (!hw.drivePowerPresent()) {
            return Answer.nack(NackReason.FAULT_PRESENT, NodeFault.POWER_REMOVED.code());
        }
        if (hw.driveFault()) {
            return Answer.nack(NackReason.FAULT_PRESENT, NodeFault.DRIVE_FAULT.code());
        }
        return null;
    }

    Answer configure(ConfigureWinch c) {
        Answer refused = needsBraked();
        if (refused != null) {
            return refused;
        }
        config = c;
        return Answer.ACK;
    }

    Answer release(long nowNanos) {
        if (config == null) {
            return Answer.nack(NackReason.NOT_CONFIGURED);
        }
        Answer refused = needsBraked();
        if (refused == null) {
            refused = needsDrive();
        }
        if (refused != null) {
            return refused;
        }
        int p = position();
        referenceCounts = p;
        referenceVelocityCountsPerS = 0;
        targetCounts = p;
        targetVelocityCountsPerS = 0;
        lastSetPointNanos = nowNanos;
        softLimitEvent = false;
        hw.positionReference(p - offsetCounts, 0);
        hw.enableDrive(true);
        hw.brake(BrakeId.MOTOR, false);
        hw.brake(BrakeId.DRUM, false);
        fault = NodeFault.NONE;
        state = WinchState.FOLLOWING;
        return Answer.ACK;
    }

    Answer apply(long nowNanos) {
        return stop(StopCategory.CAT_1, nowNanos);
    }

    /** Always accepted. */
    Answer stop(StopCategory category, long nowNanos) {
        switch (state) {
            case TRIPPED, SHUTDOWN -> {
                return Answer.ACK; // already in cat 0
            }
            case BRAKED -> {
                return Answer.ACK;
            }
            case STOPPING -> {
                // Annex B.26 (D10): a category 1 stop (STOP cat 1, BRAKE APPLY) of a winch already stopping goes
                // on as it was: not restarted (its brake time-out would be), not made a category 0
                if (category == StopCategory.CAT_0) {
                    cat0(WinchState.BRAKED);
                }
                return Answer.ACK;
            }
            default -> {
                if (category == StopCategory.CAT_0 || state == WinchState.BRAKE_TESTING) {
                    if (state == WinchState.BRAKE_TESTING) {
                        finishBrakeTest(BrakeTestOutcome.ABORTED);
                    }
                    cat0(WinchState.BRAKED);
                } else {
                    beginStopping(nowNanos);
                }
                return Answer.ACK;
            }
        }
    }

    Answer brakeTest(BrakeId brake, int torquePermille, int durationMs, int maxMovementCounts, long nowNanos) {
        Answer refused = needsBraked();
        if (refused == null) {
            refused = needsDrive();
        }
        if (refused != null) {
            return refused;
        }
        testBrake = brake;
        testTorquePermille = torquePermille;
        testMaxMovementCounts = maxMovementCounts;
        testStartPosition = position();
        testEndNanos = nowNanos + durationMs * 1_000_000L;
        hw.enableDrive(true);
        hw.brake(brake, true);
        hw.brake(brake == BrakeId.MOTOR ? BrakeId.DRUM : BrakeId.MOTOR, false);
        hw.testTorque(torquePermille);
        state = WinchState.BRAKE_TESTING;
        return Answer.ACK;
    }

    Answer reference(ReferenceMode mode, int positionCounts, int homingSpeed, long nowNanos) {
        if (mode == ReferenceMode.HOME_LOWER_LIMIT && config == null) {
            return Answer.nack(NackReason.NOT_CONFIGURED);
        }
        Answer refused = needsBraked();
        if (refused != null) {
            return refused;
        }
        if (mode == ReferenceMode.SET_POSITION) {
            long shift = positionCounts - (long) position();
            offsetCounts += shift;
            referenceCounts += shift;
            targetCounts += (int) shift;
            referenced = true;
            return Answer.ACK;
        }
        Answer released = release(nowNanos);
        if (!released.ack()) {
            return released;
        }
        homingPositionCounts = positionCounts;
        homingSpeedCountsPerS = Math.min(homingSpeed, config.unreferencedMaxCountsPerS());
        state = WinchState.HOMING;
        return Answer.ACK;
    }

    /** Makes the winch clamp set-points as protocol version 1 did (a deliberate fault, {@link ProtocolFault}). */
    void version1Clamp(boolean on) {
        version1Clamp = on;
    }

    /** Whether CLEAR_SHUTDOWN may clear this winch: a latched trip's cause must be gone. */
    Answer clearable() {
        if (latchedTrip != NodeFault.NONE || state == WinchState.TRIPPED || state == WinchState.SHUTDOWN) {
            Answer cause = needsDrive();
            return cause != null ? cause : Answer.ACK;
        }
        return Answer.ACK;
    }

    /** Clears a trip or a watchdog shutdown (after {@link #clearable} said yes): BRAKED, nothing moves. */
    void clear() {
        if (state == WinchState.SHUTDOWN || state == WinchState.TRIPPED) {
            state = WinchState.BRAKED;
        }
        latchedTrip = NodeFault.NONE;
        fault = NodeFault.NONE;
    }

    /**
     * A SET_POINT: followed only while FOLLOWING. Kept as sent; {@link #follow} applies the soft limits
     * each tick. A set-point outside them (referenced winch only) starts a SOFT_LIMIT event, reported
     * once (PROTOCOL.md 9.2).
     */
    void setPoint(int positionCounts, int velocityCountsPerS, long nowNanos) {
        if (state != WinchState.FOLLOWING || config == null) {
            return;
        }
        targetCounts = positionCounts;
        targetVelocityCountsPerS = velocityCountsPerS;
        lastSetPointNanos = nowNanos;
        boolean outside = referenced
                && (positionCounts < config.softLimitLowCounts() || positionCounts > config.softLimitHighCounts());
        if (outside && !softLimitEvent) {
            int limit = positionCounts < config.softLimitLowCounts() ? config.softLimitLowCounts()
                    : config.softLimitHighCounts();
            fault = NodeFault.SOFT_LIMIT;
            events.fault(index, NodeFault.SOFT_LIMIT, positionCounts, limit);
        }
        softLimitEvent = outside;
    }

    /** The heartbeat watchdog expired: cat 0, sticky. */
    void shutdown() {
        if (state == WinchState.BRAKE_TESTING) {
            finishBrakeTest(BrakeTestOutcome.ABORTED);
        }
        cat0(WinchState.SHUTDOWN);
        if (latchedTrip == NodeFault.NONE) {
            fault = NodeFault.HEARTBEAT_TIMEOUT; // a latched trip keeps showing its own code (PROTOCOL.md 6.3)
        }
    }

    // ---- control ----

    /** One control tick of {@code dtS} seconds. */
    void tick(long nowNanos, double dtS, long setPointGapNanos) {
        if (!hw.drivePowerPresent() && state != WinchState.TRIPPED && state != WinchState.SHUTDOWN) {
            trip(NodeFault.POWER_REMOVED, 0, 0);
            return;
        }
        if (hw.driveFault() && state != WinchState.TRIPPED && state != WinchState.SHUTDOWN
                && state != WinchState.BRAKED) {
            trip(NodeFault.DRIVE_FAULT, 0, 0);
            return;
        }
        switch (state) {
            case FOLLOWING -> follow(nowNanos, dtS, setPointGapNanos);
            case STOPPING -> decelerate(nowNanos, dtS);
            case HOMING -> home(nowNanos, dtS);
            case BRAKE_TESTING -> brakeTestTick(nowNanos);
            default -> {
                // BRAKED, TRIPPED, SHUTDOWN: outputs already safe
            }
        }
        if (state == WinchState.FOLLOWING || state == WinchState.STOPPING || state == WinchState.HOMING) {
            int error = (int) Math.round(referenceCounts - position());
            if (Math.abs(error) > config.maxFollowingErrorCounts()) {
                trip(NodeFault.FOLLOWING_ERROR, error, config.maxFollowingErrorCounts());
            }
        }
    }

    private void follow(long nowNanos, double dtS, long setPointGapNanos) {
        if (nowNanos - lastSetPointNanos >= setPointGapNanos) {
            events.fault(index, NodeFault.SETPOINT_GAP, (int) ((nowNanos - lastSetPointNanos) / 1_000_000L),
                    (int) (setPointGapNanos / 1_000_000L));
            fault = NodeFault.SETPOINT_GAP;
            beginStopping(nowNanos);
            return;
        }
        if (movingInto(hw.lowerLimitSwitch(), -1) || movingInto(hw.upperLimitSwitch(), 1)) {
            boolean lower = hw.lowerLimitSwitch();
            events.fault(index, lower ? NodeFault.LOWER_LIMIT : NodeFault.UPPER_LIMIT, position(), 0);
            beginStopping(nowNanos);
            return;
        }
        double target = targetCounts;
        double feedForward = targetVelocityCountsPerS;
        if (referenced) {
            // PROTOCOL.md 7.3 (Annex B.20, D4): clamped into the soft limits, but never past where the winch
            // is, the other way: a winch outside its range holds (or comes back only when asked), and a
            // downward set-point below the lower limit never drives it up (I-2). Not while unreferenced:
            // an unreferenced position means nothing (Annex B.19, D3; I-6).
            // A set-point that asks a winch outside its range back toward it is followed as asked.
            if (target < config.softLimitLowCounts()) {
                target = version1Clamp ? config.softLimitLowCounts()
                        : Math.max(target, Math.min(config.softLimitLowCounts(), referenceCounts));
            } else if (target > config.softLimitHighCounts()) {
                target = version1Clamp ? config.softLimitHighCounts()
                        : Math.min(target, Math.max(config.softLimitHighCounts(), referenceCounts));
            }
            if (target != targetCounts) {
                feedForward = 0; // a clamped set-point's velocity is not fed forward
            }
        }
        double desired = feedForward + REFERENCE_GAIN_PER_S * (target - referenceCounts);
        if (referenced && !version1Clamp) {
            desired = stoppableBeforeSoftLimits(desired);
        }
        moveReference(desired, dtS);
    }

    /**
     * PROTOCOL.md 7.3: the node's commanded motion stops at a soft limit, it does not run past it by its
     * stopping distance: toward a limit {@code d} counts away the speed is at most {@code sqrt(2 a d)}
     * ({@code a} = maxAccelCountsPerS2), and 0 at or beyond it.
     */
    private double stoppableBeforeSoftLimits(double desiredCountsPerS) {
        double a = config.maxAccelCountsPerS2();
        double aboveLow = referenceCounts - config.softLimitLowCounts();
        double belowHigh = config.softLimitHighCounts() - referenceCounts;
        double slowestDown = -Math.sqrt(2 * a * Math.max(0, aboveLow));
        double fastestUp = Math.sqrt(2 * a * Math.max(0, belowHigh));
        return Math.max(slowestDown, Math.min(fastestUp, desiredCountsPerS));
    }

    /** True when the reference moves toward an active limit switch ({@code direction} -1 = down). */
    private boolean movingInto(boolean switchActive, int direction) {
        return switchActive && referenceVelocityCountsPerS * direction > 0;
    }

    /** Moves the reference toward a desired velocity inside the speed, acceleration and limit-switch limits. */
    private void moveReference(double desiredCountsPerS, double dtS) {
        double up = referenced ? config.maxAscentCountsPerS()
                : Math.min(config.maxAscentCountsPerS(), config.unreferencedMaxCountsPerS());
        double down = referenced ? config.maxDescentCountsPerS()
                : Math.min(config.maxDescentCountsPerS(), config.unreferencedMaxCountsPerS());
        double v = Math.max(-down, Math.min(up, desiredCountsPerS));
        double dvMax = config.maxAccelCountsPerS2() * dtS;
        v = Math.max(referenceVelocityCountsPerS - dvMax, Math.min(referenceVelocityCountsPerS + dvMax, v));
        v = limitSwitches(v);
        referenceVelocityCountsPerS = v;
        referenceCounts += v * dtS;
        hw.positionReference(referenceCounts - offsetCounts, v);
    }

    /**
     * SR-12 on the node: no new motion toward an active limit switch (reverse only); a motion already
     * running into it is stopped in category 1 by {@link #follow}.
     */
    private double limitSwitches(double v) {
        if (hw.lowerLimitSwitch() && v < 0 && referenceVelocityCountsPerS >= 0) {
            return 0;
        }
        if (hw.upperLimitSwitch() && v > 0 && referenceVelocityCountsPerS <= 0) {
            return 0;
        }
        return v;
    }

    private void beginStopping(long nowNanos) {
        state = WinchState.STOPPING;
        brakingSinceNanos = -1;
    }

    private void decelerate(long nowNanos, double dtS) {
        double dvMax = config.maxAccelCountsPerS2() * dtS;
        double v = referenceVelocityCountsPerS;
        v = v > 0 ? Math.max(0, v - dvMax) : Math.min(0, v + dvMax);
        referenceVelocityCountsPerS = v;
        referenceCounts += v * dtS;
        hw.positionReference(referenceCounts - offsetCounts, v);
        if (v != 0) {
            return;
        }
        if (brakingSinceNanos < 0) {
            brakingSinceNanos = nowNanos;
            hw.brake(BrakeId.MOTOR, true);
            hw.brake(BrakeId.DRUM, true);
        }
        if (hw.brakeEngaged(BrakeId.MOTOR) && hw.brakeEngaged(BrakeId.DRUM)) {
            hw.enableDrive(false);
            state = WinchState.BRAKED;
        } else if (nowNanos - brakingSinceNanos > BRAKE_TIMEOUT_NANOS) {
            trip(NodeFault.BRAKE_FAULT, 0, 0);
        }
    }

    private void home(long nowNanos, double dtS) {
        if (hw.lowerLimitSwitch()) {
            long shift = homingPositionCounts - (long) position();
            offsetCounts += shift;
            referenceCounts = position();
            referenceVelocityCountsPerS = 0;
            hw.positionReference(referenceCounts - offsetCounts, 0);
            referenced = true;
            beginStopping(nowNanos);
            return;
        }
        moveReference(-homingSpeedCountsPerS, dtS);
    }

    private void brakeTestTick(long nowNanos) {
        int movement = position() - testStartPosition;
        if (Math.abs(movement) > testMaxMovementCounts) {
            finishBrakeTest(BrakeTestOutcome.SLIPPED);
        } else if (nowNanos - testEndNanos >= 0) {
            finishBrakeTest(BrakeTestOutcome.HELD);
        }
    }

    private void finishBrakeTest(BrakeTestOutcome outcome) {
        int torque = Math.abs(hw.torquePermille());
        hw.testTorque(0);
        hw.brake(BrakeId.MOTOR, true);
        hw.brake(BrakeId.DRUM, true);
        hw.enableDrive(false);
        state = WinchState.BRAKED;
        events.brakeTestResult(index, testBrake, outcome, position() - testStartPosition,
                outcome == BrakeTestOutcome.ABORTED ? torque : testTorquePermille);
    }

    /**
     * The status-period check (SR-3 on the node): measured speed above the direction's limit x
     * overspeedPercent on 2 consecutive status periods trips cat 0.
     */
    void statusPeriod(double periodS) {
        int p = position();
        measuredVelocityCountsPerS = haveStatusPosition ? (p - lastStatusPosition) / periodS : 0;
        if (haveStatusPosition && config != null && state != WinchState.TRIPPED) {
            double v = measuredVelocityCountsPerS;
            double limit = (v >= 0 ? config.maxAscentCountsPerS() : config.maxDescentCountsPerS())
                    * config.overspeedPercent() / 100.0;
            if (Math.abs(v) > limit) {
                overspeedPeriods++;
                if (overspeedPeriods >= 2) {
                    trip(NodeFault.OVERSPEED, (int) Math.round(v), (int) Math.round(limit));
                }
            } else {
                overspeedPeriods = 0;
            }
        }
        lastStatusPosition = p;
        haveStatusPosition = true;
    }

    private void trip(NodeFault cause, int measured, int limit) {
        if (state == WinchState.BRAKE_TESTING) {
            finishBrakeTest(BrakeTestOutcome.ABORTED);
        }
        cat0(WinchState.TRIPPED);
        fault = cause;
        latchedTrip = cause;
        overspeedPeriods = 0;
        events.fault(index, cause, measured, limit);
    }

    private void cat0(WinchState next) {
        hw.testTorque(0);
        hw.enableDrive(false);
        hw.brake(BrakeId.MOTOR, true);
        hw.brake(BrakeId.DRUM, true);
        referenceVelocityCountsPerS = 0;
        referenceCounts = position();
        state = next;
    }

    // ---- status ----

    int flags() {
        int f = 0;
        if (hw.brakeEngaged(BrakeId.MOTOR)) {
            f |= WinchStatus.FLAG_MOTOR_BRAKE_ENGAGED;
        }
        if (hw.brakeEngaged(BrakeId.DRUM)) {
            f |= WinchStatus.FLAG_DRUM_BRAKE_ENGAGED;
        }
        if (hw.lowerLimitSwitch()) {
            f |= WinchStatus.FLAG_LOWER_LIMIT;
        }
        if (hw.upperLimitSwitch()) {
            f |= WinchStatus.FLAG_UPPER_LIMIT;
        }
        if (referenced) {
            f |= WinchStatus.FLAG_REFERENCED;
        }
        if (hw.drivePowerPresent()) {
            f |= WinchStatus.FLAG_DRIVE_POWERED;
        }
        return f;
    }

    NodeFault fault() {
        return fault;
    }

    int setPointEchoCounts() {
        return (int) Math.round(referenceCounts);
    }

    int setPointEchoVelocityCountsPerS() {
        return (int) Math.round(referenceVelocityCountsPerS);
    }

    /** Velocity measured over the last status period, counts/s. */
    int measuredVelocityCountsPerS() {
        return (int) Math.round(measuredVelocityCountsPerS);
    }

    int torquePermille() {
        return hw.torquePermille();
    }
}
