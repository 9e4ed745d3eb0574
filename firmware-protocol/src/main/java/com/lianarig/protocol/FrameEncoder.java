package com.lianarig.protocol;

import static com.lianarig.protocol.FrameFormat.CRC_LENGTH;
import static com.lianarig.protocol.FrameFormat.HEADER_LENGTH;
import static com.lianarig.protocol.FrameFormat.OFFSET_ADDR;
import static com.lianarig.protocol.FrameFormat.OFFSET_LEN;
import static com.lianarig.protocol.FrameFormat.OFFSET_MSG;
import static com.lianarig.protocol.FrameFormat.OFFSET_PAYLOAD;
import static com.lianarig.protocol.FrameFormat.OFFSET_SEQ;

import java.util.zip.CRC32C;

/**
 * Writes frames (layout in {@link FrameFormat}) into a caller's array. Allocates nothing, so the
 * control loop can stream set-points through it.
 *
 * <p>Not thread-safe: one encoder per writing thread.
 */
public final class FrameEncoder {
    private final CRC32C crc = new CRC32C();

    /**
     * Encodes {@code message} as one frame at {@code dst[off]}.
     *
     * @param nodeAddress the node's address, 1..127 (the destination for host frames, the source for node frames)
     * @param seq the SEQ byte, 0..255 (PROTOCOL.md section 5)
     * @return the frame length in bytes
     * @throws IllegalArgumentException if the message does not travel in {@code direction}, or the
     *         address or seq is out of range
     */
    public int encode(Direction direction, int nodeAddress, int seq, Message message, byte[] dst, int off) {
        MessageType type = message.type();
        int payloadLength = message.payloadLength();
        writeHeader(direction, nodeAddress, seq, type, payloadLength, dst, off);
        message.writePayload(dst, off + OFFSET_PAYLOAD);
        return finish(dst, off, payloadLength);
    }

    /** Encodes a frame whose payload the caller has already written into {@code payload}. */
    public int encode(Direction direction, int nodeAddress, int seq, MessageType type, byte[] payload,
            int payloadOff, int payloadLength, byte[] dst, int off) {
        if (payloadLength < type.minPayloadLength() || payloadLength > type.maxPayloadLength()) {
            throw new IllegalArgumentException(type + " payload of " + payloadLength + " bytes is outside "
                    + type.minPayloadLength() + ".." + type.maxPayloadLength());
        }
        writeHeader(direction, nodeAddress, seq, type, payloadLength, dst, off);
        System.arraycopy(payload, payloadOff, dst, off + OFFSET_PAYLOAD, payloadLength);
        return finish(dst, off, payloadLength);
    }

    /** Convenience for tools and tests: the frame as a new array. */
    public byte[] encode(Direction direction, int nodeAddress, int seq, Message message) {
        byte[] frame = new byte[FrameFormat.frameLength(message.payloadLength())];
        encode(direction, nodeAddress, seq, message, frame, 0);
        return frame;
    }

    private static void writeHeader(Direction direction, int nodeAddress, int seq, MessageType type,
            int payloadLength, byte[] dst, int off) {
        if (type.direction() != direction) {
            throw new IllegalArgumentException(type + " is sent " + type.direction() + ", not " + direction);
        }
        if (nodeAddress < FrameFormat.MIN_NODE_ADDRESS || nodeAddress > FrameFormat.MAX_NODE_ADDRESS) {
            throw new IllegalArgumentException("node address " + nodeAddress + " is outside 1..127");
        }
        if (seq < 0 || seq > 255) {
            throw new IllegalArgumentException("seq " + seq + " is outside 0..255");
        }
        dst[off] = (byte) FrameFormat.SYNC_0;
        dst[off + 1] = (byte) FrameFormat.SYNC_1;
        dst[off + OFFSET_LEN] = (byte) payloadLength;
        dst[off + OFFSET_ADDR] = (byte) (nodeAddress | direction.addressBit());
        dst[off + OFFSET_SEQ] = (byte) seq;
        dst[off + OFFSET_MSG] = (byte) type.code();
    }

    private int finish(byte[] dst, int off, int payloadLength) {
        crc.reset();
        crc.update(dst, off + OFFSET_LEN, HEADER_LENGTH - OFFSET_LEN + payloadLength);
        Wire.putU32(dst, off + HEADER_LENGTH + payloadLength, crc.getValue());
        return HEADER_LENGTH + payloadLength + CRC_LENGTH;
    }
}
