package com.lianarig.sim;

import com.lianarig.protocol.BrakeTestResult;
import com.lianarig.protocol.ConfigureNode;
import com.lianarig.protocol.ConfigureWinch;
import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FaultReport;
import com.lianarig.protocol.FrameDecoder;
import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.LoadSamples;
import com.lianarig.protocol.Message;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.NodeStatus;
import com.lianarig.protocol.ProtocolException;
import com.lianarig.protocol.Reference;
import com.lianarig.protocol.ReferenceMode;
import com.lianarig.protocol.WinchStatus;
import com.lianarig.protocol.link.HostLinkSession;
import com.lianarig.protocol.link.LinkFault;
import com.lianarig.protocol.link.LinkListener;
import com.lianarig.protocol.link.LinkTiming;
import com.lianarig.sim.physics.WinchParams;
import com.lianarig.sim.transport.InProcessLink;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test host for the virtual rig: the real {@link HostLinkSession} and {@link FrameDecoder} over
 * the rig's in-process pipe, stepped millisecond by millisecond together with the rig. Records what
 * the node sends, with the rig time it arrived.
 */
final class SimHost implements LinkListener {
    static final long MS = 1_000_000L;
    static final long T0 = 5_000 * MS;

    /** A node frame as the host received it. */
    record Received(long atNanos, Message message) {
    }

    final VirtualRig rig;
    final InProcessLink link;
    final HostLinkSession session;
    private final FrameDecoder decoder = new FrameDecoder(Direction.NODE_TO_HOST);
    private final FrameView view = new FrameView();
    private final ByteBuffer rx = ByteBuffer.allocate(1 << 16);
    private final byte[] chunk = new byte[4096];

    final List<Received> received = new ArrayList<>();
    final List<String> answers = new ArrayList<>();
    final List<LinkFault> faults = new ArrayList<>();
    final Map<Integer, WinchStatus> lastStatus = new HashMap<>();
    Identify identity;
    long now = T0;
    boolean hostAlive = true;
    long lastHeartbeatSentNanos;

    SimHost(VirtualRig rig) {
        this.rig = rig;
        this.link = (InProcessLink) rig.port(0);
        this.session = new HostLinkSession(1, LinkTiming.DEFAULTS, this::hostWrite, this);
    }

    static SimHost standard(long seed) {
        return new SimHost(VirtualRig.standardInProcess(seed));
    }

    /** Everything the host writes goes to the node; heartbeats are timed for the watchdog tests. */
    private void hostWrite(byte[] frame, int length) {
        if (length > 5 && (frame[5] & 0xFF) == MessageType.HEARTBEAT.code()) {
            lastHeartbeatSentNanos = now;
        }
        link.hostWrite(frame, 0, length);
    }

    /** Starts the rig and the session; the session identifies the node. */
    SimHost boot() {
        rig.start(now);
        session.start(now);
        step(5);
        return this;
    }

    /**
     * Boots, identifies and configures the node and its three winches with the SPEC defaults, and
     * references each winch so node counts = true rope position (mm) x counts per mm.
     */
    SimHost configured() {
        boot();
        send(new ConfigureNode(80, 100, 50, 200, 0x0F));
        for (int w = 0; w < 3; w++) {
            send(winchConfig(w, w < 2 ? WinchParams.legStrap() : WinchParams.fingerLoop()));
        }
        step(10);
        for (int w = 0; w < 3; w++) {
            send(new Reference(w, ReferenceMode.SET_POSITION,
                    (int) Math.round(rig.physics().winch(w).positionMm() * countsPerMm(w)), 1));
        }
        step(10);
        return this;
    }

    /** SPEC section 4 defaults in counts: ascent 80 mm/s, descent 50 mm/s, 100 mm/s^2, 120 %, 20 mm. */
    static ConfigureWinch winchConfig(int winch, WinchParams p) {
        double c = p.countsPerMm();
        return new ConfigureWinch(winch, (int) (80 * c), (int) (50 * c), (int) (100 * c), 120, (int) (20 * c),
                (int) (-50 * c), (int) ((p.travelMm() + 50) * c), (int) (10 * c));
    }

    static double countsPerMm(int winch) {
        return (winch < 2 ? WinchParams.legStrap() : WinchParams.fingerLoop()).countsPerMm();
    }

    int send(Message command) {
        return session.submit(command, now);
    }

    /** Advances rig and host by {@code millis} ms, delivering bytes both ways each ms. */
    void step(long millis) {
        for (long i = 0; i < millis; i++) {
            now += MS;
            rig.advanceTo(now);
            pump();
            if (hostAlive) {
                session.poll(now);
            }
        }
    }

    /** Steps while streaming a set-point for {@code winch} each 10 ms from {@code positionAt}. */
    void stream(int winch, long millis, java.util.function.LongToIntFunction positionAtMs, int velocityCountsPerS) {
        for (long i = 0; i < millis; i++) {
            if (i % 10 == 0) {
                session.sendSetPoint(winch, positionAtMs.applyAsInt(i), velocityCountsPerS);
            }
            step(1);
        }
    }

    void pump() {
        int n;
        while ((n = link.read(chunk)) > 0) {
            rx.put(chunk, 0, n);
        }
        rx.flip();
        while (decoder.decode(rx, view)) {
            session.onFrame(view, now);
        }
        rx.compact();
    }

    @Override
    public void onIdentified(Identify id) {
        identity = id;
    }

    @Override
    public void onFrame(FrameView frame) {
        try {
            Message m = frame.toMessage();
            received.add(new Received(now, m));
            if (m instanceof WinchStatus s) {
                lastStatus.put(s.winch(), s);
            }
        } catch (ProtocolException e) {
            throw new AssertionError("the node sent an invalid frame: " + e.getMessage(), e);
        }
    }

    @Override
    public void onAck(int seq, MessageType command) {
        answers.add("ack " + command);
    }

    @Override
    public void onNack(int seq, MessageType command, NackReason reason, int detail) {
        answers.add("nack " + command + " " + reason + " " + detail);
    }

    @Override
    public void onCommandLost(int seq, MessageType command, LinkFault cause) {
        answers.add("lost " + command);
    }

    @Override
    public void onLinkFault(LinkFault fault) {
        faults.add(fault);
    }

    <T extends Message> List<T> of(Class<T> type) {
        return received.stream().map(Received::message).filter(type::isInstance).map(type::cast).toList();
    }

    List<FaultReport> faultReports() {
        return of(FaultReport.class);
    }

    List<BrakeTestResult> brakeTests() {
        return of(BrakeTestResult.class);
    }

    List<LoadSamples> samples() {
        return of(LoadSamples.class);
    }

    List<NodeStatus> nodeStatuses() {
        return of(NodeStatus.class);
    }

    WinchStatus status(int winch) {
        return lastStatus.get(winch);
    }

    /** The host's frame decoder, with its drop counters. */
    FrameDecoder decoder() {
        return decoder;
    }

    String lastAnswer() {
        return answers.isEmpty() ? "none" : answers.get(answers.size() - 1);
    }
}
