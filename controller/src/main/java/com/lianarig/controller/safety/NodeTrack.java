package com.lianarig.controller.safety;

/** One node's link as the supervisor sees it (SR-9), allocated once. */
final class NodeTrack {
    final int address;
    /** Its link is READY: identified, configured, streaming. */
    boolean ready;
    /** Its frames flow again but it waits in its sticky shutdown for the reset's CLEAR_SHUTDOWN (SR-9). */
    boolean answering;
    /** When its link last became READY (its channels were configured), controller clock ns. */
    long readyAtNanos = Long.MIN_VALUE;
    /** When its last winch status was decoded, controller clock ns (SR-8: is the node alive while a channel is silent?). */
    long lastStatusNanos = Long.MIN_VALUE;
    /** The node's own time of its last winch status, us (unwrapped since its start); -1 unknown (SR-8, node's clock). */
    long lastStatusNodeTimeUs = -1;

    NodeTrack(int address) {
        this.address = address;
    }
}
