package com.lianarig.controller.command;

import java.util.Objects;

/**
 * The controller's answer to a command: accepted, or refused with a specific reason and a detail in
 * words (SR-16).
 *
 * @param accepted whether the command was taken
 * @param refusal why not; null when accepted
 * @param detail what happened or what was wrong, for the panel and the journal
 */
public record Decision(boolean accepted, Refusal refusal, String detail) {
    public Decision {
        Objects.requireNonNull(detail, "detail");
        if (accepted == (refusal != null)) {
            throw new IllegalArgumentException("a decision is accepted or has a refusal, not both");
        }
    }

    public static Decision accept(String detail) {
        return new Decision(true, null, detail);
    }

    public static Decision refuse(Refusal refusal, String detail) {
        return new Decision(false, Objects.requireNonNull(refusal, "refusal"), detail);
    }

    @Override
    public String toString() {
        return accepted ? "accepted: " + detail : "refused " + refusal + ": " + detail;
    }
}
