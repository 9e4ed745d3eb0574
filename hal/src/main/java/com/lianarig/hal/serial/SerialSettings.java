package com.lianarig.hal.serial;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a serial link runs: 8N1 at {@code baudRate} (PROTOCOL.md section 1.2), and how it copes with a
 * port that dies.
 *
 * @param baudRate bits per second (the protocol's default is 1,000,000; ignored by pseudo-terminals)
 * @param initialBackoffMs first wait before reopening a lost port, ms
 * @param maxBackoffMs longest wait between attempts; the wait doubles up to it, ms
 * @param transmitQueueBytes bytes the writer may have queued; a port that does not drain them is lost
 * @param writeStallMs a single write blocked this long means the port is lost, ms
 * @param lockDirectory where the per-device lock files go ({@code LCK..<device>}, holding the owner's pid)
 */
public record SerialSettings(int baudRate, long initialBackoffMs, long maxBackoffMs, int transmitQueueBytes,
        long writeStallMs, Path lockDirectory) {

    /** The protocol's 1,000,000 baud; backoff 100 ms doubling to 2 s; 4 KiB queue; 250 ms stall; default lock directory. */
    public static SerialSettings defaults() {
        return new SerialSettings(1_000_000, 100, 2_000, 4096, 250, defaultLockDirectory());
    }

    public SerialSettings {
        if (baudRate < 1_200 || baudRate > 12_000_000) {
            throw new IllegalArgumentException("baudRate = " + baudRate + " is outside 1200..12000000");
        }
        if (initialBackoffMs <= 0 || maxBackoffMs < initialBackoffMs) {
            throw new IllegalArgumentException("backoff needs 0 < initialBackoffMs <= maxBackoffMs, not "
                    + initialBackoffMs + ", " + maxBackoffMs);
        }
        if (transmitQueueBytes < 512) {
            throw new IllegalArgumentException("transmitQueueBytes = " + transmitQueueBytes
                    + " must hold at least two maximum frames (512 bytes)");
        }
        if (writeStallMs <= 0) {
            throw new IllegalArgumentException("writeStallMs = " + writeStallMs + " must be positive");
        }
        if (lockDirectory == null) {
            throw new IllegalArgumentException("a lock directory is needed");
        }
    }

    public SerialSettings withBaudRate(int newBaudRate) {
        return new SerialSettings(newBaudRate, initialBackoffMs, maxBackoffMs, transmitQueueBytes, writeStallMs,
                lockDirectory);
    }

    public SerialSettings withLockDirectory(Path directory) {
        return new SerialSettings(baudRate, initialBackoffMs, maxBackoffMs, transmitQueueBytes, writeStallMs,
                directory);
    }

    public SerialSettings withBackoff(long initialMs, long maxMs) {
        return new SerialSettings(baudRate, initialMs, maxMs, transmitQueueBytes, writeStallMs, lockDirectory);
    }

    /** {@code /run/lock} (the FHS place for device locks) when writable, else the JVM's temporary directory. */
    public static Path defaultLockDirectory() {
        for (String candidate : new String[] {"/run/lock", "/var/lock"}) {
            Path p = Path.of(candidate);
            if (Files.isDirectory(p) && Files.isWritable(p)) {
                return p;
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
