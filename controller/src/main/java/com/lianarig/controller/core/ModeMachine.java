package com.lianarig.controller.core;

/**
 * The state the trainer sees (SPEC section 4) and why the rig entered it; every transition is journalled
 * with its reason. Owner: the control thread.
 */
final class ModeMachine {
    private final EventLog log;
    private Mode mode = Mode.STARTING;
    private String reason = "service started: connecting to the nodes (SR-15: nothing moves)";

    ModeMachine(EventLog log) {
        this.log = log;
    }

    Mode mode() {
        return mode;
    }

    String reason() {
        return reason;
    }

    boolean is(Mode m) {
        return mode == m;
    }

    /** Enters {@code next} (journalled with its reason); the same state for the same reason is no change. */
    void enter(Mode next, String why) {
        if (next == mode && why.equals(reason)) {
            return;
        }
        log.record("state", Json.of("from", mode.name(), "to", next.name(), "reason", why));
        mode = next;
        reason = why;
    }
}
