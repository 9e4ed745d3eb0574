package com.lianarig.controller.safety;

import java.util.Objects;

/**
 * A latched safety fault: which rule, what was measured, the stop it caused and who may reset it
 * once its cause is gone.
 *
 * @param rule the safety requirement that acted
 * @param cause what was seen, in words with numbers and units
 * @param stop the stop it caused
 * @param resetBy the least role that may reset it
 * @param atNanos controller clock when it latched, ns
 */
public record Fault(SafetyRule rule, String cause, StopKind stop, ResetRole resetBy, long atNanos) {
    public Fault {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(resetBy, "resetBy");
    }

    @Override
    public String toString() {
        return rule.id() + " " + cause + " (" + stop.words() + ", reset by " + resetBy.name().toLowerCase() + ")";
    }
}
