package com.lianarig.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps PROTOCOL.md true to the code: every worked example is the encoder's output byte for byte and
 * decodes back to its record; the canonical definition text, its hash and the CRC check value are the
 * code's; every message and every coded value is in the catalogue as the code defines it.
 *
 * <p>Document conventions the test relies on (PROTOCOL.md section 10 explains them to readers):
 * <ul>
 *   <li>{@code <!-- example: NAME -->} followed by a {@code ```hex} block of space-separated bytes;</li>
 *   <li>{@code <!-- canonical-definition -->} followed by a {@code ```text} block;</li>
 *   <li>{@code <!-- definition-hash -->} followed by text holding {@code 0x} and 8 hex digits;</li>
 *   <li>{@code <!-- crc-check -->} followed by text holding {@code 0x} and 8 hex digits;</li>
 *   <li>{@code ### 7.n NAME (0xNN)} per message, with a line {@code MSG 0xNN, host -> node, COMMAND,
 *       payload N bytes.} and field table rows {@code | offset | type | `name` | ...};</li>
 *   <li>{@code #### EnumName} per coded value set, with rows {@code | code | `NAME` | meaning |}.</li>
 * </ul>
 */
class ProtocolDocumentTest {

    /** A worked example: the frame's header values and the message it carries. */
    record Example(Direction direction, int nodeAddress, int seq, Message message) {
    }

    private static final int NODE = 1;
    private static final long BOOT_ID = 0x5EED_C0DEL;

    /**
     * The worked examples of PROTOCOL.md section 10, by name. A node with 4 load channels and the two
     * winches of a leg-strap pair; 1 mm of rope = 20 encoder counts.
     */
    static Map<String, Example> examples() {
        Map<String, Example> m = new LinkedHashMap<>();
        m.put("identify-request", new Example(Direction.HOST_TO_NODE, NODE, 0,
                new IdentifyRequest(ProtocolDefinition.PROTOCOL_VERSION, ProtocolDefinition.HASH)));
        m.put("identify", new Example(Direction.NODE_TO_HOST, NODE, 1,
                new Identify(ProtocolDefinition.PROTOCOL_VERSION, ProtocolDefinition.HASH, BOOT_ID, 1, 2, 3,
                        Identify.CAP_BRAKE_TEST | Identify.CAP_HOMING | Identify.CAP_BRAKE_FEEDBACK
                                | Identify.CAP_DRIVE_TORQUE,
                        4, 2, 80, ResetCause.POWER_ON, "LRN-0042")));
        m.put("configure-node", new Example(Direction.HOST_TO_NODE, NODE, 0,
                new ConfigureNode(80, 100, 50, 200, 0x000F)));
        m.put("configure-winch", new Example(Direction.HOST_TO_NODE, NODE, 1,
                new ConfigureWinch(0, 1600, 1000, 2000, 120, 400, 0, 40_000, 200)));
        m.put("ack", new Example(Direction.NODE_TO_HOST, NODE, 3,
                new Ack(1, MessageType.CONFIGURE_WINCH.code())));
        m.put("nack-out-of-range", new Example(Direction.NODE_TO_HOST, NODE, 4,
                new Nack(2, MessageType.CONFIGURE_WINCH.code(), NackReason.OUT_OF_RANGE, 4)));
        m.put("reference", new Example(Direction.HOST_TO_NODE, NODE, 4,
                new Reference(0, ReferenceMode.HOME_LOWER_LIMIT, 0, 200)));
        m.put("brake-test", new Example(Direction.HOST_TO_NODE, NODE, 5,
                new BrakeTest(0, BrakeId.MOTOR, 300, 2000, 20)));
        m.put("brake-test-result", new Example(Direction.NODE_TO_HOST, NODE, 0x9C,
                new BrakeTestResult(31_502_118L, 0, BrakeId.MOTOR, BrakeTestOutcome.HELD, 3, 300)));
        m.put("exchange-brake-release", new Example(Direction.HOST_TO_NODE, NODE, 6,
                new Brake(0, BrakeAction.RELEASE)));
        m.put("exchange-ack", new Example(Direction.NODE_TO_HOST, NODE, 0xD1,
                new Ack(6, MessageType.BRAKE.code())));
        m.put("set-point", new Example(Direction.HOST_TO_NODE, NODE, 0x37,
                new SetPoint(0, 23_960, -1000)));
        m.put("heartbeat", new Example(Direction.HOST_TO_NODE, NODE, 0x38,
                new Heartbeat(1_234_567L)));
        m.put("winch-status", new Example(Direction.NODE_TO_HOST, NODE, 0x42,
                new WinchStatus(45_120_000L, 0, WinchState.FOLLOWING, 23_975, -1003, 23_960, -1000,
                        WinchStatus.FLAG_REFERENCED | WinchStatus.FLAG_DRIVE_POWERED, NodeFault.NONE, 310)));
        m.put("load-samples", new Example(Direction.NODE_TO_HOST, NODE, 0x43,
                new LoadSamples(45_118_750L, 0, List.of(
                        new LoadSamples.Sample(1_012_345, ChannelStatus.OK),
                        new LoadSamples.Sample(998_761, ChannelStatus.OK),
                        new LoadSamples.Sample(8_388_607, ChannelStatus.SATURATED),
                        new LoadSamples.Sample(1_003_210, ChannelStatus.OK)))));
        m.put("stop-cat1", new Example(Direction.HOST_TO_NODE, NODE, 7,
                new Stop(0x03, StopCategory.CAT_1)));
        m.put("nack-wrong-state", new Example(Direction.NODE_TO_HOST, NODE, 0x5B,
                new Nack(8, MessageType.BRAKE.code(), NackReason.WRONG_STATE, WinchState.TRIPPED.code())));
        m.put("fault-report", new Example(Direction.NODE_TO_HOST, NODE, 0x60,
                new FaultReport(52_000_315L, 255, NodeFault.HEARTBEAT_TIMEOUT, 201, 200)));
        m.put("node-status", new Example(Direction.NODE_TO_HOST, NODE, 0x61,
                new NodeStatus(52_050_000L, NodeState.SHUTDOWN, NodeFault.HEARTBEAT_TIMEOUT, 0, 3)));
        m.put("clear-shutdown", new Example(Direction.HOST_TO_NODE, NODE, 9,
                new ClearShutdown()));
        return m;
    }

    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: ([a-z0-9-]+) -->\\s*```hex\\n(.*?)```",
            Pattern.DOTALL);
    private static final Pattern HEX32 = Pattern.compile("0x([0-9A-Fa-f]{8})");

    private static String document;

    @BeforeAll
    static void readDocument() throws IOException {
        Path path = Path.of("PROTOCOL.md");
        if (!Files.exists(path)) {
            path = Path.of(System.getProperty("basedir", "."), "PROTOCOL.md");
        }
        document = Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    static Stream<Arguments> namedExamples() {
        return examples().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedExamples")
    void everyWorkedExampleEncodesByteForByte(String name, Example example) {
        byte[] expected = new FrameEncoder().encode(example.direction(), example.nodeAddress(), example.seq(),
                example.message());

        assertEquals(hex(expected), hex(documentedExample(name)), "example " + name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedExamples")
    void everyWorkedExampleDecodesBackToItsRecord(String name, Example example) throws ProtocolException {
        byte[] bytes = documentedExample(name);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        FrameView view = new FrameView();
        FrameDecoder decoder = new FrameDecoder(null);

        assertTrue(decoder.decode(in, view), "example " + name + " decodes as a frame: " + decoder);
        assertFalse(in.hasRemaining(), "example " + name + " is exactly one frame");
        assertEquals(example.direction(), view.direction());
        assertEquals(example.nodeAddress(), view.nodeAddress());
        assertEquals(example.seq(), view.seq());
        assertEquals(example.message(), view.toMessage());
    }

    @Test
    void documentShowsExactlyTheCheckedExamplesAndAtLeastEight() {
        List<String> inDocument = new ArrayList<>();
        Matcher m = EXAMPLE.matcher(document);
        while (m.find()) {
            inDocument.add(m.group(1));
        }

        assertEquals(List.copyOf(examples().keySet()).stream().sorted().toList(),
                inDocument.stream().sorted().toList(), "examples in PROTOCOL.md vs examples() in this test");
        assertEquals(inDocument.size(), inDocument.stream().distinct().count(), "example names are unique");
        assertTrue(inDocument.size() >= 8, "at least 8 worked examples, found " + inDocument.size());
    }

    @Test
    void workedExamplesCoverEveryMessageType() {
        List<MessageType> covered = examples().values().stream().map(e -> e.message().type()).distinct().toList();

        for (MessageType t : MessageType.values()) {
            assertTrue(covered.contains(t), t + " has a worked example");
        }
    }

    @Test
    void canonicalDefinitionBlockEqualsTheCodesDefinitionText() {
        String block = fencedBlockAfter("<!-- canonical-definition -->", "text");

        assertEquals(ProtocolDefinition.canonicalText(), block);
    }

    @Test
    void printedDefinitionHashEqualsTheCodesHash() {
        assertEquals(ProtocolDefinition.HASH, hexAfter("<!-- definition-hash -->"));
    }

    @Test
    void statedCrcCheckValueIsTheCrc32cOf123456789() {
        CRC32C crc = new CRC32C();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));

        assertEquals(crc.getValue(), hexAfter("<!-- crc-check -->"));
    }

    @Test
    void referenceCrcWithTheDocumentedPolynomialReproducesEveryExamplesCrc() {
        Matcher m = Pattern.compile("#define CRC32C_POLY_REFLECTED 0x([0-9A-Fa-f]{8})u").matcher(document);
        assertTrue(m.find(), "the C reference implementation defines CRC32C_POLY_REFLECTED");
        int poly = (int) Long.parseLong(m.group(1), 16);

        assertEquals(0xE3069283L, bitwiseCrc32c(poly, "123456789".getBytes(StandardCharsets.US_ASCII), 0, 9));
        for (String name : examples().keySet()) {
            byte[] frame = documentedExample(name);
            int covered = frame.length - FrameFormat.OFFSET_LEN - FrameFormat.CRC_LENGTH;
            assertEquals(Wire.u32(frame, frame.length - FrameFormat.CRC_LENGTH),
                    bitwiseCrc32c(poly, frame, FrameFormat.OFFSET_LEN, covered), "CRC of example " + name);
        }
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyMessageTypeHasACatalogueEntryWithItsIdDirectionDeliveryAndPayloadLength(MessageType type) {
        String section = catalogueSection(type);
        String length = type.minPayloadLength() == type.maxPayloadLength()
                ? String.valueOf(type.minPayloadLength())
                : type.minPayloadLength() + ".." + type.maxPayloadLength();
        String line = String.format("MSG 0x%02X, %s, %s, payload %s bytes.", type.code(),
                type.direction() == Direction.HOST_TO_NODE ? "host -> node" : "node -> host", type.delivery(), length);

        assertTrue(section.contains(line), "section for " + type + " says: " + line);
    }

    @ParameterizedTest
    @EnumSource(MessageType.class)
    void everyLayoutFieldIsInItsMessagesFieldTableAtItsOffset(MessageType type) {
        String section = catalogueSection(type);

        for (LayoutField f : layoutFields(type.layout())) {
            String offset = f.offset() < 0 ? "[^|\\n]*" : String.valueOf(f.offset());
            Pattern row = Pattern.compile("^\\|\\s*" + offset + "\\s*\\|\\s*" + Pattern.quote(f.type()) + "\\s*\\|\\s*`"
                    + Pattern.quote(f.name()) + "`\\s*\\|", Pattern.MULTILINE);
            assertTrue(row.matcher(section).find(),
                    type + " field table has | " + (f.offset() < 0 ? "..." : f.offset()) + " | " + f.type() + " | `"
                            + f.name() + "` |");
        }
    }

    static Stream<Arguments> codedValueSets() {
        return Stream.of(
                Arguments.of("StopCategory", rows(StopCategory.values(), StopCategory::meaning)),
                Arguments.of("BrakeAction", rows(BrakeAction.values(), BrakeAction::meaning)),
                Arguments.of("BrakeId", rows(BrakeId.values(), BrakeId::meaning)),
                Arguments.of("ReferenceMode", rows(ReferenceMode.values(), ReferenceMode::meaning)),
                Arguments.of("ChannelStatus", rows(ChannelStatus.values(), ChannelStatus::meaning)),
                Arguments.of("WinchState", rows(WinchState.values(), WinchState::meaning)),
                Arguments.of("NodeFault", rows(NodeFault.values(), NodeFault::meaning)),
                Arguments.of("NackReason", rows(NackReason.values(), NackReason::meaning)),
                Arguments.of("NodeState", rows(NodeState.values(), NodeState::meaning)),
                Arguments.of("ResetCause", rows(ResetCause.values(), ResetCause::meaning)),
                Arguments.of("BrakeTestOutcome", rows(BrakeTestOutcome.values(), BrakeTestOutcome::meaning)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codedValueSets")
    void everyCodedValueIsTabulatedWithItsCodeNameAndMeaning(String set, List<String> rows) {
        String section = subsection("#### " + set);

        for (String row : rows) {
            assertTrue(section.contains(row + "\n"), set + " table has the row " + row);
        }
    }

    @Test
    void everyFlagBitIsTabulatedWithItsValue() {
        String flags = subsection("#### WinchStatus.flags");
        assertFlag(flags, WinchStatus.FLAG_MOTOR_BRAKE_ENGAGED, "MOTOR_BRAKE_ENGAGED");
        assertFlag(flags, WinchStatus.FLAG_DRUM_BRAKE_ENGAGED, "DRUM_BRAKE_ENGAGED");
        assertFlag(flags, WinchStatus.FLAG_LOWER_LIMIT, "LOWER_LIMIT");
        assertFlag(flags, WinchStatus.FLAG_UPPER_LIMIT, "UPPER_LIMIT");
        assertFlag(flags, WinchStatus.FLAG_REFERENCED, "REFERENCED");
        assertFlag(flags, WinchStatus.FLAG_DRIVE_POWERED, "DRIVE_POWERED");

        String caps = subsection("#### Identify.capabilities");
        assertFlag(caps, Identify.CAP_BRAKE_TEST, "BRAKE_TEST");
        assertFlag(caps, Identify.CAP_HOMING, "HOMING");
        assertFlag(caps, Identify.CAP_BRAKE_FEEDBACK, "BRAKE_FEEDBACK");
        assertFlag(caps, Identify.CAP_DRIVE_TORQUE, "DRIVE_TORQUE");
        assertFlag(caps, Identify.CAP_RS485, "RS485");
    }

    // --- document reading -------------------------------------------------------------------------

    private static byte[] documentedExample(String name) {
        Matcher m = EXAMPLE.matcher(document);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                String[] tokens = m.group(2).trim().split("\\s+");
                byte[] bytes = new byte[tokens.length];
                for (int i = 0; i < tokens.length; i++) {
                    assertTrue(tokens[i].matches("[0-9A-Fa-f]{2}"), "example " + name + " token '" + tokens[i] + "'");
                    bytes[i] = (byte) Integer.parseInt(tokens[i], 16);
                }
                return bytes;
            }
        }
        return fail("PROTOCOL.md has no example named " + name);
    }

    private static String fencedBlockAfter(String marker, String language) {
        int at = document.indexOf(marker);
        assertTrue(at >= 0, "PROTOCOL.md has " + marker);
        String open = "```" + language + "\n";
        int start = document.indexOf(open, at);
        assertTrue(start >= 0, "a ```" + language + " block follows " + marker);
        start += open.length();
        int end = document.indexOf("```", start);
        return document.substring(start, end);
    }

    private static long hexAfter(String marker) {
        int at = document.indexOf(marker);
        assertTrue(at >= 0, "PROTOCOL.md has " + marker);
        Matcher m = HEX32.matcher(document);
        assertTrue(m.find(at + marker.length()), "a 0x........ value follows " + marker);
        return Long.parseLong(m.group(1), 16);
    }

    private static String catalogueSection(MessageType type) {
        Pattern heading = Pattern.compile("^### 7\\.\\d+ " + type.name() + " \\(0x" + String.format("%02X", type.code())
                + "\\)$", Pattern.MULTILINE);
        Matcher m = heading.matcher(document);
        assertTrue(m.find(), "PROTOCOL.md section 7 has a heading ### 7.n " + type.name()
                + String.format(" (0x%02X)", type.code()));
        return untilNextHeading(m.end(), 3);
    }

    private static String subsection(String heading) {
        Matcher m = Pattern.compile("^" + Pattern.quote(heading) + "\\b.*$", Pattern.MULTILINE).matcher(document);
        assertTrue(m.find(), "PROTOCOL.md has a heading " + heading);
        return untilNextHeading(m.end(), 4);
    }

    /** The text from {@code from} up to the next heading of level {@code level} or higher. */
    private static String untilNextHeading(int from, int level) {
        Matcher next = Pattern.compile("^#{1," + level + "} ", Pattern.MULTILINE).matcher(document);
        int end = next.find(from) ? next.start() : document.length();
        return document.substring(from, end);
    }

    private static <E extends WireCode> List<String> rows(E[] values, java.util.function.Function<E, String> meaning) {
        return Stream.of(values).map(v -> "| " + v.code() + " | `" + v.name() + "` | " + meaning.apply(v) + " |").toList();
    }

    private static void assertFlag(String table, int bit, String name) {
        String row = String.format("| 0x%02X | `%s` |", bit, name);
        assertTrue(table.contains(row), "flag table has the row " + row);
    }

    // --- layout notation (PROTOCOL.md section 7) ---------------------------------------------------

    /** One field of a layout; offset -1 inside a repeated group. */
    record LayoutField(int offset, String type, String name) {
    }

    static List<LayoutField> layoutFields(String layout) {
        List<LayoutField> fields = new ArrayList<>();
        int offset = 0;
        for (String item : splitTopLevel(layout)) {
            Matcher group = Pattern.compile("(\\w+) x \\{(.*)\\}").matcher(item);
            Matcher chars = Pattern.compile("(\\w+) x char (\\w+)").matcher(item);
            if (group.matches()) {
                for (String inner : splitTopLevel(group.group(2))) {
                    String[] tn = inner.split(" ");
                    fields.add(new LayoutField(-1, tn[0], tn[1]));
                }
                offset = -1;
            } else if (chars.matches()) {
                fields.add(new LayoutField(offset, chars.group(1) + " x char", chars.group(2)));
                offset = -1;
            } else {
                String[] tn = item.split(" ");
                fields.add(new LayoutField(offset, tn[0], tn[1]));
                offset = offset < 0 ? -1 : offset + Integer.parseInt(tn[0].substring(1)) / 8;
            }
        }
        return fields;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (!s.substring(start).isBlank()) {
            items.add(s.substring(start).trim());
        }
        return items;
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** CRC-32C bit by bit, LSB first, as the C reference in PROTOCOL.md section 3 computes it. */
    private static long bitwiseCrc32c(int reflectedPoly, byte[] b, int off, int len) {
        int crc = 0xFFFF_FFFF;
        for (int i = off; i < off + len; i++) {
            crc ^= b[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ reflectedPoly : crc >>> 1;
            }
        }
        return ~crc & 0xFFFF_FFFFL;
    }

    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(b);
    }
}
