package com.lianarig.protocol;

/**
 * Host to node, acknowledged: apply both brakes of a winch, or release them to follow set-points.
 *
 * <p>Payload: 2 bytes, u8 winch, u8 action.
 *
 * @param winch winch index on this node
 * @param action 0 = apply, 1 = release
 */
public record Brake(int winch, BrakeAction action) implements Message {
    static final int PAYLOAD_LENGTH = 2;

    public Brake {
        Fields.range(0, "winch", winch, 0, 7);
        Fields.notNull(1, "action", action);
    }

    @Override
    public MessageType type() {
        return MessageType.BRAKE;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU8(dst, off + 0, winch);
        Wire.putU8(dst, off + 1, action.code());
    }

    static Brake decode(byte[] b, int off, int len) {
        return Fields.decoded(() -> new Brake(
                Wire.u8(b, off + 0),
                BrakeAction.fromCode(Wire.u8(b, off + 1))), b, off, 1, 1);
    }
}
