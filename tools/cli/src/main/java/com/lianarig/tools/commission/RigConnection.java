package com.lianarig.tools.commission;

import com.lianarig.config.rig.NodeConfig;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.controller.rig.NodeSetups;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.hal.node.NodeLinkState;
import com.lianarig.hal.node.NodeSession;
import com.lianarig.hal.node.NodeSessionListener;
import com.lianarig.hal.serial.JSerialCommLink;
import com.lianarig.hal.serial.JSerialCommPortDiscovery;
import com.lianarig.hal.serial.SerialSettings;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.link.LinkFault;
import com.lianarig.tools.BadInputException;
import com.lianarig.tools.calibrate.ChannelFeed;
import com.lianarig.tools.serial.PortWatch;
import com.lianarig.tools.service.RunCommand;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every node of the rig file, opened by the command itself through hal: one {@link NodeSession} per
 * node, configured with the node-side limits the controller sends ({@link NodeSetups}), its load
 * channels recorded ({@link ChannelHistory}), every fault the nodes report kept in order.
 *
 * <p>Opens only free ports: a port held by another process (the rig service) ends the command with
 * the advice to stop the service. A node left in its sticky shutdown by an earlier session is cleared
 * (CLEAR_SHUTDOWN: its winches come back braked), as the service does at its start.
 */
final class RigConnection implements AutoCloseable {
    /** What to do when a port is held, in the technician's words. */
    static final String PORT_IN_USE_ADVICE = "the port is in use: stop the service with `sudo systemctl stop"
            + " liana-rig` first";

    /**
     * A fault a node reported, or the loss of its link.
     *
     * @param nodeAddress the node's protocol address (0 for an event of the command's own)
     * @param winch the node's winch index, or 255 for the node as a whole
     * @param fault the node's fault, or null for a link fault
     * @param measured the value that tripped it
     * @param limit its limit
     * @param description in words
     */
    record FaultEvent(int nodeAddress, int winch, NodeFault fault, int measured, int limit, String description) {
    }

    private final Map<String, NodeSession> sessions = new LinkedHashMap<>();
    private final Map<String, PortWatch> ports = new HashMap<>();
    private final Map<String, ChannelHistory> histories = new LinkedHashMap<>();
    private final List<FaultEvent> faults = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    private RigConnection() {
    }

    /**
     * Opens every node's port and waits until each is identified and configured.
     *
     * @throws BadInputException naming the node, its port and what is wrong; nothing is left open
     */
    static RigConnection open(RigConfig rig, Duration timeout, PrintWriter out) throws BadInputException,
            InterruptedException {
        RigConnection c = new RigConnection();
        RigModel model = new RigModel(rig);
        try {
            for (NodeConfig node : rig.nodes()) {
                PortWatch port = new PortWatch(new JSerialCommLink(RunCommand.selector(node.port()),
                        SerialSettings.defaults().withBaudRate(node.baud()), new JSerialCommPortDiscovery(),
                        System::nanoTime));
                NodeSession session = new NodeSession(NodeSetups.of(model, node), port, ChannelFeed.TIMING,
                        c.listener(node.id(), node.address()), System::nanoTime);
                for (int ch : session.setup().channels()) {
                    ChannelHistory h = new ChannelHistory();
                    c.histories.put(key(node.id(), ch), h);
                    session.loadCell(ch).addListener((channel, raw, status, nodeTimeUs, at) -> h.add(raw, status, at));
                }
                c.sessions.put(node.id(), session);
                c.ports.put(node.id(), port);
                session.start();
            }
            for (NodeConfig node : rig.nodes()) {
                c.awaitReady(node, timeout, out);
            }
            return c;
        } catch (BadInputException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private NodeSessionListener listener(String nodeId, int address) {
        return new NodeSessionListener() {
            @Override
            public void onNodeFault(int winch, NodeFault fault, int measured, int limit, long nodeTimeUs) {
                faults.add(new FaultEvent(address, winch, fault, measured, limit, "node " + nodeId + " reported "
                        + fault + (winch == 255 ? "" : " on its winch " + winch) + " (measured " + measured + ", limit "
                        + limit + ")"));
            }

            @Override
            public void onLinkFault(LinkFault fault) {
                if (!closing) {
                    faults.add(new FaultEvent(address, 255, null, 0, 0, "the link to node " + nodeId + " failed: "
                            + fault));
                }
            }
        };
    }

    private void awaitReady(NodeConfig node, Duration timeout, PrintWriter out) throws BadInputException,
            InterruptedException {
        NodeSession session = sessions.get(node.id());
        PortWatch port = ports.get(node.id());
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextClearNanos = System.nanoTime();
        boolean told = false;
        while (true) {
            if (port.failureBeforeOpen() != null) {
                if (port.inUse()) {
                    throw new BadInputException(PORT_IN_USE_ADVICE + " (node " + node.id() + ": "
                            + port.failureBeforeOpen() + ")");
                }
                throw new BadInputException("cannot open the port of node " + node.id() + " (" + node.port().value()
                        + " in the rig file): " + port.failureBeforeOpen());
            }
            NodeLinkState state = session.linkState();
            if (state == NodeLinkState.WRONG_NODE || state == NodeLinkState.REFUSED) {
                throw new BadInputException("node " + node.id() + " on " + node.port().value() + " cannot be used: "
                        + session.linkStateReason());
            }
            if (state == NodeLinkState.READY && session.nodeState().orElse(null) == NodeState.RUNNING) {
                return;
            }
            if (session.nodeState().orElse(null) == NodeState.SHUTDOWN && System.nanoTime() - nextClearNanos >= 0) {
                if (!told) {
                    out.println("  node " + node.id() + " is in its sticky shutdown (left by an earlier session):"
                            + " clearing it; its winches stay braked.");
                    out.flush();
                    told = true;
                }
                session.clearShutdown();
                nextClearNanos = System.nanoTime() + 300_000_000L;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new BadInputException("node " + node.id() + " was not ready within " + timeout.toSeconds()
                        + " s (link " + state + ": " + session.linkStateReason() + "; is it powered and on "
                        + node.port().value() + "?)");
            }
            Thread.sleep(10);
        }
    }

    /**
     * Before a winch moves: a node that went into its sticky shutdown since (its heartbeat watchdog:
     * this computer was late, nothing was moving) is cleared again, and waited for.
     *
     * @return false when it did not come back within 3 s
     */
    boolean clearShutdownIfAny(String nodeId, PrintWriter out) throws InterruptedException {
        NodeSession session = sessions.get(nodeId);
        if (session.nodeState().orElse(null) != NodeState.SHUTDOWN) {
            return true;
        }
        out.println("  node " + nodeId + " went into its sticky shutdown (its heartbeat watchdog: this computer was"
                + " late; nothing was moving): clearing it.");
        out.flush();
        long deadline = System.nanoTime() + 3_000_000_000L;
        long nextClearNanos = System.nanoTime();
        while (System.nanoTime() - deadline < 0) {
            if (session.nodeState().orElse(null) == NodeState.RUNNING && session.linkState() == NodeLinkState.READY) {
                return true;
            }
            if (System.nanoTime() - nextClearNanos >= 0) {
                session.clearShutdown();
                nextClearNanos = System.nanoTime() + 300_000_000L;
            }
            Thread.sleep(10);
        }
        return false;
    }

    NodeSession session(String nodeId) {
        return sessions.get(nodeId);
    }

    /** The recorded channel, or null when the node does not sample it. */
    ChannelHistory history(String nodeId, int channel) {
        return histories.get(key(nodeId, channel));
    }

    /** Every sampled channel, as (node id, channel), in the rig file's node order. */
    List<ChannelObservation.Seen> channels() {
        List<ChannelObservation.Seen> all = new ArrayList<>();
        for (Map.Entry<String, NodeSession> e : sessions.entrySet()) {
            for (int ch : e.getValue().setup().channels()) {
                all.add(new ChannelObservation.Seen(e.getKey(), ch));
            }
        }
        return all;
    }

    /** How many faults were reported so far: a mark for {@link #faultsSince}. */
    int faultCount() {
        return faults.size();
    }

    /** The faults reported since a mark, in order. */
    List<FaultEvent> faultsSince(int mark) {
        return List.copyOf(faults.subList(Math.min(mark, faults.size()), faults.size()));
    }

    /** Closes every session (each stops its winches, category 1, then releases its port). Idempotent. */
    @Override
    public void close() {
        closing = true;
        for (NodeSession s : sessions.values()) {
            s.close();
        }
    }

    private static String key(String nodeId, int channel) {
        return nodeId + "#" + channel;
    }
}
