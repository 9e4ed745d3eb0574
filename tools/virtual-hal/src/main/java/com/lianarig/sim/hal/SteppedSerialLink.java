package com.lianarig.sim.hal;

import com.lianarig.hal.serial.ByteSink;
import com.lianarig.hal.serial.SerialLink;
import com.lianarig.hal.serial.SerialLinkListener;
import com.lianarig.hal.serial.SerialLinkState;
import com.lianarig.sim.transport.InProcessLink;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SerialLink} over the virtual rig's in-process cable for a stepped clock, without threads:
 * the thread that steps the rig and the node session ({@code NodeSession.startStepped}) also calls
 * {@link #pump}, which is this link's reader and writer.
 *
 * <pre>
 *   session ── write() ──► host buffer (64 KiB) ──pump()──► cable ──► virtual node
 *   virtual node ──► cable ──pump()──► ByteSink (while OPEN; dropped otherwise)
 * </pre>
 *
 * <p><b>The port's life is the caller's</b>: {@link #start} reports OPENING, {@link #open} OPEN,
 * {@link #lose} LOST then RECONNECTING (until the caller opens it again), {@link #close} CLOSED. The
 * cable's own faults act on the bytes only: an unplugged in-process cable is a silent line here, as a
 * wire cut between a USB adapter and its node; {@link VirtualSerialLink} reports it as a lost port.
 *
 * <p><b>Writes</b> only copy into the host buffer (no allocation, never blocking); bytes written
 * while the link is not OPEN are dropped, and a loss drops what was not pumped yet. A write that
 * does not fit is dropped and the port is reported LOST at the next {@link #pump}, as
 * {@code JSerialCommLink} does with a transmit queue that does not drain.
 *
 * <p>Not thread-safe: one owner, the stepping thread, calls every method; {@link #state()} may be
 * read from any thread. Listener and sink calls happen on the owner, inside these methods.
 */
public final class SteppedSerialLink implements SerialLink {
    private static final Logger log = LoggerFactory.getLogger(SteppedSerialLink.class);

    /** The host buffer: what the host may write between two pumps, bytes. */
    public static final int HOST_BUFFER_BYTES = 1 << 16;

    private static final ByteSink NO_TAP = (buffer, offset, length) -> { };

    private final InProcessLink cable;
    private final ByteSink hostBytesTap;
    private final ByteBuffer toNode = ByteBuffer.allocate(HOST_BUFFER_BYTES);
    private final byte[] chunk = new byte[HOST_BUFFER_BYTES];
    private ByteSink sink;
    private SerialLinkListener listener;
    private volatile SerialLinkState state = SerialLinkState.CLOSED;
    private boolean started;
    private boolean closed;
    /** Why the port is to be reported lost at the next pump (a write that did not fit); null when not. */
    private String pendingLoss;

    /** A link over {@code cable} (a port of a rig built with in-process cables, e.g. {@code VirtualRig.standardInProcess}). */
    public SteppedSerialLink(InProcessLink cable) {
        this(cable, NO_TAP);
    }

    /**
     * @param hostBytesTap also receives every byte the host sends, as {@link #pump} hands it to the
     *        cable (before the cable's faults): for tests that check what was sent, and for traces
     */
    public SteppedSerialLink(InProcessLink cable, ByteSink hostBytesTap) {
        if (cable == null || hostBytesTap == null) {
            throw new IllegalArgumentException("a stepped serial link needs a cable and a tap (not null)");
        }
        this.cable = cable;
        this.hostBytesTap = hostBytesTap;
    }

    /** Reports OPENING; the port opens when the caller calls {@link #open}. */
    @Override
    public void start(ByteSink byteSink, SerialLinkListener stateListener) {
        if (started || closed) {
            throw new IllegalStateException("link " + describe() + " was already " + (closed ? "closed" : "started"));
        }
        started = true;
        sink = byteSink;
        listener = stateListener;
        report(SerialLinkState.OPENING, "opening the in-process cable");
    }

    /**
     * Opens the port: bytes flow both ways from the next {@link #pump} (what pumps read while the
     * port was not open was dropped).
     *
     * @throws IllegalStateException when not started, closed, or already open
     */
    public void open() {
        if (!started || closed || state == SerialLinkState.OPEN) {
            throw new IllegalStateException("link " + describe() + " cannot open: it is " + state
                    + (started ? "" : " (not started)"));
        }
        report(SerialLinkState.OPEN, "opened the in-process cable");
    }

    /**
     * The open port dies, as a read of -1 would tell: reports LOST with {@code how}, then
     * RECONNECTING; the bytes not yet pumped are dropped. The caller reopens it with {@link #open}.
     *
     * @param how the reason, e.g. "read returned -1 (errno 5): the device went away"
     * @throws IllegalStateException when the port is not open
     */
    public void lose(String how) {
        if (state != SerialLinkState.OPEN) {
            throw new IllegalStateException("link " + describe() + " cannot be lost: it is " + state);
        }
        toNode.clear();
        pendingLoss = null;
        report(SerialLinkState.LOST, how);
        report(SerialLinkState.RECONNECTING, "port lost; reopened when the stepping thread opens it");
    }

    @Override
    public boolean write(byte[] bytes, int offset, int length) {
        if (state != SerialLinkState.OPEN || pendingLoss != null) {
            return false;
        }
        if (toNode.remaining() < length) {
            pendingLoss = "the host buffer is full (" + HOST_BUFFER_BYTES + " bytes): the link is not pumped";
            return false;
        }
        toNode.put(bytes, offset, length);
        return true;
    }

    /**
     * One turn of the link: the host's bytes to the node, then the node's bytes to the sink (dropped
     * unless OPEN). Reports a loss a write found first. Allocation-free.
     */
    public void pump() {
        if (pendingLoss != null) {
            lose(pendingLoss);
        }
        toNode.flip();
        int n = toNode.remaining();
        if (n > 0) {
            toNode.get(chunk, 0, n);
            cable.hostWrite(chunk, 0, n);
            hostBytesTap.onBytes(chunk, 0, n);
        }
        toNode.clear();
        int m;
        while ((m = cable.read(chunk)) > 0) {
            if (state == SerialLinkState.OPEN) {
                try {
                    sink.onBytes(chunk, 0, m);
                } catch (RuntimeException e) {
                    log.error("the byte sink of {} failed; bytes dropped", describe(), e);
                }
            }
        }
    }

    /** Host bytes written but not pumped to the node yet. */
    public int pendingHostBytes() {
        return toNode.position();
    }

    @Override
    public SerialLinkState state() {
        return state;
    }

    @Override
    public String describe() {
        return cable.describe();
    }

    /** Reports CLOSED (once); afterwards writes are dropped and pumps deliver nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        toNode.clear();
        pendingLoss = null;
        report(SerialLinkState.CLOSED, "closed");
    }

    private void report(SerialLinkState newState, String why) {
        state = newState;
        if (listener != null) {
            try {
                listener.onStateChanged(newState, why);
            } catch (RuntimeException e) {
                log.error("the state listener of {} failed", describe(), e);
            }
        }
    }
}
