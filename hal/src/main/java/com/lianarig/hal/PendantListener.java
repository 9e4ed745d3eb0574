package com.lianarig.hal;

/** Receives the debounced changes of the wired pendant's buttons. Must not block. */
@FunctionalInterface
public interface PendantListener {

    /**
     * @param button which button
     * @param pressed true when it is now held, false when released
     * @param atNanos host monotonic clock when the change was accepted, ns
     */
    void onButton(Pendant.Button button, boolean pressed, long atNanos);
}
