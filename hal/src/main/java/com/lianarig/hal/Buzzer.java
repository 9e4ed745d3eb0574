package com.lianarig.hal;

/**
 * The trainer's buzzer (alarms such as SR-21's "too long inverted"). On close, and when the process
 * exits, it goes to its configured shutdown state.
 *
 * <p>Thread-safe.
 */
public interface Buzzer extends AutoCloseable {

    /** Sounds {@code pattern} from now on; returns at once. */
    void sound(SignalPattern pattern);

    /** The pattern last asked for. */
    SignalPattern pattern();

    @Override
    void close();
}
