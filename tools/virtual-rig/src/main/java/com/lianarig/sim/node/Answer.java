package com.lianarig.sim.node;

import com.lianarig.protocol.NackReason;

/**
 * A node's answer to a command: ACK, or NACK with a reason and its detail byte.
 *
 * @param reason null for ACK
 * @param detail the NACK DETAIL byte
 */
record Answer(NackReason reason, int detail) {
    static final Answer ACK = new Answer(null, 0);

    static Answer nack(NackReason reason, int detail) {
        return new Answer(reason, detail);
    }

    static Answer nack(NackReason reason) {
        return new Answer(reason, 0);
    }

    boolean ack() {
        return reason == null;
    }
}
