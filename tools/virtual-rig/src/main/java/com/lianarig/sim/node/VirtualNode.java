package com.lianarig.sim.node;

import com.lianarig.protocol.Ack;
import com.lianarig.protocol.Brake;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.BrakeTest;
import com.lianarig.protocol.BrakeTestOutcome;
import com.lianarig.protocol.BrakeTestResult;
import com.lianarig.protocol.ChannelStatus;
import com.lianarig.protocol.ClearShutdown;
import com.lianarig.protocol.Heartbeat;
import com.lianarig.protocol.IdentifyRequest;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.ReferenceMode;
import com.lianarig.protocol.ConfigureNode;
import com.lianarig.protocol.ConfigureWinch;
import com.lianarig.protocol.Delivery;
import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FaultReport;
import com.lianarig.protocol.FrameDecoder;
import com.lianarig.protocol.FrameEncoder;
import com.lianarig.protocol.FrameFormat;
import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.LoadSamples;
import com.lianarig.protocol.Message;
import com.lianarig.protocol.Nack;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.NodeStatus;
import com.lianarig.protocol.ProtocolException;
import com.lianarig.protocol.Reference;
import com.lianarig.protocol.ResetCause;
import com.lianarig.protocol.SetPoint;
import com.lianarig.protocol.Stop;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import com.lianarig.sim.hw.LoadCellAdc;
import com.lianarig.sim.hw.WinchHardware;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A node's firmware, simulated: the node side of the protocol exactly as PROTOCOL.md specifies it,
 * over the same codec the host uses, driving {@link WinchHardware} and sampling {@link LoadCellAdc}s.
 *
 * <p>Bytes from the host arrive through {@link #receive} (any thread); everything else happens in
 * {@link #tick}, called every node tick (1 ms by default) with the node's time. The node answers
 * commands, streams LOAD_SAMPLES, WINCH_STATUS and NODE_STATUS, and enforces by itself the set-point
 * gap, the heartbeat watchdog with sticky shutdown, and every winch's configured limits.
 *
 * <p>Owned by the rig's stepping thread, except {@link #receive}.
 */
public final class VirtualNode implements NodeEvents {
    private static final int HISTORY = 16;
    private static final long NODE_STATUS_PERIOD_NANOS = 50_000_000L;

    private final NodeIdentity identity;
    private final List<WinchHardware> hardware;
    private final List<NodeWinch> winches = new ArrayList<>();
    private final List<LoadCellAdc> channels;
    private final NodeOutput output;
    private final SplittableRandom random;

    /** Replaced at every start: its counters are reported in NODE_STATUS as counted since start. */
    private FrameDecoder decoder = new FrameDecoder(Direction.HOST_TO_NODE);
    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameView frame = new FrameView();
    private final byte[] tx = new byte[FrameFormat.MAX_FRAME_LENGTH];
    private final Object rxLock = new Object();
    private ByteBuffer rx = ByteBuffer.allocate(4096);

    private final int[] historySeq = new int[HISTORY];
    private final int[] historyMessageId = new int[HISTORY];
    private final Answer[] historyAnswer = new Answer[HISTORY];
    private int historyNext;
    private int historySize;

    private NodeState state;
    private long bootId;
    private long bootNanos;
    private int txSeq;
    private ConfigureNode configuration;
    private long lastHeartbeatNanos;
    private long nextSampleNanos;
    private long nextStatusNanos;
    private long nextNodeStatusNanos;
    private long lastTickNanos;
    private long lastUnknownCount;
    /** STREAM frames from the host with a field out of range, ignored (counted in rxOtherDrops). */
    private long invalidStreamFrames;
    private NodeFault lastShutdownCause = NodeFault.NONE;
    private ResetCause resetCause = ResetCause.POWER_ON;
    private boolean started;
    /** A deliberate protocol fault (conformance tests); NONE for a correct node. */
    private volatile ProtocolFault protocolFault = ProtocolFault.NONE;

    /**
     * @param winches the node's winch drives, by index
     * @param channels the node's load-cell channels, by index (at most 16)
     */
    public VirtualNode(NodeIdentity identity, List<? extends WinchHardware> winches, List<? extends LoadCellAdc> channels,
            NodeOutput output, SplittableRandom random) {
        if (winches.size() > 8 || channels.size() > LoadSamples.MAX_CHANNELS) {
            throw new IllegalArgumentException("a node has at most 8 winches and 16 load channels");
        }
        this.identity = identity;
        this.hardware = List.copyOf(winches);
        this.channels = List.copyOf(channels);
        this.output = output;
        this.random = random;
        for (int i = 0; i < winches.size(); i++) {
            this.winches.add(new NodeWinch(i, winches.get(i), this));
        }
    }

    /** Powers the node up (or restarts it): all state lost, brakes applied, boot IDENTIFY sent. */
    public void start(long nowNanos, ResetCause cause) {
        synchronized (rxLock) {
            rx.clear();
            decoder = new FrameDecoder(Direction.HOST_TO_NODE);
            lastUnknownCount = 0;
            invalidStreamFrames = 0;
        }
        state = NodeState.UNIDENTIFIED;
        resetCause = cause;
        bootId = random.nextLong() & 0xFFFF_FFFFL;
        bootNanos = nowNanos;
        lastTickNanos = nowNanos;
        configuration = null;
        clearHistory();
        lastShutdownCause = NodeFault.NONE;
        List<NodeWinch> fresh = new ArrayList<>();
        for (int i = 0; i < winches.size(); i++) {
            fresh.add(new NodeWinch(i, hardware.get(i), this));
        }
        winches.clear();
        winches.addAll(fresh);
        started = true;
        send(identify());
    }

    /** Bytes from the host (any thread). */
    public void receive(byte[] bytes, int offset, int length) {
        synchronized (rxLock) {
            if (rx.remaining() < length) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(rx.capacity() * 2, rx.position() + length));
                rx.flip();
                bigger.put(rx);
                rx = bigger;
            }
            rx.put(bytes, offset, length);
        }
    }

    /** One node tick: handle received frames, run the winches, enforce the watchdogs, stream. */
    public void tick(long nowNanos) {
        if (!started) {
            return;
        }
        double dtS = Math.max(0, (nowNanos - lastTickNanos) / 1e9);
        lastTickNanos = nowNanos;
        drainReceived(nowNanos);
        if (state == NodeState.RUNNING && nowNanos - lastHeartbeatNanos >= timeoutNanos()
                && protocolFault != ProtocolFault.NO_HEARTBEAT_WATCHDOG) {
            heartbeatLost(nowNanos);
        }
        long gap = configuration == null ? 50_000_000L : configuration.setpointGapMs() * 1_000_000L;
        if (protocolFault == ProtocolFault.NO_SET_POINT_GAP_STOP) {
            gap = Long.MAX_VALUE;
        }
        boolean version1Clamp = protocolFault == ProtocolFault.CLAMPS_TO_THE_SOFT_LIMIT;
        for (NodeWinch w : winches) {
            w.version1Clamp(version1Clamp);
            w.tick(nowNanos, dtS, gap); // configured or not: power loss trips every winch
        }
        if (state == NodeState.RUNNING || state == NodeState.SHUTDOWN) {
            stream(nowNanos);
        }
        if (state != NodeState.UNIDENTIFIED && nowNanos - nextNodeStatusNanos >= 0) {
            send(new NodeStatus(nodeTimeUs(nextNodeStatusNanos), state, lastShutdownCause,
                    (int) Math.min(0xFFFF, decoder.badCrc()), (int) Math.min(0xFFFF,
                            decoder.garbageBytes() + decoder.badLength() + decoder.unknownMessage()
                                    + decoder.wrongDirection() + invalidStreamFrames)));
            nextNodeStatusNanos += NODE_STATUS_PERIOD_NANOS;
        }
    }

    private long timeoutNanos() {
        return configuration.heartbeatTimeoutMs() * 1_000_000L;
    }

    private void heartbeatLost(long nowNanos) {
        state = NodeState.SHUTDOWN;
        lastShutdownCause = NodeFault.HEARTBEAT_TIMEOUT;
        for (NodeWinch w : winches) {
            w.shutdown();
        }
        fault(255, NodeFault.HEARTBEAT_TIMEOUT, (int) ((nowNanos - lastHeartbeatNanos) / 1_000_000L),
                configuration.heartbeatTimeoutMs());
    }

    private void drainReceived(long nowNanos) {
        synchronized (rxLock) {
            rx.flip();
            if (protocolFault == ProtocolFault.IGNORES_CRC) {
                ProtocolFault.forgeCrcs(rx);
            }
            try {
                while (decoder.decode(rx, frame)) {
                    handle(frame, nowNanos);
                }
                if (decoder.unknownMessage() != lastUnknownCount) {
                    lastUnknownCount = decoder.unknownMessage();
                    if ((decoder.lastUnknownAddress() & 0x7F) == identity.address()) {
                        answer(decoder.lastUnknownSeq(), decoder.lastUnknownMessageId(),
                                Answer.nack(NackReason.UNKNOWN_MESSAGE));
                    }
                }
            } finally {
                rx.compact();
            }
        }
    }

    /** One frame from the host, answered in the precedence order of PROTOCOL.md section 9.1. */
    private void handle(FrameView f, long nowNanos) {
        if (f.nodeAddress() != identity.address()) {
            return; // another node's frame: not ours to answer
        }
        boolean command = f.type().delivery() == Delivery.COMMAND;
        int seq = f.seq();
        int id = f.type().code();
        Answer remembered = command && protocolFault != ProtocolFault.EXECUTES_RETRANSMISSIONS
                ? remembered(seq, id) : null;
        if (remembered != null && f.type() != MessageType.STOP) {
            answer(seq, id, remembered); // step 2: a retransmission is answered again, not executed again
            return;
        }
        if (command && state == NodeState.UNIDENTIFIED) {
            answer(seq, id, Answer.nack(NackReason.NOT_IDENTIFIED)); // step 3
            return;
        }
        Message m;
        try {
            m = f.toMessage();
        } catch (ProtocolException e) {
            if (command) {
                answer(seq, id, Answer.nack(e.error().nackReason(), e.fieldIndex())); // steps 4, 5
            } else {
                invalidStreamFrames++; // ignored, never answered, counted (7; Annex B.24: IDENTIFY_REQUEST version 0)
            }
            return;
        }
        if (!command) {
            handleStream(m, nowNanos);
            return;
        }
        Answer a = execute(m, nowNanos);
        if (remembered == null && f.type() != MessageType.STOP) {
            remember(seq, id, a); // never a STOP: a burst of them must not evict an outstanding command
        }
        answer(seq, id, a);
    }

    private void handleStream(Message m, long nowNanos) {
        if (m instanceof IdentifyRequest) {
            clearHistory();
            if (state == NodeState.UNIDENTIFIED) {
                state = NodeState.IDENTIFIED;
                nextNodeStatusNanos = nowNanos;
            }
            send(identify());
        } else if (state == NodeState.UNIDENTIFIED) {
            return; // SET_POINT and HEARTBEAT before an identify are ignored
        } else if (m instanceof Heartbeat) {
            lastHeartbeatNanos = nowNanos;
            if (state == NodeState.SHUTDOWN && protocolFault == ProtocolFault.SHUTDOWN_NOT_STICKY) {
                state = NodeState.RUNNING;
                winches.forEach(NodeWinch::clear);
            }
        } else if (m instanceof SetPoint sp && state == NodeState.RUNNING && sp.winch() < winches.size()) {
            winches.get(sp.winch()).setPoint(sp.positionCounts(), sp.velocityCountsPerS(), nowNanos);
        }
    }

    /** Steps 5 (node checks) to 14 of the precedence table, then the command itself. */
    private Answer execute(Message m, long nowNanos) {
        Answer invalid = nodeChecks(m);
        if (invalid != null) {
            return invalid;
        }
        if (m instanceof Stop stop) {
            for (int i = 0; i < winches.size(); i++) {
                if ((stop.winchMask() & (1 << i)) != 0) {
                    winches.get(i).stop(stop.category(), nowNanos);
                }
            }
            return Answer.ACK;
        }
        if (m instanceof ClearShutdown) {
            return clearShutdown(nowNanos);
        }
        if (state == NodeState.SHUTDOWN) {
            return Answer.nack(NackReason.SHUTDOWN_ACTIVE);
        }
        if (m instanceof ConfigureNode c) {
            return configure(c, nowNanos);
        }
        if (!(m instanceof ConfigureWinch) && state != NodeState.RUNNING) {
            return Answer.nack(NackReason.NOT_CONFIGURED);
        }
        int winch = winchOf(m);
        if (winch >= winches.size()) {
            return Answer.nack(NackReason.NO_SUCH_WINCH);
        }
        NodeWinch w = winches.get(winch);
        if (m instanceof ConfigureWinch c) {
            return w.configure(c);
        }
        if (m instanceof Brake b) {
            return b.action() == BrakeAction.RELEASE ? w.release(nowNanos) : w.apply(nowNanos);
        }
        if (m instanceof BrakeTest t) {
            if (!hasCapability(Identify.CAP_BRAKE_TEST)) {
                return Answer.nack(NackReason.NOT_SUPPORTED);
            }
            return w.brakeTest(t.brake(), t.torquePermille(), t.durationMs(), t.maxMovementCounts(), nowNanos);
        }
        if (m instanceof Reference r) {
            if (r.mode() == ReferenceMode.HOME_LOWER_LIMIT && !hasCapability(Identify.CAP_HOMING)) {
                return Answer.nack(NackReason.NOT_SUPPORTED);
            }
            return w.reference(r.mode(), r.positionCounts(), r.homingSpeedCountsPerS(), nowNanos);
        }
        return Answer.nack(NackReason.UNKNOWN_MESSAGE);
    }

    /** Step 5: the node's own range checks beyond the record's (OUT_OF_RANGE, DETAIL = field index). */
    private Answer nodeChecks(Message m) {
        if (m instanceof ConfigureNode c) {
            if (c.sampleRateHz() > identity.maxSampleRateHz()) {
                return Answer.nack(NackReason.OUT_OF_RANGE, 0);
            }
            if ((c.channelMask() >>> channels.size()) != 0) {
                return Answer.nack(NackReason.OUT_OF_RANGE, 4);
            }
        }
        if (m instanceof Reference r && r.mode() == ReferenceMode.HOME_LOWER_LIMIT && r.homingSpeedCountsPerS() < 1) {
            return Answer.nack(NackReason.OUT_OF_RANGE, 3);
        }
        return null;
    }

    private static int winchOf(Message m) {
        if (m instanceof ConfigureWinch c) {
            return c.winch();
        } else if (m instanceof Brake b) {
            return b.winch();
        } else if (m instanceof BrakeTest t) {
            return t.winch();
        } else if (m instanceof Reference r) {
            return r.winch();
        }
        throw new IllegalArgumentException("not a winch command: " + m.type());
    }

    private boolean hasCapability(int cap) {
        return (identity.capabilities() & cap) == cap;
    }

    private Answer configure(ConfigureNode c, long nowNanos) {
        configuration = c;
        if (state != NodeState.RUNNING) {
            state = NodeState.RUNNING;
            lastHeartbeatNanos = nowNanos;
            nextSampleNanos = nowNanos;
            nextStatusNanos = nowNanos;
        }
        return Answer.ACK;
    }

    /** All or nothing: a refused CLEAR_SHUTDOWN clears nothing (PROTOCOL.md section 7.10). */
    private Answer clearShutdown(long nowNanos) {
        if (state == NodeState.SHUTDOWN && nowNanos - lastHeartbeatNanos >= timeoutNanos()) {
            return Answer.nack(NackReason.HEARTBEAT_NOT_ALIVE);
        }
        for (NodeWinch w : winches) {
            Answer a = w.clearable();
            if (!a.ack()) {
                return a;
            }
        }
        if (state == NodeState.SHUTDOWN) {
            state = NodeState.RUNNING;
        }
        for (NodeWinch w : winches) {
            w.clear();
        }
        return Answer.ACK;
    }

    // ---- streaming ----

    private void stream(long nowNanos) {
        if (nowNanos - nextStatusNanos >= 0) {
            long period = 1_000_000_000L / configuration.statusRateHz();
            for (int i = 0; i < winches.size(); i++) {
                NodeWinch w = winches.get(i);
                w.statusPeriod(period / 1e9);
                send(new WinchStatus(nodeTimeUs(nextStatusNanos), i, w.state(), w.position(),
                        w.measuredVelocityCountsPerS(), w.setPointEchoCounts(), w.setPointEchoVelocityCountsPerS(),
                        w.flags(), w.fault(), w.torquePermille()));
            }
            nextStatusNanos += period;
        }
        if (configuration.channelMask() != 0 && nowNanos - nextSampleNanos >= 0) {
            sendSamples(nextSampleNanos);
            nextSampleNanos += 1_000_000_000L / configuration.sampleRateHz();
        }
    }

    private void sendSamples(long atNanos) {
        int mask = configuration.channelMask();
        int first = Integer.numberOfTrailingZeros(mask);
        int last = 31 - Integer.numberOfLeadingZeros(mask);
        List<LoadSamples.Sample> samples = new ArrayList<>(last - first + 1);
        for (int ch = first; ch <= last; ch++) {
            if ((mask & (1 << ch)) != 0) {
                LoadCellAdc adc = channels.get(ch);
                adc.convert();
                ChannelStatus status = adc.status();
                boolean counts = status == ChannelStatus.OK || status == ChannelStatus.SATURATED;
                samples.add(new LoadSamples.Sample(counts ? adc.rawCounts() : 0, status));
            } else {
                samples.add(new LoadSamples.Sample(0, ChannelStatus.NOT_READY));
            }
        }
        send(new LoadSamples(nodeTimeUs(atNanos), first, samples));
    }

    private long nodeTimeUs(long nanos) {
        return ((nanos - bootNanos) / 1_000L) & 0xFFFF_FFFFL;
    }

    // ---- answers and events ----

    /** IDENTIFY, naming why the node last started (at boot and in every reply). */
    private Identify identify() {
        return new Identify(identity.protocolVersion(),
                ProtocolFault.claimedHash(protocolFault, identity.definitionHash()), bootId, identity.firmwareMajor(),
                identity.firmwareMinor(), identity.firmwarePatch(), identity.capabilities(), channels.size(),
                winches.size(), identity.maxSampleRateHz(), resetCause, identity.serial());
    }

    /**
     * Forgets every remembered command (IDENTIFY_REQUEST, a start). The next one is written at the start again:
     * clearing only the count left entries from before the identify where the lookup reads, so a command whose
     * (SEQ, MSG) an older one had used was answered as a retransmission and never executed (found by R-7: a
     * BRAKE RELEASE acknowledged but not done after a node restart).
     */
    private void clearHistory() {
        historySize = 0;
        historyNext = 0;
    }

    private Answer remembered(int seq, int id) {
        for (int i = 0; i < historySize; i++) {
            if (historySeq[i] == seq && historyMessageId[i] == id) {
                return historyAnswer[i];
            }
        }
        return null;
    }

    private void remember(int seq, int id, Answer a) {
        historySeq[historyNext] = seq;
        historyMessageId[historyNext] = id;
        historyAnswer[historyNext] = a;
        historyNext = (historyNext + 1) % HISTORY;
        historySize = Math.min(HISTORY, historySize + 1);
    }

    private void answer(int seq, int id, Answer a) {
        send(a.ack() ? new Ack(seq, id) : new Nack(seq, id, a.reason(), a.detail()));
    }

    @Override
    public void fault(int winch, NodeFault fault, int measured, int limit) {
        send(new FaultReport(nodeTimeUs(lastTickNanos), winch, fault, measured, limit));
    }

    @Override
    public void brakeTestResult(int winch, BrakeId brake, BrakeTestOutcome outcome, int movementCounts,
            int torquePermille) {
        send(new BrakeTestResult(nodeTimeUs(lastTickNanos), winch, brake, outcome, movementCounts,
                Math.min(1000, torquePermille)));
    }

    private void send(Message m) {
        int length = encoder.encode(Direction.NODE_TO_HOST, identity.address(), txSeq, m, tx, 0);
        txSeq = (txSeq + 1) & 0xFF;
        output.write(tx, 0, length);
    }

    // ---- what tests and the CLI may look at ----

    /** Makes this node break one protocol rule on purpose (any thread); {@link ProtocolFault#NONE} repairs it. */
    public void injectProtocolFault(ProtocolFault fault) {
        protocolFault = fault;
    }

    public ProtocolFault protocolFault() {
        return protocolFault;
    }

    public NodeState state() {
        return state;
    }

    public NodeIdentity identity() {
        return identity;
    }

    public long bootId() {
        return bootId;
    }

    /** The state of one winch as the node sees it. */
    public WinchState winchState(int winch) {
        return winches.get(winch).state();
    }

    /** The latched or last fault of one winch. */
    public NodeFault winchFault(int winch) {
        return winches.get(winch).fault();
    }

    /** A winch's position in node coordinates, counts. */
    public int winchPosition(int winch) {
        return winches.get(winch).position();
    }

    public int winchCount() {
        return winches.size();
    }

    /** The receive decoder's counters (CRC errors, garbage...). */
    public FrameDecoder decoder() {
        return decoder;
    }
}
