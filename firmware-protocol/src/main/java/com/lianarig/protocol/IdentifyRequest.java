package com.lianarig.protocol;

/**
 * Host to node: asks the node to identify itself; clears the node's duplicate-command history.
 *
 * <p>Payload: 5 bytes, u8 protocolVersion, u32 definitionHash.
 *
 * @param protocolVersion the host's protocol version
 * @param definitionHash the host's protocol-definition hash
 */
public record IdentifyRequest(int protocolVersion, long definitionHash) implements Message {
    static final int PAYLOAD_LENGTH = 5;

    public IdentifyRequest {
        Fields.range(0, "protocolVersion", protocolVersion, 1, 255);
        Fields.range(1, "definitionHash", definitionHash, 0L, Fields.U32_MAX);
    }

    @Override
    public MessageType type() {
        return MessageType.IDENTIFY_REQUEST;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU8(dst, off + 0, protocolVersion);
        Wire.putU32(dst, off + 1, definitionHash);
    }

    static IdentifyRequest decode(byte[] b, int off, int len) {
        return new IdentifyRequest(
                Wire.u8(b, off + 0),
                Wire.u32(b, off + 1));
    }
}
