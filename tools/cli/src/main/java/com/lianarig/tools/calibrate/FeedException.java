package com.lianarig.tools.calibrate;

import java.util.Objects;

/** A node's load channel cannot be read: its port, the node, or the channel. The message says which and why. */
public final class FeedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** Another process holds the port's lock file ("in use by pid N"): the rig service, if it runs. */
        PORT_IN_USE,
        /** The port cannot be found, locked or opened (no device, permission, several USB matches...). */
        PORT_UNAVAILABLE,
        /** The node on the port is not the one the rig file names (another serial, too few channels...). */
        WRONG_NODE,
        /** The node speaks another protocol version or definition. */
        REFUSED,
        /** The node did not identify itself, or its channel sent no sample, in time. */
        NO_SAMPLES
    }

    private final Kind kind;

    public FeedException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
