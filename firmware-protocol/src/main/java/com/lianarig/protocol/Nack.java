package com.lianarig.protocol;

/**
 * Node to host: a command was refused, with the reason.
 *
 * <p>Payload: 4 bytes, u8 nackedSeq, u8 nackedMessageId, u8 reason, u8 detail.
 *
 * @param nackedSeq SEQ of the command frame
 * @param nackedMessageId MSG of the command frame
 * @param reason why
 * @param detail reason-specific: field index, WinchState or NodeFault code, else 0
 */
public record Nack(int nackedSeq, int nackedMessageId, NackReason reason, int detail) implements Message {
    static final int PAYLOAD_LENGTH = 4;

    public Nack {
        Fields.range(0, "nackedSeq", nackedSeq, 0, 255);
        Fields.range(1, "nackedMessageId", nackedMessageId, 0, 255);
        Fields.notNull(2, "reason", reason);
        Fields.range(3, "detail", detail, 0, 255);
    }

    @Override
    public MessageType type() {
        return MessageType.NACK;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU8(dst, off + 0, nackedSeq);
        Wire.putU8(dst, off + 1, nackedMessageId);
        Wire.putU8(dst, off + 2, reason.code());
        Wire.putU8(dst, off + 3, detail);
    }

    static Nack decode(byte[] b, int off, int len) {
        return Fields.decoded(() -> new Nack(
                Wire.u8(b, off + 0),
                Wire.u8(b, off + 1),
                NackReason.fromCode(Wire.u8(b, off + 2)),
                Wire.u8(b, off + 3)), b, off, 2, 2);
    }
}
