package com.lianarig.hal;

import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;

/**
 * A copy of a winch's latest status, for readers on other threads.
 *
 * @param state what the winch is doing
 * @param positionCounts encoder position, counts (positive = rope wound in, strap higher)
 * @param velocityCountsPerS measured velocity, counts/s (positive = up)
 * @param setpointPositionCounts echo of the set-point being followed after the node's clamping, counts
 * @param setpointVelocityCountsPerS echo of the set-point velocity, counts/s
 * @param flags {@code WinchStatus.FLAG_*} bits
 * @param fault the latched or most recent node-side fault, NONE if none
 * @param driveTorquePermille drive torque, per mille of rated (positive = lifting)
 * @param nodeTimeUs node clock when the encoder was read, microseconds, unwrapped since the node's start
 * @param receivedAtNanos host monotonic clock when the frame was decoded, ns
 */
public record WinchReading(WinchState state, int positionCounts, int velocityCountsPerS, int setpointPositionCounts,
        int setpointVelocityCountsPerS, int flags, NodeFault fault, int driveTorquePermille, long nodeTimeUs,
        long receivedAtNanos) {

    public WinchReading {
        if (state == null || fault == null) {
            throw new IllegalArgumentException("a winch reading needs a state and a fault (NONE if none)");
        }
    }

    public boolean motorBrakeEngaged() {
        return (flags & WinchStatus.FLAG_MOTOR_BRAKE_ENGAGED) != 0;
    }

    public boolean drumBrakeEngaged() {
        return (flags & WinchStatus.FLAG_DRUM_BRAKE_ENGAGED) != 0;
    }

    public boolean lowerLimit() {
        return (flags & WinchStatus.FLAG_LOWER_LIMIT) != 0;
    }

    public boolean upperLimit() {
        return (flags & WinchStatus.FLAG_UPPER_LIMIT) != 0;
    }

    /** True when the position is referenced (REFERENCE since the node started, SR-19). */
    public boolean referenced() {
        return (flags & WinchStatus.FLAG_REFERENCED) != 0;
    }

    /** True when the drive has power (the safety chain is closed). */
    public boolean drivePowered() {
        return (flags & WinchStatus.FLAG_DRIVE_POWERED) != 0;
    }

    /** True when the node reports a drive fault. */
    public boolean driveFault() {
        return fault == NodeFault.DRIVE_FAULT;
    }
}
