package com.lianarig.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The message table against the records, the layouts and the protocol-definition hash. */
class MessageTypeTest {

    private static final int CASES_PER_TYPE = 500;

    @ParameterizedTest(name = "{0}")
    @EnumSource(MessageType.class)
    void everyRecordsPayloadLengthIsWithinItsTypesBounds(MessageType type) {
        int seen = Integer.MAX_VALUE;
        int longest = 0;
        for (int i = 0; i < CASES_PER_TYPE; i++) {
            long seed = 0x1E46_0000L | (long) type.code() << 12 | i;
            Message m = RandomMessages.of(type, new SplittableRandom(seed));
            String c = "seed=0x" + Long.toHexString(seed) + " " + m;
            assertSame(type, m.type(), c);
            assertTrue(m.payloadLength() >= type.minPayloadLength() && m.payloadLength() <= type.maxPayloadLength(),
                    c + ": " + m.payloadLength() + " outside " + type.minPayloadLength() + ".."
                            + type.maxPayloadLength());
            seen = Math.min(seen, m.payloadLength());
            longest = Math.max(longest, m.payloadLength());
        }
        // The generator reaches both ends (a single sample / 1-char serial, 16 samples / 32 chars).
        assertEquals(type.minPayloadLength(), seen, "shortest payload generated");
        assertEquals(type.maxPayloadLength(), longest, "longest payload generated");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MessageType.class)
    void payloadBoundsEqualTheByteSizesComputedFromTheLayout(MessageType type) {
        List<Layouts.Field> fields = Layouts.parse(type.layout());
        int fixed = Layouts.fixedBytes(fields);
        int perRepetition = Layouts.bytesPerRepetition(fields);
        if (perRepetition == 0) {
            assertEquals(fixed, type.minPayloadLength(), type.layout());
            assertEquals(fixed, type.maxPayloadLength(), type.layout());
            return;
        }
        // Variable layouts: a u8 count field, then 1..max repetitions.
        String count = fields.stream().filter(f -> f.repeatedBy() != null).findFirst().orElseThrow().repeatedBy();
        Layouts.Field countField = fields.get(Layouts.indexOf(type, count));
        assertEquals(1, countField.bytes(), count + " is a u8");
        int maxRepetitions;
        switch (type) {
            case IDENTIFY:
                maxRepetitions = Identify.MAX_SERIAL_LENGTH;
                break;
            case LOAD_SAMPLES:
                maxRepetitions = LoadSamples.MAX_CHANNELS;
                break;
            default:
                throw new AssertionError("new variable layout " + type + ": say how many repetitions it allows");
        }
        assertEquals(fixed + perRepetition, type.minPayloadLength(), type.layout());
        assertEquals(fixed + perRepetition * maxRepetitions, type.maxPayloadLength(), type.layout());
    }

    @Test
    void fixedLayoutSizesMatchTheHandCountedFigures() {
        // Computed by hand from the layouts: u8=1, u16=2, i16=2, i24=3, u32=4, i32=4.
        assertEquals(5, Layouts.fixedBytes(Layouts.parse(MessageType.IDENTIFY_REQUEST.layout())));
        assertEquals(31, Layouts.fixedBytes(Layouts.parse(MessageType.CONFIGURE_WINCH.layout())));
        assertEquals(27, Layouts.fixedBytes(Layouts.parse(MessageType.WINCH_STATUS.layout())));
        assertEquals(0, Layouts.fixedBytes(Layouts.parse(MessageType.CLEAR_SHUTDOWN.layout())));
        assertEquals(21, Layouts.fixedBytes(Layouts.parse(MessageType.IDENTIFY.layout())));
        assertEquals(6, Layouts.fixedBytes(Layouts.parse(MessageType.LOAD_SAMPLES.layout())));
        assertEquals(4, Layouts.bytesPerRepetition(Layouts.parse(MessageType.LOAD_SAMPLES.layout())));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(MessageType.class)
    void fixedLayoutFieldNamesAreTheRecordComponentsInOrder(MessageType type) {
        List<Layouts.Field> fields = Layouts.parse(type.layout());
        if (Layouts.bytesPerRepetition(fields) != 0) {
            return; // IDENTIFY and LOAD_SAMPLES carry a count the record keeps as a list / string length
        }
        Class<?> record = RandomMessages.of(type, new SplittableRandom(1)).getClass();
        List<String> components = new ArrayList<>();
        for (var c : record.getRecordComponents()) {
            components.add(c.getName());
        }
        assertEquals(Layouts.fieldNames(type), components, record.getSimpleName());
    }

    @Test
    void fromCodeRoundTripsEveryTypeAndKnowsNoOtherCode() {
        Set<Integer> codes = new HashSet<>();
        for (MessageType t : MessageType.values()) {
            assertSame(t, MessageType.fromCode(t.code()), t.name());
            assertTrue(t.code() >= 0 && t.code() <= 255, t.name());
            codes.add(t.code());
        }
        for (int code = -1; code <= 256; code++) {
            if (!codes.contains(code)) {
                assertNull(MessageType.fromCode(code), "code " + code);
            }
        }
        assertNull(MessageType.fromCode(Integer.MIN_VALUE));
        assertNull(MessageType.fromCode(Integer.MAX_VALUE));
    }

    @Test
    void everyMessageCodeIsUnique() {
        Set<Integer> codes = new HashSet<>();
        for (MessageType t : MessageType.values()) {
            assertTrue(codes.add(t.code()), t + " reuses code 0x" + Integer.toHexString(t.code()));
        }
        assertEquals(18, codes.size());
    }

    @Test
    void payloadBoundsFitTheFrame() {
        for (MessageType t : MessageType.values()) {
            assertTrue(t.minPayloadLength() >= 0 && t.minPayloadLength() <= t.maxPayloadLength(), t.name());
            assertTrue(t.maxPayloadLength() <= FrameFormat.MAX_PAYLOAD_LENGTH, t.name());
            assertNotNull(t.direction(), t.name());
            assertNotNull(t.delivery(), t.name());
        }
    }

    @Test
    void definitionHashIsStableAcrossCallsAndIsTheCrc32cOfTheCanonicalText() {
        String first = ProtocolDefinition.canonicalText();
        String second = ProtocolDefinition.canonicalText();
        assertEquals(first, second);
        assertEquals(ProtocolDefinition.HASH, ProtocolDefinition.crc32c(first));
        assertEquals(ProtocolDefinition.crc32c(first), ProtocolDefinition.crc32c(second));
        CRC32C crc = new CRC32C();
        crc.update(first.getBytes(StandardCharsets.UTF_8));
        assertEquals(crc.getValue(), ProtocolDefinition.HASH);
    }

    @Test
    void canonicalTextListsEveryMessageWithItsLayout() {
        String text = ProtocolDefinition.canonicalText();
        for (MessageType t : MessageType.values()) {
            String line = String.format("msg %02X %s %s %s len=%d..%d: %s", t.code(), t.name(), t.direction(),
                    t.delivery(), t.minPayloadLength(), t.maxPayloadLength(),
                    t.layout().isEmpty() ? "(no payload)" : t.layout());
            assertTrue(text.contains(line + "\n"), line);
        }
    }

    /**
     * The hash of this protocol definition, pinned: it changes only when what is on the wire
     * changes. Such a change must be deliberate (nodes built from the old definition will be refused),
     * so update this figure together with PROTOCOL.md and the firmware.
     */
    @Test
    void definitionHashIsThePinnedValueOfProtocolVersion2() {
        assertEquals(2, ProtocolDefinition.PROTOCOL_VERSION);
        assertEquals(0xCAA624ADL, ProtocolDefinition.HASH,
                () -> String.format("definition hash is now 0x%08X; canonical text:%n%s", ProtocolDefinition.HASH,
                        ProtocolDefinition.canonicalText()));
    }
}
