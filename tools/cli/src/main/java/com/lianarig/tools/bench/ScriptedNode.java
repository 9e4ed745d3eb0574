package com.lianarig.tools.bench;

import com.lianarig.protocol.Ack;
import com.lianarig.protocol.ChannelStatus;
import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FrameDecoder;
import com.lianarig.protocol.FrameEncoder;
import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.LoadSamples;
import com.lianarig.protocol.Message;
import com.lianarig.protocol.Nack;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.NodeStatus;
import com.lianarig.protocol.ProtocolDefinition;
import com.lianarig.protocol.ReferenceMode;
import com.lianarig.protocol.ResetCause;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import com.lianarig.protocol.Wire;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A minimal scripted node on the node end of a pty (PROTOCOL.md sections 5..7, only what the host's
 * session needs): answers IDENTIFY_REQUEST with an IDENTIFY of this build's definition hash, ACKs every
 * command (CONFIGURE_*, BRAKE, STOP, CLEAR_SHUTDOWN), follows BRAKE RELEASE / APPLY and STOP in its
 * winch states, takes the position a REFERENCE SET_POSITION asks of a braked winch (SR-23: how the host
 * trusts a position again after a lost link), and once configured streams LOAD_SAMPLES (every channel
 * at {@code sampleRateHz}), WINCH_STATUS (every winch at {@code statusRateHz}, always referenced) and
 * NODE_STATUS (20 Hz). Heartbeats and set-points are ignored (no watchdog, no set-point gap: the bench
 * drives the host, not the node); a winch's position moves only by REFERENCE.
 *
 * <p>Threads: a reader (decodes the host's frames, answers at once, and timestamps the arrival of the
 * first byte of each STOP frame), a streamer (1 ms tick), and the bench's own thread writing the
 * violating sample ({@link #writeTimed}); every write goes through one lock, which also owns the node's
 * stream counter.
 */
final class ScriptedNode implements AutoCloseable {
    static final int ADDRESS = 1;
    static final String SERIAL = "VR-0001";
    static final int CHANNELS = 4;
    static final int WINCHES = 3;

    private final RandomAccessFile port;
    private final FrameEncoder encoder = new FrameEncoder();
    private final byte[] out = new byte[512];
    private final Object writeLock = new Object();
    private int seq;
    private final long bootId = System.nanoTime() & 0xFFFF_FFFFL;

    private final int[] normalRaw;
    private final int velocityCountsPerS;
    private final long samplePeriodNanos;
    private final long statusPeriodNanos;
    private final long startNanos = System.nanoTime();

    private final WinchState[] winch = new WinchState[WINCHES];
    /** Each winch's reported position, counts (guarded by this). */
    private final int[] positionCounts = new int[WINCHES];
    private long references;
    /** Until when (System.nanoTime) the node sends nothing: a link hiccup on purpose ({@link #goSilent}). */
    private volatile long silentUntilNanos = startNanos; // in the past: not silent
    private volatile boolean configured;
    private volatile boolean running = true;
    private volatile long stopArrivalNanos;
    private volatile boolean armed;
    private long stopFrames;
    private final Thread reader;
    private final Thread streamer;

    // arrival times of the last reads, by cumulative byte offset (for a frame's first byte)
    private static final int READS = 64;
    private final long[] readEndOffset = new long[READS];
    private final long[] readNanos = new long[READS];
    private long reads;

    /**
     * @param port the node end of the pty
     * @param normalRaw each channel's raw counts in the normal stream
     * @param positionCounts every winch's reported position at the start
     * @param velocityCountsPerS a FOLLOWING winch's reported velocity (counts/s, up)
     */
    ScriptedNode(RandomAccessFile port, int[] normalRaw, int positionCounts, int velocityCountsPerS,
            int sampleRateHz, int statusRateHz) {
        this.port = port;
        this.normalRaw = normalRaw.clone();
        java.util.Arrays.fill(this.positionCounts, positionCounts);
        this.velocityCountsPerS = velocityCountsPerS;
        this.samplePeriodNanos = 1_000_000_000L / sampleRateHz;
        this.statusPeriodNanos = 1_000_000_000L / statusRateHz;
        java.util.Arrays.fill(winch, WinchState.BRAKED);
        reader = new Thread(this::read, "scripted-node-reader");
        reader.setDaemon(true);
        streamer = new Thread(this::stream, "scripted-node-streams");
        streamer.setDaemon(true);
    }

    void start() {
        reader.start();
        streamer.start();
    }

    boolean configured() {
        return configured;
    }

    synchronized WinchState winchState(int w) {
        return winch[w];
    }

    private synchronized int positionCounts(int w) {
        return positionCounts[w];
    }

    /** How many REFERENCE SET_POSITION commands the node took. */
    synchronized long references() {
        return references;
    }

    /**
     * From now on the node sends nothing for {@code nanos} (samples, statuses, answers to the host): a link
     * hiccup, as a loaded machine makes one, so the host's session declares the node silent (100 ms) and
     * identifies it again.
     *
     * @return when the silence ends, System.nanoTime
     */
    long goSilent(long nanos) {
        long until = System.nanoTime() + nanos;
        silentUntilNanos = until;
        return until;
    }

    /** Arms the STOP timestamp: the next STOP frame's first-byte arrival is recorded. */
    void arm() {
        stopArrivalNanos = 0;
        armed = true;
    }

    /** The first-byte arrival of the STOP frame since {@link #arm}, ns, or 0 while none came. */
    long stopArrivalNanos() {
        return stopArrivalNanos;
    }

    /** Writes one LOAD_SAMPLES frame now; returns System.nanoTime right after the write returned. */
    long writeTimed(LoadSamples samples) throws IOException {
        synchronized (writeLock) {
            int n = encoder.encode(Direction.NODE_TO_HOST, ADDRESS, nextSeq(), samples, out, 0);
            port.write(out, 0, n);
            return System.nanoTime();
        }
    }

    /** The frame a message makes (for the echo baseline's frame size). */
    static byte[] frame(Message m) {
        return new FrameEncoder().encode(Direction.NODE_TO_HOST, ADDRESS, 0, m);
    }

    LoadSamples samples(int[] raw) {
        List<LoadSamples.Sample> s = new ArrayList<>(raw.length);
        for (int r : raw) {
            s.add(new LoadSamples.Sample(r, ChannelStatus.OK));
        }
        return new LoadSamples(nodeTimeUs(), 0, s);
    }

    long stopFrames() {
        synchronized (this) {
            return stopFrames;
        }
    }

    private long nodeTimeUs() {
        return ((System.nanoTime() - startNanos) / 1000) & 0xFFFF_FFFFL;
    }

    private int nextSeq() {
        int s = seq;
        seq = (seq + 1) & 0xFF;
        return s;
    }

    private void send(Message m) {
        if (System.nanoTime() - silentUntilNanos < 0) {
            return;
        }
        synchronized (writeLock) {
            int n = encoder.encode(Direction.NODE_TO_HOST, ADDRESS, nextSeq(), m, out, 0);
            try {
                port.write(out, 0, n);
            } catch (IOException e) {
                running = false;
            }
        }
    }

    private void stream() {
        long nextSample = System.nanoTime();
        long nextStatus = nextSample;
        long nextNodeStatus = nextSample;
        int jitter = 0;
        int[] raw = new int[CHANNELS];
        while (running) {
            long now = System.nanoTime();
            if (configured) {
                if (now - nextSample >= 0) {
                    jitter = (jitter + 1) % 7;
                    for (int c = 0; c < CHANNELS; c++) {
                        raw[c] = normalRaw[c] + jitter - 3; // never frozen (SR-8)
                    }
                    send(samples(raw));
                    nextSample += samplePeriodNanos;
                }
                if (now - nextStatus >= 0) {
                    for (int w = 0; w < WINCHES; w++) {
                        WinchState s = winchState(w);
                        boolean following = s == WinchState.FOLLOWING;
                        int flags = WinchStatus.FLAG_REFERENCED | WinchStatus.FLAG_DRIVE_POWERED
                                | (following ? 0 : WinchStatus.FLAG_MOTOR_BRAKE_ENGAGED | WinchStatus.FLAG_DRUM_BRAKE_ENGAGED);
                        int position = positionCounts(w);
                        send(new WinchStatus(nodeTimeUs(), w, s, position, following ? velocityCountsPerS : 0,
                                position, following ? velocityCountsPerS : 0, flags, NodeFault.NONE, 0));
                    }
                    nextStatus += statusPeriodNanos;
                }
            }
            if (now - nextNodeStatus >= 0) {
                send(new NodeStatus(nodeTimeUs(), configured ? NodeState.RUNNING : NodeState.IDENTIFIED,
                        NodeFault.NONE, 0, 0));
                nextNodeStatus += 50_000_000L;
            }
            LockSupport.parkNanos(500_000L);
        }
    }

    private void read() {
        FrameDecoder decoder = new FrameDecoder(Direction.HOST_TO_NODE);
        FrameView view = new FrameView();
        ByteBuffer in = ByteBuffer.allocate(8192);
        byte[] buffer = new byte[4096];
        long consumedBefore = 0; // cumulative offset of in[0]
        long received = 0;
        try {
            int n;
            while (running && (n = port.read(buffer)) >= 0) {
                long t = System.nanoTime();
                received += n;
                readEndOffset[(int) (reads % READS)] = received;
                readNanos[(int) (reads % READS)] = t;
                reads++;
                in.put(buffer, 0, n);
                in.flip();
                while (decoder.decode(in, view)) {
                    long frameStart = consumedBefore + in.position() - view.frameLength();
                    onFrame(view, frameStart);
                }
                consumedBefore += in.position();
                in.compact();
            }
        } catch (IOException e) {
            // the pty closed
        }
    }

    /** When the byte at cumulative offset {@code offset} arrived: the read that returned it. */
    private long arrival(long offset) {
        for (long i = Math.max(0, reads - READS); i < reads; i++) {
            if (readEndOffset[(int) (i % READS)] > offset) {
                return readNanos[(int) (i % READS)];
            }
        }
        return readNanos[(int) ((reads - 1) % READS)];
    }

    private void onFrame(FrameView f, long frameStart) {
        MessageType type = f.type();
        byte[] b = f.bytes();
        int p = f.payloadOffset();
        switch (type) {
            case IDENTIFY_REQUEST -> send(new Identify(ProtocolDefinition.PROTOCOL_VERSION, ProtocolDefinition.HASH,
                    bootId, 1, 0, 0, 0, CHANNELS, WINCHES, 1000, ResetCause.POWER_ON, SERIAL));
            case STOP -> {
                if (armed) {
                    armed = false;
                    stopArrivalNanos = arrival(frameStart);
                }
                int mask = Wire.u8(b, p);
                synchronized (this) {
                    stopFrames++;
                    for (int w = 0; w < WINCHES; w++) {
                        if ((mask & (1 << w)) != 0) {
                            winch[w] = WinchState.BRAKED;
                        }
                    }
                }
                ack(f);
            }
            case BRAKE -> {
                int w = Wire.u8(b, p);
                boolean release = Wire.u8(b, p + 1) == 1;
                synchronized (this) {
                    winch[w] = release ? WinchState.FOLLOWING : WinchState.BRAKED;
                }
                ack(f);
            }
            case REFERENCE -> reference(f, Wire.u8(b, p), Wire.u8(b, p + 1), Wire.i32(b, p + 2));
            case CONFIGURE_NODE -> {
                ack(f);
                configured = true;
            }
            case HEARTBEAT, SET_POINT -> {
                // no watchdog, no set-point gap in this node
            }
            default -> {
                if (type.delivery() == com.lianarig.protocol.Delivery.COMMAND) {
                    ack(f);
                }
            }
        }
    }

    /** REFERENCE: a braked winch takes the position asked (SET_POSITION); homing is a capability this node lacks. */
    private void reference(FrameView f, int w, int mode, int counts) {
        NackReason refused = null;
        int detail = 0;
        synchronized (this) {
            if (w >= WINCHES) {
                refused = NackReason.NO_SUCH_WINCH;
            } else if (mode != ReferenceMode.SET_POSITION.code()) {
                refused = NackReason.NOT_SUPPORTED;
            } else if (winch[w] != WinchState.BRAKED) {
                refused = NackReason.WRONG_STATE;
                detail = winch[w].code();
            } else {
                positionCounts[w] = counts;
                references++;
            }
        }
        if (refused == null) {
            ack(f);
        } else {
            send(new Nack(f.seq(), f.type().code(), refused, detail));
        }
    }

    private void ack(FrameView f) {
        send(new Ack(f.seq(), f.type().code()));
    }

    @Override
    public void close() {
        running = false;
        try {
            port.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
