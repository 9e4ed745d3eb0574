package com.lianarig.hal;

/**
 * The rig's status light. On close, and when the process exits, it goes to its configured
 * shutdown state.
 *
 * <p>Thread-safe.
 */
public interface StatusLight extends AutoCloseable {

    void show(SignalPattern pattern);

    /** The pattern shown now. */
    SignalPattern pattern();

    @Override
    void close();
}
