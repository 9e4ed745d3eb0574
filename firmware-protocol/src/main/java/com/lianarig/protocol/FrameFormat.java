package com.lianarig.protocol;

/**
 * The frame layout shared by both directions of a host/node link.
 *
 * <pre>
 *  offset  0      1      2      3      4      5      6 ........ 6+N-1  6+N ... 6+N+3
 *        +------+------+------+------+------+------+-------------------+---------------+
 *        | 0xA5 | 0x5A | LEN  | ADDR | SEQ  | MSG  |  payload (N=LEN)  | CRC-32C (LE)  |
 *        +------+------+------+------+------+------+-------------------+---------------+
 *         \--- sync --/ \--------------- covered by the CRC ----------/
 *
 *  ADDR: bit 7 = 1 on frames sent by a node, 0 on frames sent by the host;
 *        bits 6..0 = the node's address, 1..127.
 * </pre>
 *
 * <p>The CRC is CRC-32C (Castagnoli) over LEN, ADDR, SEQ, MSG and the payload.
 */
public final class FrameFormat {
    private FrameFormat() {
    }

    public static final int SYNC_0 = 0xA5;
    public static final int SYNC_1 = 0x5A;
    /** Sync, LEN, ADDR, SEQ, MSG. */
    public static final int HEADER_LENGTH = 6;
    public static final int CRC_LENGTH = 4;
    public static final int MAX_FRAME_LENGTH = 256;
    public static final int MAX_PAYLOAD_LENGTH = MAX_FRAME_LENGTH - HEADER_LENGTH - CRC_LENGTH;

    public static final int OFFSET_LEN = 2;
    public static final int OFFSET_ADDR = 3;
    public static final int OFFSET_SEQ = 4;
    public static final int OFFSET_MSG = 5;
    public static final int OFFSET_PAYLOAD = 6;

    public static final int FROM_NODE_BIT = 0x80;
    public static final int MIN_NODE_ADDRESS = 1;
    public static final int MAX_NODE_ADDRESS = 127;

    /** Frame length for a payload of {@code payloadLength} bytes. */
    public static int frameLength(int payloadLength) {
        return HEADER_LENGTH + payloadLength + CRC_LENGTH;
    }
}
