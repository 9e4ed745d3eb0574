package com.lianarig.controller.rig;

import com.lianarig.config.rig.NodeConfig;
import com.lianarig.controller.loop.RealtimeScheduling;
import com.lianarig.controller.safety.Drives;
import com.lianarig.controller.safety.SafetySupervisor;
import com.lianarig.hal.SafetyChainMonitor;
import com.lianarig.hal.Winch;
import com.lianarig.hal.node.NodeInfo;
import com.lianarig.hal.node.NodeLinkState;
import com.lianarig.hal.node.NodeSession;
import com.lianarig.hal.node.NodeSessionListener;
import com.lianarig.hal.serial.SerialLink;
import com.lianarig.hal.WinchEventListener;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.BrakeTestOutcome;
import com.lianarig.protocol.ReferenceMode;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.link.LinkFault;
import com.lianarig.protocol.link.LinkTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The rig's hardware as the controller reaches it: one {@link NodeSession} per node of the rig file,
 * configured with the node-side limits ({@link NodeSetups}), and the safety chain monitor. Wires
 * every sample, status, fault and link change straight into the {@link SafetySupervisor} on the
 * node's owner thread, and is the supervisor's {@link Drives}.
 */
public final class RigIo implements Drives, AutoCloseable {

    /** What the controller hears from the nodes besides what the supervisor judges. */
    public interface Events {
        /** A node identified itself; {@code restarted} when it restarted since it was last seen (positions lost). */
        void onNodeIdentified(int nodeAddress, NodeInfo info);

        /** A node's own state changed (SHUTDOWN = its heartbeat watchdog). */
        void onNodeState(int nodeAddress, NodeState state);

        /** A node link fault (SR-9), with NODE_RESET among them (SR-19). */
        void onLinkFault(int nodeAddress, LinkFault fault);

        /** A brake test ended (SR-18). */
        void onBrakeTestResult(int winch, BrakeId brake, BrakeTestOutcome outcome, double movementMm);
    }

    private final RigModel model;
    private final List<NodeSession> sessions = new ArrayList<>();
    private final NodeSession[] sessionOfWinch;
    private final Winch[] winch;
    private final SafetyChainMonitor chain;
    private SafetySupervisor supervisor;
    private Events events;
    private volatile boolean closing;

    /**
     * @param model the rig
     * @param links makes the serial link of each node (jSerialComm in service, the virtual rig's in demo and tests)
     * @param timing link timing (LinkTiming.DEFAULTS in service)
     * @param chain the safety chain's monitor contact
     * @param clock monotonic clock, ns
     */
    public RigIo(RigModel model, Function<NodeConfig, SerialLink> links, LinkTiming timing, SafetyChainMonitor chain,
            LongSupplier clock) {
        this.model = model;
        this.chain = chain;
        for (NodeConfig node : model.config().nodes()) {
            int address = node.address();
            sessions.add(new NodeSession(NodeSetups.of(model, node), links.apply(node), timing,
                    new Forward(address, clock), clock));
        }
        sessionOfWinch = new NodeSession[model.winches().size()];
        winch = new Winch[model.winches().size()];
        for (RigModel.WinchModel w : model.winches()) {
            sessionOfWinch[w.index()] = session(w.nodeAddress());
            winch[w.index()] = sessionOfWinch[w.index()].winch(w.nodeWinch());
        }
    }

    /** Connects the supervisor and the controller's events; call once, before starting. */
    public void bind(SafetySupervisor safety, Events controllerEvents, LongSupplier clock) {
        this.supervisor = safety;
        this.events = controllerEvents;
        for (RigModel.RopeModel r : model.ropes()) {
            int rope = r.index();
            session(r.nodeAddress()).loadCell(r.config().channel()).addListener(
                    (channel, raw, status, nodeTimeUs, receivedAtNanos) -> safety.onSample(rope, raw, status,
                            nodeTimeUs, receivedAtNanos));
        }
        for (RigModel.WinchModel w : model.winches()) {
            int index = w.index();
            winch[index].addStatusListener((nodeWinch, state, pos, vel, spPos, spVel, flags, fault, nodeTimeUs,
                    receivedAtNanos) -> safety.onWinchStatus(index, state, pos, vel, spPos, flags, fault, nodeTimeUs,
                            receivedAtNanos));
            winch[index].addEventListener(new WinchEventListener() {
                @Override
                public void onBrakeTestResult(int nodeWinch, BrakeId brake, BrakeTestOutcome outcome,
                        int movementCounts, int torquePermille) {
                    controllerEvents.onBrakeTestResult(index, brake, outcome, w.mmOf(movementCounts));
                }
            });
        }
        safety.onSafetyChain(chain.healthy(), clock.getAsLong());
        chain.addListener((healthy, atNanos) -> safety.onSafetyChain(healthy, clock.getAsLong()));
    }

    /**
     * Asks for SCHED_FIFO at {@code priority} for every node session's owner thread and its serial link's
     * reader and writer threads when they start (P-3: the node threads take the supervisor's lock that the
     * control loop takes every step; the reader carries the samples in, the writer the set-points and STOPs
     * out); 0 (the default) leaves them at normal priority. Call before {@link #start}.
     */
    public void realtime(int priority) {
        if (priority != 0 && (priority < 1 || priority > RealtimeScheduling.MAX_PRIORITY)) {
            throw new IllegalArgumentException("realtime priority must be 0 (off) or 1.."
                    + RealtimeScheduling.MAX_PRIORITY + ", not " + priority);
        }
        for (NodeSession s : sessions) {
            s.onOwnerStart(priority == 0 ? null : () -> RealtimeScheduling.request(s.describe(), priority));
            s.onLinkThreadStart(priority == 0 ? null : () -> RealtimeScheduling.request(
                    Thread.currentThread().getName(), priority));
        }
    }

    /** Starts every node session on its own owner thread (service). */
    public void start() {
        sessions.forEach(NodeSession::start);
    }

    /** Starts every node session for a stepped clock: the caller's thread steps them ({@link #step}). */
    public void startStepped() {
        sessions.forEach(NodeSession::startStepped);
    }

    /** Steps every node session (stepped clock only). */
    public void step(long nowNanos) {
        for (int i = 0; i < sessions.size(); i++) {
            sessions.get(i).step(nowNanos);
        }
    }

    public NodeSession session(int address) {
        for (NodeSession s : sessions) {
            if (s.address() == address) {
                return s;
            }
        }
        throw new IllegalArgumentException("no node at address " + address);
    }

    public List<NodeSession> sessions() {
        return List.copyOf(sessions);
    }

    /** Every node link's state and counters, in the rig file's node order (any thread; allocates: not for the loop). */
    public List<LinkDiagnostics> linkDiagnostics() {
        List<LinkDiagnostics> out = new ArrayList<>(sessions.size());
        List<NodeConfig> nodes = model.config().nodes();
        for (int i = 0; i < sessions.size(); i++) {
            NodeSession s = sessions.get(i);
            NodeConfig n = nodes.get(i);
            out.add(new LinkDiagnostics(n.id(), n.address(), n.serial(), s.linkState(), s.counters()));
        }
        return out;
    }

    public SafetyChainMonitor chain() {
        return chain;
    }

    // ------------------------------------------------------------------ Drives

    @Override
    public void setPoint(int w, int positionCounts, int velocityCountsPerS) {
        winch[w].setPoint(positionCounts, velocityCountsPerS);
    }

    @Override
    public void stop(int w, StopCategory category) {
        winch[w].stop(category);
    }

    @Override
    public void stopAll(StopCategory category) {
        for (NodeSession s : sessions) {
            s.stopAll(category);
        }
    }

    @Override
    public void release(int w) {
        winch[w].brake(BrakeAction.RELEASE);
    }

    @Override
    public void applyBrakes(int w) {
        winch[w].brake(BrakeAction.APPLY);
    }

    @Override
    public void brakeTest(int w, BrakeId brake, int torquePermille, int durationMs, int maxMovementCounts) {
        winch[w].brakeTest(brake, torquePermille, durationMs, maxMovementCounts);
    }

    @Override
    public void reference(int w, int positionCounts) {
        winch[w].reference(ReferenceMode.SET_POSITION, positionCounts, 0);
    }

    @Override
    public void clearShutdowns() {
        for (NodeSession s : sessions) {
            if (s.linkState() == NodeLinkState.READY || s.nodeState().orElse(null) == NodeState.SHUTDOWN) {
                s.clearShutdown();
            }
        }
    }

    @Override
    public void close() {
        closing = true; // the links' closing is not a link loss (SR-9) to journal
        for (NodeSession s : sessions) {
            s.close();
        }
    }

    /** One node's session events, forwarded with its address. */
    private final class Forward implements NodeSessionListener {
        private final int address;
        private final LongSupplier clock;

        Forward(int address, LongSupplier clock) {
            this.address = address;
            this.clock = clock;
        }

        @Override
        public void onLinkState(NodeLinkState state, String reason) {
            if (supervisor != null && !closing) {
                supervisor.onLink(address, state == NodeLinkState.READY, state + ": " + reason, clock.getAsLong());
                if (state == NodeLinkState.CONFIGURING) {
                    supervisor.onLinkAnswering(address);
                }
            }
        }

        @Override
        public void onIdentified(NodeInfo node) {
            if (events != null) {
                events.onNodeIdentified(address, node);
            }
        }

        @Override
        public void onLinkFault(LinkFault fault) {
            if (closing) {
                return;
            }
            if (supervisor != null) {
                supervisor.onLink(address, false, "link fault: " + fault.words(), clock.getAsLong());
            }
            if (events != null) {
                events.onLinkFault(address, fault);
            }
        }

        @Override
        public void onHostLate(long silentNanos, String why) {
            if (supervisor != null && !closing) {
                supervisor.onHostLate(address, why, clock.getAsLong());
            }
        }

        @Override
        public void onNodeState(NodeState state, NodeFault lastShutdownCause) {
            if (events != null) {
                events.onNodeState(address, state);
            }
        }

        @Override
        public void onNodeFault(int w, NodeFault fault, int measured, int limit, long nodeTimeUs) {
            if (supervisor != null) {
                int index = w == 255 ? 255 : winchIndex(address, w);
                supervisor.onNodeFault(index, fault, measured, limit, clock.getAsLong());
            }
        }
    }

    private int winchIndex(int address, int nodeWinch) {
        for (RigModel.WinchModel w : model.winches()) {
            if (w.nodeAddress() == address && w.nodeWinch() == nodeWinch) {
                return w.index();
            }
        }
        return 255;
    }
}
