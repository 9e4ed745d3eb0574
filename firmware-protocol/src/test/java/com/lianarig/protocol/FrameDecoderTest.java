package com.lianarig.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Example-based tests of the decoder's Netty contract (STYLE.md 9): an incomplete frame consumes
 * nothing; garbage, bad LEN and bad CRC are skipped by one byte and counted, and the decoder
 * resynchronises; good-CRC frames it must not return are skipped whole and counted. Fixtures are
 * written out byte by byte; their CRCs were computed with java.util.zip.CRC32C over LEN..payload.
 */
class FrameDecoderTest {

    /** HEARTBEAT, host to node 1. */
    static final byte[] HEARTBEAT = hex(
            "A5 5A",        // sync
            "04",           // LEN: 4-byte payload
            "01",           // ADDR: bit 7 = 0 (host to node), node 1
            "07",           // SEQ 7
            "15",           // MSG 0x15 HEARTBEAT
            "78 56 34 12",  // hostTimeMs = 0x12345678 (LE)
            "79 06 7D EE"); // CRC-32C 0xEE7D0679 (LE)

    /** ACK, node 2 to host. */
    static final byte[] ACK = hex(
            "A5 5A",        // sync
            "02",           // LEN: 2-byte payload
            "82",           // ADDR: bit 7 = 1 (node to host), node 2
            "10",           // SEQ 16
            "82",           // MSG 0x82 ACK
            "07",           // ackedSeq 7
            "11",           // ackedMessageId 0x11 STOP
            "17 CF 52 27"); // CRC-32C (LE)

    /** LOAD_SAMPLES, node 1 to host: two channels. */
    static final byte[] LOAD_SAMPLES = hex(
            "A5 5A",        // sync
            "0E",           // LEN: 6 + 4 x 2 = 14
            "81",           // ADDR: node 1, node to host
            "03",           // SEQ 3
            "84",           // MSG 0x84 LOAD_SAMPLES
            "40 42 0F 00",  // nodeTimeUs = 1,000,000
            "00",           // firstChannel 0
            "02",           // count 2
            "64 00 00",     // channel 0 rawCounts = 100 (i24 LE)
            "00",           //           status 0 OK
            "FF FF FF",     // channel 1 rawCounts = -1
            "01",           //           status 1 SATURATED
            "CC BD 57 1E"); // CRC-32C (LE)

    /** A good-CRC frame with MSG 0x7F, which this protocol definition lacks. */
    static final byte[] UNKNOWN_7F = hex(
            "A5 5A",        // sync
            "03",           // LEN 3
            "81",           // ADDR: node 1, node to host
            "00",           // SEQ 0
            "7F",           // MSG 0x7F: no such message
            "01 02 03",     // payload
            "E3 B3 F4 1B"); // CRC-32C (LE)

    /** HEARTBEAT (a host message) with the node-to-host bit set, good CRC. */
    static final byte[] HEARTBEAT_FROM_NODE = hex(
            "A5 5A 04",     // sync, LEN 4
            "81",           // ADDR: bit 7 = 1 (node to host), node 1: a node never sends HEARTBEAT
            "07 15",        // SEQ 7, MSG HEARTBEAT
            "78 56 34 12",  // hostTimeMs
            "8D 08 13 1B"); // CRC-32C (LE)

    /** ACK from node address 0, good CRC. */
    static final byte[] ACK_FROM_ADDRESS_0 = hex(
            "A5 5A 02",     // sync, LEN 2
            "80",           // ADDR: node to host, node 0: not a valid address
            "10 82",        // SEQ 16, MSG ACK
            "07 11",        // ackedSeq, ackedMessageId
            "4F 10 70 57"); // CRC-32C (LE)

    /** HEARTBEAT to node address 0, good CRC. */
    static final byte[] HEARTBEAT_TO_ADDRESS_0 = hex(
            "A5 5A 04",     // sync, LEN 4
            "00",           // ADDR: host to node, node 0: not a valid address
            "07 15",        // SEQ 7, MSG HEARTBEAT
            "78 56 34 12",  // hostTimeMs
            "B1 2A 7E 86"); // CRC-32C (LE)

    @Test
    void decodesTheLoadSamplesFixtureFieldByField() throws Exception {
        FrameDecoder decoder = new FrameDecoder(Direction.NODE_TO_HOST);
        FrameView view = new FrameView();
        ByteBuffer in = ByteBuffer.wrap(LOAD_SAMPLES);

        assertTrue(decoder.decode(in, view));

        assertEquals(LOAD_SAMPLES.length, in.position());
        assertEquals(MessageType.LOAD_SAMPLES, view.type());
        assertEquals(Direction.NODE_TO_HOST, view.direction());
        assertEquals(1, view.nodeAddress());
        assertEquals(3, view.seq());
        assertEquals(14, view.payloadLength());
        assertEquals(new LoadSamples(1_000_000L, 0, List.of(new LoadSamples.Sample(100, ChannelStatus.OK),
                new LoadSamples.Sample(-1, ChannelStatus.SATURATED))), view.toMessage());
        assertEquals(new Ack(7, 0x11), decodeOne(ACK).toMessage());
        assertEquals(new Heartbeat(0x12345678L), decodeOne(HEARTBEAT).toMessage());
        assertEquals(1, decoder.frames());
        assertEquals(0, decoder.drops());
    }

    @Test
    void encoderWritesTheFixturesByteForByte() {
        FrameEncoder encoder = new FrameEncoder();
        assertArrayEquals(HEARTBEAT, encoder.encode(Direction.HOST_TO_NODE, 1, 7, new Heartbeat(0x12345678L)));
        assertArrayEquals(ACK, encoder.encode(Direction.NODE_TO_HOST, 2, 0x10, new Ack(7, 0x11)));
        assertArrayEquals(LOAD_SAMPLES, encoder.encode(Direction.NODE_TO_HOST, 1, 3, new LoadSamples(1_000_000L, 0,
                List.of(new LoadSamples.Sample(100, ChannelStatus.OK),
                        new LoadSamples.Sample(-1, ChannelStatus.SATURATED)))));
    }

    @Test
    void incompleteFrameConsumesNothingAtEveryPrefixLength() {
        for (byte[] frame : List.of(HEARTBEAT, ACK, LOAD_SAMPLES)) {
            // The frame follows an already decoded frame, so the buffer's position is not 0.
            byte[] stream = concat(ACK, frame);
            for (int prefix = 0; prefix < frame.length; prefix++) {
                FrameDecoder decoder = new FrameDecoder(null);
                FrameView view = new FrameView();
                ByteBuffer in = ByteBuffer.wrap(stream, 0, ACK.length + prefix);
                assertTrue(decoder.decode(in, view));

                assertFalse(decoder.decode(in, view), "prefix " + prefix);

                assertEquals(ACK.length, in.position(), "prefix " + prefix + " consumed bytes");
                assertEquals(ACK.length + prefix, in.limit());
                assertEquals(0, decoder.drops(), "prefix " + prefix + ": " + decoder);
                assertEquals(1, decoder.frames());
            }
        }
    }

    @Test
    void garbageBeforeAFrameIsSkippedAndCountedByteByByte() {
        FrameDecoder decoder = new FrameDecoder(null);
        FrameView view = new FrameView();
        byte[] garbage = hex(
                "00 11",        // not a sync byte
                "A5 00",        // first sync byte, not followed by the second
                "5A",           // second sync byte alone
                "A5 A5");       // first sync byte twice, each followed by A5 rather than 5A
        // The frame's own A5 5A follows: only the third A5 in a row starts a candidate.
        ByteBuffer in = ByteBuffer.wrap(concat(garbage, HEARTBEAT));

        assertTrue(decoder.decode(in, view));

        assertEquals(MessageType.HEARTBEAT, view.type());
        assertEquals(garbage.length, decoder.garbageBytes());
        assertEquals(garbage.length + HEARTBEAT.length, in.position());
        assertEquals(garbage.length, decoder.drops());
    }

    @Test
    void aLoneFirstSyncByteAtTheEndIsKeptUntilTheNextByteArrives() {
        FrameDecoder decoder = new FrameDecoder(null);
        FrameView view = new FrameView();
        byte[] stream = concat(hex("00 00 A5"), HEARTBEAT);
        ByteBuffer in = ByteBuffer.wrap(stream, 0, 3);

        assertFalse(decoder.decode(in, view));

        assertEquals(2, in.position());
        assertEquals(2, decoder.garbageBytes());
        in.limit(stream.length);
        assertTrue(decoder.decode(in, view));
        assertEquals(3, decoder.garbageBytes(), "the lone A5, once followed by A5 not 5A");
    }

    @Test
    void badCrcIsCountedAndTheNextFrameIsRecovered() {
        for (int corruptAt : new int[] {2, 3, 5, 6, HEARTBEAT.length - 1}) {
            byte[] bad = HEARTBEAT.clone();
            bad[corruptAt] ^= 0x01;
            FrameDecoder decoder = new FrameDecoder(null);
            FrameView view = new FrameView();
            ByteBuffer in = ByteBuffer.wrap(concat(bad, ACK));

            assertTrue(decoder.decode(in, view), "byte " + corruptAt);

            assertEquals(MessageType.ACK, view.type(), "byte " + corruptAt);
            assertArrayEquals(ACK, Arrays.copyOf(view.bytes(), view.frameLength()));
            if (corruptAt == 5) {
                // MSG 0x15 -> 0x14 REFERENCE, whose payload is 10 bytes: LEN 4 is a bad length.
                assertEquals(1, decoder.badLength(), decoder.toString());
            } else if (corruptAt == 2) {
                // LEN 4 -> 5: too long for HEARTBEAT.
                assertEquals(1, decoder.badLength(), decoder.toString());
            } else {
                assertEquals(1, decoder.badCrc(), "byte " + corruptAt + ": " + decoder);
            }
            // Only the first sync byte is dropped as the candidate; the rest is rescanned as garbage.
            assertEquals(bad.length - 1, decoder.garbageBytes(), "byte " + corruptAt + ": " + decoder);
            assertEquals(1, decoder.frames());
        }
    }

    @Test
    void lengthTooLargeForItsMessageIsBadLengthJudgedOnTheHeaderAlone() {
        FrameDecoder decoder = new FrameDecoder(null);
        FrameView view = new FrameView();
        byte[] header = hex(
                "A5 5A",        // sync
                "05",           // LEN 5: HEARTBEAT's payload is exactly 4
                "01 07",        // ADDR, SEQ
                "15");          // MSG HEARTBEAT
        ByteBuffer in = ByteBuffer.wrap(concat(header, HEARTBEAT), 0, header.length);

        assertFalse(decoder.decode(in, view));

        // No waiting for the rest of a frame that cannot be: the candidate is dropped at once.
        assertEquals(header.length, in.position());
        assertEquals(1, decoder.badLength());
        assertEquals(header.length - 1, decoder.garbageBytes());
        in.limit(header.length + HEARTBEAT.length);
        assertTrue(decoder.decode(in, view));
        assertEquals(new Heartbeat(0x12345678L), toMessage(view));
    }

    @Test
    void lengthOutsideTheMessageBoundsOrAboveTheMaximumIsBadLength() {
        byte[][] candidates = {
            hex("A5 5A", "09", "81 00", "84"), // LOAD_SAMPLES needs 10..70
            hex("A5 5A", "47", "81 00", "84"), // 71 > 70
            hex("A5 5A", "15", "81 00", "81"), // IDENTIFY needs 22..53
            hex("A5 5A", "01", "01 00", "16"), // CLEAR_SHUTDOWN has no payload
            hex("A5 5A", "F7", "81 00", "7F"), // unknown MSG: LEN 247 > 246, the maximum payload
        };
        for (byte[] candidate : candidates) {
            FrameDecoder decoder = new FrameDecoder(null);
            FrameView view = new FrameView();
            ByteBuffer in = ByteBuffer.wrap(concat(candidate, ACK));

            assertTrue(decoder.decode(in, view), HexFormat.of().formatHex(candidate));

            assertEquals(1, decoder.badLength(), decoder.toString());
            assertEquals(MessageType.ACK, view.type());
        }
    }

    @Test
    void unknownMessageWithGoodCrcIsCountedAndSkippedWhole() {
        // The unknown frame's payload is a whole ACK frame: skipping the frame whole means that ACK
        // is never returned.
        byte[] unknownCarryingAck = frameWithCrc(0x81, 0x00, 0x7F, ACK);
        FrameDecoder decoder = new FrameDecoder(null);
        FrameView view = new FrameView();
        ByteBuffer in = ByteBuffer.wrap(concat(UNKNOWN_7F, unknownCarryingAck, LOAD_SAMPLES));

        assertTrue(decoder.decode(in, view));

        assertEquals(MessageType.LOAD_SAMPLES, view.type());
        assertEquals(2, decoder.unknownMessage());
        assertEquals(0, decoder.garbageBytes());
        assertEquals(2, decoder.drops());
        assertFalse(decoder.decode(in, view));
    }

    @Test
    void unknownMessageWithTheLargestPayloadIsSkippedWhole() {
        byte[] largest = frameWithCrc(0x81, 0x00, 0x7F, new byte[FrameFormat.MAX_PAYLOAD_LENGTH]);
        assertEquals(FrameFormat.MAX_FRAME_LENGTH, largest.length);
        FrameDecoder decoder = new FrameDecoder(null);
        FrameView view = new FrameView();
        ByteBuffer in = ByteBuffer.wrap(concat(largest, ACK));

        assertTrue(decoder.decode(in, view));

        assertEquals(MessageType.ACK, view.type());
        assertEquals(1, decoder.unknownMessage());
        assertEquals(0, decoder.garbageBytes());
    }

    @Test
    void wrongDirectionAndAddressZeroAreCountedAndSkippedWhole() {
        // Each good-CRC frame the decoder must not return, then a frame it must.
        Object[][] cases = {
            {null, HEARTBEAT_FROM_NODE, ACK},                   // host message from a node
            {null, ACK_FROM_ADDRESS_0, ACK},                    // node 0
            {null, HEARTBEAT_TO_ADDRESS_0, HEARTBEAT},          // node 0, host side
            {Direction.NODE_TO_HOST, HEARTBEAT, ACK},           // the host's own frame echoed on the bus
            {Direction.HOST_TO_NODE, ACK, HEARTBEAT},           // a node hearing another node
        };
        for (Object[] c : cases) {
            Direction accepted = (Direction) c[0];
            byte[] dropped = (byte[]) c[1];
            byte[] wanted = (byte[]) c[2];
            FrameDecoder decoder = new FrameDecoder(accepted);
            FrameView view = new FrameView();
            ByteBuffer in = ByteBuffer.wrap(concat(dropped, wanted));
            String name = accepted + " " + HexFormat.ofDelimiter(" ").formatHex(dropped);

            assertTrue(decoder.decode(in, view), name);

            assertArrayEquals(wanted, Arrays.copyOf(view.bytes(), view.frameLength()), name);
            assertEquals(1, decoder.wrongDirection(), name);
            assertEquals(0, decoder.garbageBytes(), name + ": skipped whole");
            assertEquals(1, decoder.drops(), name);
        }
    }

    @Test
    void frameSplitAcrossManyReadsIsDecodedWhenItsLastByteArrives() {
        FrameDecoder decoder = new FrameDecoder(Direction.NODE_TO_HOST);
        FrameView view = new FrameView();
        ByteBuffer buffer = ByteBuffer.allocate(FrameFormat.MAX_FRAME_LENGTH);
        for (int i = 0; i < LOAD_SAMPLES.length; i++) {
            buffer.put(LOAD_SAMPLES[i]);
            buffer.flip();
            boolean decoded = decoder.decode(buffer, view);
            assertEquals(i == LOAD_SAMPLES.length - 1, decoded, "after byte " + i);
            assertEquals(decoded ? LOAD_SAMPLES.length : 0, buffer.position(), "after byte " + i);
            buffer.compact();
        }
        assertEquals(0, decoder.drops());
    }

    @Test
    void framesSplitIntoSevenByteReadsComeOutInOrder() {
        byte[] stream = concat(ACK, LOAD_SAMPLES, ACK, LOAD_SAMPLES);
        FrameDecoder decoder = new FrameDecoder(Direction.NODE_TO_HOST);
        FrameView view = new FrameView();
        ByteBuffer buffer = ByteBuffer.allocate(FrameFormat.MAX_FRAME_LENGTH);
        List<MessageType> out = new ArrayList<>();
        for (int fed = 0; fed < stream.length; fed += 7) {
            buffer.put(stream, fed, Math.min(7, stream.length - fed));
            buffer.flip();
            while (decoder.decode(buffer, view)) {
                out.add(view.type());
            }
            buffer.compact();
        }
        assertEquals(List.of(MessageType.ACK, MessageType.LOAD_SAMPLES, MessageType.ACK, MessageType.LOAD_SAMPLES),
                out);
        assertEquals(0, decoder.drops());
    }

    @Test
    void realFramesInsideACorruptCandidateWithALargeLengthAreFound() {
        byte[] falseStart = hex(
                "A5 5A",        // a sync pattern in noise
                "F6",           // LEN 246: the largest payload an unknown MSG may have
                "81 00",        // ADDR, SEQ
                "7F");          // MSG unknown: the candidate spans 256 bytes
        List<byte[]> frames = new ArrayList<>();
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(falseStart);
        while (s.size() < FrameFormat.MAX_FRAME_LENGTH + 100) {
            byte[] f = frames.size() % 2 == 0 ? LOAD_SAMPLES : ACK;
            frames.add(f);
            s.writeBytes(f);
        }
        byte[] stream = s.toByteArray();
        FrameDecoder decoder = new FrameDecoder(Direction.NODE_TO_HOST);
        FrameView view = new FrameView();

        // Until the candidate's 256 bytes have arrived, it may be a frame: nothing is consumed.
        ByteBuffer in = ByteBuffer.wrap(stream, 0, FrameFormat.MAX_FRAME_LENGTH - 1);
        assertFalse(decoder.decode(in, view));
        assertEquals(0, in.position());

        in.limit(stream.length);
        List<byte[]> out = new ArrayList<>();
        while (decoder.decode(in, view)) {
            out.add(Arrays.copyOf(view.bytes(), view.frameLength()));
        }
        assertEquals(frames.size(), out.size(), decoder.toString());
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(frames.get(i), out.get(i), "frame " + i);
        }
        assertEquals(1, decoder.badCrc(), decoder.toString());
        assertEquals(falseStart.length - 1, decoder.garbageBytes(), decoder.toString());
    }

    @Test
    void realFrameInsideACorruptCandidateOfAKnownMessageIsFound() {
        byte[] falseStart = hex(
                "A5 5A",        // sync
                "46",           // LEN 70: the largest LOAD_SAMPLES
                "81 00",        // ADDR, SEQ
                "84");          // MSG LOAD_SAMPLES
        byte[] stream = concat(falseStart, ACK, LOAD_SAMPLES, LOAD_SAMPLES, LOAD_SAMPLES, ACK);
        FrameDecoder decoder = new FrameDecoder(Direction.NODE_TO_HOST);
        FrameView view = new FrameView();
        ByteBuffer in = ByteBuffer.wrap(stream);
        List<MessageType> out = new ArrayList<>();
        while (decoder.decode(in, view)) {
            out.add(view.type());
        }
        assertEquals(List.of(MessageType.ACK, MessageType.LOAD_SAMPLES, MessageType.LOAD_SAMPLES,
                MessageType.LOAD_SAMPLES, MessageType.ACK), out);
        assertEquals(1, decoder.badCrc());
    }

    @Test
    void viewStaysValidAfterTheInputBufferIsOverwritten() throws Exception {
        byte[] input = LOAD_SAMPLES.clone();
        FrameView view = new FrameView();
        assertTrue(new FrameDecoder(null).decode(ByteBuffer.wrap(input), view));

        Arrays.fill(input, (byte) 0);

        assertArrayEquals(LOAD_SAMPLES, Arrays.copyOf(view.bytes(), view.frameLength()));
        assertEquals(2, ((LoadSamples) view.toMessage()).samples().size());
    }

    @Test
    void dropsSumsEveryKindOfDropAndToStringNamesThem() {
        FrameDecoder decoder = new FrameDecoder(Direction.NODE_TO_HOST);
        byte[] badCrc = ACK.clone();
        badCrc[badCrc.length - 1] ^= 0x40;
        ByteBuffer in = ByteBuffer.wrap(concat(hex("00"), hex("A5 5A F7 81 00 7F"), badCrc, UNKNOWN_7F, HEARTBEAT));
        while (decoder.decode(in, new FrameView())) {
            // drain
        }
        assertEquals(1, decoder.badLength());
        assertEquals(1, decoder.badCrc());
        assertEquals(1, decoder.unknownMessage());
        assertEquals(1, decoder.wrongDirection());
        assertEquals(decoder.garbageBytes() + 4, decoder.drops());
        assertEquals("frames=0 garbageBytes=" + decoder.garbageBytes()
                + " badLength=1 badCrc=1 unknownMessage=1 wrongDirection=1", decoder.toString());
    }

    // ---------------------------------------------------------------------------------------------

    private static FrameView decodeOne(byte[] frame) {
        FrameView view = new FrameView();
        assertTrue(new FrameDecoder(null).decode(ByteBuffer.wrap(frame), view));
        return view;
    }

    private static Message toMessage(FrameView view) {
        try {
            return view.toMessage();
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    /** A frame with the given header bytes and payload and a correct CRC, built without FrameEncoder. */
    static byte[] frameWithCrc(int address, int seq, int messageId, byte[] payload) {
        byte[] f = new byte[FrameFormat.frameLength(payload.length)];
        f[0] = (byte) 0xA5;
        f[1] = (byte) 0x5A;
        f[2] = (byte) payload.length;
        f[3] = (byte) address;
        f[4] = (byte) seq;
        f[5] = (byte) messageId;
        System.arraycopy(payload, 0, f, 6, payload.length);
        CRC32C crc = new CRC32C();
        crc.update(f, 2, 4 + payload.length);
        long v = crc.getValue();
        for (int i = 0; i < 4; i++) {
            f[6 + payload.length + i] = (byte) (v >>> (8 * i));
        }
        return f;
    }

    static byte[] hex(String... parts) {
        return HexFormat.of().parseHex(String.join("", parts).replace(" ", ""));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
