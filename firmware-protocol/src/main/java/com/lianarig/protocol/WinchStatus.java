package com.lianarig.protocol;

/**
 * Node to host, streamed at the status rate (at least 50 Hz) per winch: encoder, set-point echo, brakes, limit
 * switches, referenced flag, fault.
 *
 * <p>Payload: 27 bytes, u32 nodeTimeUs, u8 winch, u8 state, i32 positionCounts, i32 velocityCountsPerS, i32
 * setpointPositionCounts, i32 setpointVelocityCountsPerS, u16 flags, u8 fault, i16 driveTorquePermille.
 *
 * @param nodeTimeUs node clock when the encoder was read, microseconds, wrapping
 * @param winch winch index on this node
 * @param state what the winch is doing
 * @param positionCounts encoder position, counts
 * @param velocityCountsPerS measured velocity, counts/s
 * @param setpointPositionCounts echo of the set-point being followed (after node clamping), counts
 * @param setpointVelocityCountsPerS echo of the set-point velocity, counts/s
 * @param flags WinchStatus.FLAG_* bits; reserved bits are 0
 * @param fault the latched or most recent fault, NONE if none
 * @param driveTorquePermille drive torque, per mille of rated (positive = lifting)
 */
public record WinchStatus(long nodeTimeUs, int winch, WinchState state, int positionCounts,
        int velocityCountsPerS, int setpointPositionCounts, int setpointVelocityCountsPerS, int flags,
        NodeFault fault, int driveTorquePermille) implements Message {
    static final int PAYLOAD_LENGTH = 27;

    public static final int FLAG_MOTOR_BRAKE_ENGAGED = 1;
    public static final int FLAG_DRUM_BRAKE_ENGAGED = 1 << 1;
    public static final int FLAG_LOWER_LIMIT = 1 << 2;
    public static final int FLAG_UPPER_LIMIT = 1 << 3;
    public static final int FLAG_REFERENCED = 1 << 4;
    public static final int FLAG_DRIVE_POWERED = 1 << 5;

    public boolean motorBrakeEngaged() {
        return (flags & FLAG_MOTOR_BRAKE_ENGAGED) != 0;
    }

    public boolean drumBrakeEngaged() {
        return (flags & FLAG_DRUM_BRAKE_ENGAGED) != 0;
    }

    public boolean lowerLimit() {
        return (flags & FLAG_LOWER_LIMIT) != 0;
    }

    public boolean upperLimit() {
        return (flags & FLAG_UPPER_LIMIT) != 0;
    }

    public boolean referenced() {
        return (flags & FLAG_REFERENCED) != 0;
    }

    public boolean drivePowered() {
        return (flags & FLAG_DRIVE_POWERED) != 0;
    }

    public WinchStatus {
        Fields.range(0, "nodeTimeUs", nodeTimeUs, 0L, Fields.U32_MAX);
        Fields.range(1, "winch", winch, 0, 7);
        Fields.notNull(2, "state", state);
        Fields.range(7, "flags", flags, 0, 0x3F);
        Fields.notNull(8, "fault", fault);
        Fields.range(9, "driveTorquePermille", driveTorquePermille, -1000, 1000);
    }

    @Override
    public MessageType type() {
        return MessageType.WINCH_STATUS;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU32(dst, off + 0, nodeTimeUs);
        Wire.putU8(dst, off + 4, winch);
        Wire.putU8(dst, off + 5, state.code());
        Wire.putI32(dst, off + 6, positionCounts);
        Wire.putI32(dst, off + 10, velocityCountsPerS);
        Wire.putI32(dst, off + 14, setpointPositionCounts);
        Wire.putI32(dst, off + 18, setpointVelocityCountsPerS);
        Wire.putU16(dst, off + 22, flags);
        Wire.putU8(dst, off + 24, fault.code());
        Wire.putU16(dst, off + 25, driveTorquePermille);
    }

    static WinchStatus decode(byte[] b, int off, int len) {
        return Fields.decoded(() -> new WinchStatus(
                Wire.u32(b, off + 0),
                Wire.u8(b, off + 4),
                WinchState.fromCode(Wire.u8(b, off + 5)),
                Wire.i32(b, off + 6),
                Wire.i32(b, off + 10),
                Wire.i32(b, off + 14),
                Wire.i32(b, off + 18),
                Wire.u16(b, off + 22),
                NodeFault.fromCode(Wire.u8(b, off + 24)),
                Wire.i16(b, off + 25)), b, off, 2, 5, 8, 24);
    }
}
