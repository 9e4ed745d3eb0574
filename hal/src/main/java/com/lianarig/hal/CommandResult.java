package com.lianarig.hal;

import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.NackReason;

/**
 * What became of a command sent to a node: the answer of PROTOCOL.md section 5, or why there was none.
 *
 * @param command the command's message type
 * @param outcome accepted, refused (with the node's reason), lost, or not sent
 * @param nackReason the node's reason when REFUSED, else null
 * @param nackDetail the NACK's reason-specific detail (field index, WinchState or NodeFault code), else 0
 * @param description the whole story in words, for the journal and the trainer
 */
public record CommandResult(MessageType command, Outcome outcome, NackReason nackReason, int nackDetail,
        String description) {

    /** What became of a command. */
    public enum Outcome {
        /** The node acknowledged it (ACK): accepted and started. */
        ACCEPTED,
        /** The node refused it (NACK); nothing was done. */
        REFUSED,
        /** Sent, but no answer will come: the link faulted or the node restarted. */
        LOST,
        /** A STOP sent best effort while the link was not ready or its window full: no answer is tracked. */
        SENT_UNTRACKED,
        /** Not sent: the link is not ready, or its command window is full. */
        NOT_SENT
    }

    public CommandResult {
        if (command == null || outcome == null || description == null) {
            throw new IllegalArgumentException("a command result needs a command, an outcome and a description");
        }
        if ((outcome == Outcome.REFUSED) != (nackReason != null)) {
            throw new IllegalArgumentException("a NACK reason goes with a REFUSED outcome, and only with it");
        }
    }

    /** True when the node acknowledged the command. */
    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
