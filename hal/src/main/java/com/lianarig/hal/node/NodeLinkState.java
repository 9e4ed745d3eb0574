package com.lianarig.hal.node;

/** Where a node session stands, from the serial port up to a configured node. */
public enum NodeLinkState {
    /** The serial port is not open (not yet, or lost and being reopened). */
    PORT_DOWN,
    /** The port is open; identifying the node. */
    IDENTIFYING,
    /** Identified; its configuration is being sent, or was refused (the reason says why and what next). */
    CONFIGURING,
    /** Identified and configured: streams flow, commands are accepted. */
    READY,
    /** The node that answered does not fit the set-up (serial number, channels, winches): never configured or commanded. */
    WRONG_NODE,
    /** A link fault (silence, unanswered command, no IDENTIFY); identifying again after a backoff. */
    FAULTED,
    /** The node runs another protocol version or definition: never talked to again. */
    REFUSED,
    /** Closed for good. */
    CLOSED
}
