package com.lianarig.controller.mqtt;

import com.lianarig.controller.command.Refusal;
import java.util.Objects;

/**
 * A command payload that cannot be taken, with the specific reason (SR-16) and, when they could be
 * read, the counter and command name to put in the reply.
 */
public final class CommandRejected extends Exception {
    private static final long serialVersionUID = 1L;

    private final Refusal reason;
    private final Long counter;
    private final String command;

    public CommandRejected(Refusal reason, String detail, Long counter, String command) {
        super(detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.counter = counter;
        this.command = command;
    }

    public Refusal reason() {
        return reason;
    }

    /** The counter, when the payload had a valid one; null otherwise. */
    public Long counter() {
        return counter;
    }

    /** The command name, when the payload had a known one; null otherwise. */
    public String command() {
        return command;
    }
}
