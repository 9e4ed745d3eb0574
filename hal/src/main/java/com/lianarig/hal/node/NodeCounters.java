package com.lianarig.hal.node;

/**
 * A node session's counters since it started, for diagnostics (a snapshot taken at most 100 ms ago).
 * What the link shows of noise and loss: {@code rig doctor}, the service's retained MQTT diagnostics
 * topic and its journal (docs/hal.md, "Link diagnostics").
 *
 * @param frames frames decoded from the node
 * @param garbageBytes bytes skipped while looking for a frame's sync (noise, a frame cut by a reconnect)
 * @param badLength candidates abandoned for a length their message cannot have
 * @param badCrc candidates dropped for a bad CRC
 * @param unknownMessages frames with a good CRC and a message id this definition does not know
 * @param wrongDirection frames with a good CRC sent the wrong way or to another address (an echo, miswiring)
 * @param lostFrames node frames missing from its sequence numbers
 * @param duplicateFrames node frames dropped as repeats
 * @param retransmissions commands sent again for want of an answer
 * @param invalidPayloads frames with a good CRC whose payload broke the protocol (dropped)
 * @param receiveOverflowBytes bytes dropped because the session did not keep up with the reader
 * @param setPointsDropped set-points not sent because the link was not ready
 * @param listenerFailures exceptions thrown by listeners (caught and logged)
 * @param reconnects times the link became ready again after it had been ready: a port reopened, or the
 *     node identified again after a link fault or its own restart
 * @param nodeRxCrcErrors the node's own count of bad-CRC frames from the host (NODE_STATUS)
 * @param nodeRxOtherDrops the node's own count of other drops (NODE_STATUS)
 */
public record NodeCounters(long frames, long garbageBytes, long badLength, long badCrc, long unknownMessages,
        long wrongDirection, long lostFrames, long duplicateFrames, long retransmissions, long invalidPayloads,
        long receiveOverflowBytes, long setPointsDropped, long listenerFailures, long reconnects, int nodeRxCrcErrors,
        int nodeRxOtherDrops) {

    /** Every byte and candidate the decoder dropped: garbage, bad length, bad CRC, unknown, wrong direction. */
    public long decoderDrops() {
        return garbageBytes + badLength + badCrc + unknownMessages + wrongDirection;
    }

    /**
     * Whether any count of trouble on the link grew from {@code before} to this: every counter except
     * {@link #frames} (which grows on a healthy link).
     */
    public boolean troubleSince(NodeCounters before) {
        return garbageBytes != before.garbageBytes || badLength != before.badLength || badCrc != before.badCrc
                || unknownMessages != before.unknownMessages || wrongDirection != before.wrongDirection
                || lostFrames != before.lostFrames || duplicateFrames != before.duplicateFrames
                || retransmissions != before.retransmissions || invalidPayloads != before.invalidPayloads
                || receiveOverflowBytes != before.receiveOverflowBytes || reconnects != before.reconnects
                || nodeRxCrcErrors != before.nodeRxCrcErrors || nodeRxOtherDrops != before.nodeRxOtherDrops;
    }

    /** All zero: before a session starts. */
    public static final NodeCounters NONE = new NodeCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
