package com.lianarig.hal;

import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.ReferenceMode;
import com.lianarig.protocol.StopCategory;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One winch drive on a node: its status (encoder, set-point echo, both brakes, limit switches,
 * referenced flag, faults) and its commands (PROTOCOL.md sections 6.3 and 7.4 to 7.8). Positions
 * and speeds are encoder counts; the controller converts.
 *
 * <p>The node guards the winch by itself whatever the host sends (speed, acceleration, following
 * error, soft limits, limit switches, the 50 ms set-point gap and the 200 ms heartbeat watchdog):
 * a winch released and then left without set-points ramps to a stop and brakes (SR-9).
 *
 * <p>Thread-safe: commands may come from any thread; a command issued on the node session's owner
 * thread (inside a listener) is written at once, from another thread within about a millisecond.
 * Command results complete on the owner thread: their dependants must not block it.
 */
public interface Winch {

    /** The winch's index on its node, 0..7. */
    int index();

    /** The latest status (a copy), or empty before the first WINCH_STATUS since the node last identified. */
    Optional<WinchReading> latest();

    /** Registers a listener called for every WINCH_STATUS as it is decoded. */
    void addStatusListener(WinchStatusListener listener);

    void removeStatusListener(WinchStatusListener listener);

    /** Registers a listener for this winch's fault reports and brake test results. */
    void addEventListener(WinchEventListener listener);

    void removeEventListener(WinchEventListener listener);

    /**
     * Streams the position and velocity to follow now (SET_POINT, never answered), at the control
     * rate. Allocation-free. A winch that is not FOLLOWING (brakes not released) ignores it: a
     * set-point never moves a braked winch.
     *
     * @param positionCounts target position, counts (positive = up)
     * @param velocityCountsPerS feed-forward velocity, counts/s (positive = up)
     */
    void setPoint(int positionCounts, int velocityCountsPerS);

    /**
     * Stops the winch (STOP): category 0 drops drive power and both brakes at once; category 1
     * decelerates at the configured limit, then brakes. Sent even when the link is not ready (best
     * effort) and never held back by the command window.
     */
    CompletableFuture<CommandResult> stop(StopCategory category);

    /** Applies both brakes (a category 1 stop of a moving winch), or releases them to follow set-points. */
    CompletableFuture<CommandResult> brake(BrakeAction action);

    /**
     * Drives torque against one brake, the other released, and reports the movement (SR-18); the
     * outcome arrives later through {@link WinchEventListener#onBrakeTestResult}.
     *
     * @param brake the brake under test
     * @param torquePermille test torque, per mille of the drive's rated torque, 1..1000
     * @param durationMs how long to hold the torque, ms, 100..5000
     * @param maxMovementCounts encoder movement beyond this means SLIPPED, counts, 1..65535
     */
    CompletableFuture<CommandResult> brakeTest(BrakeId brake, int torquePermille, int durationMs,
            int maxMovementCounts);

    /**
     * Establishes the encoder position: accept {@code positionCounts} for the current reading, or home
     * against the lower limit switch and take it there.
     *
     * @param positionCounts the position to take, counts
     * @param homingSpeedCountsPerS homing speed, counts/s (at least 1 for HOME_LOWER_LIMIT; ignored by SET_POSITION)
     */
    CompletableFuture<CommandResult> reference(ReferenceMode mode, int positionCounts, int homingSpeedCountsPerS);
}
