package com.lianarig.protocol;

/**
 * Host to node, acknowledged: establish the encoder position (after a node reset the position is lost).
 *
 * <p>Payload: 10 bytes, u8 winch, u8 mode, i32 positionCounts, u32 homingSpeedCountsPerS.
 *
 * @param winch winch index on this node
 * @param mode 0 = set position, 1 = home against the lower limit switch
 * @param positionCounts the position to take, counts
 * @param homingSpeedCountsPerS homing speed, counts/s; at least 1 for HOME_LOWER_LIMIT (the node checks), ignored
 *        by SET_POSITION
 */
public record Reference(int winch, ReferenceMode mode, int positionCounts, int homingSpeedCountsPerS)
        implements Message {
    static final int PAYLOAD_LENGTH = 10;

    public Reference {
        Fields.range(0, "winch", winch, 0, 7);
        Fields.notNull(1, "mode", mode);
        Fields.range(3, "homingSpeedCountsPerS", homingSpeedCountsPerS, 0, Integer.MAX_VALUE);
    }

    @Override
    public MessageType type() {
        return MessageType.REFERENCE;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU8(dst, off + 0, winch);
        Wire.putU8(dst, off + 1, mode.code());
        Wire.putI32(dst, off + 2, positionCounts);
        Wire.putU32(dst, off + 6, homingSpeedCountsPerS);
    }

    static Reference decode(byte[] b, int off, int len) {
        return Fields.decoded(() -> new Reference(
                Wire.u8(b, off + 0),
                ReferenceMode.fromCode(Wire.u8(b, off + 1)),
                Wire.i32(b, off + 2),
                Wire.i32(b, off + 6)), b, off, 1, 1);
    }
}
