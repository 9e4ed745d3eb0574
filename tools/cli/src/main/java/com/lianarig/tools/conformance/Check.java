package com.lianarig.tools.conformance;

/**
 * One conformance check: its id (as printed and as given to {@code --only}), the PROTOCOL.md sections
 * it holds the node to, what it checks in one line, whether a winch moves during it, and its body.
 *
 * @param id short id, e.g. {@code W1}
 * @param section the PROTOCOL.md section(s), e.g. {@code 6.2, 7.9}
 * @param what what the node must do, in one line
 * @param moves true when a winch moves (brakes released, torque applied): run only with the operator's consent
 * @param body the check itself, run against a {@link Session}
 */
public record Check(String id, String section, String what, boolean moves, Body body) {

    /** The check's work: drives the node through the session and judges what it saw. */
    @FunctionalInterface
    public interface Body {
        Verdict run(Session session) throws InterruptedException;
    }
}
