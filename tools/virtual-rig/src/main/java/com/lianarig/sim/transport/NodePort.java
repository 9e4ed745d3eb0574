package com.lianarig.sim.transport;

import com.lianarig.sim.node.NodeOutput;

/**
 * The cable between a virtual node and the host: the node writes into it ({@link NodeOutput}) and
 * the host's bytes come out into the node ({@link #connectNode}). Implementations: an in-process
 * pipe, a pseudo-terminal pair, a TCP socket on 127.0.0.1.
 */
public interface NodePort extends NodeOutput, AutoCloseable {

    /** Where the host's bytes go. */
    void connectNode(NodeInput node);

    /** What the host connects to: "in-process", a device path, or host:port. */
    String describe();

    /** Faults on the node-to-host direction. */
    LineFaults toHostFaults();

    /** Faults on the host-to-node direction. */
    LineFaults toNodeFaults();

    /** Pulls the cable out (true) or plugs it back in (false). */
    void unplugged(boolean pulled);

    @Override
    void close();
}
