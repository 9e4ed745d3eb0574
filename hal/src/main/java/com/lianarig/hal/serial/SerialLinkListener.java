package com.lianarig.hal.serial;

/** Receives every state change of a serial link, with its reason. */
@FunctionalInterface
public interface SerialLinkListener {

    /**
     * Called on the link's reader thread (CLOSED: on the thread that closed the link). Must not block.
     *
     * @param state the new state
     * @param reason why, in words: the path and settings opened, how the port was lost, why an attempt failed
     */
    void onStateChanged(SerialLinkState state, String reason);
}
