package com.lianarig.protocol;

import java.util.HexFormat;

/**
 * One decoded frame, reused from frame to frame: {@link FrameDecoder} copies each frame it accepts
 * into this view's own buffer, so the view stays valid after the input buffer is compacted, until
 * the next {@code decode} into it.
 *
 * <p>Owned by the thread that decodes into it.
 */
public final class FrameView {
    final byte[] frame = new byte[FrameFormat.MAX_FRAME_LENGTH];
    int frameLength;
    Direction direction;
    int nodeAddress;
    int seq;
    MessageType type;

    public Direction direction() {
        return direction;
    }

    /** The node's address, 1..127. */
    public int nodeAddress() {
        return nodeAddress;
    }

    /** The SEQ byte, 0..255. */
    public int seq() {
        return seq;
    }

    public MessageType type() {
        return type;
    }

    /** The frame's bytes, from the first sync byte; only the first {@link #frameLength()} count. */
    public byte[] bytes() {
        return frame;
    }

    public int frameLength() {
        return frameLength;
    }

    public int payloadOffset() {
        return FrameFormat.OFFSET_PAYLOAD;
    }

    public int payloadLength() {
        return frameLength - FrameFormat.HEADER_LENGTH - FrameFormat.CRC_LENGTH;
    }

    /**
     * Decodes the payload into its immutable record (allocates; the hot path uses the views).
     *
     * @throws ProtocolException when the payload breaks the message's layout or a field's range
     */
    public Message toMessage() throws ProtocolException {
        return type.decode(frame, FrameFormat.OFFSET_PAYLOAD, payloadLength());
    }

    /** The frame as spaced hex, for logs and tools. */
    public String toHex() {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(frame, 0, frameLength);
    }

    @Override
    public String toString() {
        return type + " " + direction + " node=" + nodeAddress + " seq=" + seq + " len=" + payloadLength();
    }
}
