package com.lianarig.controller.safety;

/** One node's link as the supervisor sees it (SR-9), allocated once. */
final class NodeTrack {
    final int address;
    /** Its link is READY: identified, configured, streaming. */
    boolean ready;
    /** Its frames flow again but it waits in its sticky shutdown for the reset's CLEAR_SHUTDOWN (SR-9). */
    boolean answering;

    NodeTrack(int address) {
        this.address = address;
    }
}
