package com.lianarig.sim.transport;

import java.util.SplittableRandom;

/**
 * Faults on the serial line, applied to every byte in one direction: bit errors at a given rate,
 * dropped bytes, and the cable pulled out (nothing passes).
 *
 * <p>Thread-safe: set from a test or scenario thread, applied on the writer's thread.
 */
public final class LineFaults {
    private final SplittableRandom random;
    private volatile double bitErrorRate;
    private volatile double byteDropRate;
    private volatile boolean unplugged;
    private long flippedBits;
    private long droppedBytes;

    public LineFaults(SplittableRandom random) {
        this.random = random;
    }

    /** Each bit is inverted with this probability (e.g. 1e-4). */
    public void bitErrorRate(double rate) {
        bitErrorRate = rate;
    }

    /** Each byte is lost with this probability. */
    public void byteDropRate(double rate) {
        byteDropRate = rate;
    }

    public void unplugged(boolean pulled) {
        unplugged = pulled;
    }

    public boolean unplugged() {
        return unplugged;
    }

    /**
     * Applies the faults to {@code src[off..off+len)} writing the survivors to {@code dst}.
     *
     * @return how many bytes survive
     */
    public synchronized int apply(byte[] src, int off, int len, byte[] dst) {
        if (unplugged) {
            droppedBytes += len;
            return 0;
        }
        double ber = bitErrorRate;
        double drop = byteDropRate;
        int n = 0;
        for (int i = 0; i < len; i++) {
            if (drop > 0 && random.nextDouble() < drop) {
                droppedBytes++;
                continue;
            }
            int b = src[off + i];
            if (ber > 0) {
                for (int bit = 0; bit < 8; bit++) {
                    if (random.nextDouble() < ber) {
                        b ^= 1 << bit;
                        flippedBits++;
                    }
                }
            }
            dst[n++] = (byte) b;
        }
        return n;
    }

    public synchronized long flippedBits() {
        return flippedBits;
    }

    public synchronized long droppedBytes() {
        return droppedBytes;
    }
}
