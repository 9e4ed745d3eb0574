package com.lianarig.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * The input layout of {@link FrameDecoderFuzzTest} and the generator of its seed corpus.
 *
 * <pre>
 *  +---------------------------+-----------+--------------+----------------------+
 *  | stream bytes (any length) | read seed | largest read | mode                 |
 *  |                           | 1 byte    | 1 byte: b    | bit 7: repair CRCs   |
 *  |                           |           |              | bits 6..0 mod 3: dir |
 *  +---------------------------+-----------+--------------+----------------------+
 * </pre>
 *
 * Reads are 1..(1 + 2 b) bytes (at most 511), sized by a SplittableRandom seeded with the read-seed
 * byte; the decoder accepts (mode &amp; 0x7F) mod 3 = 0: both directions, 1: host to node, 2: node to
 * host. An input shorter than 3 bytes is all stream, read 1 byte at a time, both directions.
 *
 * <p>With bit 7 of the mode set, the harness first rewrites the CRC of every complete candidate in the
 * stream (A5 5A, then LEN + 10 bytes), left to right, skipping to each candidate's end: the fuzzer
 * cannot forge a CRC-32C by mutation (a 10-minute run without this produced no frame beyond those of
 * the seeds), so this is how its payload mutations reach the record decoders and the views. Inputs
 * without the bit keep exercising the bad-CRC path.
 *
 * <p>Regenerate the corpus (it is committed; the files are deterministic):
 * {@code java -cp firmware-protocol/target/classes:firmware-protocol/target/test-classes
 * com.lianarig.protocol.FuzzSeeds
 * firmware-protocol/src/test/resources/com/lianarig/protocol/FrameDecoderFuzzTestInputs/decoderReturnsOnlyFramesThatReencodeIdenticallyAndNeverThrows}
 */
final class FuzzSeeds {
    private FuzzSeeds() {
    }

    /** The largest single read the fuzz test makes, bytes. */
    static final int MAX_READ = 511;

    /** Bytes after the stream. */
    static final int TRAILER_LENGTH = 3;

    /**
     * One fuzz input, split.
     *
     * @param stream the bytes fed to the decoder
     * @param readSeed seeds the read sizes
     * @param largestRead the largest read, 1..511 bytes
     * @param accepted the direction the decoder accepts, or null for both
     * @param repairCrc whether every candidate's CRC was rewritten to match (mode bit 7)
     */
    record Input(byte[] stream, int readSeed, int largestRead, Direction accepted, boolean repairCrc) {
        static Input parse(byte[] input) {
            int n = input.length;
            if (n < TRAILER_LENGTH) {
                return new Input(input, 0, 1, null, false);
            }
            int mode = input[n - 1] & 0xFF;
            int d = (mode & 0x7F) % 3;
            boolean repair = (mode & REPAIR_CRC) != 0;
            byte[] stream = Arrays.copyOf(input, n - TRAILER_LENGTH);
            if (repair) {
                repairCrcs(stream);
            }
            return new Input(stream, input[n - 3] & 0xFF, 1 + 2 * (input[n - 2] & 0xFF),
                    d == 0 ? null : d == 1 ? Direction.HOST_TO_NODE : Direction.NODE_TO_HOST, repair);
        }
    }

    /** Mode bit: rewrite every candidate's CRC before decoding. */
    static final int REPAIR_CRC = 0x80;

    /** Gives every complete candidate (A5 5A LEN ...) in {@code s} a correct CRC, left to right. */
    static void repairCrcs(byte[] s) {
        CRC32C crc = new CRC32C();
        int p = 0;
        while (p + FrameFormat.HEADER_LENGTH <= s.length) {
            if ((s[p] & 0xFF) != FrameFormat.SYNC_0 || (s[p + 1] & 0xFF) != FrameFormat.SYNC_1) {
                p++;
                continue;
            }
            int payloadLength = s[p + FrameFormat.OFFSET_LEN] & 0xFF;
            int frameLength = FrameFormat.frameLength(payloadLength);
            if (p + frameLength > s.length) {
                return;
            }
            crc.reset();
            crc.update(s, p + FrameFormat.OFFSET_LEN, FrameFormat.HEADER_LENGTH - FrameFormat.OFFSET_LEN + payloadLength);
            Wire.putU32(s, p + FrameFormat.HEADER_LENGTH + payloadLength, crc.getValue());
            p += frameLength;
        }
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        FrameEncoder e = new FrameEncoder();
        SplittableRandom r = new SplittableRandom(0xF022L);

        // A node's ordinary stream: what the host reads all day.
        ByteArrayOutputStream node = new ByteArrayOutputStream();
        node.writeBytes(e.encode(Direction.NODE_TO_HOST, 1, 0, new Identify(1, ProtocolDefinition.HASH, 0xB007L, 1, 2,
                3, Identify.CAP_BRAKE_TEST | Identify.CAP_HOMING, 6, 3, 80, ResetCause.POWER_ON, "LR-0001")));
        node.writeBytes(e.encode(Direction.NODE_TO_HOST, 1, 1, new Ack(0, MessageType.CONFIGURE_NODE.code())));
        node.writeBytes(e.encode(Direction.NODE_TO_HOST, 1, 2,
                new Nack(1, MessageType.BRAKE.code(), NackReason.WRONG_STATE, WinchState.TRIPPED.code())));
        for (int i = 0; i < 6; i++) {
            node.writeBytes(e.encode(Direction.NODE_TO_HOST, 1, 3 + i, RandomMessages.loadSamples(r, 0, 4 + i % 3)));
            node.writeBytes(e.encode(Direction.NODE_TO_HOST, 1, 9 + i, RandomMessages.winchStatus(r)));
        }
        node.writeBytes(e.encode(Direction.NODE_TO_HOST, 1, 20, new NodeStatus(123_456L, NodeState.RUNNING,
                NodeFault.NONE, 0, 0)));
        node.writeBytes(e.encode(Direction.NODE_TO_HOST, 1, 21, new FaultReport(1L, 255, NodeFault.HEARTBEAT_TIMEOUT,
                201, 200)));
        node.writeBytes(e.encode(Direction.NODE_TO_HOST, 1, 22, new BrakeTestResult(2L, 0, BrakeId.DRUM,
                BrakeTestOutcome.HELD, 3, 400)));
        write(dir, "node_stream_read_63", node.toByteArray(), 2, 63, 1);

        // The host's commands, as a node reads them, one byte at a time.
        ByteArrayOutputStream host = new ByteArrayOutputStream();
        int seq = 0;
        for (MessageType t : MessageType.values()) {
            if (t.direction() == Direction.HOST_TO_NODE) {
                host.writeBytes(e.encode(Direction.HOST_TO_NODE, 5, seq++, RandomMessages.of(t, r)));
            }
        }
        write(dir, "host_commands_read_1", host.toByteArray(), 1, 1, 2);

        // One frame of every type, both directions accepted, large reads.
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (MessageType t : MessageType.values()) {
            all.writeBytes(e.encode(t.direction(), 127, 255, RandomMessages.of(t, r)));
        }
        write(dir, "every_type_read_511", all.toByteArray(), 0, MAX_READ, 3);

        // Garbage, bit flips, a cut frame and a false sync with a large LEN around good frames.
        ByteArrayOutputStream noisy = new ByteArrayOutputStream();
        byte[] good = e.encode(Direction.NODE_TO_HOST, 2, 7, RandomMessages.loadSamples(r, 0, 6));
        noisy.writeBytes(new byte[] {0x00, (byte) 0xA5, 0x00, 0x5A, (byte) 0xA5, (byte) 0xA5});
        noisy.writeBytes(CodecPropertyTest.flipBits(r, good, 1));
        noisy.writeBytes(good);
        noisy.writeBytes(CodecPropertyTest.flipBits(r, good, 5));
        noisy.write(good, 0, 11);
        noisy.write(0);
        noisy.writeBytes(new byte[] {(byte) 0xA5, 0x5A, (byte) 0xF6, (byte) 0x81, 0x00, 0x7F});
        for (int i = 0; i < 12; i++) {
            noisy.writeBytes(good);
        }
        write(dir, "noise_and_bit_flips_read_15", noisy.toByteArray(), 0, 15, 4);

        // Good-CRC frames the decoder skips whole or the records reject.
        ByteArrayOutputStream rejected = new ByteArrayOutputStream();
        rejected.writeBytes(withCrc(0x81, 0, 0x7F, new byte[] {1, 2, 3}));                    // unknown MSG
        rejected.writeBytes(withCrc(0x80, 0, 0x82, new byte[] {7, 0x11}));                    // address 0
        rejected.writeBytes(withCrc(0x81, 0, 0x15, new byte[] {1, 2, 3, 4}));                 // HEARTBEAT from a node
        rejected.writeBytes(withCrc(0x81, 0, 0x84, hexBytes("00000000 10 01 000000 09")));    // firstChannel 16, status 9
        rejected.writeBytes(withCrc(0x81, 0, 0x84, hexBytes("00000000 00 02 000000 00")));    // count 2, one sample
        byte[] status = new byte[27];
        status[4] = 8;                                                                        // winch 8
        status[5] = 7;                                                                        // state 7
        rejected.writeBytes(withCrc(0x81, 0, 0x85, status));
        byte[] identify = e.encode(Direction.NODE_TO_HOST, 1, 0, new Identify(1, 0, 0, 0, 0, 0, 0, 0, 0, 80,
                ResetCause.UNKNOWN, "AB"));
        byte[] payload = Arrays.copyOfRange(identify, 6, identify.length - 4);
        payload[payload.length - 1] = ' ';                                                    // serial "A "
        rejected.writeBytes(withCrc(0x81, 0, 0x81, payload));
        rejected.writeBytes(e.encode(Direction.NODE_TO_HOST, 1, 1, new Ack(0, 0)));
        write(dir, "good_crc_rejected_frames_read_301", rejected.toByteArray(), 0, 301, 5);

        write(dir, "every_type_repair_crc_read_511", all.toByteArray(), REPAIR_CRC, MAX_READ, 7);
        write(dir, "good_crc_rejected_frames_repair_crc_read_301", rejected.toByteArray(), REPAIR_CRC | 2, 301, 8);
        write(dir, "empty_stream", new byte[0], 0, 1, 6);
    }

    /** Writes {@code stream} and its trailer; {@code largestRead} odd, 1..511; mode 0..2, maybe | REPAIR_CRC. */
    private static void write(Path dir, String name, byte[] stream, int mode, int largestRead, int readSeed)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(stream);
        out.write(readSeed);
        out.write((largestRead - 1) / 2);
        out.write(mode);
        byte[] bytes = out.toByteArray();
        Input check = Input.parse(bytes);
        if (check.largestRead() != largestRead || !Arrays.equals(check.stream(), stream)) {
            throw new IllegalArgumentException(name + ": largest read must be odd, 1..511");
        }
        Files.write(dir.resolve(name), bytes);
    }

    private static byte[] withCrc(int address, int seq, int messageId, byte[] payload) {
        byte[] f = new byte[FrameFormat.frameLength(payload.length)];
        f[0] = (byte) FrameFormat.SYNC_0;
        f[1] = (byte) FrameFormat.SYNC_1;
        f[2] = (byte) payload.length;
        f[3] = (byte) address;
        f[4] = (byte) seq;
        f[5] = (byte) messageId;
        System.arraycopy(payload, 0, f, 6, payload.length);
        CRC32C crc = new CRC32C();
        crc.update(f, 2, 4 + payload.length);
        Wire.putU32(f, 6 + payload.length, crc.getValue());
        return f;
    }

    private static byte[] hexBytes(String hex) {
        return java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
