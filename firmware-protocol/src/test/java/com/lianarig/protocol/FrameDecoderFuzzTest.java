package com.lianarig.protocol;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Fuzzes the frame decoder, the records and the views with arbitrary bytes (SPEC R-1): no exception
 * but {@link ProtocolException} may escape, and every frame the decoder returns is a real frame.
 *
 * <p>Without {@code JAZZER_FUZZ} this runs as a regression test over the inputs in
 * {@code src/test/resources/com/lianarig/protocol/FrameDecoderFuzzTestInputs/<method>/} (and an empty
 * input), in Surefire's own {@code fuzz-regression} execution. {@code docs/fuzzing.md} says how to
 * fuzz for real and where findings go.
 *
 * <p>Input layout: see {@link FuzzSeeds.Input}: the stream, then 3 bytes that choose the read sizes
 * and the accepted direction.
 */
class FrameDecoderFuzzTest {

    /**
     * Checks, for every read and every decode call: the decoder's position never goes backwards, its
     * counters never decrease and {@code frames()} counts exactly the frames returned, and a
     * {@code false} leaves at most a frame's start (a sync byte, fewer than 256 bytes). For every frame
     * returned: sync, CRC, address, direction and length are valid; it re-encodes byte for byte through
     * both encoder paths; the views accept it iff the record decoder does, and then read the same values.
     */
    @FuzzTest(maxDuration = "10m")
    void decoderReturnsOnlyFramesThatReencodeIdenticallyAndNeverThrows(byte[] input) {
        FuzzSeeds.Input in = FuzzSeeds.Input.parse(input);
        Direction accepted = in.accepted();
        int largestRead = in.largestRead();
        SplittableRandom reads = new SplittableRandom(in.readSeed());
        byte[] stream = in.stream();

        FrameDecoder decoder = new FrameDecoder(accepted);
        FrameView view = new FrameView();
        Checker checker = new Checker(accepted);
        long[] counters = counters(decoder);
        ByteBuffer buffer = ByteBuffer.allocate(FrameFormat.MAX_FRAME_LENGTH + FuzzSeeds.MAX_READ);

        long compacted = 0; // stream bytes consumed and compacted away
        int fed = 0;
        while (fed < stream.length) {
            int n = Math.min(reads.nextInt(1, largestRead + 1), Math.min(stream.length - fed, buffer.remaining()));
            if (n <= 0) {
                throw new AssertionError("buffer full of bytes the decoder neither consumed nor rejected: " + buffer);
            }
            buffer.put(stream, fed, n);
            fed += n;
            buffer.flip();
            while (true) {
                long before = compacted + buffer.position();
                boolean decoded = decoder.decode(buffer, view);
                long after = compacted + buffer.position();
                if (after < before) {
                    throw new AssertionError("position went back from " + before + " to " + after);
                }
                long[] now = counters(decoder);
                for (int i = 0; i < now.length; i++) {
                    if (now[i] < counters[i]) {
                        throw new AssertionError("counter " + i + " decreased to " + decoder);
                    }
                }
                if (now[0] != counters[0] + (decoded ? 1 : 0)) {
                    throw new AssertionError("frames() does not count the frames returned: " + decoder);
                }
                counters = now;
                if (!decoded) {
                    // Netty contract: what is left could still be the start of a frame.
                    if (buffer.hasRemaining() && ((buffer.get(buffer.position()) & 0xFF) != FrameFormat.SYNC_0
                            || buffer.remaining() >= FrameFormat.MAX_FRAME_LENGTH)) {
                        throw new AssertionError("false, leaving " + buffer.remaining() + " bytes from 0x"
                                + Integer.toHexString(buffer.get(buffer.position()) & 0xFF));
                    }
                    break;
                }
                if (after - before < view.frameLength()) {
                    throw checker.bug(view, "returned a frame longer than the bytes consumed");
                }
                checker.check(view);
            }
            compacted += buffer.position();
            buffer.compact();
        }
    }

    private static long[] counters(FrameDecoder d) {
        return new long[] {d.frames(), d.garbageBytes(), d.badLength(), d.badCrc(), d.unknownMessage(),
            d.wrongDirection()};
    }

    /** The per-frame invariants. */
    private static final class Checker {
        private final Direction accepted;
        private final FrameEncoder encoder = new FrameEncoder();
        private final LoadSamplesView samplesView = new LoadSamplesView();
        private final WinchStatusView statusView = new WinchStatusView();
        private final CRC32C crc = new CRC32C();
        private final byte[] reencoded = new byte[FrameFormat.MAX_FRAME_LENGTH];

        Checker(Direction accepted) {
            this.accepted = accepted;
        }

        void check(FrameView view) {
            byte[] f = view.bytes();
            int length = view.frameLength();
            MessageType type = view.type();
            if (type == null || type.direction() != view.direction()
                    || (accepted != null && view.direction() != accepted)) {
                throw bug(view, "type " + type + " / direction " + view.direction() + " / accepted " + accepted);
            }
            if ((f[0] & 0xFF) != FrameFormat.SYNC_0 || (f[1] & 0xFF) != FrameFormat.SYNC_1
                    || length != FrameFormat.frameLength(view.payloadLength())
                    || view.payloadLength() < type.minPayloadLength() || view.payloadLength() > type.maxPayloadLength()
                    || view.nodeAddress() < 1 || view.nodeAddress() > 127 || view.seq() < 0 || view.seq() > 255) {
                throw bug(view, "header fields: " + view);
            }
            crc.reset();
            crc.update(f, FrameFormat.OFFSET_LEN, length - FrameFormat.OFFSET_LEN - FrameFormat.CRC_LENGTH);
            if ((int) crc.getValue() != Wire.i32(f, length - FrameFormat.CRC_LENGTH)) {
                throw bug(view, "CRC does not match");
            }

            // The raw-payload encoder rebuilds the frame byte for byte.
            int n = encoder.encode(view.direction(), view.nodeAddress(), view.seq(), type, f, view.payloadOffset(),
                    view.payloadLength(), reencoded, 0);
            if (n != length || !Arrays.equals(f, 0, length, reencoded, 0, n)) {
                throw bug(view, "raw re-encoding differs");
            }

            Message message = null;
            ProtocolException rejected = null;
            try {
                message = view.toMessage();
            } catch (ProtocolException e) {
                rejected = e;
                if (e.error() != ProtocolError.PAYLOAD_LENGTH && e.error() != ProtocolError.FIELD_OUT_OF_RANGE) {
                    throw bug(view, "unexpected " + e.error());
                }
                if (e.getMessage() == null || !e.getMessage().startsWith(type.name())) {
                    throw bug(view, "rejection does not name the message: " + e.getMessage());
                }
            }
            if (message != null) {
                if (message.type() != type) {
                    throw bug(view, "record of type " + message.type());
                }
                // The record re-encodes to the identical frame: decoding loses or alters no field.
                byte[] again = encoder.encode(view.direction(), view.nodeAddress(), view.seq(), message);
                if (!Arrays.equals(f, 0, length, again, 0, again.length)) {
                    throw bug(view, "record " + message + " re-encodes as "
                            + HexFormat.ofDelimiter(" ").formatHex(again));
                }
            }

            // The views accept exactly what the record decoder accepts, with the same kind of error.
            // (Which field they name may differ when several are bad: see the disabled test
            // CodecPropertyTest.viewsNameTheSameBadFieldAsTheRecordDecoder.)
            boolean samplesOk = samplesView.wrap(view);
            boolean statusOk = statusView.wrap(view);
            if (type == MessageType.LOAD_SAMPLES) {
                if (statusOk || samplesOk != (message != null)) {
                    throw bug(view, "LoadSamplesView " + samplesOk + " / " + samplesView.error()
                            + ", record decoder: " + rejected);
                }
                if (samplesOk) {
                    checkSamples(view, (LoadSamples) message);
                } else if (samplesView.error() != rejected.error()) {
                    throw bug(view, "LoadSamplesView " + samplesView.error() + ", record decoder " + rejected);
                }
            } else if (type == MessageType.WINCH_STATUS) {
                if (samplesOk || statusOk != (message != null)) {
                    throw bug(view, "WinchStatusView " + statusOk + " / " + statusView.error()
                            + ", record decoder: " + rejected);
                }
                if (statusOk) {
                    checkStatus(view, (WinchStatus) message);
                } else if (statusView.error() != rejected.error()) {
                    throw bug(view, "WinchStatusView " + statusView.error() + ", record decoder " + rejected);
                }
            } else if (samplesOk || statusOk || samplesView.error() != ProtocolError.UNKNOWN_MESSAGE
                    || statusView.error() != ProtocolError.UNKNOWN_MESSAGE) {
                throw bug(view, "a view took a " + type);
            }
        }

        private void checkSamples(FrameView view, LoadSamples m) {
            if (samplesView.nodeTimeUs() != m.nodeTimeUs() || samplesView.firstChannel() != m.firstChannel()
                    || samplesView.count() != m.samples().size()) {
                throw bug(view, "LoadSamplesView header differs from " + m);
            }
            for (int i = 0; i < samplesView.count(); i++) {
                if (samplesView.rawCounts(i) != m.samples().get(i).rawCounts()
                        || samplesView.status(i) != m.samples().get(i).status()) {
                    throw bug(view, "LoadSamplesView sample " + i + " differs from " + m);
                }
            }
        }

        private void checkStatus(FrameView view, WinchStatus m) {
            if (statusView.nodeTimeUs() != m.nodeTimeUs() || statusView.winch() != m.winch()
                    || statusView.state() != m.state() || statusView.positionCounts() != m.positionCounts()
                    || statusView.velocityCountsPerS() != m.velocityCountsPerS()
                    || statusView.setpointPositionCounts() != m.setpointPositionCounts()
                    || statusView.setpointVelocityCountsPerS() != m.setpointVelocityCountsPerS()
                    || statusView.flags() != m.flags() || statusView.fault() != m.fault()
                    || statusView.driveTorquePermille() != m.driveTorquePermille()) {
                throw bug(view, "WinchStatusView differs from " + m);
            }
        }

        AssertionError bug(FrameView view, String what) {
            return new AssertionError(what + "; frame " + view.toHex());
        }
    }
}
