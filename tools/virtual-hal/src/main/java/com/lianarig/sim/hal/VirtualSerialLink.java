package com.lianarig.sim.hal;

import com.lianarig.hal.serial.Backoff;
import com.lianarig.hal.serial.ByteSink;
import com.lianarig.hal.serial.SerialLink;
import com.lianarig.hal.serial.SerialLinkListener;
import com.lianarig.hal.serial.SerialLinkState;
import com.lianarig.hal.serial.SerialSettings;
import com.lianarig.hal.serial.SpscByteRing;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.node.NodeIdentity;
import com.lianarig.sim.transport.InProcessLink;
import com.lianarig.sim.transport.NodePort;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SerialLink} over the virtual rig's in-process cable on the wall clock, for the service's
 * demo mode and real-time tests (a {@code NodeSession} with {@code start()}, the rig kept at the
 * wall clock by {@code RealTimeRunner}). It behaves as {@code JSerialCommLink} on a USB port.
 *
 * <pre>
 *   caller ── write() ──► transmit queue (bounded, never blocks) ──► writer thread ──► cable ──► virtual node
 *   virtual node ──► cable ──► reader thread ──► ByteSink     (and: open, detect loss, reopen with backoff)
 * </pre>
 *
 * <p><b>Threads.</b> The reader thread ({@code serial-reader <name>}) owns the port's life: it opens
 * the cable, waits for the node's bytes (up to {@link #READ_TIMEOUT_NANOS} at a time) and hands
 * them to the sink, and on a loss reopens with the backoff of {@link SerialSettings}, reporting every
 * state change with its reason. The writer thread ({@code serial-writer <name>}) hands the queued
 * bytes to the cable, so the caller's {@link #write} only copies and never waits on the rig's locks
 * or allocates.
 *
 * <p><b>Loss.</b> A cable pulled out at both ends ({@code NodePort.unplugged(true)}, which is also
 * what {@code VirtualRig.close()} does to it) is a USB adapter pulled out: LOST within
 * {@link #READ_TIMEOUT_NANOS}, then attempts with backoff that fail while it stays out and open it
 * once it is plugged back in. A cable cut in one direction only ({@code LineFaults.unplugged}) stays
 * a silent line, as a cut wire behind the adapter. A transmit queue that overflows also loses the
 * port. Bytes queued before a loss are dropped, never sent after the reopening; bytes the node sent
 * while the port was closed are dropped at the opening.
 *
 * <p>Of the {@link SerialSettings}, the backoff and the transmit queue's size apply; the baud rate,
 * write stall and lock directory mean nothing on an in-process cable.
 */
public final class VirtualSerialLink implements SerialLink {
    private static final Logger log = LoggerFactory.getLogger(VirtualSerialLink.class);

    /** The longest wait for the node's bytes: it bounds how late the reader notices an unplug or a close, ns. */
    public static final long READ_TIMEOUT_NANOS = 10_000_000L;

    private static final long IDLE_WRITER_PARK_NANOS = 20_000_000L;

    private final InProcessLink cable;
    private final String name;
    private final SerialSettings settings;
    private final SpscByteRing transmitQueue;

    /** Guards the producer side of the transmit queue, {@link #open} and {@link #discardMark} changes. */
    private final Object txLock = new Object();
    /** Serialises state changes and their reports, so listeners see them in order. */
    private final Object stateLock = new Object();

    private volatile SerialLinkState state = SerialLinkState.CLOSED;
    private volatile String reason = "not started";
    private volatile boolean open;
    /** Queued bytes before this position belong to a port that was lost: never sent. */
    private volatile long discardMark;
    private volatile String writerFailure;
    private volatile boolean running;

    private boolean started;
    private boolean closed;
    private boolean closedReported;
    private ByteSink sink;
    private SerialLinkListener listener;
    private Thread reader;
    private Thread writer;

    /**
     * @param cable the host's end of a virtual node's in-process cable (a port of a rig built with
     *        {@code VirtualRig.standardInProcess} or in-process cables)
     * @param name what the link connects to, for logs and thread names, e.g. "virtual node 1 (VR-0001)"
     * @param settings the backoff and the transmit queue's size
     */
    public VirtualSerialLink(InProcessLink cable, String name, SerialSettings settings) {
        if (cable == null || settings == null) {
            throw new IllegalArgumentException("a virtual serial link needs a cable and settings (not null)");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a virtual serial link needs a name for its logs, not '" + name + "'");
        }
        this.cable = cable;
        this.name = name;
        this.settings = settings;
        this.transmitQueue = new SpscByteRing(settings.transmitQueueBytes());
    }

    /**
     * A link to node {@code nodeIndex} of {@code rig}, named after it ("virtual node 1 (VR-0001)").
     *
     * @throws IllegalArgumentException when the rig has no such node, or its cable is not in-process
     */
    public static VirtualSerialLink toNode(VirtualRig rig, int nodeIndex, SerialSettings settings) {
        int nodes = rig.nodeSpecs().size();
        if (nodeIndex < 0 || nodeIndex >= nodes) {
            throw new IllegalArgumentException("the virtual rig has no node " + nodeIndex + ": it has " + nodes
                    + " (0.." + (nodes - 1) + ")");
        }
        NodeIdentity id = rig.nodeSpecs().get(nodeIndex).identity();
        NodePort port = rig.port(nodeIndex);
        if (!(port instanceof InProcessLink cable)) {
            throw new IllegalArgumentException("node " + nodeIndex + " (" + id.serial() + ") of the virtual rig is on "
                    + port.describe() + ", not an in-process cable: open that with JSerialCommLink");
        }
        return new VirtualSerialLink(cable, "virtual node " + id.address() + " (" + id.serial() + ")", settings);
    }

    @Override
    public void start(ByteSink byteSink, SerialLinkListener stateListener) {
        synchronized (stateLock) {
            if (started || closed) {
                throw new IllegalStateException("link " + name + " was already " + (closed ? "closed" : "started"));
            }
            started = true;
            sink = byteSink;
            listener = stateListener;
            running = true;
            reader = new Thread(this::readLoop, "serial-reader " + name);
            writer = new Thread(this::writeLoop, "serial-writer " + name);
            reader.setDaemon(true);
            writer.setDaemon(true);
        }
        writer.start();
        reader.start();
    }

    @Override
    public boolean write(byte[] bytes, int offset, int length) {
        synchronized (txLock) {
            if (!open) {
                return false;
            }
            if (!transmitQueue.offer(bytes, offset, length)) {
                if (writerFailure == null) {
                    writerFailure = "the transmit queue is full (" + transmitQueue.capacity()
                            + " bytes): the cable is not draining";
                }
                return false;
            }
        }
        LockSupport.unpark(writer);
        return true;
    }

    @Override
    public SerialLinkState state() {
        return state;
    }

    /** Why the link is in its current state. */
    public String reason() {
        return reason;
    }

    @Override
    public String describe() {
        return name;
    }

    /** Stops both threads (waiting up to 2 s for each) and reports CLOSED. Idempotent. */
    @Override
    public void close() {
        Thread r;
        Thread w;
        synchronized (stateLock) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            r = reader;
            w = writer;
        }
        synchronized (txLock) {
            open = false;
            discardMark = transmitQueue.producedBytes();
        }
        if (r != null) {
            r.interrupt(); // a waiting read returns
        }
        for (Thread t : new Thread[] {r, w}) {
            if (t != null && t != Thread.currentThread()) {
                LockSupport.unpark(t);
                try {
                    t.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (t.isAlive()) {
                    log.warn("{} did not stop within 2 s", t.getName());
                }
            }
        }
        report(SerialLinkState.CLOSED, "closed");
    }

    // ---- reader thread ----

    private void readLoop() {
        Backoff backoff = new Backoff(TimeUnit.MILLISECONDS.toNanos(settings.initialBackoffMs()),
                TimeUnit.MILLISECONDS.toNanos(settings.maxBackoffMs()));
        byte[] buffer = new byte[4096];
        int attempt = 0;
        while (running) {
            attempt++;
            report(SerialLinkState.OPENING, "opening " + name + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
            if (pulledOut()) {
                waitBeforeRetry(backoff, "the cable of " + name + " is unplugged");
                continue;
            }
            while (cable.read(buffer) > 0) {
                // sent while the port was closed: it belongs to no one now
            }
            synchronized (txLock) {
                if (!running) {
                    break;
                }
                writerFailure = null;
                open = true;
            }
            attempt = 0;
            backoff.reset();
            report(SerialLinkState.OPEN, "opened " + name + " (in-process cable)");
            String lostHow = readUntilLost(buffer);
            synchronized (txLock) {
                open = false;
                discardMark = transmitQueue.producedBytes();
            }
            if (!running || lostHow == null) {
                break;
            }
            report(SerialLinkState.LOST, name + " lost: " + lostHow);
            waitBeforeRetry(backoff, name + " lost");
        }
    }

    /** Reads and delivers until the port is lost (returns how) or the link closes (returns null). */
    private String readUntilLost(byte[] buffer) {
        while (running) {
            int n;
            try {
                n = cable.read(buffer, READ_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                if (!running) {
                    return null;
                }
                continue; // only close() interrupts this thread; anything else is not a reason to stop
            }
            if (!running) {
                return null;
            }
            if (n > 0) {
                try {
                    sink.onBytes(buffer, 0, n);
                } catch (RuntimeException e) {
                    log.error("the byte sink of {} failed; bytes dropped", name, e);
                }
            }
            if (pulledOut()) {
                return "the cable was unplugged (or the virtual rig closed its port)";
            }
            String failure = writerFailure;
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    /** Both directions cut: the adapter is gone. One direction alone is a silent line, not a lost port. */
    private boolean pulledOut() {
        return cable.toHostFaults().unplugged() && cable.toNodeFaults().unplugged();
    }

    private void waitBeforeRetry(Backoff backoff, String why) {
        if (!running) {
            return;
        }
        long delayNanos = backoff.next();
        report(SerialLinkState.RECONNECTING, why + "; next attempt in " + delayNanos / 1_000_000 + " ms");
        long deadline = System.nanoTime() + delayNanos;
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
    }

    private void report(SerialLinkState newState, String why) {
        synchronized (stateLock) {
            if (closedReported) {
                return; // CLOSED is final: a reader that outlived close() reports nothing more
            }
            closedReported = newState == SerialLinkState.CLOSED;
            state = newState;
            reason = why;
            if (newState == SerialLinkState.OPEN || newState == SerialLinkState.CLOSED) {
                log.info("serial {}: {} ({})", name, newState, why);
            } else if (newState == SerialLinkState.LOST) {
                log.warn("serial {}: {} ({})", name, newState, why);
            } else {
                log.debug("serial {}: {} ({})", name, newState, why);
            }
            SerialLinkListener l = listener;
            if (l != null) {
                try {
                    l.onStateChanged(newState, why);
                } catch (RuntimeException e) {
                    log.error("the state listener of {} failed", name, e);
                }
            }
        }
    }

    // ---- writer thread ----

    private void writeLoop() {
        byte[] chunk = new byte[transmitQueue.capacity()];
        while (running) {
            long mark = discardMark;
            transmitQueue.discardUntil(mark);
            int n = transmitQueue.poll(chunk, 0, chunk.length);
            if (n == 0) {
                LockSupport.parkNanos(this, IDLE_WRITER_PARK_NANOS);
                continue;
            }
            if (discardMark != mark) {
                continue; // the port was lost while these were polled: they belonged to it
            }
            try {
                cable.hostWrite(chunk, 0, n);
            } catch (RuntimeException e) {
                log.error("handing {} bytes to {} failed; dropped", n, name, e);
            }
        }
    }
}
