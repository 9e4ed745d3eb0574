package com.lianarig.controller.core;

/**
 * Where a trainer's note goes: the session history (SPEC section 5), kept with the client's profile. Called
 * on the control thread: it must hand the note over and return, never wait for a disk.
 */
@FunctionalInterface
public interface NoteSink {

    /**
     * Takes one note for the session of the attached client.
     *
     * @param clientId the attached client's opaque id
     * @param panelId who wrote it
     * @param text the note (personal data: never journalled, never on a studio topic)
     * @param nowNanos controller clock, ns
     */
    void note(String clientId, String panelId, String text, long nowNanos);
}
