package com.lianarig.protocol;

/**
 * Host to node, acknowledged: drive torque against one brake (the other released) and report the movement in
 * BRAKE_TEST_RESULT (SR-18).
 *
 * <p>Payload: 8 bytes, u8 winch, u8 brake, u16 torquePermille, u16 durationMs, u16 maxMovementCounts.
 *
 * @param winch winch index on this node
 * @param brake 1 = motor brake, 2 = drum brake
 * @param torquePermille test torque, per mille of the drive's rated torque
 * @param durationMs how long to hold the torque, ms
 * @param maxMovementCounts encoder movement beyond this means SLIPPED; the node removes the torque at once, counts
 */
public record BrakeTest(int winch, BrakeId brake, int torquePermille, int durationMs, int maxMovementCounts)
        implements Message {
    static final int PAYLOAD_LENGTH = 8;

    public BrakeTest {
        Fields.range(0, "winch", winch, 0, 7);
        Fields.notNull(1, "brake", brake);
        Fields.range(2, "torquePermille", torquePermille, 1, 1000);
        Fields.range(3, "durationMs", durationMs, 100, 5000);
        Fields.range(4, "maxMovementCounts", maxMovementCounts, 1, 0xFFFF);
    }

    @Override
    public MessageType type() {
        return MessageType.BRAKE_TEST;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU8(dst, off + 0, winch);
        Wire.putU8(dst, off + 1, brake.code());
        Wire.putU16(dst, off + 2, torquePermille);
        Wire.putU16(dst, off + 4, durationMs);
        Wire.putU16(dst, off + 6, maxMovementCounts);
    }

    static BrakeTest decode(byte[] b, int off, int len) {
        return Fields.decoded(() -> new BrakeTest(
                Wire.u8(b, off + 0),
                BrakeId.fromCode(Wire.u8(b, off + 1)),
                Wire.u16(b, off + 2),
                Wire.u16(b, off + 4),
                Wire.u16(b, off + 6)), b, off, 1, 1);
    }
}
