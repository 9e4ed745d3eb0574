package com.lianarig.hal.serial;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded byte queue between exactly one producer thread and one consumer thread, lock-free and
 * allocation-free: how bytes cross from a serial reader to a node session, and from a node session
 * to a serial writer.
 *
 * <p>Producer methods: {@link #offer}, {@link #producedBytes}. Consumer methods: {@link #poll},
 * {@link #discardUntil}. {@link #size} and {@link #isEmpty} may be called from any thread.
 */
public final class SpscByteRing {
    private final byte[] buffer;
    private final int mask;
    /** Total bytes ever consumed (the consumer's position). */
    private final AtomicLong head = new AtomicLong();
    /** Total bytes ever produced (the producer's position). */
    private final AtomicLong tail = new AtomicLong();

    /**
     * @param capacityBytes at least 2, rounded up to a power of two
     */
    public SpscByteRing(int capacityBytes) {
        if (capacityBytes < 2 || capacityBytes > (1 << 28)) {
            throw new IllegalArgumentException("capacity " + capacityBytes + " is outside 2..2^28 bytes");
        }
        int capacity = Integer.highestOneBit(capacityBytes - 1) << 1;
        this.buffer = new byte[capacity];
        this.mask = capacity - 1;
    }

    public int capacity() {
        return buffer.length;
    }

    /**
     * Producer: appends all {@code length} bytes, or none when they do not fit.
     *
     * @return false when the queue had no room for all of them (nothing was added)
     */
    public boolean offer(byte[] src, int offset, int length) {
        long t = tail.get();
        if (buffer.length - (t - head.get()) < length) {
            return false;
        }
        int start = (int) (t & mask);
        int first = Math.min(length, buffer.length - start);
        System.arraycopy(src, offset, buffer, start, first);
        System.arraycopy(src, offset + first, buffer, 0, length - first);
        tail.lazySet(t + length);
        return true;
    }

    /** Producer: total bytes ever offered successfully (a position a consumer can discard up to). */
    public long producedBytes() {
        return tail.get();
    }

    /**
     * Consumer: moves up to {@code max} queued bytes into {@code dst}.
     *
     * @return bytes moved, 0 when the queue is empty
     */
    public int poll(byte[] dst, int offset, int max) {
        long h = head.get();
        int n = (int) Math.min(max, tail.get() - h);
        if (n <= 0) {
            return 0;
        }
        int start = (int) (h & mask);
        int first = Math.min(n, buffer.length - start);
        System.arraycopy(buffer, start, dst, offset, first);
        System.arraycopy(buffer, 0, dst, offset + first, n - first);
        head.lazySet(h + n);
        return n;
    }

    /**
     * Consumer: drops every byte produced before {@code position} (a value of {@link #producedBytes}
     * taken earlier) that has not been polled yet.
     */
    public void discardUntil(long position) {
        long h = head.get();
        if (position > h) {
            head.lazySet(Math.min(position, tail.get()));
        }
    }

    /** Bytes queued now (a snapshot). */
    public int size() {
        return (int) (tail.get() - head.get());
    }

    public boolean isEmpty() {
        return tail.get() == head.get();
    }
}
