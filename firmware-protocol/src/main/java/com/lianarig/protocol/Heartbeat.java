package com.lianarig.protocol;

/**
 * Host to node, streamed every 50 ms: feeds the node's heartbeat watchdog (SR-9).
 *
 * <p>Payload: 4 bytes, u32 hostTimeMs.
 *
 * @param hostTimeMs host monotonic time, ms, wrapping; for logs only
 */
public record Heartbeat(long hostTimeMs) implements Message {
    static final int PAYLOAD_LENGTH = 4;

    public Heartbeat {
        Fields.range(0, "hostTimeMs", hostTimeMs, 0L, Fields.U32_MAX);
    }

    @Override
    public MessageType type() {
        return MessageType.HEARTBEAT;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU32(dst, off + 0, hostTimeMs);
    }

    static Heartbeat decode(byte[] b, int off, int len) {
        return new Heartbeat(
                Wire.u32(b, off + 0));
    }
}
