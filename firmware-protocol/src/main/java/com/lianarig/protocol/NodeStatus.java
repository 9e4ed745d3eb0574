package com.lianarig.protocol;

/**
 * Node to host, streamed at 10 Hz: node state and receive-error counters.
 *
 * <p>Payload: 10 bytes, u32 nodeTimeUs, u8 state, u8 lastShutdownCause, u16 rxCrcErrors, u16 rxOtherDrops.
 *
 * @param nodeTimeUs node clock, microseconds, wrapping
 * @param state the node's state
 * @param lastShutdownCause why the node last shut down, NONE if never
 * @param rxCrcErrors frames dropped for a bad CRC since start, saturating
 * @param rxOtherDrops other dropped bytes/frames since start, saturating
 */
public record NodeStatus(long nodeTimeUs, NodeState state, NodeFault lastShutdownCause, int rxCrcErrors,
        int rxOtherDrops) implements Message {
    static final int PAYLOAD_LENGTH = 10;

    public NodeStatus {
        Fields.range(0, "nodeTimeUs", nodeTimeUs, 0L, Fields.U32_MAX);
        Fields.notNull(1, "state", state);
        Fields.notNull(2, "lastShutdownCause", lastShutdownCause);
        Fields.range(3, "rxCrcErrors", rxCrcErrors, 0, 0xFFFF);
        Fields.range(4, "rxOtherDrops", rxOtherDrops, 0, 0xFFFF);
    }

    @Override
    public MessageType type() {
        return MessageType.NODE_STATUS;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU32(dst, off + 0, nodeTimeUs);
        Wire.putU8(dst, off + 4, state.code());
        Wire.putU8(dst, off + 5, lastShutdownCause.code());
        Wire.putU16(dst, off + 6, rxCrcErrors);
        Wire.putU16(dst, off + 8, rxOtherDrops);
    }

    static NodeStatus decode(byte[] b, int off, int len) {
        return Fields.decoded(() -> new NodeStatus(
                Wire.u32(b, off + 0),
                NodeState.fromCode(Wire.u8(b, off + 4)),
                NodeFault.fromCode(Wire.u8(b, off + 5)),
                Wire.u16(b, off + 6),
                Wire.u16(b, off + 8)), b, off, 1, 4, 2, 5);
    }
}
