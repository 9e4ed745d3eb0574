package com.lianarig.protocol;

/**
 * Host to node, acknowledged, executed on receipt even when a duplicate: stop the masked winches in the given category.
 *
 * <p>Payload: 2 bytes, u8 winchMask, u8 category.
 *
 * @param winchMask bit i set = stop winch i
 * @param category 0 = cat 0, 1 = cat 1
 */
public record Stop(int winchMask, StopCategory category) implements Message {
    static final int PAYLOAD_LENGTH = 2;

    public Stop {
        Fields.range(0, "winchMask", winchMask, 1, 255);
        Fields.notNull(1, "category", category);
    }

    @Override
    public MessageType type() {
        return MessageType.STOP;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU8(dst, off + 0, winchMask);
        Wire.putU8(dst, off + 1, category.code());
    }

    static Stop decode(byte[] b, int off, int len) {
        return Fields.decoded(() -> new Stop(
                Wire.u8(b, off + 0),
                StopCategory.fromCode(Wire.u8(b, off + 1))), b, off, 1, 1);
    }
}
