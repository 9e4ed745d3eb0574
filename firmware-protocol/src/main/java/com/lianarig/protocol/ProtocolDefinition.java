package com.lianarig.protocol;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The protocol definition as canonical text, and its hash. Like MAVLink's CRC_EXTRA or Klipper's
 * data dictionary: the text lists every message (id, direction, delivery, layout) and every coded
 * value, so any change to what is on the wire changes {@link #HASH}, and a host and a node built from
 * different definitions refuse to run together (the host checks IDENTIFY's definitionHash).
 *
 * <p>Each message line carries its payload length bounds too (they follow from limits such as the
 * 16 load channels or the 32-character serial). PROTOCOL.md section 8 prints the text; a test keeps
 * it equal to {@link #canonicalText()}.
 */
public final class ProtocolDefinition {
    private ProtocolDefinition() {
    }

    /**
     * The protocol version in IDENTIFY and IDENTIFY_REQUEST: 2 since PROTOCOL.md Annex B points 17..26
     * (issue 17), version 1's frames and fields with the node's behaviour settled where version 1 left
     * it open (the set-point echo, NOT_READY, soft limits of an unreferenced or out-of-range winch,
     * CLEAR_SHUTDOWN, BUSY, protocolVersion 0, DRIVE_POWERED, BRAKE APPLY while stopping). The first
     * line of the canonical text carries it, so the definition hash changed too: a version 1 node is
     * refused.
     */
    public static final int PROTOCOL_VERSION = 2;

    private static final String TEXT = buildText();

    /** CRC-32C of the UTF-8 canonical text. */
    public static final long HASH = crc32c(TEXT);

    /** The canonical definition text, lines ending in LF. */
    public static String canonicalText() {
        return TEXT;
    }

    private static String buildText() {
        StringBuilder s = new StringBuilder();
        s.append("liana-rig-protocol ").append(PROTOCOL_VERSION).append('\n');
        s.append("frame sync=A5 5A header=6 crc=CRC-32C/LE max=").append(FrameFormat.MAX_FRAME_LENGTH).append('\n');
        for (MessageType t : MessageType.values()) {
            s.append(String.format("msg %02X %s %s %s len=%d..%d: %s", t.code(), t.name(), t.direction(),
                    t.delivery(), t.minPayloadLength(), t.maxPayloadLength(),
                    t.layout().isEmpty() ? "(no payload)" : t.layout())).append('\n');
        }
        appendEnum(s, "StopCategory", StopCategory.values());
        appendEnum(s, "BrakeAction", BrakeAction.values());
        appendEnum(s, "BrakeId", BrakeId.values());
        appendEnum(s, "ReferenceMode", ReferenceMode.values());
        appendEnum(s, "ChannelStatus", ChannelStatus.values());
        appendEnum(s, "WinchState", WinchState.values());
        appendEnum(s, "NodeFault", NodeFault.values());
        appendEnum(s, "NackReason", NackReason.values());
        appendEnum(s, "NodeState", NodeState.values());
        appendEnum(s, "ResetCause", ResetCause.values());
        appendEnum(s, "BrakeTestOutcome", BrakeTestOutcome.values());
        s.append("flags WinchStatus.flags: MOTOR_BRAKE_ENGAGED=0x01 DRUM_BRAKE_ENGAGED=0x02 LOWER_LIMIT=0x04"
                + " UPPER_LIMIT=0x08 REFERENCED=0x10 DRIVE_POWERED=0x20\n");
        s.append("flags Identify.capabilities: BRAKE_TEST=0x01 HOMING=0x02 BRAKE_FEEDBACK=0x04 DRIVE_TORQUE=0x08"
                + " RS485=0x10\n");
        return s.toString();
    }

    private static void appendEnum(StringBuilder s, String name, WireCode[] values) {
        s.append("enum ").append(name).append(':');
        for (WireCode v : values) {
            s.append(' ').append(v.name()).append('=').append(v.code());
        }
        s.append('\n');
    }

    static long crc32c(String text) {
        CRC32C crc = new CRC32C();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }
}
