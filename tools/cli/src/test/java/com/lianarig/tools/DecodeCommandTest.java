package com.lianarig.tools;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.Ack;
import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FrameEncoder;
import com.lianarig.protocol.Heartbeat;
import com.lianarig.protocol.MessageType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {
    private static final String NEWLINE = System.lineSeparator();

    private final FrameEncoder encoder = new FrameEncoder();

    /** 14 bytes: HEARTBEAT from the host to node 1, seq 7, hostTimeMs 1000. */
    private final byte[] heartbeat = encoder.encode(Direction.HOST_TO_NODE, 1, 7, new Heartbeat(1000));
    private static final String HEARTBEAT_LINE =
            "HOST_TO_NODE node=1 seq=7 HEARTBEAT Heartbeat[hostTimeMs=1000]";

    /** 12 bytes: node 3 acknowledges seq 7, a HEARTBEAT (0x15). */
    private final byte[] ack = encoder.encode(Direction.NODE_TO_HOST, 3, 9, new Ack(7, 0x15));

    @TempDir
    Path dir;

    private static String hex(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(all.toByteArray());
    }

    private static String counters(long frames, long garbageBytes, long badLength, long badCrc, long payloadErrors,
            long incompleteBytes) {
        return "frames=" + frames + " garbageBytes=" + garbageBytes + " badLength=" + badLength + " badCrc=" + badCrc
                + " unknownMessage=0 wrongDirection=0 payloadErrors=" + payloadErrors + " incompleteBytes="
                + incompleteBytes + NEWLINE;
    }

    @Test
    void decodesAValidFramePrintingItsFieldsAndTheCounters() {
        RigRun run = RigRun.of("decode", hex(heartbeat));

        assertAll(
                () -> assertEquals(0, run.exitCode(), run.err()),
                () -> assertEquals("offset=0 " + HEARTBEAT_LINE + NEWLINE + counters(1, 0, 0, 0, 0, 0), run.out()),
                () -> assertEquals("", run.err()));
    }

    @Test
    void acceptsHexWithoutSpacesSplitOverSeveralArguments() {
        String compact = HexFormat.of().formatHex(heartbeat);
        RigRun run = RigRun.of("decode", compact.substring(0, 10), compact.substring(10));

        assertEquals("offset=0 " + HEARTBEAT_LINE + NEWLINE + counters(1, 0, 0, 0, 0, 0), run.out());
    }

    @Test
    void decodesBothDirections() {
        RigRun run = RigRun.of("decode", hex(heartbeat, ack));

        assertEquals("offset=0 " + HEARTBEAT_LINE + NEWLINE
                + "offset=14 NODE_TO_HOST node=3 seq=9 ACK Ack[ackedSeq=7, ackedMessageId=21]" + NEWLINE
                + counters(2, 0, 0, 0, 0, 0), run.out());
    }

    @Test
    void countsGarbageBeforeAFrame() {
        RigRun run = RigRun.of("decode", "00 11 A5 22 " + hex(heartbeat));

        assertEquals("offset=4 " + HEARTBEAT_LINE + NEWLINE + counters(1, 4, 0, 0, 0, 0), run.out());
    }

    @Test
    void countsACorruptedFrameAsBadCrcAndFindsTheNextFrame() {
        byte[] corrupted = heartbeat.clone();
        corrupted[8] ^= 0x01; // a payload bit: the CRC no longer matches

        RigRun run = RigRun.of("decode", hex(corrupted, heartbeat));

        assertAll(
                () -> assertEquals(0, run.exitCode()),
                () -> assertTrue(run.out().startsWith("offset=14 " + HEARTBEAT_LINE + NEWLINE), run.out()),
                () -> assertTrue(run.out().contains("frames=1 "), run.out()),
                () -> assertTrue(run.out().contains(" badCrc=1 "), run.out()),
                // the rest of the corrupted frame, after its first sync byte, is skipped as garbage
                () -> assertTrue(run.out().contains(" garbageBytes=13 "), run.out()));
    }

    @Test
    void reportsAPayloadThatBreaksItsLayoutWithReasonAndFieldIndex() {
        byte[] stopWithUndefinedCategory = new byte[16];
        int length = encoder.encode(Direction.HOST_TO_NODE, 2, 5, MessageType.STOP, new byte[] {0x01, 0x09}, 0, 2,
                stopWithUndefinedCategory, 0);

        RigRun run = RigRun.of("decode", hex(Arrays.copyOf(stopWithUndefinedCategory, length)));

        assertEquals("offset=0 HOST_TO_NODE node=2 seq=5 STOP rejected FIELD_OUT_OF_RANGE field=1:"
                + " STOP: category = 9 is not a defined code" + NEWLINE
                + counters(1, 0, 0, 0, 1, 0), run.out());
    }

    @Test
    void reportsTrailingBytesOfAnIncompleteFrame() {
        RigRun run = RigRun.of("decode", hex(heartbeat, Arrays.copyOf(ack, 5)));

        assertEquals("offset=0 " + HEARTBEAT_LINE + NEWLINE + counters(1, 0, 0, 0, 0, 5), run.out());
    }

    @Test
    void printsEachFramesBytesOnRequest() {
        RigRun run = RigRun.of("decode", "-x", hex(heartbeat));

        assertEquals("offset=0 " + HEARTBEAT_LINE + NEWLINE + "  " + hex(heartbeat) + NEWLINE
                + counters(1, 0, 0, 0, 0, 0), run.out());
    }

    @Test
    void readsAHexFixtureFileWithComments() throws IOException {
        Path fixture = dir.resolve("heartbeat.hex");
        Files.writeString(fixture, "# a heartbeat\n" + hex(Arrays.copyOf(heartbeat, 6)) + "  # header\n"
                + hex(Arrays.copyOfRange(heartbeat, 6, 14)) + "  # payload and CRC\n");

        RigRun run = RigRun.of("decode", "--hex-file", fixture.toString());

        assertEquals("offset=0 " + HEARTBEAT_LINE + NEWLINE + counters(1, 0, 0, 0, 0, 0), run.out());
    }

    @Test
    void readsABinaryFile() throws IOException {
        Path capture = dir.resolve("capture.bin");
        Files.write(capture, heartbeat);

        RigRun run = RigRun.of("decode", "--file", capture.toString());

        assertEquals("offset=0 " + HEARTBEAT_LINE + NEWLINE + counters(1, 0, 0, 0, 0, 0), run.out());
    }

    @Test
    void readsStandardInputForADash() {
        RigRun run = RigRun.withStdin(new ByteArrayInputStream(heartbeat), "decode", "--file", "-");

        assertEquals("offset=0 " + HEARTBEAT_LINE + NEWLINE + counters(1, 0, 0, 0, 0, 0), run.out());
    }

    @Test
    void streamsACaptureLargerThanOneReadWithFramesAcrossReadBoundaries() throws IOException {
        int count = 3 * DecodeCommand.CHUNK_BYTES / heartbeat.length + 7; // 14 bytes do not divide 64 KiB
        ByteArrayOutputStream capture = new ByteArrayOutputStream();
        capture.write(0x00);
        for (int i = 0; i < count; i++) {
            capture.write(heartbeat);
        }
        Path file = dir.resolve("long.bin");
        Files.write(file, capture.toByteArray());

        RigRun run = RigRun.of("decode", "--file", file.toString());

        String[] lines = run.out().split(NEWLINE);
        assertAll(
                () -> assertEquals(count + 1, lines.length),
                () -> assertEquals("offset=" + (1 + (long) (count - 1) * heartbeat.length) + " " + HEARTBEAT_LINE,
                        lines[count - 1]),
                () -> assertEquals(counters(count, 1, 0, 0, 0, 0), lines[count] + NEWLINE));
    }

    @Test
    void badHexIsRejectedWithItsPositionAndExitCode2() {
        RigRun run = RigRun.of("decode", "A5 5G 04");

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertEquals("rig decode: not a hex digit: 'G' at line 1, column 5 of the HEX arguments"
                        + NEWLINE, run.err()),
                () -> assertEquals("", run.out()));
    }

    @Test
    void anOddNumberOfHexDigitsIsRejectedWithExitCode2() {
        RigRun run = RigRun.of("decode", "A5 5A 0");

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertTrue(run.err().startsWith("rig decode: odd number of hex digits (5)"), run.err()),
                () -> assertEquals("", run.out()));
    }

    @Test
    void aMissingFileIsRejectedWithExitCode2AndNoStackTrace() {
        Path missing = dir.resolve("missing.bin");

        RigRun binary = RigRun.of("decode", "--file", missing.toString());
        RigRun hexText = RigRun.of("decode", "--hex-file", missing.toString());

        assertAll(
                () -> assertEquals(2, binary.exitCode()),
                () -> assertEquals("rig decode: cannot read file " + missing + ": no such file" + NEWLINE,
                        binary.err()),
                () -> assertEquals(2, hexText.exitCode()),
                () -> assertEquals("rig decode: cannot read hex file " + missing + ": no such file" + NEWLINE,
                        hexText.err()),
                () -> assertFalse(binary.err().contains("Exception")));
    }

    @Test
    void aDirectoryIsRejectedWithExitCode2() {
        RigRun run = RigRun.of("decode", "--hex-file", dir.toString());

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertEquals("rig decode: cannot read hex file " + dir + ": it is a directory" + NEWLINE,
                        run.err()));
    }

    @Test
    void missingOrConflictingInputIsAUsageError() {
        RigRun none = RigRun.of("decode");
        RigRun both = RigRun.of("decode", "A5", "--file", "x.bin");

        assertAll(
                () -> assertEquals(2, none.exitCode()),
                () -> assertTrue(none.err().contains("No input"), none.err()),
                () -> assertTrue(none.err().contains("Usage: rig decode"), none.err()),
                () -> assertEquals(2, both.exitCode()),
                () -> assertTrue(both.err().contains("Give only one of"), both.err()));
    }
}
