package com.lianarig.protocol;

/**
 * Node to host: the outcome of a BRAKE_TEST.
 *
 * <p>Payload: 13 bytes, u32 nodeTimeUs, u8 winch, u8 brake, u8 outcome, i32 movementCounts, u16 torquePermille.
 *
 * @param nodeTimeUs node clock at the end of the test, microseconds, wrapping
 * @param winch winch index on this node
 * @param brake the brake tested
 * @param outcome held, slipped or aborted
 * @param movementCounts encoder movement during the test, counts
 * @param torquePermille torque actually applied, per mille of rated
 */
public record BrakeTestResult(long nodeTimeUs, int winch, BrakeId brake, BrakeTestOutcome outcome,
        int movementCounts, int torquePermille) implements Message {
    static final int PAYLOAD_LENGTH = 13;

    public BrakeTestResult {
        Fields.range(0, "nodeTimeUs", nodeTimeUs, 0L, Fields.U32_MAX);
        Fields.range(1, "winch", winch, 0, 7);
        Fields.notNull(2, "brake", brake);
        Fields.notNull(3, "outcome", outcome);
        Fields.range(5, "torquePermille", torquePermille, 0, 1000);
    }

    @Override
    public MessageType type() {
        return MessageType.BRAKE_TEST_RESULT;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU32(dst, off + 0, nodeTimeUs);
        Wire.putU8(dst, off + 4, winch);
        Wire.putU8(dst, off + 5, brake.code());
        Wire.putU8(dst, off + 6, outcome.code());
        Wire.putI32(dst, off + 7, movementCounts);
        Wire.putU16(dst, off + 11, torquePermille);
    }

    static BrakeTestResult decode(byte[] b, int off, int len) {
        return Fields.decoded(() -> new BrakeTestResult(
                Wire.u32(b, off + 0),
                Wire.u8(b, off + 4),
                BrakeId.fromCode(Wire.u8(b, off + 5)),
                BrakeTestOutcome.fromCode(Wire.u8(b, off + 6)),
                Wire.i32(b, off + 7),
                Wire.u16(b, off + 11)), b, off, 2, 5, 3, 6);
    }
}
