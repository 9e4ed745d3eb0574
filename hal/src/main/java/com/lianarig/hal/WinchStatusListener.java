package com.lianarig.hal;

import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.WinchState;

/**
 * Receives every WINCH_STATUS of a winch (at the node's status rate, at least 50 Hz) as soon as it
 * is decoded, so the host's own overspeed, following-error and brake-slip checks (SR-3, SR-13,
 * SR-14) run on each status frame.
 *
 * <p>Called on the node session's owner thread, allocation-free: primitives and protocol enum
 * constants only. Must not block.
 */
@FunctionalInterface
public interface WinchStatusListener {

    /**
     * One status frame.
     *
     * @param winch the winch's index on its node, 0..7
     * @param state what the winch is doing
     * @param positionCounts encoder position, counts (positive = rope wound in, strap higher)
     * @param velocityCountsPerS measured velocity, counts/s (positive = up)
     * @param setpointPositionCounts echo of the set-point being followed after the node's clamping, counts
     * @param setpointVelocityCountsPerS echo of the set-point velocity, counts/s
     * @param flags {@code WinchStatus.FLAG_*} bits: brakes engaged, limit switches, referenced, drive powered
     * @param fault the latched or most recent node-side fault, NONE if none
     * @param nodeTimeUs node clock when the encoder was read, microseconds, unwrapped since the node's start
     * @param receivedAtNanos host monotonic clock when the frame was decoded, ns
     */
    void onStatus(int winch, WinchState state, int positionCounts, int velocityCountsPerS, int setpointPositionCounts,
            int setpointVelocityCountsPerS, int flags, NodeFault fault, long nodeTimeUs, long receivedAtNanos);
}
