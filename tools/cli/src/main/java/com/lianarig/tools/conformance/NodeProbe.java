package com.lianarig.tools.conformance;

import com.lianarig.hal.serial.SerialLink;
import com.lianarig.protocol.Ack;
import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FrameDecoder;
import com.lianarig.protocol.FrameEncoder;
import com.lianarig.protocol.FrameFormat;
import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.Heartbeat;
import com.lianarig.protocol.Message;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.Nack;
import com.lianarig.protocol.ProtocolException;
import com.lianarig.protocol.SetPoint;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * Drives one node byte by byte for the conformance checks: writes well-formed frames, raw bytes
 * (bad CRC, garbage, truncated frames) and exact retransmissions; decodes and timestamps every frame
 * the node sends; feeds the heartbeat and streams set-points from a background thread; and lets a
 * check wait for what it expects.
 *
 * <p>Deliberately not {@code HostLinkSession}: the host session never sends a bad frame, retransmits
 * by itself and hides the node's SEQ, all of which a conformance test must control.
 *
 * <p>Threads: the link's reader thread decodes into the received log; the stream thread sends
 * heartbeats and set-points; the check thread does the rest. Writes are serialised on one lock, the
 * received log on another.
 */
public final class NodeProbe implements AutoCloseable {
    /** Heartbeat period: half the protocol's 50 ms, so a busy host machine never starves the watchdog. */
    static final long HEARTBEAT_PERIOD_NANOS = 25_000_000L;
    /** Set-point period: the control rate of 100 Hz. */
    static final long SET_POINT_PERIOD_NANOS = 10_000_000L;

    /** One frame from the node, decoded, with when it arrived (the probe's clock, ns). */
    public record Received(long atNanos, int seq, MessageType type, Message message) {
    }

    /** A frame the probe sent: its bytes (for an exact retransmission), SEQ, MSG, when, and the log position then. */
    public record Sent(byte[] bytes, int seq, int messageId, long atNanos, int mark) {
    }

    /** The ACK or NACK that answered a command, and how long after the command it arrived. */
    public record Answer(Message message, long latencyNanos) {
        boolean ack() {
            return message instanceof Ack;
        }

        Nack nack() {
            return message instanceof Nack n ? n : null;
        }

        double latencyMs() {
            return latencyNanos / 1e6;
        }

        /** "ACK" or "NACK REASON/detail". */
        String describe() {
            Nack n = nack();
            return n == null ? "ACK" : "NACK " + n.reason() + "/" + n.detail();
        }
    }

    /** A set-point to stream, as a function of the probe's time. */
    @FunctionalInterface
    public interface SetPointSource {
        SetPoint at(long nowNanos);
    }

    private final SerialLink link;
    private final int address;
    private final NanoClock clock;

    private final Object txLock = new Object();
    private final FrameEncoder encoder = new FrameEncoder();
    private final byte[] tx = new byte[FrameFormat.MAX_FRAME_LENGTH];
    private int streamSeq;
    private int commandSeq;

    private final Object rxLock = new Object();
    private final FrameDecoder decoder = new FrameDecoder(Direction.NODE_TO_HOST);
    private final FrameView view = new FrameView();
    private final ByteBuffer rx = ByteBuffer.allocate(16 * 1024);
    private final List<Received> received = new ArrayList<>();
    private int lastNodeSeq = -1;
    private int repeatedNodeSeqs;
    private long lostNodeFrames;
    private int invalidPayloads;
    private String firstInvalidPayload;
    private int foreignFrames;
    private long badCrcAtFirstFrame = -1;
    private long badLengthAtFirstFrame;
    private long garbageAtFirstFrame;
    private final List<Double> answerLatenciesMs = new ArrayList<>();

    private final Object streamLock = new Object();
    private boolean heartbeating;
    private long lastHeartbeatNanos;
    private SetPointSource setPoints;
    private long lastSetPointNanos;
    private long longestSetPointGapNanos;
    private long longestHeartbeatGapNanos;
    private volatile boolean running = true;
    private Thread streamThread;

    /**
     * @param link an open-able link to the node's port; the probe starts it
     * @param address the node's address, 1..127
     */
    public NodeProbe(SerialLink link, int address, NanoClock clock) {
        this.link = link;
        this.address = address;
        this.clock = clock;
    }

    /** Starts the link's reader (bytes go to the decoder) and the stream thread. */
    public void start(com.lianarig.hal.serial.SerialLinkListener listener) {
        link.start(this::onBytes, listener);
        streamThread = new Thread(this::streamLoop, "conformance-stream");
        streamThread.setDaemon(true);
        streamThread.start();
    }

    public int address() {
        return address;
    }

    public NanoClock clock() {
        return clock;
    }

    // ---- sending ----

    /** Sends a STREAM message (IDENTIFY_REQUEST, SET_POINT, HEARTBEAT) with the host's stream counter. */
    public Sent sendStream(Message m) {
        synchronized (txLock) {
            int seq = streamSeq;
            streamSeq = (streamSeq + 1) & 0xFF;
            int n = encoder.encode(Direction.HOST_TO_NODE, address, seq, m, tx, 0);
            return write(java.util.Arrays.copyOf(tx, n), seq, m.type().code());
        }
    }

    /** Sends a command with the next command SEQ. */
    public Sent sendCommand(Message m) {
        synchronized (txLock) {
            int seq = nextCommandSeq();
            int n = encoder.encode(Direction.HOST_TO_NODE, address, seq, m, tx, 0);
            return write(java.util.Arrays.copyOf(tx, n), seq, m.type().code());
        }
    }

    /**
     * Sends a command whose payload the caller wrote (for out-of-range values the records refuse),
     * with the next command SEQ, or with {@code seq} when it is 0..255.
     */
    public Sent sendCommandPayload(MessageType type, byte[] payload, int seq) {
        synchronized (txLock) {
            int s = seq >= 0 ? seq : nextCommandSeq();
            byte[] frame = frame(address, false, s, type.code(), payload);
            return write(frame, s, type.code());
        }
    }

    /** The next command SEQ (used by a caller that builds its own frame). */
    public int nextCommandSeq() {
        synchronized (txLock) {
            int seq = commandSeq;
            commandSeq = (commandSeq + 1) & 0xFF;
            return seq;
        }
    }

    /** Sends exactly {@code bytes} (a retransmission, garbage, a corrupted frame). */
    public Sent sendRaw(byte[] bytes, int seq, int messageId) {
        synchronized (txLock) {
            return write(bytes.clone(), seq, messageId);
        }
    }

    /**
     * Sends {@code bytes} one at a time, {@code pauseNanos} apart (the heartbeat waits meanwhile: keep
     * it short); the time is that of the last byte.
     */
    public Sent sendSlowly(byte[] bytes, int seq, int messageId, long pauseNanos) throws InterruptedException {
        int mark = mark();
        synchronized (streamLock) { // no heartbeat or set-point may land inside the frame
            for (int i = 0; i < bytes.length; i++) {
                synchronized (txLock) {
                    link.write(bytes, i, 1);
                }
                if (i < bytes.length - 1) {
                    clock.sleepNanos(pauseNanos);
                }
            }
            return new Sent(bytes.clone(), seq, messageId, clock.nanoTime(), mark);
        }
    }

    /** Sends the identical bytes of an earlier frame again (a retransmission: same SEQ, same bytes). */
    public Sent resend(Sent earlier) {
        return sendRaw(earlier.bytes(), earlier.seq(), earlier.messageId());
    }

    private Sent write(byte[] frame, int seq, int messageId) {
        int mark = mark();
        long at = clock.nanoTime();
        if (!link.write(frame, 0, frame.length)) {
            throw new LinkLostException("the port " + link.describe() + " did not take the frame (" + link.state() + ")");
        }
        return new Sent(frame, seq, messageId, at, mark);
    }

    /**
     * A whole frame with a correct CRC: sync, LEN = payload length, ADDR (bit 7 when
     * {@code fromNode}), SEQ, MSG, payload, CRC-32C little-endian. Any MSG and length: the caller
     * decides what is wrong with it.
     */
    public static byte[] frame(int address, boolean fromNode, int seq, int messageId, byte[] payload) {
        byte[] f = new byte[FrameFormat.frameLength(payload.length)];
        f[0] = (byte) FrameFormat.SYNC_0;
        f[1] = (byte) FrameFormat.SYNC_1;
        f[FrameFormat.OFFSET_LEN] = (byte) payload.length;
        f[FrameFormat.OFFSET_ADDR] = (byte) (address | (fromNode ? FrameFormat.FROM_NODE_BIT : 0));
        f[FrameFormat.OFFSET_SEQ] = (byte) seq;
        f[FrameFormat.OFFSET_MSG] = (byte) messageId;
        System.arraycopy(payload, 0, f, FrameFormat.OFFSET_PAYLOAD, payload.length);
        CRC32C crc = new CRC32C();
        crc.update(f, FrameFormat.OFFSET_LEN, FrameFormat.HEADER_LENGTH - FrameFormat.OFFSET_LEN + payload.length);
        int c = (int) crc.getValue();
        int at = FrameFormat.OFFSET_PAYLOAD + payload.length;
        for (int i = 0; i < 4; i++) {
            f[at + i] = (byte) (c >>> (8 * i));
        }
        return f;
    }

    /** The payload bytes of a message record (to patch a field before sending). */
    public static byte[] payload(Message m) {
        byte[] p = new byte[m.payloadLength()];
        m.writePayload(p, 0);
        return p;
    }

    // ---- heartbeat and set-point streams ----

    /** Starts (or keeps) feeding the node's heartbeat watchdog every 25 ms. */
    public void heartbeatsOn() {
        synchronized (streamLock) {
            heartbeating = true;
        }
    }

    /**
     * Stops the heartbeat; no HEARTBEAT is sent after this returns.
     *
     * @return when the last HEARTBEAT was sent, ns (the probe's clock)
     */
    public long heartbeatsOff() {
        synchronized (streamLock) {
            heartbeating = false;
            return lastHeartbeatNanos;
        }
    }

    /** Streams {@code source}'s set-point every 10 ms until {@link #setPointsOff}. */
    public void setPointsOn(SetPointSource source) {
        synchronized (streamLock) {
            if (setPoints == null) {
                longestSetPointGapNanos = 0;
                lastSetPointNanos = 0;
            }
            setPoints = source;
        }
    }

    /**
     * Stops the set-points; none is sent after this returns.
     *
     * @return when the last SET_POINT was sent, ns, or 0 if none was
     */
    public long setPointsOff() {
        synchronized (streamLock) {
            setPoints = null;
            return lastSetPointNanos;
        }
    }

    /** The longest pause between two set-points this probe sent in the current stream, ns (its own lateness). */
    public long longestSetPointGapNanos() {
        synchronized (streamLock) {
            return longestSetPointGapNanos;
        }
    }

    /**
     * The longest pause between two heartbeats this probe sent while feeding the watchdog, ns (its own
     * lateness; pauses of 250 ms and more are the tester's deliberate stops and not counted).
     */
    public long longestHeartbeatGapNanos() {
        synchronized (streamLock) {
            return longestHeartbeatGapNanos;
        }
    }

    private void streamLoop() {
        while (running) {
            synchronized (streamLock) {
                long now = clock.nanoTime();
                if (heartbeating && now - lastHeartbeatNanos >= HEARTBEAT_PERIOD_NANOS) {
                    if (lastHeartbeatNanos != 0 && now - lastHeartbeatNanos < 10 * HEARTBEAT_PERIOD_NANOS) {
                        longestHeartbeatGapNanos = Math.max(longestHeartbeatGapNanos, now - lastHeartbeatNanos);
                    }
                    trySend(new Heartbeat((now / 1_000_000L) & 0xFFFF_FFFFL));
                    lastHeartbeatNanos = now;
                }
                if (setPoints != null && now - lastSetPointNanos >= SET_POINT_PERIOD_NANOS) {
                    if (lastSetPointNanos != 0) {
                        longestSetPointGapNanos = Math.max(longestSetPointGapNanos, now - lastSetPointNanos);
                    }
                    trySend(setPoints.at(now));
                    lastSetPointNanos = now;
                }
            }
            try {
                clock.sleepNanos(2_000_000L);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void trySend(Message m) {
        try {
            sendStream(m);
        } catch (LinkLostException e) {
            // the check thread sees the lost link on its next write or wait
        }
    }

    // ---- receiving ----

    private void onBytes(byte[] buffer, int offset, int length) {
        long at = clock.nanoTime();
        synchronized (rxLock) {
            int off = offset;
            int left = length;
            while (left > 0) {
                int n = Math.min(left, rx.remaining());
                rx.put(buffer, off, n);
                off += n;
                left -= n;
                rx.flip();
                while (decoder.decode(rx, view)) {
                    onFrame(at);
                }
                rx.compact();
            }
            rxLock.notifyAll();
        }
    }

    private void onFrame(long at) {
        if (badCrcAtFirstFrame < 0) {
            badCrcAtFirstFrame = decoder.badCrc();
            badLengthAtFirstFrame = decoder.badLength();
            garbageAtFirstFrame = decoder.garbageBytes();
        }
        if (view.nodeAddress() != address) {
            foreignFrames++;
            return;
        }
        int seq = view.seq();
        if (lastNodeSeq >= 0) {
            if (seq == lastNodeSeq) {
                repeatedNodeSeqs++;
            } else {
                lostNodeFrames += ((seq - lastNodeSeq) & 0xFF) - 1;
            }
        }
        lastNodeSeq = seq;
        Message m;
        try {
            m = view.toMessage();
        } catch (ProtocolException e) {
            invalidPayloads++;
            if (firstInvalidPayload == null) {
                firstInvalidPayload = view.type() + ": " + e.getMessage() + " (" + view.toHex() + ")";
            }
            return;
        }
        received.add(new Received(at, seq, view.type(), m));
    }

    /** The position in the received log now: frames received from here on are "after". */
    public int mark() {
        synchronized (rxLock) {
            return received.size();
        }
    }

    /**
     * Waits for the first frame at or after {@code fromMark} that {@code match} accepts.
     *
     * @return the frame, or null when none came within {@code timeoutNanos}
     */
    public Received await(int fromMark, Predicate<Received> match, long timeoutNanos) throws InterruptedException {
        long deadline = clock.nanoTime() + timeoutNanos;
        int next = fromMark;
        synchronized (rxLock) {
            while (true) {
                for (; next < received.size(); next++) {
                    Received r = received.get(next);
                    if (match.test(r)) {
                        return r;
                    }
                }
                long left = deadline - clock.nanoTime();
                if (left <= 0) {
                    return null;
                }
                rxLock.wait(Math.max(1, left / 1_000_000L));
            }
        }
    }

    /** Waits for a message of {@code type} matching {@code match}, after {@code fromMark}. */
    public <T extends Message> Received await(int fromMark, Class<T> type, Predicate<T> match, long timeoutNanos)
            throws InterruptedException {
        return await(fromMark, r -> type.isInstance(r.message()) && match.test(type.cast(r.message())), timeoutNanos);
    }

    /**
     * Waits for the ACK or NACK naming {@code sent}'s SEQ and MSG, received after it was sent.
     *
     * @return the answer and its latency, or null when none came within {@code timeoutNanos}
     */
    public Answer awaitAnswer(Sent sent, long timeoutNanos) throws InterruptedException {
        Received r = await(sent.mark(), x -> answers(x.message(), sent.seq(), sent.messageId()), timeoutNanos);
        if (r == null) {
            return null;
        }
        Answer a = new Answer(r.message(), r.atNanos() - sent.atNanos());
        synchronized (rxLock) {
            answerLatenciesMs.add(a.latencyMs());
        }
        return a;
    }

    /** Any ACK or NACK, after {@code fromMark}, within the time (for "must not be answered"). */
    public Received awaitAnyAnswer(int fromMark, int seq, int messageId, long timeoutNanos) throws InterruptedException {
        return await(fromMark, x -> answers(x.message(), seq, messageId), timeoutNanos);
    }

    private static boolean answers(Message m, int seq, int messageId) {
        if (m instanceof Ack a) {
            return a.ackedSeq() == seq && a.ackedMessageId() == messageId;
        }
        return m instanceof Nack n && n.nackedSeq() == seq && n.nackedMessageId() == messageId;
    }

    /** Every received frame from {@code fromMark} on (a copy). */
    public List<Received> since(int fromMark) {
        synchronized (rxLock) {
            return new ArrayList<>(received.subList(Math.min(fromMark, received.size()), received.size()));
        }
    }

    /** The newest message of {@code type} matching {@code match}, or null. */
    public <T extends Message> T latest(Class<T> type, Predicate<T> match) {
        synchronized (rxLock) {
            for (int i = received.size() - 1; i >= 0; i--) {
                Message m = received.get(i).message();
                if (type.isInstance(m) && match.test(type.cast(m))) {
                    return type.cast(m);
                }
            }
            return null;
        }
    }

    /** What the probe's decoder saw of the node's own framing, counted from the node's first good frame. */
    public record LinkStats(long badCrc, long badLength, long garbageBytes, int invalidPayloads,
            String firstInvalidPayload, int repeatedSeqs, long lostFrames, int foreignFrames, List<Double> latenciesMs) {
    }

    public LinkStats stats() {
        synchronized (rxLock) {
            boolean any = badCrcAtFirstFrame >= 0;
            return new LinkStats(any ? decoder.badCrc() - badCrcAtFirstFrame : 0,
                    any ? decoder.badLength() - badLengthAtFirstFrame : 0,
                    any ? decoder.garbageBytes() - garbageAtFirstFrame : 0, invalidPayloads, firstInvalidPayload,
                    repeatedNodeSeqs, lostNodeFrames, foreignFrames, List.copyOf(answerLatenciesMs));
        }
    }

    /** Checks the link is still up; throws {@link LinkLostException} otherwise. */
    public void requireLink() {
        com.lianarig.hal.serial.SerialLinkState s = link.state();
        if (s != com.lianarig.hal.serial.SerialLinkState.OPEN) {
            throw new LinkLostException("the port " + link.describe() + " is " + s);
        }
    }

    @Override
    public void close() {
        running = false;
        if (streamThread != null) {
            streamThread.interrupt();
            try {
                streamThread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        link.close();
    }

    /** The port went away during a run. */
    public static final class LinkLostException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LinkLostException(String message) {
            super(message);
        }
    }
}
