package com.lianarig.protocol;

/** How a message travels, which decides what its SEQ byte means (PROTOCOL.md section 5). */
public enum Delivery {
    /** Host to node, acknowledged: SEQ is the command sequence number; retransmitted until ack/nack. */
    COMMAND,
    /** Sent periodically, never acknowledged nor retransmitted: SEQ is the sender's stream counter. */
    STREAM,
    /** A reply or report from the node: SEQ is the node's stream counter; the payload names what it answers. */
    REPLY
}
