package com.lianarig.hal;

/**
 * The rig's status light. On close, and when the process exits, it goes to its configured
 * shutdown state.
 *
 * <p>Thread-safe.
 */
public interface StatusLight extends AutoCloseable {

    /** Shows {@code pattern} from now on; returns at once. */
    void show(SignalPattern pattern);

    /** The pattern last asked for. */
    SignalPattern pattern();

    @Override
    void close();
}
