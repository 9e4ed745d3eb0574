package com.lianarig.protocol;

/**
 * Host to node, streamed at the control rate: the position and velocity one winch is to follow now.
 *
 * <p>Payload: 9 bytes, u8 winch, i32 positionCounts, i32 velocityCountsPerS.
 *
 * @param winch winch index on this node
 * @param positionCounts target position, encoder counts (positive = rope wound in = strap higher)
 * @param velocityCountsPerS feed-forward velocity, counts/s (positive = up)
 */
public record SetPoint(int winch, int positionCounts, int velocityCountsPerS) implements Message {
    static final int PAYLOAD_LENGTH = 9;

    public SetPoint {
        Fields.range(0, "winch", winch, 0, 7);
    }

    @Override
    public MessageType type() {
        return MessageType.SET_POINT;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU8(dst, off + 0, winch);
        Wire.putI32(dst, off + 1, positionCounts);
        Wire.putI32(dst, off + 5, velocityCountsPerS);
    }

    static SetPoint decode(byte[] b, int off, int len) {
        return new SetPoint(
                Wire.u8(b, off + 0),
                Wire.i32(b, off + 1),
                Wire.i32(b, off + 5));
    }
}
