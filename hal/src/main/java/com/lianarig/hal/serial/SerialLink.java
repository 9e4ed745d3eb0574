package com.lianarig.hal.serial;

/**
 * A byte link to one node (STYLE rule 2: the role; {@link JSerialCommLink} is the jSerialComm
 * backend). Once started it keeps its port open by itself: when the port dies it reports
 * {@link SerialLinkState#LOST} and reopens it with backoff, reporting every change with a reason.
 *
 * <p>Threads: a reader thread delivers the bytes read to the {@link ByteSink} and the state changes
 * to the {@link SerialLinkListener}; {@link #write} never blocks, whatever the port does.
 */
public interface SerialLink extends AutoCloseable {

    /**
     * Starts the link: opens the port, then keeps it open. Returns at once; the outcome arrives as
     * state changes.
     *
     * @throws IllegalStateException if already started or closed
     */
    void start(ByteSink sink, SerialLinkListener listener);

    /**
     * Queues bytes for the port; never blocks. Bytes written while the link is not OPEN are dropped,
     * so nothing stale reaches a node after a reconnect.
     *
     * @return false when the bytes were dropped: the link is not OPEN, or its transmit queue is full
     *         (the port is not draining; the link is then declared LOST)
     */
    boolean write(byte[] bytes, int offset, int length);

    /** The current state. */
    SerialLinkState state();

    /** What the link connects to, for logs: the path, or the USB serial number or VID:PID it looks for. */
    String describe();

    /** Closes the port and stops the link's threads for good; the state becomes CLOSED. Idempotent. */
    @Override
    void close();
}
