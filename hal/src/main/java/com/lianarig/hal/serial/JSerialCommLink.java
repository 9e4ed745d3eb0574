package com.lianarig.hal.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SerialLink} over jSerialComm: a USB-serial adapter, a UART or a pseudo-terminal, opened by
 * path or found by its USB serial number or VID:PID, 8N1 at the configured baud rate, exclusively.
 *
 * <pre>
 *   caller ── write() ──► transmit queue (bounded, never blocks) ──► writer thread ──► port
 *   port ──► reader thread ──► ByteSink            (and: open, detect loss, reopen with backoff)
 * </pre>
 *
 * <p><b>Threads.</b> The reader thread owns the port's life: it resolves and locks the device, opens
 * it, reads (a read returns as soon as bytes arrive, or after {@link #READ_TIMEOUT_MS}), and on loss
 * closes it and reopens it with exponential backoff, reporting every state change with its reason.
 * The writer thread drains the transmit queue into the port, so a port whose writes block (a stalled
 * USB device) never blocks the caller: the caller's {@link #write} only copies into the queue.
 *
 * <p><b>Loss.</b> The port is lost when a read returns -1 (the device went away: unplugged, or a
 * pseudo-terminal's peer died), a write fails, one write stays blocked for {@code writeStallMs}, or
 * the transmit queue overflows. Bytes queued before a loss are dropped, never sent to whatever is
 * opened next.
 *
 * <p><b>Scheduling.</b> Both threads are on the safety path (samples in, STOPs out): the service has them
 * run SCHED_FIFO through {@link #onThreadStart}. The reader stamps each return from the port, so the node
 * session can tell a silent node from a reader that did not run ({@link #readerLateNanos}, {@link #unreadBytes}).
 *
 * <p><b>Exclusivity.</b> jSerialComm takes an exclusive {@code flock} on the device when it opens it
 * (unless told not to), which only other flock users respect and which names no owner; so the link
 * also holds a {@link PortLock} lock file per device while the port is open, and a second opener is
 * refused with "port X is in use by pid N". The refusal is reported as RECONNECTING with that
 * reason, and retried with backoff.
 */
public final class JSerialCommLink implements SerialLink {
    private static final Logger log = LoggerFactory.getLogger(JSerialCommLink.class);

    /**
     * The read timeout: jSerialComm on Linux waits in tenths of a second (termios VTIME), so this is
     * the shortest wait with no data; a read returns as soon as bytes arrive. It bounds how late the
     * reader notices close, a failed write or a stalled one.
     */
    static final int READ_TIMEOUT_MS = 100;

    /**
     * A reader that has not come back from the port for its read timeout plus this long did not run (it was
     * not scheduled, or it is stuck): its lateness is the host's, ns. A read returns within the timeout (or
     * a tenth of a second more, VTIME's resolution) whether or not bytes arrive.
     */
    static final long READER_ALLOWANCE_NANOS = 20_000_000L;

    private static final long IDLE_WRITER_PARK_NANOS = 20_000_000L;

    private final PortSelector selector;
    private final SerialSettings settings;
    private final PortDiscovery discovery;
    private final LongSupplier clock;
    private final SpscByteRing transmitQueue;

    /** Guards the producer side of the transmit queue and {@link #current} changes. */
    private final Object txLock = new Object();
    /** Serialises state changes and their reports, so listeners see them in order. */
    private final Object stateLock = new Object();

    private volatile SerialLinkState state = SerialLinkState.CLOSED;
    private volatile String reason = "not started";
    private volatile Opened current;
    private volatile long discardMark;
    private volatile String writerFailure;
    private volatile long writeStartedAtNanos;
    private volatile boolean running;
    /** When the reader last came back from the port (or opened it), link clock ns; MIN_VALUE: no port open. */
    private volatile long lastReadNanos = Long.MIN_VALUE;
    /** Run first by the reader and the writer thread; null: nothing. */
    private volatile Runnable threadStart;

    private boolean started;
    private boolean closed;
    private boolean closedReported;
    private ByteSink sink;
    private SerialLinkListener listener;
    private Thread reader;
    private Thread writer;

    /** One open port: the jSerialComm object, the path it was opened by, and the lock held for it. */
    private static final class Opened {
        final SerialPort port;
        final String path;
        final PortLock lock;

        Opened(SerialPort port, String path, PortLock lock) {
            this.port = port;
            this.path = path;
            this.lock = lock;
        }
    }

    /**
     * @param selector which port: a path, or a USB serial number or VID:PID resolved at every (re)open
     * @param discovery lists ports for USB selectors (unused for a path)
     * @param clock monotonic time, ns (System::nanoTime in service)
     */
    public JSerialCommLink(PortSelector selector, SerialSettings settings, PortDiscovery discovery,
            LongSupplier clock) {
        this.selector = selector;
        this.settings = settings;
        this.discovery = discovery;
        this.clock = clock;
        this.transmitQueue = new SpscByteRing(settings.transmitQueueBytes());
    }

    /** A link to a device path (a pseudo-terminal, or a fixed {@code /dev/serial/by-id/...} name). */
    public static JSerialCommLink byPath(String path, SerialSettings settings) {
        return new JSerialCommLink(new PortSelector.ByPath(path), settings, java.util.List::of, System::nanoTime);
    }

    @Override
    public void start(ByteSink byteSink, SerialLinkListener stateListener) {
        synchronized (stateLock) {
            if (started || closed) {
                throw new IllegalStateException("link " + describe() + " was already " + (closed ? "closed" : "started"));
            }
            started = true;
            sink = byteSink;
            listener = stateListener;
            running = true;
            reader = new Thread(this::readLoop, "serial-reader " + describe());
            writer = new Thread(this::writeLoop, "serial-writer " + describe());
            reader.setDaemon(true);
            writer.setDaemon(true);
        }
        writer.start();
        reader.start();
    }

    @Override
    public void onThreadStart(Runnable task) {
        threadStart = task;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: since the reader last returned from a read (or opened the port), beyond {@link #READ_TIMEOUT_MS}
     * and {@link #READER_ALLOWANCE_NANOS}; 0 while no port is open.
     */
    @Override
    public long readerLateNanos(long nowNanos) {
        long last = lastReadNanos;
        if (last == Long.MIN_VALUE || current == null) {
            return 0;
        }
        return Math.max(0, nowNanos - last - TimeUnit.MILLISECONDS.toNanos(READ_TIMEOUT_MS) - READER_ALLOWANCE_NANOS);
    }

    /** {@inheritDoc} Here: the driver's input queue (FIONREAD), read without disturbing the reader. */
    @Override
    public int unreadBytes() {
        Opened o = current;
        if (o == null) {
            return -1;
        }
        int n = o.port.bytesAvailable();
        return n < 0 ? -1 : n;
    }

    @Override
    public boolean write(byte[] bytes, int offset, int length) {
        synchronized (txLock) {
            if (current == null) {
                return false;
            }
            if (!transmitQueue.offer(bytes, offset, length)) {
                if (writerFailure == null) {
                    writerFailure = "the transmit queue is full (" + transmitQueue.capacity()
                            + " bytes): the port is not draining";
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
        return selector.describe();
    }

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
        Opened o;
        synchronized (txLock) {
            o = current;
            current = null;
            discardMark = transmitQueue.producedBytes();
        }
        if (o != null) {
            o.port.closePort(); // a blocked read returns
        }
        for (Thread t : new Thread[] {r, w}) {
            if (t != null) {
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
        if (o != null) {
            o.lock.close();
        }
        report(SerialLinkState.CLOSED, "closed");
    }

    // ---- reader thread ----

    private void runThreadStart() {
        Runnable task = threadStart;
        if (task != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{}: the thread's start task failed; it runs on", Thread.currentThread().getName(), e);
            }
        }
    }

    private void readLoop() {
        runThreadStart();
        Backoff backoff = new Backoff(TimeUnit.MILLISECONDS.toNanos(settings.initialBackoffMs()),
                TimeUnit.MILLISECONDS.toNanos(settings.maxBackoffMs()));
        byte[] buffer = new byte[4096];
        int attempt = 0;
        while (running) {
            attempt++;
            report(SerialLinkState.OPENING, "opening " + describe() + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
            Opened o;
            try {
                o = openOnce();
            } catch (PortUnavailableException e) {
                waitBeforeRetry(backoff, e.getMessage());
                continue;
            } catch (RuntimeException e) {
                waitBeforeRetry(backoff, "opening " + describe() + " failed: " + e);
                continue;
            }
            if (!running) {
                release(o);
                break;
            }
            attempt = 0;
            backoff.reset();
            report(SerialLinkState.OPEN, "opened " + o.path + (o.path.equals(describe()) ? "" : " for " + describe())
                    + " at " + settings.baudRate() + " baud 8N1");
            String lostHow = readUntilLost(o, buffer);
            lastReadNanos = Long.MIN_VALUE;
            synchronized (txLock) {
                if (current == o) {
                    current = null;
                }
                discardMark = transmitQueue.producedBytes();
            }
            release(o);
            if (!running) {
                break;
            }
            report(SerialLinkState.LOST, "port " + o.path + " lost: " + lostHow);
            waitBeforeRetry(backoff, "port " + o.path + " lost");
        }
    }

    /** Resolves, locks and opens the port, and makes it the current one. */
    private Opened openOnce() throws PortUnavailableException {
        String path = selector.resolve(discovery);
        PortLock lock = PortLock.acquire(settings.lockDirectory(), path);
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            lock.close();
            throw new PortUnavailableException("no serial device at " + path);
        }
        port.setComPortParameters(settings.baudRate(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            lock.close();
            throw new PortUnavailableException("cannot open " + path + ": " + openError(port.getLastErrorCode()));
        }
        port.flushIOBuffers(); // bytes from before this open belong to no one now
        Opened o = new Opened(port, path, lock);
        lastReadNanos = clock.getAsLong();
        writerFailure = null;
        writeStartedAtNanos = 0;
        synchronized (txLock) {
            current = o;
        }
        return o;
    }

    private static String openError(int errno) {
        return switch (errno) {
            case 2 -> "no such device (errno 2)";
            case 11 -> "locked by another process (flock, errno 11)";
            case 13 -> "permission denied (errno 13: is the user in the dialout group?)";
            case 16 -> "device busy (errno 16)";
            default -> "jSerialComm error " + errno;
        };
    }

    /** Reads and delivers until the port is lost (returns how) or the link closes (returns null). */
    private String readUntilLost(Opened o, byte[] buffer) {
        long stallNanos = TimeUnit.MILLISECONDS.toNanos(settings.writeStallMs());
        while (running) {
            int n = o.port.readBytes(buffer, buffer.length);
            lastReadNanos = clock.getAsLong();
            if (!running) {
                return null;
            }
            if (n < 0) {
                return "read returned -1 (errno " + o.port.getLastErrorCode() + "): the device went away";
            }
            if (n > 0) {
                try {
                    sink.onBytes(buffer, 0, n);
                } catch (RuntimeException e) {
                    log.error("the byte sink of {} failed; bytes dropped", describe(), e);
                }
            }
            String failure = writerFailure;
            if (failure != null) {
                return failure;
            }
            long startedAt = writeStartedAtNanos;
            if (startedAt != 0 && clock.getAsLong() - startedAt > stallNanos) {
                return "a write has been blocked for more than " + settings.writeStallMs()
                        + " ms: the port is not draining";
            }
        }
        return null;
    }

    private void release(Opened o) {
        o.port.closePort();
        o.lock.close();
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
                log.info("serial {}: {} ({})", describe(), newState, why);
            } else if (newState == SerialLinkState.LOST) {
                log.warn("serial {}: {} ({})", describe(), newState, why);
            } else {
                log.debug("serial {}: {} ({})", describe(), newState, why);
            }
            SerialLinkListener l = listener;
            if (l != null) {
                try {
                    l.onStateChanged(newState, why);
                } catch (RuntimeException e) {
                    log.error("the state listener of {} failed", describe(), e);
                }
            }
        }
    }

    // ---- writer thread ----

    private void writeLoop() {
        runThreadStart();
        byte[] chunk = new byte[transmitQueue.capacity()];
        while (running) {
            Opened o = current;
            transmitQueue.discardUntil(discardMark);
            int n = transmitQueue.poll(chunk, 0, chunk.length);
            if (n == 0) {
                LockSupport.parkNanos(this, IDLE_WRITER_PARK_NANOS);
                continue;
            }
            if (o == null || o != current) {
                continue; // queued for a port that is gone: never sent to the next one
            }
            int off = 0;
            while (off < n) {
                writeStartedAtNanos = clock.getAsLong() | 1L;
                int w = o.port.writeBytes(chunk, n - off, off);
                writeStartedAtNanos = 0;
                if (w <= 0) {
                    if (o == current && writerFailure == null) {
                        writerFailure = "a write of " + (n - off) + " bytes returned " + w + " (errno "
                                + o.port.getLastErrorCode() + ")";
                    }
                    break;
                }
                off += w;
            }
        }
    }
}
