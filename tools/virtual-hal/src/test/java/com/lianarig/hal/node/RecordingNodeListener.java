package com.lianarig.hal.node;

import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.link.LinkFault;
import java.util.ArrayList;
import java.util.List;

/** Records what a node session reports, with the host time; readable from any thread. */
final class RecordingNodeListener implements NodeSessionListener {
    record StateChange(NodeLinkState state, String reason, long atNanos) {
    }

    record FaultSeen(LinkFault fault, long atNanos) {
    }

    private final java.util.function.LongSupplier clock;
    private final List<StateChange> states = new ArrayList<>();
    private final List<FaultSeen> faults = new ArrayList<>();
    private final List<NodeInfo> identified = new ArrayList<>();
    private final List<NodeState> nodeStates = new ArrayList<>();
    private final List<String> nodeFaults = new ArrayList<>();

    RecordingNodeListener(java.util.function.LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void onLinkState(NodeLinkState state, String reason) {
        states.add(new StateChange(state, reason, clock.getAsLong()));
    }

    @Override
    public synchronized void onIdentified(NodeInfo node) {
        identified.add(node);
    }

    @Override
    public synchronized void onLinkFault(LinkFault fault) {
        faults.add(new FaultSeen(fault, clock.getAsLong()));
    }

    @Override
    public synchronized void onNodeState(NodeState state, NodeFault lastShutdownCause) {
        nodeStates.add(state);
    }

    @Override
    public synchronized void onNodeFault(int winch, NodeFault fault, int measured, int limit, long nodeTimeUs) {
        nodeFaults.add(winch + " " + fault);
    }

    synchronized List<StateChange> states() {
        return List.copyOf(states);
    }

    synchronized List<NodeLinkState> stateSequence() {
        return states.stream().map(StateChange::state).toList();
    }

    synchronized List<FaultSeen> faults() {
        return List.copyOf(faults);
    }

    synchronized List<LinkFault.Kind> faultKinds() {
        return faults.stream().map(f -> f.fault().kind()).toList();
    }

    synchronized List<NodeInfo> identified() {
        return List.copyOf(identified);
    }

    synchronized List<NodeState> nodeStates() {
        return List.copyOf(nodeStates);
    }

    synchronized List<String> nodeFaults() {
        return List.copyOf(nodeFaults);
    }

    synchronized long firstStateAt(NodeLinkState state, long afterNanos) {
        return states.stream().filter(s -> s.state() == state && s.atNanos() >= afterNanos)
                .mapToLong(StateChange::atNanos).findFirst().orElse(-1);
    }
}
