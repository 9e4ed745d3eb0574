package com.lianarig.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Node to host: who the node is. Sent in reply to IDENTIFY_REQUEST, and unsolicited once at every
 * start (so the host sees a reset at once: the {@code bootId} changes at every start).
 *
 * <p>Payload: 21 + serialLength bytes, u8 protocolVersion, u32 definitionHash, u32 bootId,
 * u8 firmwareMajor, u8 firmwareMinor, u16 firmwarePatch, u16 capabilities, u8 loadChannelCount,
 * u8 winchCount, u16 maxSampleRateHz, u8 resetCause, u8 serialLength, serialLength x char serial.
 *
 * @param protocolVersion the node's protocol version
 * @param definitionHash the node's protocol-definition hash ({@link ProtocolDefinition#HASH})
 * @param bootId differs at every start of the node (random or a persistent boot counter)
 * @param firmwareMajor firmware version, major
 * @param firmwareMinor firmware version, minor
 * @param firmwarePatch firmware version, patch
 * @param capabilities {@code CAP_*} bits; reserved bits are 0
 * @param loadChannelCount load-cell channels on the node, 0..16
 * @param winchCount winch drives on the node, 0..8
 * @param maxSampleRateHz the highest sample rate the node supports, Hz
 * @param resetCause why the node last started
 * @param serial the node's serial number, 1..32 printable ASCII characters (0x21..0x7E)
 */
public record Identify(int protocolVersion, long definitionHash, long bootId, int firmwareMajor,
        int firmwareMinor, int firmwarePatch, int capabilities, int loadChannelCount, int winchCount,
        int maxSampleRateHz, ResetCause resetCause, String serial) implements Message {

    public static final int MAX_SERIAL_LENGTH = 32;
    static final int FIXED_LENGTH = 21;

    public static final int CAP_BRAKE_TEST = 1;
    public static final int CAP_HOMING = 1 << 1;
    public static final int CAP_BRAKE_FEEDBACK = 1 << 2;
    public static final int CAP_DRIVE_TORQUE = 1 << 3;
    public static final int CAP_RS485 = 1 << 4;

    public Identify {
        Fields.range(0, "protocolVersion", protocolVersion, 1, 255);
        Fields.range(1, "definitionHash", definitionHash, 0L, Fields.U32_MAX);
        Fields.range(2, "bootId", bootId, 0L, Fields.U32_MAX);
        Fields.range(3, "firmwareMajor", firmwareMajor, 0, 255);
        Fields.range(4, "firmwareMinor", firmwareMinor, 0, 255);
        Fields.range(5, "firmwarePatch", firmwarePatch, 0, 0xFFFF);
        Fields.range(6, "capabilities", capabilities, 0, 0x1F);
        Fields.range(7, "loadChannelCount", loadChannelCount, 0, LoadSamples.MAX_CHANNELS);
        Fields.range(8, "winchCount", winchCount, 0, 8);
        Fields.range(9, "maxSampleRateHz", maxSampleRateHz, 1, 1000);
        Fields.notNull(10, "resetCause", resetCause);
        Fields.notNull(12, "serial", serial);
        Fields.range(11, "serialLength", serial.length(), 1, MAX_SERIAL_LENGTH);
        for (int i = 0; i < serial.length(); i++) {
            char c = serial.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new FieldRangeException(12, "serial character " + i + " = 0x" + Integer.toHexString(c)
                        + " is not printable ASCII (0x21..0x7E)");
            }
        }
    }

    public boolean hasCapability(int cap) {
        return (capabilities & cap) == cap;
    }

    @Override
    public MessageType type() {
        return MessageType.IDENTIFY;
    }

    @Override
    public int payloadLength() {
        return FIXED_LENGTH + serial.length();
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU8(dst, off, protocolVersion);
        Wire.putU32(dst, off + 1, definitionHash);
        Wire.putU32(dst, off + 5, bootId);
        Wire.putU8(dst, off + 9, firmwareMajor);
        Wire.putU8(dst, off + 10, firmwareMinor);
        Wire.putU16(dst, off + 11, firmwarePatch);
        Wire.putU16(dst, off + 13, capabilities);
        Wire.putU8(dst, off + 15, loadChannelCount);
        Wire.putU8(dst, off + 16, winchCount);
        Wire.putU16(dst, off + 17, maxSampleRateHz);
        Wire.putU8(dst, off + 19, resetCause.code());
        Wire.putU8(dst, off + 20, serial.length());
        byte[] ascii = serial.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, dst, off + FIXED_LENGTH, ascii.length);
    }

    static Identify decode(byte[] b, int off, int len) throws ProtocolException {
        int serialLength = Wire.u8(b, off + 20);
        if (len != FIXED_LENGTH + serialLength) {
            throw MessageType.lengthMismatch(MessageType.IDENTIFY, len, FIXED_LENGTH + serialLength);
        }
        return Fields.decoded(() -> new Identify(Wire.u8(b, off), Wire.u32(b, off + 1), Wire.u32(b, off + 5),
                Wire.u8(b, off + 9), Wire.u8(b, off + 10), Wire.u16(b, off + 11), Wire.u16(b, off + 13),
                Wire.u8(b, off + 15), Wire.u8(b, off + 16), Wire.u16(b, off + 17),
                ResetCause.fromCode(Wire.u8(b, off + 19)),
                new String(b, off + FIXED_LENGTH, serialLength, StandardCharsets.ISO_8859_1)), b, off, 10, 19);
    }
}
