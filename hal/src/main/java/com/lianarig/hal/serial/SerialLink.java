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

    /**
     * Has each thread of the link (its reader and its writer) run {@code task} before it first touches the
     * port: the service asks for real-time scheduling there (P-3: the reader carries the samples in and the
     * writer the STOPs out, so a busy machine must not keep them waiting). A task that throws is logged and
     * the thread runs on. Call before {@link #start}; a link without threads of its own ignores it.
     */
    default void onThreadStart(Runnable task) {
    }

    /**
     * How long the reader has been late coming back from the port, ns: the time since it last returned from
     * a read beyond the longest a running reader waits for bytes (its read timeout) and a small allowance; 0
     * when it keeps up or the link cannot tell. SR-9: a node silence while the host's own reader was not
     * running is the host's delay, not the node's silence.
     *
     * @param nowNanos now, on the link's clock (the node session's), ns
     */
    default long readerLateNanos(long nowNanos) {
        return 0;
    }

    /**
     * Bytes the port holds that the reader has not taken yet (the driver's input queue), or -1 when the link
     * cannot tell. SR-9: bytes waiting while the node seems silent are the host's delay, not the node's silence.
     */
    default int unreadBytes() {
        return -1;
    }

    /** Closes the port and stops the link's threads for good; the state becomes CLOSED. Idempotent. */
    @Override
    void close();
}
