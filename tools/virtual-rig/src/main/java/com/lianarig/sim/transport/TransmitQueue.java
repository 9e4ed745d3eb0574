package com.lianarig.sim.transport;

import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's transmitter toward a real transport (pty, TCP): the rig's thread hands bytes over
 * without ever blocking, and a daemon writer thread writes them to the current sink. Like a UART
 * with nobody reading, bytes that do not fit ({@link #capacityBytes}) or that find no sink are lost
 * and counted: a host that stops reading must not stall the virtual node's clock.
 *
 * <p>Thread-safe: {@link #offer} on the rig's thread, {@link #sink} and {@link #close} from any.
 */
final class TransmitQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransmitQueue.class);

    private final Object lock = new Object();
    private final byte[] ring;
    private final Thread writer;
    private int head;
    private int size;
    private OutputStream sink;
    private long generation;
    private boolean closed;
    private long lostBytes;

    /**
     * @param capacityBytes how much may wait for the writer, bytes
     */
    TransmitQueue(String threadName, int capacityBytes) {
        this.ring = new byte[capacityBytes];
        this.writer = new Thread(this::run, threadName);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    int capacityBytes() {
        return ring.length;
    }

    /** Queues bytes for the sink; never blocks. */
    void offer(byte[] bytes, int offset, int length) {
        synchronized (lock) {
            if (closed || sink == null) {
                lostBytes += length;
                return;
            }
            int n = Math.min(length, ring.length - size);
            lostBytes += length - n;
            for (int i = 0; i < n; i++) {
                ring[(head + size + i) % ring.length] = bytes[offset + i];
            }
            size += n;
            lock.notifyAll();
        }
    }

    /**
     * Where the bytes go from now on ({@code null}: nowhere, they are lost). What was queued for the
     * previous sink is dropped: a new connection starts on a quiet line.
     */
    void sink(OutputStream newSink) {
        synchronized (lock) {
            sink = newSink;
            generation++;
            head = 0;
            size = 0;
            lock.notifyAll();
        }
    }

    /** Bytes lost: queue full, or no sink. */
    long lostBytes() {
        synchronized (lock) {
            return lostBytes;
        }
    }

    private void run() {
        byte[] chunk = new byte[4096];
        while (true) {
            OutputStream out;
            long gen;
            int n;
            synchronized (lock) {
                while (!closed && size == 0) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                n = Math.min(size, chunk.length);
                for (int i = 0; i < n; i++) {
                    chunk[i] = ring[(head + i) % ring.length];
                }
                head = (head + n) % ring.length;
                size -= n;
                out = sink;
                gen = generation;
            }
            try {
                out.write(chunk, 0, n);
                out.flush();
            } catch (IOException e) {
                // The line went away under the write (unplugged, host gone): that connection is over.
                log.debug("{}: write failed: {}", writer.getName(), e.getMessage());
                synchronized (lock) {
                    if (generation == gen) {
                        sink = null;
                        lostBytes += size;
                        size = 0;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            sink = null;
            lock.notifyAll();
        }
        writer.interrupt();
        try {
            writer.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
