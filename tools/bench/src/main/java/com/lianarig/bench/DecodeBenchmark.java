package com.lianarig.bench;

import com.lianarig.protocol.ChannelStatus;
import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FrameDecoder;
import com.lianarig.protocol.FrameEncoder;
import com.lianarig.protocol.FrameFormat;
import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.LoadSamples;
import com.lianarig.protocol.LoadSamplesView;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.NodeStatus;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import com.lianarig.protocol.WinchStatusView;
import com.lianarig.protocol.Wire;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SPEC P-1: host-side frame decoding on one core, per frame. Target: 0 B allocated per frame and at
 * least 5 M frames/s (1,000 x what a 6-channel, 3-winch rig needs).
 *
 * <p>The stream is what a host reads from a running node, pre-encoded in a heap {@link ByteBuffer}:
 * {@value #FRAMES} frames, 85 % LOAD_SAMPLES of 4..6 channels, 14 % WINCH_STATUS, 1 % NODE_STATUS.
 * One invocation decodes the whole stream through {@link FrameDecoder} and {@link FrameView}, reads
 * every field through {@link LoadSamplesView} / {@link WinchStatusView} (NODE_STATUS, which has no
 * view, through {@link Wire}), and sums them into a {@link Blackhole}; with
 * {@code @OperationsPerInvocation(FRAMES)} the scores are per frame: ops/s = frames/s, and
 * {@code gc.alloc.rate.norm} = bytes allocated per frame.
 *
 * <p>Run: {@code java -jar tools/bench/target/benchmarks.jar DecodeBenchmark -prof gc -f 1 -wi 3 -i 5}.
 * Single-threaded, as the link reader is.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeBenchmark {

    /** Frames in the stream; one operation = one frame. */
    static final int FRAMES = 10_000;

    /** Node clock between LOAD_SAMPLES conversions at 80 samples/s, microseconds. */
    private static final long SAMPLE_PERIOD_US = 12_500;

    private ByteBuffer stream;
    private final FrameDecoder decoder = new FrameDecoder(Direction.NODE_TO_HOST);
    private final FrameView view = new FrameView();
    private final LoadSamplesView samples = new LoadSamplesView();
    private final WinchStatusView status = new WinchStatusView();

    @Setup
    public void buildStream() {
        stream = ByteBuffer.wrap(realisticStream(FRAMES, new SplittableRandom(0x5EEDL)));
        // The stream decodes to exactly FRAMES frames, none dropped, every view valid.
        FrameDecoder check = new FrameDecoder(Direction.NODE_TO_HOST);
        int valid = 0;
        while (check.decode(stream, view)) {
            if (view.type() == MessageType.LOAD_SAMPLES ? samples.wrap(view)
                    : view.type() != MessageType.WINCH_STATUS || status.wrap(view)) {
                valid++;
            }
        }
        if (check.frames() != FRAMES || check.drops() != 0 || valid != FRAMES) {
            throw new IllegalStateException("benchmark stream is broken: " + check + ", valid " + valid);
        }
        stream.clear();
    }

    /** The whole path: frame decoding plus every field of every message through the views. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decodeAndReadEveryField(Blackhole bh) {
        ByteBuffer in = stream;
        in.clear();
        long sum = 0;
        int frames = 0;
        while (decoder.decode(in, view)) {
            frames++;
            sum += view.seq() + view.nodeAddress() + view.payloadLength();
            MessageType type = view.type();
            if (type == MessageType.LOAD_SAMPLES) {
                if (samples.wrap(view)) {
                    sum += samples.nodeTimeUs() + samples.firstChannel();
                    int n = samples.count();
                    for (int i = 0; i < n; i++) {
                        sum += samples.rawCounts(i) + samples.status(i).code();
                    }
                }
            } else if (type == MessageType.WINCH_STATUS) {
                if (status.wrap(view)) {
                    sum += status.nodeTimeUs() + status.winch() + status.state().code() + status.positionCounts()
                            + status.velocityCountsPerS() + status.setpointPositionCounts()
                            + status.setpointVelocityCountsPerS() + status.flags() + status.fault().code()
                            + status.driveTorquePermille();
                }
            } else if (type == MessageType.NODE_STATUS) {
                byte[] b = view.bytes();
                int p = view.payloadOffset();
                sum += Wire.u32(b, p) + Wire.u8(b, p + 4) + Wire.u8(b, p + 5) + Wire.u16(b, p + 6)
                        + Wire.u16(b, p + 8);
            }
        }
        bh.consume(sum);
        bh.consume(frames);
    }

    /** Frame decoding alone (sync, header, CRC-32C, copy into the view), for comparison. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decodeFramesOnly(Blackhole bh) {
        ByteBuffer in = stream;
        in.clear();
        int frames = 0;
        while (decoder.decode(in, view)) {
            frames++;
        }
        bh.consume(frames);
    }

    /** A node's stream: 85 % LOAD_SAMPLES (4..6 channels), 14 % WINCH_STATUS (3 winches), 1 % NODE_STATUS. */
    static byte[] realisticStream(int frames, SplittableRandom r) {
        FrameEncoder encoder = new FrameEncoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream(frames * 32);
        byte[] frame = new byte[FrameFormat.MAX_FRAME_LENGTH];
        long nodeTimeUs = 1_000_000;
        int positionCounts = 50_000;
        for (int i = 0; i < frames; i++) {
            int kind = i % 100;
            int n;
            if (kind < 85) {
                nodeTimeUs += SAMPLE_PERIOD_US;
                int channels = 4 + r.nextInt(3);
                List<LoadSamples.Sample> s = new ArrayList<>(channels);
                for (int c = 0; c < channels; c++) {
                    s.add(new LoadSamples.Sample(r.nextInt(-(1 << 23), 1 << 23),
                            r.nextInt(50) == 0 ? ChannelStatus.SATURATED : ChannelStatus.OK));
                }
                n = encoder.encode(Direction.NODE_TO_HOST, 1, i & 0xFF, new LoadSamples(nodeTimeUs, 0, s), frame, 0);
            } else if (kind < 99) {
                positionCounts += r.nextInt(-40, 41);
                n = encoder.encode(Direction.NODE_TO_HOST, 1, i & 0xFF, new WinchStatus(nodeTimeUs, kind % 3,
                        WinchState.FOLLOWING, positionCounts, r.nextInt(-4000, 4001), positionCounts + r.nextInt(-5, 6),
                        r.nextInt(-4000, 4001), WinchStatus.FLAG_REFERENCED | WinchStatus.FLAG_DRIVE_POWERED,
                        NodeFault.NONE, r.nextInt(-300, 301)), frame, 0);
            } else {
                n = encoder.encode(Direction.NODE_TO_HOST, 1, i & 0xFF, new NodeStatus(nodeTimeUs, NodeState.RUNNING,
                        NodeFault.NONE, 0, 0), frame, 0);
            }
            out.write(frame, 0, n);
        }
        return out.toByteArray();
    }
}
