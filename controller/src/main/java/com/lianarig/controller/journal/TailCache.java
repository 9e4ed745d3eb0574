package com.lianarig.controller.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * The latest durable records, so the outbox reads what was just written without touching the disk.
 * Seqs in it run on without a gap. Not thread-safe: the journal guards it with its lock.
 */
final class TailCache {
    private final JournalRecord[] ring;
    private int start;
    private int count;

    TailCache(int capacityRecords) {
        ring = new JournalRecord[Math.max(1, capacityRecords)];
    }

    /** Adds the next durable records, in seq order, following the last one added. */
    void addAll(List<JournalRecord> records) {
        for (JournalRecord r : records) {
            if (count > 0 && r.seq() != last().seq() + 1) {
                count = 0; // not contiguous: start again rather than serve a gap
            }
            ring[(start + count) % ring.length] = r;
            if (count < ring.length) {
                count++;
            } else {
                start = (start + 1) % ring.length;
            }
        }
    }

    private JournalRecord last() {
        return ring[(start + count - 1) % ring.length];
    }

    /** Whether the cache holds {@code seq}. */
    boolean holds(long seq) {
        return count > 0 && seq >= ring[start].seq() && seq <= last().seq();
    }

    /** Up to {@code max} records from {@code seq}, which it {@link #holds}. */
    List<JournalRecord> from(long seq, int max) {
        int offset = (int) (seq - ring[start].seq());
        int n = Math.min(max, count - offset);
        List<JournalRecord> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            out.add(ring[(start + offset + k) % ring.length]);
        }
        return out;
    }

    /** Forgets records below {@code seq} (their segment was deleted). */
    void dropBelow(long seq) {
        while (count > 0 && ring[start].seq() < seq) {
            ring[start] = null;
            start = (start + 1) % ring.length;
            count--;
        }
    }
}
