package com.lianarig.protocol;

import static com.lianarig.protocol.FrameFormat.CRC_LENGTH;
import static com.lianarig.protocol.FrameFormat.HEADER_LENGTH;
import static com.lianarig.protocol.FrameFormat.OFFSET_ADDR;
import static com.lianarig.protocol.FrameFormat.OFFSET_LEN;
import static com.lianarig.protocol.FrameFormat.OFFSET_MSG;
import static com.lianarig.protocol.FrameFormat.OFFSET_SEQ;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Streaming frame decoder after Netty's contract: {@link #decode} takes bytes from the front of a
 * buffer (in read mode) and returns one frame at a time.
 *
 * <ul>
 *   <li>An incomplete frame consumes nothing: the buffer's position stays on its first sync byte
 *       until the rest has arrived.</li>
 *   <li>Bytes before a sync are skipped ({@link #garbageBytes()}).</li>
 *   <li>A candidate whose LEN exceeds what its message (or {@link FrameFormat#MAX_PAYLOAD_LENGTH})
 *       allows ({@link #badLength()}), or whose CRC does not match ({@link #badCrc()}), is abandoned
 *       by skipping its first sync byte only, so a real frame that starts inside it is still found.</li>
 *   <li>A frame with a good CRC but a message id this definition lacks ({@link #unknownMessage()}),
 *       an address of 0 or a direction this decoder does not accept ({@link #wrongDirection()}) is
 *       skipped whole.</li>
 * </ul>
 *
 * <p>Allocates nothing. Owned by one thread (the link's reader).
 */
public final class FrameDecoder {
    private final Direction accepted;
    private final CRC32C crc = new CRC32C();

    private long frames;
    private long garbageBytes;
    private long badLength;
    private long badCrc;
    private long unknownMessage;
    private long wrongDirection;
    private int lastUnknownAddress;
    private int lastUnknownSeq;
    private int lastUnknownMessageId;

    /**
     * @param accepted the direction of the frames to return (the host decodes
     *        {@link Direction#NODE_TO_HOST}; a bus echo of its own frames is dropped), or null for both
     */
    public FrameDecoder(Direction accepted) {
        this.accepted = accepted;
    }

    /**
     * Decodes the next frame from {@code in} into {@code out}.
     *
     * @return true when a frame was decoded (the position is then past it); false when the buffer
     *         holds no complete frame (the position is then on the start of a possible frame, or at
     *         the limit)
     */
    public boolean decode(ByteBuffer in, FrameView out) {
        while (in.hasRemaining()) {
            int p = in.position();
            int available = in.limit() - p;
            if ((in.get(p) & 0xFF) != FrameFormat.SYNC_0) {
                skip(in, p);
                continue;
            }
            if (available < 2) {
                return false;
            }
            if ((in.get(p + 1) & 0xFF) != FrameFormat.SYNC_1) {
                skip(in, p);
                continue;
            }
            if (available < HEADER_LENGTH) {
                return false;
            }
            int payloadLength = in.get(p + OFFSET_LEN) & 0xFF;
            MessageType type = MessageType.fromCode(in.get(p + OFFSET_MSG) & 0xFF);
            if (type != null
                    ? payloadLength < type.minPayloadLength() || payloadLength > type.maxPayloadLength()
                    : payloadLength > FrameFormat.MAX_PAYLOAD_LENGTH) {
                badLength++;
                in.position(p + 1);
                continue;
            }
            int frameLength = HEADER_LENGTH + payloadLength + CRC_LENGTH;
            if (available < frameLength) {
                return false;
            }
            byte[] frame = out.frame;
            in.get(p, frame, 0, frameLength);
            crc.reset();
            crc.update(frame, OFFSET_LEN, HEADER_LENGTH - OFFSET_LEN + payloadLength);
            if ((int) crc.getValue() != Wire.i32(frame, HEADER_LENGTH + payloadLength)) {
                badCrc++;
                in.position(p + 1);
                continue;
            }
            in.position(p + frameLength);
            int address = frame[OFFSET_ADDR] & 0xFF;
            Direction direction = (address & FrameFormat.FROM_NODE_BIT) != 0
                    ? Direction.NODE_TO_HOST : Direction.HOST_TO_NODE;
            int nodeAddress = address & ~FrameFormat.FROM_NODE_BIT;
            if (type == null) {
                unknownMessage++;
                lastUnknownAddress = address;
                lastUnknownSeq = frame[OFFSET_SEQ] & 0xFF;
                lastUnknownMessageId = frame[OFFSET_MSG] & 0xFF;
                continue;
            }
            if (nodeAddress == 0 || type.direction() != direction || (accepted != null && direction != accepted)) {
                wrongDirection++;
                continue;
            }
            out.frameLength = frameLength;
            out.direction = direction;
            out.nodeAddress = nodeAddress;
            out.seq = frame[OFFSET_SEQ] & 0xFF;
            out.type = type;
            frames++;
            return true;
        }
        return false;
    }

    private void skip(ByteBuffer in, int p) {
        garbageBytes++;
        in.position(p + 1);
    }

    /** Frames returned. */
    public long frames() {
        return frames;
    }

    /** Bytes skipped while looking for a sync. */
    public long garbageBytes() {
        return garbageBytes;
    }

    /** Candidates abandoned because LEN was impossible for their message. */
    public long badLength() {
        return badLength;
    }

    /** Candidates abandoned because the CRC did not match. */
    public long badCrc() {
        return badCrc;
    }

    /** Frames with a good CRC and a message id this definition lacks. */
    public long unknownMessage() {
        return unknownMessage;
    }

    /** The ADDR byte of the last frame counted in {@link #unknownMessage()} (a node NACKs it). */
    public int lastUnknownAddress() {
        return lastUnknownAddress;
    }

    /** The SEQ of the last frame counted in {@link #unknownMessage()}. */
    public int lastUnknownSeq() {
        return lastUnknownSeq;
    }

    /** The MSG of the last frame counted in {@link #unknownMessage()}. */
    public int lastUnknownMessageId() {
        return lastUnknownMessageId;
    }

    /** Frames with a good CRC from the wrong side, with address 0, or in a direction not accepted. */
    public long wrongDirection() {
        return wrongDirection;
    }

    /** All drops, for a one-line summary. */
    public long drops() {
        return garbageBytes + badLength + badCrc + unknownMessage + wrongDirection;
    }

    @Override
    public String toString() {
        return "frames=" + frames + " garbageBytes=" + garbageBytes + " badLength=" + badLength + " badCrc="
                + badCrc + " unknownMessage=" + unknownMessage + " wrongDirection=" + wrongDirection;
    }
}
