package com.lianarig.sim.node;

import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FrameFormat;
import com.lianarig.protocol.MessageType;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A deliberate protocol fault in the virtual node's firmware, so that {@code rig conformance} (and
 * whoever tests a host) can be shown catching a node that breaks PROTOCOL.md. {@link #NONE} is the
 * correct node; each other value breaks exactly one rule, named with its section.
 *
 * <p>Set with {@link VirtualNode#injectProtocolFault} (tests) or {@code rig sim --protocol-fault}.
 */
public enum ProtocolFault {
    /** A correct node. */
    NONE("none: the node follows PROTOCOL.md"),
    /** Section 6.1/8: IDENTIFY carries a definition hash other than the build's. */
    WRONG_DEFINITION_HASH("IDENTIFY carries another protocol-definition hash (section 8)"),
    /** Sections 6.2/7.9: the heartbeat watchdog never expires. */
    NO_HEARTBEAT_WATCHDOG("the heartbeat watchdog never expires (section 7.9)"),
    /** Sections 6.2/7.10: SHUTDOWN ends by itself when heartbeats return, without CLEAR_SHUTDOWN. */
    SHUTDOWN_NOT_STICKY("SHUTDOWN ends by itself when heartbeats return (section 6.2)"),
    /** Section 5.3: no duplicate history; a retransmitted command is executed again. */
    EXECUTES_RETRANSMISSIONS("a retransmitted command is executed again (section 5.3)"),
    /** Sections 7.4/9.2: a following winch keeps following when set-points stop. */
    NO_SET_POINT_GAP_STOP("a following winch keeps following when set-points stop (section 7.4)"),
    /** Sections 3/4: the CRC is not checked; a corrupted frame is acted on and answered. */
    IGNORES_CRC("the CRC is not checked: corrupted frames are acted on (sections 3, 4)"),
    /**
     * Section 7.3, Annex B.20: protocol version 1's soft-limit clamp, to the limit whatever the
     * direction: a winch below its lower limit asked down is driven up to it.
     */
    CLAMPS_TO_THE_SOFT_LIMIT("a set-point outside the soft limits is clamped to the limit, driving a winch outside"
            + " them the other way (section 7.3, Annex B.20)");

    /** The definition hash a {@link #WRONG_DEFINITION_HASH} node claims instead of the real one. */
    static long claimedHash(ProtocolFault fault, long realHash) {
        return fault == WRONG_DEFINITION_HASH ? realHash ^ 0x0000_0100L : realHash;
    }

    /**
     * What an {@link #IGNORES_CRC} node does to its receive buffer (in read mode) before decoding: every
     * complete candidate (sync, a host message, a LEN within its bounds) gets the CRC its bytes would
     * have, so the decoder takes it whatever arrived.
     */
    static void forgeCrcs(ByteBuffer rx) {
        CRC32C crc = new CRC32C();
        for (int p = rx.position(); p + FrameFormat.HEADER_LENGTH <= rx.limit(); p++) {
            if ((rx.get(p) & 0xFF) != FrameFormat.SYNC_0 || (rx.get(p + 1) & 0xFF) != FrameFormat.SYNC_1) {
                continue;
            }
            int length = rx.get(p + FrameFormat.OFFSET_LEN) & 0xFF;
            MessageType type = MessageType.fromCode(rx.get(p + FrameFormat.OFFSET_MSG) & 0xFF);
            if (type == null || type.direction() != Direction.HOST_TO_NODE || length < type.minPayloadLength()
                    || length > type.maxPayloadLength() || p + FrameFormat.frameLength(length) > rx.limit()) {
                continue;
            }
            crc.reset();
            for (int i = p + FrameFormat.OFFSET_LEN; i < p + FrameFormat.OFFSET_PAYLOAD + length; i++) {
                crc.update(rx.get(i));
            }
            int c = (int) crc.getValue();
            for (int i = 0; i < FrameFormat.CRC_LENGTH; i++) {
                rx.put(p + FrameFormat.OFFSET_PAYLOAD + length + i, (byte) (c >>> (8 * i)));
            }
        }
    }

    private final String meaning;

    ProtocolFault(String meaning) {
        this.meaning = meaning;
    }

    /** What the fault breaks, with the PROTOCOL.md section. */
    public String meaning() {
        return meaning;
    }
}
