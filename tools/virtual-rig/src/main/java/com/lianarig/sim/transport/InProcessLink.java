package com.lianarig.sim.transport;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * An in-process byte pipe between a host and a virtual node, standing in for the USB cable in fast
 * tests: bytes the node writes queue for the host to {@link #read}; bytes the host {@link #write}s
 * are handed to the node. Both directions pass through {@link LineFaults}.
 *
 * <p>Thread-safe: the host may read and write from its own threads while the rig steps.
 */
public final class InProcessLink implements NodePort {
    private final Object lock = new Object();
    private final LineFaults toHostFaults;
    private final LineFaults toNodeFaults;
    private volatile NodeInput node;
    private ByteBuffer toHost = ByteBuffer.allocate(1 << 16);
    private byte[] scratch = new byte[256];

    public InProcessLink(SplittableRandom random) {
        this.toHostFaults = new LineFaults(random.split());
        this.toNodeFaults = new LineFaults(random.split());
    }

    @Override
    public void connectNode(NodeInput nodeReceive) {
        this.node = nodeReceive;
    }

    /** The node writes (the rig's thread). */
    @Override
    public void write(byte[] bytes, int offset, int length) {
        synchronized (lock) {
            byte[] out = scratch(length);
            int n = toHostFaults.apply(bytes, offset, length, out);
            if (toHost.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(toHost.capacity() * 2, toHost.position() + n));
                toHost.flip();
                bigger.put(toHost);
                toHost = bigger;
            }
            toHost.put(out, 0, n);
            lock.notifyAll();
        }
    }

    /** The host writes: the bytes reach the node (through the line faults). */
    public void hostWrite(byte[] bytes, int offset, int length) {
        byte[] out = new byte[length];
        int n = toNodeFaults.apply(bytes, offset, length, out);
        NodeInput target = node;
        if (n > 0 && target != null) {
            target.receive(out, 0, n);
        }
    }

    /**
     * The host reads what the node sent: up to {@code dst.length} bytes, waiting at most
     * {@code timeout} for the first (0 = do not wait).
     *
     * @return bytes read, 0 when none arrived in time
     */
    public int read(byte[] dst, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (toHost.position() == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            toHost.flip();
            int n = Math.min(dst.length, toHost.remaining());
            toHost.get(dst, 0, n);
            toHost.compact();
            return n;
        }
    }

    /** Non-blocking read, for hosts stepped with the rig's clock. */
    public int read(byte[] dst) {
        try {
            return read(dst, 0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public LineFaults toHostFaults() {
        return toHostFaults;
    }

    @Override
    public LineFaults toNodeFaults() {
        return toNodeFaults;
    }

    @Override
    public void unplugged(boolean pulled) {
        toHostFaults.unplugged(pulled);
        toNodeFaults.unplugged(pulled);
    }

    @Override
    public String describe() {
        return "in-process";
    }

    @Override
    public void close() {
        unplugged(true);
    }

    private byte[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[length];
        }
        return scratch;
    }
}
