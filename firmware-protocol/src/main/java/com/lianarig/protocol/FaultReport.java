package com.lianarig.protocol;

/**
 * Node to host, sent once when a node-side protection acts.
 *
 * <p>Payload: 14 bytes, u32 nodeTimeUs, u8 winch, u8 fault, i32 measured, i32 limit.
 *
 * @param nodeTimeUs node clock at the fault, microseconds, wrapping
 * @param winch winch index, or 255 for the node as a whole
 * @param fault which protection acted
 * @param measured the measured value that tripped it, in the limit's unit
 * @param limit the configured limit
 */
public record FaultReport(long nodeTimeUs, int winch, NodeFault fault, int measured, int limit) implements Message {
    static final int PAYLOAD_LENGTH = 14;
    /** The winch field's value for a fault of the node as a whole. */
    public static final int NODE_WIDE = 255;

    public FaultReport {
        Fields.range(0, "nodeTimeUs", nodeTimeUs, 0L, Fields.U32_MAX);
        if (winch > 7 && winch != NODE_WIDE) {
            throw new FieldRangeException(1, "winch = " + winch + " is neither 0..7 nor 255 (the node as a whole)");
        }
        Fields.range(1, "winch", winch, 0, NODE_WIDE);
        Fields.notNull(2, "fault", fault);
    }

    @Override
    public MessageType type() {
        return MessageType.FAULT_REPORT;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU32(dst, off + 0, nodeTimeUs);
        Wire.putU8(dst, off + 4, winch);
        Wire.putU8(dst, off + 5, fault.code());
        Wire.putI32(dst, off + 6, measured);
        Wire.putI32(dst, off + 10, limit);
    }

    static FaultReport decode(byte[] b, int off, int len) {
        return Fields.decoded(() -> new FaultReport(
                Wire.u32(b, off + 0),
                Wire.u8(b, off + 4),
                NodeFault.fromCode(Wire.u8(b, off + 5)),
                Wire.i32(b, off + 6),
                Wire.i32(b, off + 10)), b, off, 2, 5);
    }
}
