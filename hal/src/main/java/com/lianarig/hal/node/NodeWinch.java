package com.lianarig.hal.node;

import com.lianarig.hal.CommandResult;
import com.lianarig.hal.Winch;
import com.lianarig.hal.WinchEventListener;
import com.lianarig.hal.WinchReading;
import com.lianarig.hal.WinchStatusListener;
import com.lianarig.protocol.Brake;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.BrakeTest;
import com.lianarig.protocol.BrakeTestOutcome;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.Reference;
import com.lianarig.protocol.ReferenceMode;
import com.lianarig.protocol.Stop;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Winch} driven through a {@link NodeSession}: WINCH_STATUS frames update it and call its
 * listeners on the session's owner thread; its commands go through the session's host link session
 * (acknowledged, retransmitted), and its set-points are streamed.
 *
 * <p>Set-points from another thread go through a one-slot mailbox (the newest wins), which the owner
 * thread sends within about a millisecond; on the owner thread they are sent at once. The node
 * watches the stream: without a set-point for the configured gap a released winch ramps to a stop
 * and brakes (SR-9), so a stalled controller cannot leave a winch moving.
 *
 * <p>The latest status is copied under a private lock for readers on other threads.
 */
public final class NodeWinch implements Winch {
    private final NodeSession session;
    private final int index;
    private final Listeners<WinchStatusListener> statusListeners = new Listeners<>(WinchStatusListener.class);
    private final Listeners<WinchEventListener> eventListeners = new Listeners<>(WinchEventListener.class);
    private final Object lock = new Object();

    /** The newest set-point from another thread: position in the high 32 bits, velocity in the low. */
    private final AtomicLong pendingSetPoint = new AtomicLong();
    private volatile boolean setPointPending;

    // guarded by lock
    private boolean hasStatus;
    private WinchState state;
    private int positionCounts;
    private int velocityCountsPerS;
    private int setpointPositionCounts;
    private int setpointVelocityCountsPerS;
    private int flags;
    private NodeFault fault;
    private int driveTorquePermille;
    private long nodeTimeUs;
    private long receivedAtNanos;

    NodeWinch(NodeSession session, int index) {
        this.session = session;
        this.index = index;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public Optional<WinchReading> latest() {
        synchronized (lock) {
            return hasStatus ? Optional.of(new WinchReading(state, positionCounts, velocityCountsPerS,
                    setpointPositionCounts, setpointVelocityCountsPerS, flags, fault, driveTorquePermille, nodeTimeUs,
                    receivedAtNanos)) : Optional.empty();
        }
    }

    @Override
    public void addStatusListener(WinchStatusListener listener) {
        statusListeners.add(listener);
    }

    @Override
    public void removeStatusListener(WinchStatusListener listener) {
        statusListeners.remove(listener);
    }

    @Override
    public void addEventListener(WinchEventListener listener) {
        eventListeners.add(listener);
    }

    @Override
    public void removeEventListener(WinchEventListener listener) {
        eventListeners.remove(listener);
    }

    @Override
    public void setPoint(int positionCounts, int velocityCountsPerS) {
        if (session.onOwnerThread()) {
            setPointPending = false;
            session.sendSetPoint(index, positionCounts, velocityCountsPerS);
            return;
        }
        pendingSetPoint.set(((long) positionCounts << 32) | (velocityCountsPerS & 0xFFFF_FFFFL));
        setPointPending = true;
        session.wake();
    }

    /** Owner thread: sends the newest set-point handed over by another thread, if any. */
    void flushSetPoint() {
        if (!setPointPending) {
            return;
        }
        setPointPending = false; // clear first: a set-point stored from now on is sent next time
        long packed = pendingSetPoint.get();
        session.sendSetPoint(index, (int) (packed >> 32), (int) packed);
    }

    /** Owner thread: forgets a set-point handed over for a link that has since gone. */
    void dropPendingSetPoint() {
        setPointPending = false;
    }

    @Override
    public CompletableFuture<CommandResult> stop(StopCategory category) {
        return session.submit(new Stop(1 << index, category));
    }

    @Override
    public CompletableFuture<CommandResult> brake(BrakeAction action) {
        return session.submit(new Brake(index, action));
    }

    @Override
    public CompletableFuture<CommandResult> brakeTest(BrakeId brake, int torquePermille, int durationMs,
            int maxMovementCounts) {
        return session.submit(new BrakeTest(index, brake, torquePermille, durationMs, maxMovementCounts));
    }

    @Override
    public CompletableFuture<CommandResult> reference(ReferenceMode mode, int positionCounts,
            int homingSpeedCountsPerS) {
        return session.submit(new Reference(index, mode, positionCounts, homingSpeedCountsPerS));
    }

    /** Owner thread: one decoded WINCH_STATUS. Allocation-free. */
    void onStatus(WinchState st, int position, int velocity, int spPosition, int spVelocity, int statusFlags,
            NodeFault nodeFault, int torque, long timeUs, long nowNanos) {
        synchronized (lock) {
            hasStatus = true;
            state = st;
            positionCounts = position;
            velocityCountsPerS = velocity;
            setpointPositionCounts = spPosition;
            setpointVelocityCountsPerS = spVelocity;
            flags = statusFlags;
            fault = nodeFault;
            driveTorquePermille = torque;
            nodeTimeUs = timeUs;
            receivedAtNanos = nowNanos;
        }
        WinchStatusListener[] all = statusListeners.snapshot();
        for (int i = 0; i < all.length; i++) {
            try {
                all[i].onStatus(index, st, position, velocity, spPosition, spVelocity, statusFlags, nodeFault, timeUs,
                        nowNanos);
            } catch (RuntimeException e) {
                session.listenerFailed("status listener of winch " + index, e);
            }
        }
    }

    /** Owner thread: a FAULT_REPORT for this winch. */
    void onFault(NodeFault nodeFault, int measured, int limit, long timeUs) {
        WinchEventListener[] all = eventListeners.snapshot();
        for (int i = 0; i < all.length; i++) {
            try {
                all[i].onFault(index, nodeFault, measured, limit, timeUs);
            } catch (RuntimeException e) {
                session.listenerFailed("event listener of winch " + index, e);
            }
        }
    }

    /** Owner thread: a BRAKE_TEST_RESULT for this winch. */
    void onBrakeTestResult(BrakeId brake, BrakeTestOutcome outcome, int movementCounts, int torquePermille) {
        WinchEventListener[] all = eventListeners.snapshot();
        for (int i = 0; i < all.length; i++) {
            try {
                all[i].onBrakeTestResult(index, brake, outcome, movementCounts, torquePermille);
            } catch (RuntimeException e) {
                session.listenerFailed("event listener of winch " + index, e);
            }
        }
    }

    /** Owner thread: the node (re)identified; earlier readings belong to its previous life. */
    void clear() {
        synchronized (lock) {
            hasStatus = false;
        }
    }

    @Override
    public String toString() {
        return "winch " + index + " of " + session.describe();
    }
}
