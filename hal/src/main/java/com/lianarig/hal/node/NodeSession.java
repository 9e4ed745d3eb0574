package com.lianarig.hal.node;

import com.lianarig.hal.CommandResult;
import com.lianarig.hal.LoadCellChannel;
import com.lianarig.hal.Winch;
import com.lianarig.hal.serial.SerialLink;
import com.lianarig.hal.serial.SerialLinkState;
import com.lianarig.hal.serial.SpscByteRing;
import com.lianarig.protocol.BrakeTestResult;
import com.lianarig.protocol.ClearShutdown;
import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FaultReport;
import com.lianarig.protocol.FrameDecoder;
import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.LoadSamplesView;
import com.lianarig.protocol.Message;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.ProtocolException;
import com.lianarig.protocol.Stop;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatusView;
import com.lianarig.protocol.Wire;
import com.lianarig.protocol.link.HostLinkSession;
import com.lianarig.protocol.link.LinkFault;
import com.lianarig.protocol.link.LinkListener;
import com.lianarig.protocol.link.LinkTiming;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's side of one node board: a {@link HostLinkSession} and a {@link FrameDecoder} over a
 * {@link SerialLink}, the node's configuration from a {@link NodeSetup}, and its channels and
 * winches as typed devices.
 *
 * <pre>
 *   serial reader ──bytes──► receive ring ─┐
 *   serial state  ──events─► mailbox ──────┼─► owner thread: decode ─► HostLinkSession ─► channels, winches, listener
 *   other threads ─commands► mailbox ──────┘        │  poll every 1 ms (heartbeats, retransmits, silence)
 *                  set-points ► one slot per winch  └─► SerialLink.write (never blocks)
 * </pre>
 *
 * <p><b>One owner thread</b> ({@code node-<address>}, started by {@link #start()}; or, on a stepped
 * clock, the thread that calls {@link #step}) owns the host link session, the decoder and every
 * device's state: it drains the bytes the serial reader hands over, decodes them and dispatches each
 * frame at once (a sample listener runs on it, and a STOP it sends goes straight out), runs the
 * session's timers every millisecond, and executes what other threads hand it through the mailbox.
 *
 * <p><b>Connection life.</b> Port open: identify (definition hash checked by the session: a mismatch
 * is REFUSED, for good). Identified: check the node fits the set-up (else WRONG_NODE: never
 * configured nor commanded), then send CONFIGURE_NODE and every CONFIGURE_WINCH; READY once all are
 * acknowledged. A configuration refused because the node is in its sticky shutdown (SHUTDOWN_ACTIVE)
 * is sent again after the controller's CLEAR_SHUTDOWN is acknowledged; a winch not yet braked
 * (WRONG_STATE, BUSY) is retried after {@link #CONFIGURATION_RETRY_NANOS}. Port lost: the session
 * faults at once (PORT_LOST), the link reopens the port with backoff, and the node is identified
 * again. Other faults (silence, unanswered command, no IDENTIFY): identify again after a backoff
 * (100 ms doubling to 2 s). Nothing in this class ever releases a brake or clears a node's shutdown
 * by itself: after any loss the node stays braked (or in SHUTDOWN) until the controller commands.
 *
 * <p><b>Whose silence (SR-9).</b> No valid frame for the silence limit faults the link as the node's
 * silence (NODE_SILENT) only when the host kept reading: when bytes from the node wait unread in the port,
 * the serial reader did not come back from the port in time, or this owner thread itself did not run for
 * {@link #OWNER_LATE_NANOS}, the host was late. Then the listener hears {@link NodeSessionListener#onHostLate}
 * (the controller stops motion and journals a host delay, blaming no one else), the silence limit counts
 * again from now, and the frames are read when the host catches up. A host late for more than
 * {@link #HOST_LATE_LIMIT_NANOS} in a row faults the link (HOST_LATE): it can no longer vouch for it.
 */
public final class NodeSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeSession.class);

    /** The owner thread's tick: the longest wait between two polls of the host link session, ns. */
    public static final long TICK_NANOS = 1_000_000L;
    /** Wait before sending again a configuration a winch refused while it was still moving, ns. */
    public static final long CONFIGURATION_RETRY_NANOS = 500_000_000L;
    /** User commands waiting for room in the session's command window. */
    static final int MAX_WAITING_COMMANDS = 64;
    private static final long RESTART_BACKOFF_INITIAL_NANOS = 100_000_000L;
    private static final long RESTART_BACKOFF_MAX_NANOS = 2_000_000_000L;
    private static final long COUNTERS_PERIOD_NANOS = 100_000_000L;
    private static final int RECEIVE_RING_BYTES = 64 * 1024;
    /** This owner thread not run for this long (between two steps) makes a silence the host's own, ns. */
    public static final long OWNER_LATE_NANOS = 20_000_000L;
    /** The host late to read for this long in a row faults the link (HOST_LATE), ns. */
    public static final long HOST_LATE_LIMIT_NANOS = 1_000_000_000L;

    /** Something another thread asks the owner thread to do, at the owner's time. */
    @FunctionalInterface
    private interface OwnerTask {
        void run(long nowNanos);
    }

    /** A command waiting for an answer: a user's (with its future) or one of the configuration's. */
    private record Pending(MessageType type, CompletableFuture<CommandResult> future, boolean configuration) {
    }

    /** A state with its reason. */
    private record Status(NodeLinkState state, String reason) {
    }

    /** A user command waiting for room in the command window. */
    private record Waiting(Message command, CompletableFuture<CommandResult> future) {
    }

    private final NodeSetup setup;
    private final SerialLink link;
    private final NodeSessionListener listener;
    private final LongSupplier clock;
    private final LinkTiming timing;
    private final HostLinkSession session;
    private final FrameDecoder decoder = new FrameDecoder(Direction.NODE_TO_HOST);
    private final FrameView view = new FrameView();
    private final LoadSamplesView samplesView = new LoadSamplesView();
    private final WinchStatusView statusView = new WinchStatusView();
    private final ByteBuffer rx = ByteBuffer.allocate(8192);
    private final SpscByteRing receiveRing = new SpscByteRing(RECEIVE_RING_BYTES);
    private final ConcurrentLinkedQueue<OwnerTask> mailbox = new ConcurrentLinkedQueue<>();
    private final NodeLoadCellChannel[] channels = new NodeLoadCellChannel[16];
    private final NodeWinch[] winches = new NodeWinch[8];
    private final List<NodeLoadCellChannel> channelList;
    private final List<NodeWinch> winchList;
    private final NodeWinch[] winchArray;
    private final List<Message> configurationPlan;
    private final NodeClock nodeClock = new NodeClock();

    private volatile Thread owner;
    private volatile boolean running;
    private volatile boolean threaded;
    /** Run first on the owner thread that {@link #start} creates; null: nothing. */
    private volatile Runnable ownerStart;
    /** The state and its reason, published together (replaced on every change). */
    private volatile Status status = new Status(NodeLinkState.PORT_DOWN, "not started");
    private volatile NodeState nodeState;
    private volatile NodeInfo nodeInfo;
    /** Counter values published by the owner every 100 ms (volatile longs: no allocation on the owner). */
    private final AtomicLongArray published = new AtomicLongArray(16);
    private volatile long receiveOverflowBytes;

    // ---- owner thread only ----
    private final Pending[] pending = new Pending[256];
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private boolean closeRequested; // guarded by this
    private boolean started;
    private boolean closedOnOwner;
    private boolean portOpen;
    private String portReason = "not started";
    private String sessionReason = "";
    private boolean wrongNode;
    private int configurationSent;
    private int configurationAcked;
    private boolean configurationRefused;
    private boolean reconfigureAfterClearShutdown;
    private long configurationRetryAtNanos = Long.MIN_VALUE;
    private long restartAtNanos = Long.MIN_VALUE;
    private long restartBackoffNanos = RESTART_BACKOFF_INITIAL_NANOS;
    private NodeFault lastShutdownCause = NodeFault.NONE;
    private int nodeRxCrcErrors;
    private int nodeRxOtherDrops;
    private long invalidPayloads;
    private long setPointsDropped;
    private long listenerFailures;
    /** Times the link became READY again after it had been READY. */
    private long reconnects;
    private boolean everReady;
    private long nextCountersAtNanos;
    private NodeLinkState reportedState;
    private String reportedReason;
    /** The owner's time in the current step, ns. */
    private long nowNanos;
    /** Bytes taken from the receive ring so far. */
    private long consumed;
    /** Whether the link took the last frame the host link session wrote. */
    private boolean lastWriteAccepted;
    /** The owner's clock at its previous step, ns; MIN_VALUE before the first. */
    private long previousStepNanos = Long.MIN_VALUE;
    /** When the host began to be late to read (the last frame before it), ns; MIN_VALUE: it keeps up. */
    private long hostLateSinceNanos = Long.MIN_VALUE;
    /** The silence clock this session set when it last excused a silence, ns (a frame since moves it). */
    private long excusedAtNanos = Long.MIN_VALUE;

    /**
     * @param setup who the node is and how to configure it
     * @param link the serial link to the node (not yet started: this session starts and closes it)
     * @param timing the host link session's timing (LinkTiming.DEFAULTS in service: SR-9's 100 ms silence)
     * @param listener receives state changes, identification, faults; on the owner thread
     * @param clock monotonic time, ns (System::nanoTime in service)
     */
    public NodeSession(NodeSetup setup, SerialLink link, LinkTiming timing, NodeSessionListener listener,
            LongSupplier clock) {
        this.setup = setup;
        this.link = link;
        this.listener = listener;
        this.clock = clock;
        this.timing = timing;
        this.session = new HostLinkSession(setup.address(), timing, this::writeFrame, new SessionEvents());
        List<NodeLoadCellChannel> c = new ArrayList<>();
        for (int ch : setup.channels()) {
            channels[ch] = new NodeLoadCellChannel(this, ch);
            c.add(channels[ch]);
        }
        this.channelList = List.copyOf(c);
        List<NodeWinch> w = new ArrayList<>();
        List<Message> plan = new ArrayList<>();
        plan.add(setup.configureNode());
        for (WinchLimits limits : setup.winches()) {
            winches[limits.winch()] = new NodeWinch(this, limits.winch());
            w.add(winches[limits.winch()]);
            plan.add(limits.toMessage());
        }
        w.sort((a, b) -> Integer.compare(a.index(), b.index()));
        this.winchList = List.copyOf(w);
        this.winchArray = w.toArray(new NodeWinch[0]);
        this.configurationPlan = List.copyOf(plan);
    }

    // ---- life ----

    /**
     * Has the owner thread that {@link #start} creates run {@code task} before its first step: the
     * service asks for real-time scheduling there (P-3: a node thread shares the supervisor's lock with
     * the control loop, so it must not wait behind ordinary work while it holds it). A task that throws
     * is logged and the session runs on. Call before {@link #start}.
     */
    public void onOwnerStart(Runnable task) {
        ownerStart = task;
    }

    /**
     * Has the serial link's own threads (its reader and writer) run {@code task} first: the service asks for
     * real-time scheduling there too, since they carry the node's frames in and the STOPs out
     * ({@link SerialLink#onThreadStart}). Call before {@link #start}.
     */
    public void onLinkThreadStart(Runnable task) {
        link.onThreadStart(task);
    }

    /** Starts the serial link and the owner thread ({@code node-<address>}). */
    public void start() {
        Thread t = new Thread(this::run, "node-" + setup.address() + " " + link.describe());
        t.setDaemon(true);
        synchronized (this) {
            if (running || owner != null) {
                throw new IllegalStateException("node session " + describe() + " already started");
            }
            running = true;
            threaded = true;
            owner = t;
        }
        link.start(this::onBytes, this::onSerialState);
        t.start();
    }

    /**
     * Starts the serial link without an owner thread, for tests on a stepped clock: the calling thread
     * becomes the owner and must call {@link #step} (every millisecond of its clock).
     */
    public void startStepped() {
        synchronized (this) {
            if (running || owner != null) {
                throw new IllegalStateException("node session " + describe() + " already started");
            }
            running = true;
            owner = Thread.currentThread();
        }
        link.start(this::onBytes, this::onSerialState);
    }

    private void run() {
        Runnable first = ownerStart;
        if (first != null) {
            try {
                first.run();
            } catch (RuntimeException e) {
                log.warn("node session {}: the owner's start task failed; it runs on", describe(), e);
            }
        }
        Throwable failure = null;
        try {
            while (running) {
                step(clock.getAsLong());
                if (mailbox.isEmpty() && receiveRing.isEmpty()) {
                    LockSupport.parkNanos(this, TICK_NANOS);
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            log.error("node session {} stopped by an unexpected failure", describe(), e);
            throw e;
        } finally {
            if (failure != null) {
                // no owner any more: release the port and its lock (the node, without heartbeats, shuts down)
                running = false;
                link.close();
                closeOnOwner("stopped by an unexpected failure: " + failure);
            } else {
                closeOnOwner("closed");
            }
        }
    }

    /**
     * One turn of the owner: run what other threads handed over, decode what arrived, send
     * configuration, waiting commands and set-points, and advance the host link session's timers.
     *
     * @param nowNanos the owner's clock, ns
     * @throws IllegalStateException when called from another thread than the owner
     */
    public void step(long nowNanos) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("step() belongs to the owner thread of " + describe() + " ("
                    + (owner == null ? "not started" : owner.getName()) + ")");
        }
        if (closedOnOwner) {
            return;
        }
        if (!running) {
            closeOnOwner("closed");
            return;
        }
        this.nowNanos = nowNanos;
        OwnerTask task;
        while ((task = mailbox.poll()) != null) {
            task.run(nowNanos);
        }
        drainReceived(nowNanos, Long.MAX_VALUE);
        pumpCommands(nowNanos);
        for (int i = 0; i < winchArray.length; i++) {
            winchArray[i].flushSetPoint(); // indexed: no iterator allocated on the hot path
        }
        judgeSilence(nowNanos);
        previousStepNanos = nowNanos;
        session.poll(nowNanos);
        maybeRestart(nowNanos);
        publishState();
        if (nowNanos - nextCountersAtNanos >= 0) {
            nextCountersAtNanos = nowNanos + COUNTERS_PERIOD_NANOS;
            publishCounters();
        }
    }

    /**
     * Stops every winch (category 1, best effort, waiting up to 100 ms for the node's answer), then
     * closes the link and the session: without heartbeats the node shuts down within its watchdog
     * time whatever happened to the STOP. Idempotent.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closeRequested) {
                return;
            }
            closeRequested = true;
            t = owner;
        }
        if (t == null) {
            link.close();
            status = new Status(NodeLinkState.CLOSED, "closed before it started");
            return;
        }
        boolean fromOwner = t == Thread.currentThread();
        if (threaded && !fromOwner && t.isAlive() && linkState() != NodeLinkState.PORT_DOWN) {
            try {
                stopAll(StopCategory.CAT_1).get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                log.debug("STOP before closing {}: {}", describe(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running = false;
        link.close();
        if (fromOwner) {
            closeOnOwner("closed");
        } else if (threaded) {
            LockSupport.unpark(t);
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // stepped from another thread: the owner's next step() finishes closing
    }

    private void closeOnOwner(String why) {
        if (closedOnOwner) {
            return;
        }
        closedOnOwner = true; // from here on, commands still in the mailbox complete NOT_SENT
        OwnerTask task;
        while ((task = mailbox.poll()) != null) {
            task.run(nowNanos);
        }
        failWaiting(CommandResult.Outcome.NOT_SENT, "the node session " + describe() + " is closed");
        for (int seq = 0; seq < pending.length; seq++) {
            Pending p = pending[seq];
            if (p != null) {
                pending[seq] = null;
                if (!p.configuration()) {
                    p.future().complete(new CommandResult(p.type(), CommandResult.Outcome.LOST, null, 0,
                            p.type() + " seq " + seq + " to " + describe() + " got no answer: the session closed"));
                }
            }
        }
        report(NodeLinkState.CLOSED, why);
    }

    // ---- what other threads see ----

    /** The node's address and the link's port, for logs. */
    public String describe() {
        return "node " + setup.address() + " on " + link.describe();
    }

    public int address() {
        return setup.address();
    }

    public NodeSetup setup() {
        return setup;
    }

    public NodeLinkState linkState() {
        return status.state();
    }

    /** Why the session is in its current state, in words. */
    public String linkStateReason() {
        return status.reason();
    }

    /** The node's own state from its last NODE_STATUS, or empty before one since it identified. */
    public Optional<NodeState> nodeState() {
        return Optional.ofNullable(nodeState);
    }

    /** Who the node said it is, or empty before its first IDENTIFY. */
    public Optional<NodeInfo> nodeInfo() {
        return Optional.ofNullable(nodeInfo);
    }

    /** The counters, as of at most 100 ms ago. */
    public NodeCounters counters() {
        return new NodeCounters(published.get(0), published.get(1), published.get(2), published.get(3),
                published.get(4), published.get(5), published.get(6), published.get(7), published.get(8),
                published.get(9), published.get(10), published.get(11), published.get(12), published.get(13),
                (int) published.get(14), (int) published.get(15));
    }

    /**
     * The load channel with this index on the node.
     *
     * @throws IllegalArgumentException when the set-up does not sample it
     */
    public LoadCellChannel loadCell(int channel) {
        if (channel < 0 || channel >= channels.length || channels[channel] == null) {
            throw new IllegalArgumentException("channel " + channel + " is not sampled by " + describe()
                    + " (channels " + setup.channels() + ")");
        }
        return channels[channel];
    }

    /**
     * The winch with this index on the node.
     *
     * @throws IllegalArgumentException when the set-up has no such winch
     */
    public Winch winch(int index) {
        if (index < 0 || index >= winches.length || winches[index] == null) {
            throw new IllegalArgumentException("winch " + index + " is not set up on " + describe());
        }
        return winches[index];
    }

    public List<LoadCellChannel> loadCells() {
        return Collections.unmodifiableList(channelList);
    }

    public List<Winch> winches() {
        return Collections.unmodifiableList(winchList);
    }

    /** Stops the masked winches together in one STOP frame (a pair stops together). */
    public CompletableFuture<CommandResult> stop(int winchMask, StopCategory category) {
        return submit(new Stop(winchMask, category));
    }

    /** Stops every winch of the set-up in one STOP frame. */
    public CompletableFuture<CommandResult> stopAll(StopCategory category) {
        int mask = 0;
        for (NodeWinch w : winchList) {
            mask |= 1 << w.index();
        }
        return mask == 0 ? CompletableFuture.completedFuture(new CommandResult(MessageType.STOP,
                CommandResult.Outcome.NOT_SENT, null, 0, describe() + " has no winch to stop"))
                : stop(mask, category);
    }

    /**
     * Asks the node to leave its sticky shutdown and clear latched trips whose cause is gone
     * (CLEAR_SHUTDOWN). Only the controller decides this (a trainer's or technician's reset); the
     * winches come back braked. A configuration refused during the shutdown is sent again once it is
     * acknowledged.
     */
    public CompletableFuture<CommandResult> clearShutdown() {
        return submit(new ClearShutdown());
    }

    /**
     * Sends other node-side limits for one winch of the set-up (CONFIGURE_WINCH; the node takes them
     * only while the winch is BRAKED). For tools that need tighter limits for a while, e.g. the
     * commissioning move's soft limits around where the winch stands: the set-up's own limits are
     * sent again at the next (re)connection, and a caller sends them back when it is done.
     *
     * @throws IllegalArgumentException when the set-up has no such winch
     */
    public CompletableFuture<CommandResult> configureWinch(WinchLimits limits) {
        winch(limits.winch()); // throws for a winch not set up
        return submit(limits.toMessage());
    }

    // ---- any thread: hand over to the owner ----

    boolean onOwnerThread() {
        return Thread.currentThread() == owner;
    }

    void wake() {
        Thread t = owner;
        if (threaded && t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Submits a command: at once on the owner thread, else through the mailbox. */
    CompletableFuture<CommandResult> submit(Message command) {
        CompletableFuture<CommandResult> future = new CompletableFuture<>();
        if (onOwnerThread()) {
            submitOnOwner(command, future, nowNanos);
        } else {
            mailbox.add(now -> submitOnOwner(command, future, now));
            wake();
        }
        return future;
    }

    /** Serial reader thread: bytes from the port. */
    private void onBytes(byte[] buffer, int offset, int length) {
        if (!receiveRing.offer(buffer, offset, length)) {
            receiveOverflowBytes += length; // only the reader writes it
        }
        wake();
    }

    /** Serial reader thread: the port's state. Bytes read before a loss are decoded before it counts. */
    private void onSerialState(SerialLinkState state, String reason) {
        long receivedUpTo = receiveRing.producedBytes();
        mailbox.add(now -> portStateChanged(state, reason, receivedUpTo, now));
        wake();
    }

    // ---- owner thread ----

    private void portStateChanged(SerialLinkState state, String reason, long receivedUpTo, long nowNanos) {
        portReason = "port " + state + ": " + reason;
        switch (state) {
            case OPEN -> {
                portOpen = true;
                rx.clear();
                if (!started) {
                    started = true;
                    session.start(nowNanos);
                } else if (session.state() == HostLinkSession.State.FAULTED) {
                    session.restart(nowNanos);
                }
                sessionReason = "identifying " + describe();
            }
            case LOST -> {
                drainReceived(nowNanos, receivedUpTo);
                rx.clear();
                portOpen = false;
                session.portLost(nowNanos, reason);
            }
            default -> portOpen = false;
        }
    }

    private void drainReceived(long nowNanos, long upTo) {
        while (true) {
            int room = rx.remaining();
            long left = upTo == Long.MAX_VALUE ? room : Math.min(room, upTo - consumed);
            if (left <= 0) {
                return;
            }
            int n = receiveRing.poll(rx.array(), rx.position(), (int) left);
            if (n == 0) {
                return;
            }
            consumed += n;
            rx.position(rx.position() + n);
            rx.flip();
            while (decoder.decode(rx, view)) {
                session.onFrame(view, nowNanos);
            }
            rx.compact();
        }
    }

    private void writeFrame(byte[] frame, int length) {
        // false: the port is down (its loss arrives as a state change) or its queue is full
        lastWriteAccepted = link.write(frame, 0, length);
    }

    void sendSetPoint(int winch, int positionCounts, int velocityCountsPerS) {
        if (wrongNode || !session.sendSetPoint(winch, positionCounts, velocityCountsPerS)) {
            setPointsDropped++;
        }
    }

    private void submitOnOwner(Message command, CompletableFuture<CommandResult> future, long nowNanos) {
        MessageType type = command.type();
        if (closedOnOwner) {
            future.complete(notSent(type, "the node session " + describe() + " is closed"));
            return;
        }
        if (type == MessageType.STOP) {
            sendNow(command, future, nowNanos); // never held back, not even for a wrong node
            return;
        }
        if (wrongNode) {
            future.complete(notSent(type, linkStateReason()));
            return;
        }
        if (session.state() != HostLinkSession.State.READY) {
            future.complete(notSent(type, "the link to " + describe() + " is " + linkState() + ": " + linkStateReason()));
            return;
        }
        if (waiting.size() >= MAX_WAITING_COMMANDS) {
            future.complete(notSent(type, MAX_WAITING_COMMANDS + " commands already wait for " + describe()));
            return;
        }
        waiting.addLast(new Waiting(command, future));
        pumpCommands(nowNanos);
    }

    private void sendNow(Message command, CompletableFuture<CommandResult> future, long nowNanos) {
        int seq;
        lastWriteAccepted = false;
        try {
            seq = session.submit(command, nowNanos);
        } catch (IllegalStateException e) {
            future.complete(notSent(command.type(), e.getMessage()));
            return;
        }
        if (seq < 0) {
            future.complete(lastWriteAccepted
                    ? new CommandResult(command.type(), CommandResult.Outcome.SENT_UNTRACKED, null, 0,
                            command.type() + " sent to " + describe() + " without tracking (link " + session.state()
                                    + "): no answer will be waited for")
                    : notSent(command.type(), "the link to " + describe() + " is " + linkState() + ": "
                            + linkStateReason()));
        } else {
            pending[seq] = new Pending(command.type(), future, false);
        }
    }

    /** Sends configuration first, then waiting user commands, while the command window has room. */
    private void pumpCommands(long nowNanos) {
        if (session.state() != HostLinkSession.State.READY || wrongNode) {
            return;
        }
        if (configurationRefused && configurationRetryAtNanos != Long.MIN_VALUE
                && nowNanos - configurationRetryAtNanos >= 0) {
            configurationRetryAtNanos = Long.MIN_VALUE;
            beginConfiguration("sending the configuration again");
        }
        while (configurationSent < configurationPlan.size() && !configurationRefused && session.canSubmit()) {
            Message m = configurationPlan.get(configurationSent++);
            int seq = session.submit(m, nowNanos);
            pending[seq] = new Pending(m.type(), null, true);
        }
        while (!waiting.isEmpty() && session.canSubmit()) {
            Waiting w = waiting.pollFirst();
            sendNow(w.command(), w.future(), nowNanos);
        }
    }

    private void beginConfiguration(String why) {
        configurationSent = 0;
        configurationAcked = 0;
        configurationRefused = false;
        reconfigureAfterClearShutdown = false;
        configurationRetryAtNanos = Long.MIN_VALUE;
        sessionReason = why;
    }

    private boolean configured() {
        return configurationAcked == configurationPlan.size();
    }

    /**
     * SR-9, before the host link session's own silence check: a silence while the host itself was late to read
     * is excused and reported as the host's delay (see the class comment); otherwise {@code session.poll} faults
     * the link as the node's silence. Allocation-free unless it reports.
     */
    private void judgeSilence(long nowNanos) {
        if (session.state() != HostLinkSession.State.READY) {
            hostLateSinceNanos = Long.MIN_VALUE;
            return;
        }
        long lastFrame = session.lastFrameAtNanos();
        if (hostLateSinceNanos != Long.MIN_VALUE && lastFrame != excusedAtNanos) {
            hostLateSinceNanos = Long.MIN_VALUE; // a frame came: the host caught up
        }
        long silentNanos = nowNanos - lastFrame;
        if (silentNanos < timing.silenceTimeoutNanos()) {
            return;
        }
        String late = hostLate(nowNanos);
        if (late == null) {
            return; // the node's own silence: session.poll faults the link (NODE_SILENT)
        }
        boolean first = hostLateSinceNanos == Long.MIN_VALUE;
        if (first) {
            hostLateSinceNanos = lastFrame;
        }
        long lateForNanos = nowNanos - hostLateSinceNanos;
        if (lateForNanos > HOST_LATE_LIMIT_NANOS) {
            hostLateSinceNanos = Long.MIN_VALUE;
            session.hostLate(nowNanos, "nothing read from the node for " + lateForNanos / 1_000_000 + " ms because the"
                    + " host was late (" + late + "): the link can no longer be vouched for");
            return;
        }
        session.excuseSilence(nowNanos);
        excusedAtNanos = session.lastFrameAtNanos();
        if (first) {
            String why = "host delay: nothing read from node " + setup.address() + " for " + silentNanos / 1_000_000
                    + " ms because the host was late (" + late + "), not the node's silence";
            log.warn("{}: {}", describe(), why);
            try {
                listener.onHostLate(silentNanos, why);
            } catch (RuntimeException e) {
                listenerFailed("session listener (host late)", e);
            }
        }
    }

    /** Why the host itself was late to read, in words, or null when it kept reading (SR-9). */
    private String hostLate(long nowNanos) {
        int unread = link.unreadBytes();
        long readerLate = link.readerLateNanos(nowNanos);
        long ownerGap = previousStepNanos == Long.MIN_VALUE ? 0 : nowNanos - previousStepNanos;
        if (unread > 0) {
            return unread + " bytes from the node waited unread in the port"
                    + (readerLate > 0 ? ", the serial reader " + readerLate / 1_000_000 + " ms late" : "");
        }
        if (readerLate > 0) {
            return "the serial reader did not come back from the port for " + readerLate / 1_000_000
                    + " ms beyond its read timeout";
        }
        if (ownerGap > OWNER_LATE_NANOS) {
            return "the node session's thread did not run for " + ownerGap / 1_000_000 + " ms";
        }
        return null;
    }

    private void maybeRestart(long nowNanos) {
        if (restartAtNanos != Long.MIN_VALUE && portOpen && session.state() == HostLinkSession.State.FAULTED
                && nowNanos - restartAtNanos >= 0) {
            restartAtNanos = Long.MIN_VALUE;
            sessionReason = "identifying " + describe() + " again after: " + sessionReason;
            session.restart(nowNanos);
        }
    }

    private void failWaiting(CommandResult.Outcome outcome, String why) {
        Waiting w;
        while ((w = waiting.pollFirst()) != null) {
            w.future().complete(new CommandResult(w.command().type(), outcome, null, 0, w.command().type()
                    + " not sent: " + why));
        }
    }

    private CommandResult notSent(MessageType type, String why) {
        return new CommandResult(type, CommandResult.Outcome.NOT_SENT, null, 0, type + " not sent: " + why);
    }

    private void publishState() {
        NodeLinkState s;
        String why;
        if (!portOpen) {
            s = NodeLinkState.PORT_DOWN;
            why = portReason;
        } else {
            switch (session.state()) {
                case IDLE, IDENTIFYING -> {
                    s = NodeLinkState.IDENTIFYING;
                    why = sessionReason;
                }
                case READY -> {
                    s = wrongNode ? NodeLinkState.WRONG_NODE
                            : configured() ? NodeLinkState.READY : NodeLinkState.CONFIGURING;
                    why = sessionReason;
                }
                case REFUSED -> {
                    s = NodeLinkState.REFUSED;
                    why = sessionReason;
                }
                default -> {
                    s = wrongNode ? NodeLinkState.WRONG_NODE : NodeLinkState.FAULTED;
                    why = sessionReason;
                }
            }
        }
        if (s == NodeLinkState.PORT_DOWN && session.state() == HostLinkSession.State.REFUSED) {
            s = NodeLinkState.REFUSED; // final, whatever the port does
            why = sessionReason;
        }
        report(s, why);
    }

    private void report(NodeLinkState s, String why) {
        if (s == reportedState && why.equals(reportedReason)) {
            return;
        }
        if (s == NodeLinkState.READY && reportedState != NodeLinkState.READY) {
            if (everReady) {
                reconnects++;
            }
            everReady = true;
        }
        reportedState = s;
        reportedReason = why;
        status = new Status(s, why);
        if (s == NodeLinkState.READY || s == NodeLinkState.CLOSED) {
            log.info("{}: {} ({})", describe(), s, why);
        } else if (s == NodeLinkState.FAULTED || s == NodeLinkState.REFUSED || s == NodeLinkState.WRONG_NODE) {
            log.warn("{}: {} ({})", describe(), s, why);
        } else {
            log.debug("{}: {} ({})", describe(), s, why);
        }
        try {
            listener.onLinkState(s, why);
        } catch (RuntimeException e) {
            listenerFailed("session listener (link state)", e);
        }
    }

    private void publishCounters() {
        published.lazySet(0, decoder.frames());
        published.lazySet(1, decoder.garbageBytes());
        published.lazySet(2, decoder.badLength());
        published.lazySet(3, decoder.badCrc());
        published.lazySet(4, decoder.unknownMessage());
        published.lazySet(5, decoder.wrongDirection());
        published.lazySet(6, session.lostFrames());
        published.lazySet(7, session.duplicateFrames());
        published.lazySet(8, session.retransmissions());
        published.lazySet(9, invalidPayloads + session.invalidFrames());
        published.lazySet(10, receiveOverflowBytes);
        published.lazySet(11, setPointsDropped);
        published.lazySet(12, listenerFailures);
        published.lazySet(13, reconnects);
        published.lazySet(14, nodeRxCrcErrors);
        published.lazySet(15, nodeRxOtherDrops);
    }

    void listenerFailed(String which, RuntimeException e) {
        listenerFailures++;
        if (listenerFailures == 1) {
            log.error("{}: the {} threw; the session goes on (further failures are counted)", describe(), which, e);
        } else if (listenerFailures <= 10 || listenerFailures % 1000 == 0) {
            log.error("{}: the {} threw (failure {}): {}", describe(), which, listenerFailures, e.toString());
        }
    }

    private void invalidPayload(FrameView frame, String why) {
        invalidPayloads++;
        if (invalidPayloads <= 10 || invalidPayloads % 1000 == 0) {
            log.warn("{}: dropped an invalid {} frame ({}): {}", describe(), frame.type(), why, frame.toHex());
        }
    }

    // ---- frames from the node (owner thread, inside HostLinkSession.onFrame) ----

    private void onLoadSamples(FrameView frame, long nowNanos) {
        if (!samplesView.wrap(frame)) {
            invalidPayload(frame, samplesView.error() + " at field " + samplesView.errorField());
            return;
        }
        long timeUs = nodeClock.unwrap(samplesView.nodeTimeUs());
        int first = samplesView.firstChannel();
        int count = samplesView.count();
        for (int i = 0; i < count; i++) {
            NodeLoadCellChannel c = channels[first + i];
            if (c != null) {
                c.onSample(samplesView.rawCounts(i), samplesView.status(i), timeUs, nowNanos);
            }
        }
    }

    private void onWinchStatus(FrameView frame, long nowNanos) {
        if (!statusView.wrap(frame)) {
            invalidPayload(frame, statusView.error() + " at field " + statusView.errorField());
            return;
        }
        long timeUs = nodeClock.unwrap(statusView.nodeTimeUs());
        NodeWinch w = winches[statusView.winch()];
        if (w != null) {
            w.onStatus(statusView.state(), statusView.positionCounts(), statusView.velocityCountsPerS(),
                    statusView.setpointPositionCounts(), statusView.setpointVelocityCountsPerS(), statusView.flags(),
                    statusView.fault(), statusView.driveTorquePermille(), timeUs, nowNanos);
        }
    }

    private void onNodeStatus(FrameView frame) {
        byte[] b = frame.bytes();
        int p = frame.payloadOffset();
        NodeState state = NodeState.fromCode(Wire.u8(b, p + 4));
        NodeFault cause = NodeFault.fromCode(Wire.u8(b, p + 5));
        if (state == null || cause == null) {
            invalidPayload(frame, "undefined node state or shutdown cause");
            return;
        }
        nodeRxCrcErrors = Wire.u16(b, p + 6);
        nodeRxOtherDrops = Wire.u16(b, p + 8);
        if (state != nodeState || cause != lastShutdownCause) {
            nodeState = state;
            lastShutdownCause = cause;
            log.info("{}: node state {} (last shutdown cause {})", describe(), state, cause);
            try {
                listener.onNodeState(state, cause);
            } catch (RuntimeException e) {
                listenerFailed("session listener (node state)", e);
            }
        }
    }

    private void onFaultReport(FrameView frame) {
        FaultReport f = decode(frame, FaultReport.class);
        if (f == null) {
            return;
        }
        long timeUs = nodeClock.unwrap(f.nodeTimeUs());
        log.warn("{}: node fault {} on {} (measured {}, limit {})", describe(), f.fault(),
                f.winch() == FaultReport.NODE_WIDE ? "the node" : "winch " + f.winch(), f.measured(), f.limit());
        if (f.winch() != FaultReport.NODE_WIDE && winches[f.winch()] != null) {
            winches[f.winch()].onFault(f.fault(), f.measured(), f.limit(), timeUs);
        }
        try {
            listener.onNodeFault(f.winch(), f.fault(), f.measured(), f.limit(), timeUs);
        } catch (RuntimeException e) {
            listenerFailed("session listener (node fault)", e);
        }
    }

    private void onBrakeTestResult(FrameView frame) {
        BrakeTestResult r = decode(frame, BrakeTestResult.class);
        if (r == null) {
            return;
        }
        nodeClock.unwrap(r.nodeTimeUs());
        log.info("{}: brake test of winch {} {} brake: {} ({} counts at {} per mille)", describe(), r.winch(),
                r.brake(), r.outcome(), r.movementCounts(), r.torquePermille());
        if (winches[r.winch()] != null) {
            winches[r.winch()].onBrakeTestResult(r.brake(), r.outcome(), r.movementCounts(), r.torquePermille());
        }
    }

    private <T extends Message> T decode(FrameView frame, Class<T> type) {
        try {
            return type.cast(frame.toMessage());
        } catch (ProtocolException e) {
            invalidPayload(frame, e.getMessage());
            return null;
        }
    }

    private static String answerDetail(NackReason reason, int detail) {
        return switch (reason) {
            case WRONG_STATE -> ", winch " + (WinchState.fromCode(detail) != null ? WinchState.fromCode(detail)
                    : "state " + detail);
            case FAULT_PRESENT -> ", fault " + (NodeFault.fromCode(detail) != null ? NodeFault.fromCode(detail)
                    : "code " + detail);
            case OUT_OF_RANGE -> ", field " + detail;
            default -> "";
        };
    }

    /** The host link session's reports, on the owner thread. */
    private final class SessionEvents implements LinkListener {

        @Override
        public void onIdentified(Identify identity) {
            NodeInfo info = NodeInfo.of(identity);
            nodeInfo = info;
            nodeState = null;
            nodeClock.reset();
            for (NodeLoadCellChannel c : channelList) {
                c.clear();
            }
            for (NodeWinch w : winchList) {
                w.clear();
                w.dropPendingSetPoint();
            }
            restartBackoffNanos = RESTART_BACKOFF_INITIAL_NANOS;
            String misfit = setup.misfit(identity);
            wrongNode = misfit != null;
            if (wrongNode) {
                sessionReason = misfit;
                failWaiting(CommandResult.Outcome.NOT_SENT, misfit);
            } else {
                beginConfiguration("configuring node " + info.serial() + " (firmware " + info.firmwareVersion()
                        + ", reset cause " + info.resetCause() + ")");
            }
            try {
                listener.onIdentified(info);
            } catch (RuntimeException e) {
                listenerFailed("session listener (identified)", e);
            }
            if (wrongNode) {
                // no heartbeats to a board we will not run: it stays in (or falls into) its safe shutdown
                session.reject(nowNanos, misfit);
                sessionReason = misfit;
            }
        }

        @Override
        public void onFrame(FrameView frame) {
            long now = nowNanos;
            switch (frame.type()) {
                case LOAD_SAMPLES -> onLoadSamples(frame, now);
                case WINCH_STATUS -> onWinchStatus(frame, now);
                case NODE_STATUS -> onNodeStatus(frame);
                case FAULT_REPORT -> onFaultReport(frame);
                case BRAKE_TEST_RESULT -> onBrakeTestResult(frame);
                default -> invalidPayload(frame, "unexpected message from a node");
            }
        }

        @Override
        public void onAck(int seq, MessageType command) {
            Pending p = pending[seq];
            pending[seq] = null;
            if (p == null) {
                return;
            }
            if (p.configuration()) {
                configurationAcked++;
                if (configured()) {
                    sessionReason = "node " + serial() + " configured: channels " + setup.channels() + " at "
                            + setup.sampleRateHz() + " Hz, " + winchList.size() + " winches at "
                            + setup.statusRateHz() + " Hz, set-point gap " + setup.setpointGapMs()
                            + " ms, heartbeat watchdog " + setup.heartbeatTimeoutMs() + " ms";
                }
                return;
            }
            if (command == MessageType.CLEAR_SHUTDOWN && reconfigureAfterClearShutdown) {
                beginConfiguration("configuring node " + serial() + " again after CLEAR_SHUTDOWN");
            }
            p.future().complete(new CommandResult(command, CommandResult.Outcome.ACCEPTED, null, 0,
                    command + " accepted by node " + serial()));
        }

        @Override
        public void onNack(int seq, MessageType command, NackReason reason, int detail) {
            Pending p = pending[seq];
            pending[seq] = null;
            if (p == null) {
                return;
            }
            String why = command + " refused by node " + serial() + ": " + reason + answerDetail(reason, detail)
                    + " (" + reason.meaning() + ")";
            if (p.configuration()) {
                configurationRefused = true;
                if (reason == NackReason.SHUTDOWN_ACTIVE) {
                    reconfigureAfterClearShutdown = true;
                    sessionReason = why + "; the node is in its sticky shutdown: it is configured again once a"
                            + " CLEAR_SHUTDOWN is acknowledged";
                } else if (reason == NackReason.WRONG_STATE || reason == NackReason.BUSY) {
                    configurationRetryAtNanos = nowNanos + CONFIGURATION_RETRY_NANOS;
                    sessionReason = why + "; sending it again in " + CONFIGURATION_RETRY_NANOS / 1_000_000 + " ms";
                } else {
                    sessionReason = why + "; the node stays unconfigured";
                }
                log.warn("{}: {}", describe(), sessionReason);
                return;
            }
            p.future().complete(new CommandResult(command, CommandResult.Outcome.REFUSED, reason, detail, why));
        }

        @Override
        public void onCommandLost(int seq, MessageType command, LinkFault cause) {
            Pending p = pending[seq];
            pending[seq] = null;
            if (p != null && !p.configuration()) {
                p.future().complete(new CommandResult(command, CommandResult.Outcome.LOST, null, 0, command
                        + " seq " + seq + " got no answer: " + cause.words()));
            }
        }

        @Override
        public void onLinkFault(LinkFault fault) {
            sessionReason = fault.words();
            failWaiting(CommandResult.Outcome.NOT_SENT, "link fault: " + fault.words());
            for (NodeWinch w : winchList) {
                w.dropPendingSetPoint();
            }
            switch (fault.kind()) {
                case NODE_RESET -> {
                    for (NodeLoadCellChannel c : channelList) {
                        c.clear();
                    }
                    for (NodeWinch w : winchList) {
                        w.clear();
                    }
                    nodeState = null;
                }
                case NODE_SILENT, HOST_LATE, ACK_TIMEOUT, NO_IDENTIFY -> {
                    restartAtNanos = nowNanos + restartBackoffNanos;
                    sessionReason += "; identifying again in " + restartBackoffNanos / 1_000_000 + " ms";
                    restartBackoffNanos = Math.min(RESTART_BACKOFF_MAX_NANOS, restartBackoffNanos * 2);
                }
                default -> {
                    // PORT_LOST: identify again when the port reopens; refusals: never
                }
            }
            try {
                listener.onLinkFault(fault);
            } catch (RuntimeException e) {
                listenerFailed("session listener (link fault)", e);
            }
        }
    }

    private String serial() {
        NodeInfo i = nodeInfo;
        return i == null ? "?" : i.serial();
    }
}
