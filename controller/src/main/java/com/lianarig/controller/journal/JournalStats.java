package com.lianarig.controller.journal;

/**
 * A snapshot of the journal's counters. Counts are since this open unless said otherwise.
 *
 * @param session this open's session number
 * @param firstSeq the oldest seq still held (0 when empty)
 * @param lastSeq the highest durable seq (0 when none)
 * @param records seqs held, {@code lastSeq - firstSeq + 1} (seqs lost to corruption, and seqs skipped
 *     because the delivered cursor was ahead of every record, included)
 * @param segments segment files
 * @param bytes bytes in them (the current segment's forced size)
 * @param queuedRecords records appended and not yet durable
 * @param deliveredSeq the outbox's delivered cursor
 * @param droppedOnOverflow appends refused because the queue was full (each reported by a
 *     {@code journal.overflow} record)
 * @param deletedUndelivered records deleted by rotation before they were marked delivered
 * @param corruptTailsTruncated torn or corrupt tails cut when opening (a deleted torn segment counts)
 * @param truncatedBytes bytes cut from them
 * @param corruptSegments segments whose header is unreadable
 * @param corruptRecordsFound seqs lost to damage found in older segments when read (reading skips the
 *     damaged bytes and goes on with the next good record)
 * @param cursorFallbacks delivered-cursor files found unreadable (the cursor then starts at 0)
 * @param writeErrors failed writes (each retried), safety-set copies included
 * @param safetyFirstSeq the oldest seq with a copy in the safety set (0 when it holds none)
 * @param safetySegments the safety set's segment files
 * @param safetyBytes their bytes
 * @param safetyCopiesCut copies cut on open because the journal's own tail was cut below them
 * @param safetyCopyErrors batches whose copies could not be written to the safety set (in the journal only)
 * @param damagesFound stretches of damaged bytes found (skipped, cut, a header rebuilt, a segment deleted or
 *     unreadable), on open or when read; each kept aside and journalled ({@code journal.damage})
 */
public record JournalStats(int session, long firstSeq, long lastSeq, long records, int segments, long bytes,
        int queuedRecords, long deliveredSeq, long droppedOnOverflow, long deletedUndelivered,
        int corruptTailsTruncated, long truncatedBytes, int corruptSegments, long corruptRecordsFound,
        int cursorFallbacks, long writeErrors, long safetyFirstSeq, int safetySegments, long safetyBytes,
        int safetyCopiesCut, long safetyCopyErrors, long damagesFound) {
}
