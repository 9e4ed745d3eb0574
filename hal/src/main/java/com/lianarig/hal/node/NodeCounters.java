package com.lianarig.hal.node;

/**
 * A node session's counters, for diagnostics (a snapshot taken at most 100 ms ago).
 *
 * @param frames frames decoded from the node
 * @param decoderDrops bytes and candidates the decoder dropped (garbage, bad length, bad CRC, unknown, wrong direction)
 * @param badCrc candidates dropped for a bad CRC
 * @param lostFrames node frames missing from its sequence numbers
 * @param duplicateFrames node frames dropped as repeats
 * @param retransmissions commands sent again for want of an answer
 * @param invalidPayloads frames with a good CRC whose payload broke the protocol (dropped)
 * @param receiveOverflowBytes bytes dropped because the session did not keep up with the reader
 * @param setPointsDropped set-points not sent because the link was not ready
 * @param listenerFailures exceptions thrown by listeners (caught and logged)
 * @param nodeRxCrcErrors the node's own count of bad-CRC frames from the host (NODE_STATUS)
 * @param nodeRxOtherDrops the node's own count of other drops (NODE_STATUS)
 */
public record NodeCounters(long frames, long decoderDrops, long badCrc, long lostFrames, long duplicateFrames,
        long retransmissions, long invalidPayloads, long receiveOverflowBytes, long setPointsDropped,
        long listenerFailures, int nodeRxCrcErrors, int nodeRxOtherDrops) {
}
