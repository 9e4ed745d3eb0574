package com.lianarig.hal.node;

import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.link.LinkFault;

/**
 * What a node session reports to the controller. Called on the session's owner thread; must not
 * block. Every method has a do-nothing default.
 */
public interface NodeSessionListener {

    /** The session's state changed; {@code reason} says why in words. */
    default void onLinkState(NodeLinkState state, String reason) {
    }

    /** The node identified itself (at every (re)connection and after every node restart). */
    default void onIdentified(NodeInfo node) {
    }

    /**
     * The link stopped being usable: the controller stops everything (SR-9). {@code NODE_RESET}
     * means the node restarted: its positions are lost (unreferenced) and its configuration with them.
     */
    default void onLinkFault(LinkFault fault) {
    }

    /**
     * No valid frame from the node for the silence limit, but the host itself was late to read (its serial
     * reader or the session's thread stalled, or the node's bytes waited unread in the port): SR-9's silence is
     * the host's, not the node's. The link stays up and is read when the host catches up; the controller stops
     * motion (it has not seen the rig for that long) and journals a host delay. Once per episode.
     *
     * @param silentNanos how long nothing was read from the node, ns
     * @param why whose delay it was, in words
     */
    default void onHostLate(long silentNanos, String why) {
    }

    /** The node's own state changed (NODE_STATUS): SHUTDOWN is its sticky heartbeat-watchdog stop. */
    default void onNodeState(NodeState state, NodeFault lastShutdownCause) {
    }

    /**
     * A node-side protection acted (FAULT_REPORT), on a winch or, with winch 255, on the node as a whole.
     *
     * @param winch the winch index, or 255 for the node as a whole
     * @param measured the value that tripped it, in the limit's unit
     * @param limit the configured limit
     * @param nodeTimeUs node clock at the fault, microseconds, unwrapped since the node's start
     */
    default void onNodeFault(int winch, NodeFault fault, int measured, int limit, long nodeTimeUs) {
    }
}
