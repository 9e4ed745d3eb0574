package com.lianarig.sim.transport;

import com.lianarig.protocol.ConfigureNode;
import com.lianarig.protocol.ConfigureWinch;
import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FrameDecoder;
import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.Message;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.ProtocolException;
import com.lianarig.protocol.link.HostLinkSession;
import com.lianarig.protocol.link.LinkFault;
import com.lianarig.protocol.link.LinkListener;
import com.lianarig.protocol.link.LinkTiming;
import com.lianarig.sim.physics.WinchParams;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A test host on the real clock: the real {@link FrameDecoder} and {@link HostLinkSession} over a
 * {@link HostLine} (jSerialComm on a pty, or a socket), run by its own thread as hal's node session
 * will be. Configures the node and its winches with the SPEC defaults once it identifies, and
 * records what the node sends with the {@link System#nanoTime()} it arrived.
 *
 * <p>The session and decoder belong to the host thread; tests reach them through {@link #call}.
 * The records are read under this object's lock.
 */
final class RealTimeHost implements LinkListener, AutoCloseable {
    /**
     * The protocol's timing with a tolerant silence limit and ack timeout: these tests run on the wall
     * clock of a shared, noisy machine, where a 100 ms pause of a JVM thread is possible. They check
     * transports, rates and recovery; the SR-9 limits themselves are tested on the stepped clock.
     */
    static final LinkTiming REAL_TIME_TIMING = new LinkTiming(LinkTiming.DEFAULTS.identifyRetryNanos(),
            LinkTiming.DEFAULTS.identifyAttempts(), 200_000_000L, LinkTiming.DEFAULTS.maxRetransmissions(),
            LinkTiming.DEFAULTS.commandWindow(), LinkTiming.DEFAULTS.heartbeatPeriodNanos(), 1_000_000_000L);

    /** SPEC defaults: 80 samples/s, 100 Hz status, 50 ms gap, 200 ms heartbeat timeout, channels 0..3. */
    static final ConfigureNode CONFIGURATION = new ConfigureNode(80, 100, 50, 200, 0x0F);

    /** A node frame as the host received it. */
    record Received(long atNanos, Message message) {
    }

    private final FrameDecoder decoder = new FrameDecoder(Direction.NODE_TO_HOST);
    private final FrameView view = new FrameView();
    private final ByteBuffer rx = ByteBuffer.allocate(1 << 16);
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final HostLinkSession session;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile HostLine line;

    private final List<Received> received = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private final List<Long> answerNanos = new ArrayList<>();
    private final List<LinkFault> faults = new ArrayList<>();
    private final List<String> invalidFrames = new ArrayList<>();
    private int identifications;
    private long lineLostAtNanos = -1;
    private String lineLostHow = "";
    private volatile HostLinkSession.State state = HostLinkSession.State.IDLE;

    RealTimeHost(HostLine line) {
        this.line = line;
        this.session = new HostLinkSession(1, REAL_TIME_TIMING, this::write, this);
        this.thread = new Thread(this::run, "test-host");
        this.thread.setDaemon(true);
    }

    /** Starts the host thread: the session identifies the node. */
    RealTimeHost start() {
        tasks.add(() -> session.start(System.nanoTime()));
        thread.start();
        return this;
    }

    private void run() {
        byte[] chunk = new byte[4096];
        while (running) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
            HostLine l = line;
            if (l != null) {
                int n = l.read(chunk);
                if (n < 0) {
                    lineLost(l, "read returned -1");
                } else if (n > 0) {
                    rx.put(chunk, 0, n);
                    rx.flip();
                    long now = System.nanoTime();
                    while (decoder.decode(rx, view)) {
                        session.onFrame(view, now);
                    }
                    rx.compact();
                }
            } else {
                sleepMs(1);
            }
            session.poll(System.nanoTime());
            state = session.state();
        }
    }

    private void write(byte[] frame, int length) {
        HostLine l = line;
        if (l != null && !l.write(frame, length)) {
            lineLost(l, "write failed");
        }
    }

    /** The port died under us (unplugged): close it, as hal will, and wait for a new one. */
    private void lineLost(HostLine l, String how) {
        if (line != l) {
            return;
        }
        l.close();
        line = null;
        rx.clear();
        session.portLost(System.nanoTime(), how);
        synchronized (this) {
            lineLostAtNanos = System.nanoTime();
            lineLostHow = how;
        }
    }

    /** Opens the port again (after a replug): a faulted session identifies again. */
    void reconnect(HostLine newLine) {
        call(() -> {
            if (line != null) {
                line.close();
            }
            line = newLine;
            if (session.state() == HostLinkSession.State.FAULTED) {
                session.restart(System.nanoTime());
            }
            return null;
        });
    }

    /** Runs {@code action} on the host thread and returns its result. */
    <T> T call(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("host thread call failed", e);
        }
    }

    /** Submits a command on the host thread; returns the submit time. */
    long submit(Message command) {
        return call(() -> {
            long now = System.nanoTime();
            session.submit(command, now);
            return now;
        });
    }

    HostLinkSession.State state() {
        return state;
    }

    HostLinkSession session() {
        return session;
    }

    FrameDecoder decoder() {
        return decoder;
    }

    synchronized int identifications() {
        return identifications;
    }

    synchronized long lineLostAtNanos() {
        return lineLostAtNanos;
    }

    /** How the host noticed the line was gone: "read returned -1" or "write failed". */
    synchronized String lineLostHow() {
        return lineLostHow;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized List<String> answers() {
        return List.copyOf(answers);
    }

    synchronized List<Long> answerNanos() {
        return List.copyOf(answerNanos);
    }

    /** Frames with a good CRC whose payload the codec rejected: a node bug (or a corrupted frame acted on). */
    synchronized List<String> invalidFrames() {
        return List.copyOf(invalidFrames);
    }

    synchronized List<LinkFault> faults() {
        return List.copyOf(faults);
    }

    <T extends Message> List<T> of(Class<T> type) {
        return received().stream().map(Received::message).filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until {@code condition} holds, at most {@code timeoutMs}. */
    static boolean await(BooleanSupplier condition, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            sleepMs(2);
        }
        return true;
    }

    static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- LinkListener (host thread) ----

    @Override
    public void onIdentified(Identify identity) {
        synchronized (this) {
            identifications++;
        }
        long now = System.nanoTime();
        session.submit(CONFIGURATION, now);
        for (int w = 0; w < identity.winchCount(); w++) {
            session.submit(winchConfiguration(w, w < 2 ? WinchParams.legStrap() : WinchParams.fingerLoop()), now);
        }
    }

    /** SPEC section 4 defaults in counts (as SimHost): ascent 80 mm/s, descent 50 mm/s, 100 mm/s^2, 120 %, 20 mm. */
    static ConfigureWinch winchConfiguration(int winch, WinchParams p) {
        double c = p.countsPerMm();
        return new ConfigureWinch(winch, (int) (80 * c), (int) (50 * c), (int) (100 * c), 120, (int) (20 * c),
                (int) (-50 * c), (int) ((p.travelMm() + 50) * c), (int) (10 * c));
    }

    /** True once the node acknowledged the node and all three winch configurations. */
    boolean configured() {
        List<String> a = answers();
        return a.contains("ack CONFIGURE_NODE") && a.stream().filter("ack CONFIGURE_WINCH"::equals).count() == 3;
    }

    @Override
    public void onFrame(FrameView frame) {
        long now = System.nanoTime();
        synchronized (this) {
            try {
                received.add(new Received(now, frame.toMessage()));
            } catch (ProtocolException e) {
                invalidFrames.add(frame.type() + ": " + e.getMessage());
            }
        }
    }

    @Override
    public synchronized void onAck(int seq, MessageType command) {
        answers.add("ack " + command);
        answerNanos.add(System.nanoTime());
    }

    @Override
    public synchronized void onNack(int seq, MessageType command, NackReason reason, int detail) {
        answers.add("nack " + command + " " + reason);
        answerNanos.add(System.nanoTime());
    }

    @Override
    public synchronized void onCommandLost(int seq, MessageType command, LinkFault cause) {
        answers.add("lost " + command);
        answerNanos.add(System.nanoTime());
    }

    @Override
    public synchronized void onLinkFault(LinkFault fault) {
        faults.add(fault);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        HostLine l = line;
        if (l != null) {
            l.close();
        }
    }
}
