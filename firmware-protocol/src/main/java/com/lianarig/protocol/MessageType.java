package com.lianarig.protocol;

import static com.lianarig.protocol.Delivery.COMMAND;
import static com.lianarig.protocol.Delivery.REPLY;
import static com.lianarig.protocol.Delivery.STREAM;
import static com.lianarig.protocol.Direction.HOST_TO_NODE;
import static com.lianarig.protocol.Direction.NODE_TO_HOST;

/**
 * The message catalogue: wire id, who sends it, how it is delivered, its payload layout and its
 * decoder, reached through one table ({@link #fromCode}). The layouts are the protocol definition:
 * {@link ProtocolDefinition} hashes them, so a node and a host built from different tables refuse
 * to run together.
 *
 * <p>Layout notation (PROTOCOL.md section 7): {@code u8 u16 u32 i16 i24 i32} little-endian
 * integers; {@code n x {..}} a group repeated n times; {@code n x char} n ASCII bytes.
 */
public enum MessageType {
    IDENTIFY_REQUEST(0x01, HOST_TO_NODE, STREAM, 5, 5,
            "u8 protocolVersion, u32 definitionHash", IdentifyRequest::decode),
    CONFIGURE_NODE(0x02, HOST_TO_NODE, COMMAND, 10, 10,
            "u16 sampleRateHz, u16 statusRateHz, u16 setpointGapMs, u16 heartbeatTimeoutMs, u16 channelMask",
            ConfigureNode::decode),
    CONFIGURE_WINCH(0x03, HOST_TO_NODE, COMMAND, 31, 31,
            "u8 winch, u32 maxAscentCountsPerS, u32 maxDescentCountsPerS, u32 maxAccelCountsPerS2,"
                    + " u16 overspeedPercent, u32 maxFollowingErrorCounts, i32 softLimitLowCounts,"
                    + " i32 softLimitHighCounts, u32 unreferencedMaxCountsPerS",
            ConfigureWinch::decode),
    SET_POINT(0x10, HOST_TO_NODE, STREAM, 9, 9,
            "u8 winch, i32 positionCounts, i32 velocityCountsPerS", SetPoint::decode),
    STOP(0x11, HOST_TO_NODE, COMMAND, 2, 2,
            "u8 winchMask, u8 category", Stop::decode),
    BRAKE(0x12, HOST_TO_NODE, COMMAND, 2, 2,
            "u8 winch, u8 action", Brake::decode),
    BRAKE_TEST(0x13, HOST_TO_NODE, COMMAND, 8, 8,
            "u8 winch, u8 brake, u16 torquePermille, u16 durationMs, u16 maxMovementCounts", BrakeTest::decode),
    REFERENCE(0x14, HOST_TO_NODE, COMMAND, 10, 10,
            "u8 winch, u8 mode, i32 positionCounts, u32 homingSpeedCountsPerS", Reference::decode),
    HEARTBEAT(0x15, HOST_TO_NODE, STREAM, 4, 4,
            "u32 hostTimeMs", Heartbeat::decode),
    CLEAR_SHUTDOWN(0x16, HOST_TO_NODE, COMMAND, 0, 0,
            "", ClearShutdown::decode),

    IDENTIFY(0x81, NODE_TO_HOST, REPLY, 22, 21 + Identify.MAX_SERIAL_LENGTH,
            "u8 protocolVersion, u32 definitionHash, u32 bootId, u8 firmwareMajor, u8 firmwareMinor,"
                    + " u16 firmwarePatch, u16 capabilities, u8 loadChannelCount, u8 winchCount,"
                    + " u16 maxSampleRateHz, u8 resetCause, u8 serialLength, serialLength x char serial",
            Identify::decode),
    ACK(0x82, NODE_TO_HOST, REPLY, 2, 2,
            "u8 ackedSeq, u8 ackedMessageId", Ack::decode),
    NACK(0x83, NODE_TO_HOST, REPLY, 4, 4,
            "u8 nackedSeq, u8 nackedMessageId, u8 reason, u8 detail", Nack::decode),
    LOAD_SAMPLES(0x84, NODE_TO_HOST, STREAM, 10, 6 + 4 * LoadSamples.MAX_CHANNELS,
            "u32 nodeTimeUs, u8 firstChannel, u8 count, count x {i24 rawCounts, u8 status}",
            LoadSamples::decode),
    WINCH_STATUS(0x85, NODE_TO_HOST, STREAM, 27, 27,
            "u32 nodeTimeUs, u8 winch, u8 state, i32 positionCounts, i32 velocityCountsPerS,"
                    + " i32 setpointPositionCounts, i32 setpointVelocityCountsPerS, u16 flags, u8 fault,"
                    + " i16 driveTorquePermille",
            WinchStatus::decode),
    FAULT_REPORT(0x86, NODE_TO_HOST, REPLY, 14, 14,
            "u32 nodeTimeUs, u8 winch, u8 fault, i32 measured, i32 limit", FaultReport::decode),
    BRAKE_TEST_RESULT(0x87, NODE_TO_HOST, REPLY, 13, 13,
            "u32 nodeTimeUs, u8 winch, u8 brake, u8 outcome, i32 movementCounts, u16 torquePermille",
            BrakeTestResult::decode),
    NODE_STATUS(0x88, NODE_TO_HOST, STREAM, 10, 10,
            "u32 nodeTimeUs, u8 state, u8 lastShutdownCause, u16 rxCrcErrors, u16 rxOtherDrops",
            NodeStatus::decode);

    /** Decodes one message's payload; the payload length is already within the type's bounds. */
    @FunctionalInterface
    interface PayloadDecoder {
        Message decode(byte[] b, int off, int len) throws ProtocolException;
    }

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final Direction direction;
    private final Delivery delivery;
    private final int minPayloadLength;
    private final int maxPayloadLength;
    private final String layout;
    private final PayloadDecoder decoder;

    MessageType(int code, Direction direction, Delivery delivery, int minPayloadLength, int maxPayloadLength,
            String layout, PayloadDecoder decoder) {
        this.code = code;
        this.direction = direction;
        this.delivery = delivery;
        this.minPayloadLength = minPayloadLength;
        this.maxPayloadLength = maxPayloadLength;
        this.layout = layout;
        this.decoder = decoder;
    }

    /** The MSG byte. */
    public int code() {
        return code;
    }

    /** Who sends it. */
    public Direction direction() {
        return direction;
    }

    public Delivery delivery() {
        return delivery;
    }

    public int minPayloadLength() {
        return minPayloadLength;
    }

    public int maxPayloadLength() {
        return maxPayloadLength;
    }

    /** The payload layout, in the notation of PROTOCOL.md section 7. */
    public String layout() {
        return layout;
    }

    /** The type for a MSG byte, or null when this definition has none. */
    public static MessageType fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }

    /**
     * Decodes a payload of this type into its record.
     *
     * @throws ProtocolException with {@link ProtocolError#PAYLOAD_LENGTH} or
     *         {@link ProtocolError#FIELD_OUT_OF_RANGE}, naming the field
     */
    public Message decode(byte[] b, int off, int len) throws ProtocolException {
        if (len < minPayloadLength || len > maxPayloadLength) {
            throw new ProtocolException(ProtocolError.PAYLOAD_LENGTH, 0, name() + " payload is " + len
                    + " bytes; its layout needs " + (minPayloadLength == maxPayloadLength
                            ? String.valueOf(minPayloadLength) : minPayloadLength + ".." + maxPayloadLength));
        }
        try {
            return decoder.decode(b, off, len);
        } catch (FieldRangeException e) {
            throw new ProtocolException(ProtocolError.FIELD_OUT_OF_RANGE, e.fieldIndex(),
                    name() + ": " + e.getMessage());
        }
    }

    static ProtocolException lengthMismatch(MessageType type, int len, int expected) {
        return new ProtocolException(ProtocolError.PAYLOAD_LENGTH, 0,
                type.name() + " payload is " + len + " bytes; its counts make it " + expected);
    }
}
