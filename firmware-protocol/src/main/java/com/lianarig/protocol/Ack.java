package com.lianarig.protocol;

/**
 * Node to host: a command was accepted (or had already been, for a retransmission).
 *
 * <p>Payload: 2 bytes, u8 ackedSeq, u8 ackedMessageId.
 *
 * @param ackedSeq SEQ of the command frame
 * @param ackedMessageId MSG of the command frame
 */
public record Ack(int ackedSeq, int ackedMessageId) implements Message {
    static final int PAYLOAD_LENGTH = 2;

    public Ack {
        Fields.range(0, "ackedSeq", ackedSeq, 0, 255);
        Fields.range(1, "ackedMessageId", ackedMessageId, 0, 255);
    }

    @Override
    public MessageType type() {
        return MessageType.ACK;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU8(dst, off + 0, ackedSeq);
        Wire.putU8(dst, off + 1, ackedMessageId);
    }

    static Ack decode(byte[] b, int off, int len) {
        return new Ack(
                Wire.u8(b, off + 0),
                Wire.u8(b, off + 1));
    }
}
