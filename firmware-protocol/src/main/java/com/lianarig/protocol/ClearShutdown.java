package com.lianarig.protocol;

/**
 * Host to node, acknowledged: clears the sticky heartbeat shutdown and the latched node-side trips
 * whose cause is gone. The node refuses it (NACK HEARTBEAT_NOT_ALIVE) unless heartbeats are arriving
 * again, and (NACK FAULT_PRESENT) while a trip's cause remains. Winches come back BRAKED; nothing
 * moves until the host releases a brake. Payload: none.
 */
public record ClearShutdown() implements Message {
    @Override
    public MessageType type() {
        return MessageType.CLEAR_SHUTDOWN;
    }

    @Override
    public int payloadLength() {
        return 0;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        // no payload
    }

    static ClearShutdown decode(byte[] b, int off, int len) {
        return new ClearShutdown();
    }
}
