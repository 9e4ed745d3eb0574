package com.lianarig.protocol.link;

/**
 * Why a link stopped being usable, with the specifics in words.
 *
 * @param kind what happened
 * @param detail what exactly, for the journal and the technician
 */
public record LinkFault(Kind kind, String detail) {

    /** What happened to a link. */
    public enum Kind {
        /** The node answered IDENTIFY with another protocol version: refused. */
        PROTOCOL_VERSION_MISMATCH(true, "the node speaks another protocol version"),
        /** The node was built from another protocol definition: refused. */
        DEFINITION_MISMATCH(true, "the node was built from another protocol definition"),
        /** No IDENTIFY after all IDENTIFY_REQUESTs. */
        NO_IDENTIFY(false, "the node did not say who it is"),
        /** A command stayed unanswered after all retransmissions. */
        ACK_TIMEOUT(false, "the node did not confirm a command"),
        /** No valid frame from the node within the silence timeout while the host kept reading (SR-9). */
        NODE_SILENT(false, "the node went silent"),
        /**
         * The host itself did not read the node's frames for longer than the link can be trusted (its serial reader
         * or session thread stalled, SR-9): not the node's silence, but the link is unusable all the same.
         */
        HOST_LATE(false, "the host fell behind reading the node"),
        /** The node restarted (new boot id, or NACK NOT_IDENTIFIED): positions and configuration are lost. */
        NODE_RESET(false, "the node restarted"),
        /** The port itself went away (unplugged, read -1, write error): whatever is reopened is identified anew. */
        PORT_LOST(false, "the serial port went away"),
        /** The owner rejected the identified node (not the board its setup expects): no heartbeats, no commands. */
        WRONG_NODE(false, "another board answered than the rig file names");

        private final boolean refusal;
        private final String words;

        Kind(boolean refusal, String words) {
            this.refusal = refusal;
            this.words = words;
        }

        /** What happened, in words a technician (or a trainer glancing at a fault) reads. */
        public String words() {
            return words;
        }

        /** True when the host must not run with this node at all, whatever is retried. */
        public boolean refusal() {
            return refusal;
        }
    }

    public LinkFault {
        if (kind == null || detail == null) {
            throw new IllegalArgumentException("a link fault needs a kind and a detail");
        }
    }

    /** In words, e.g. "the node went silent: no valid frame from node 1 for 100 ms". */
    public String words() {
        return kind.words() + ": " + detail;
    }

    /**
     * {@link #words()}: this text reaches people (fault causes, replies, the journal), never as a record's
     * internal form.
     */
    @Override
    public String toString() {
        return words();
    }
}
