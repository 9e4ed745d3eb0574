package com.lianarig.controller.journal;

import java.time.Duration;

/**
 * The journal's in-memory limits and timings; {@link #DEFAULTS} in service, smaller ones in tests.
 *
 * @param queueCapacityRecords records waiting for the writer before appends are dropped (and counted)
 * @param queueCapacityBytes their bodies' UTF-8 bytes before appends are dropped, bounding the heap
 * @param batchMaxRecords records the writer takes at once (one force per batch and segment)
 * @param tailCacheRecords latest durable records kept for the outbox
 * @param closeTimeout how long {@link Journal#close} waits for the writer to drain
 * @param retryMin the first wait after a failed write; doubles up to {@code retryMax}
 * @param retryMax the longest wait between retries
 * @param stallAfter how long a write (or the oldest queued record) may wait before the journal reports its
 *     writes stalled (SR-26)
 * @param spaceCheckEvery how often the writer looks at the free space of the journal's file system (SR-26)
 */
record JournalSettings(int queueCapacityRecords, long queueCapacityBytes, int batchMaxRecords,
        int tailCacheRecords, Duration closeTimeout, Duration retryMin, Duration retryMax, Duration stallAfter,
        Duration spaceCheckEvery) {

    static final JournalSettings DEFAULTS = new JournalSettings(10_000, 4L << 20, 1_024, 256,
            Duration.ofSeconds(10), Duration.ofMillis(50), Duration.ofSeconds(2));

    /** As the canonical constructor, with the default stall time (2 s) and space check (every second). */
    JournalSettings(int queueCapacityRecords, long queueCapacityBytes, int batchMaxRecords, int tailCacheRecords,
            Duration closeTimeout, Duration retryMin, Duration retryMax) {
        this(queueCapacityRecords, queueCapacityBytes, batchMaxRecords, tailCacheRecords, closeTimeout, retryMin,
                retryMax, Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    JournalSettings {
        if (queueCapacityRecords < 1 || queueCapacityBytes < JournalRecord.MAX_BODY_BYTES
                || batchMaxRecords < 1 || tailCacheRecords < 1) {
            throw new IllegalArgumentException("journal queue " + queueCapacityRecords + " records / "
                    + queueCapacityBytes + " bytes, batch " + batchMaxRecords + ", tail cache "
                    + tailCacheRecords + ": each must be positive (bytes at least one body)");
        }
        if (closeTimeout.isNegative() || retryMin.isNegative() || retryMax.compareTo(retryMin) < 0
                || stallAfter.isNegative() || stallAfter.isZero() || spaceCheckEvery.isNegative() || spaceCheckEvery.isZero()) {
            throw new IllegalArgumentException("journal timings must be >= 0, retryMax >= retryMin, stallAfter and"
                    + " spaceCheckEvery > 0");
        }
    }

    JournalSettings withQueueCapacityRecords(int records) {
        return new JournalSettings(records, queueCapacityBytes, batchMaxRecords, tailCacheRecords,
                closeTimeout, retryMin, retryMax, stallAfter, spaceCheckEvery);
    }

    /**
     * SR-26: the free space the journal's file system must keep, bytes: 2 x its segment size (the next
     * segment, and as much again).
     */
    static long minFreeBytes(long maxBytes) {
        return 2 * segmentBytes(maxBytes);
    }

    /**
     * The size of one segment for a bound: an eighth of it, at least 128 KiB (the configured bound is at
     * least 1 MiB) and at most 16 MiB, so recovery reads at most 16 MiB whatever the bound.
     */
    static long segmentBytes(long maxBytes) {
        return Math.max(128L << 10, Math.min(16L << 20, maxBytes / 8));
    }

    /**
     * The safety set's bound beside a journal bound {@code maxBytes}: a quarter of it, at least 256 KiB
     * (two of its smallest segments).
     */
    static long safetyBytes(long maxBytes) {
        return Math.max(256L << 10, maxBytes / 4);
    }
}
