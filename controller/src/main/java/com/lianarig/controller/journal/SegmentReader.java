package com.lianarig.controller.journal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads a segment's records in order from an offset up to a limit, checking each as
 * {@link RecordCodec} does and that seqs run on (in a segment of the safety set, which holds copies of
 * some records only: that they rise).
 *
 * <p>Damage never costs the intact records after it. A record that fails a check (a flipped
 * bit, a replaced byte, a run of garbage, a length that claims too much) is not the end: the reader
 * looks, byte by byte, for the next offset where a whole record starts that passes every check (its
 * magic, length, CRC-32C and fields) with a seq above the last good one, reports the bytes in between
 * as a {@link Skip} and reads on from there, like Netty's decoders resynchronise after a corrupt
 * frame. A false start is practically impossible: 0xF7 never occurs in a kind or a body, and a
 * candidate must also pass its CRC-32C. Only when no good record follows is reading over: a torn tail
 * ({@link Stop#TORN}: the limit cut a record short) or damage up to the end ({@link Stop#CORRUPT}).
 *
 * <p>Reads at most {@value #BUFFER_BYTES} bytes at a time. One owner thread.
 */
final class SegmentReader {
    static final int BUFFER_BYTES = 64 * 1024;

    /** Why reading stopped. */
    enum Stop {
        /** Every byte up to the limit was whole records (or damage followed by whole records). */
        END,
        /** The limit cut a record short, and no good record follows: a torn tail. */
        TORN,
        /** A record failed a check (or its seq did not follow), and no good record follows. */
        CORRUPT
    }

    /**
     * Damaged bytes the reader skipped to reach the next good record.
     *
     * @param fromByte where the damage starts in the segment (where a record should have started)
     * @param toByte where the next good record starts
     * @param afterSeq the last good seq before it (the seq expected, minus one)
     * @param nextSeq the seq of the good record at {@code toByte}
     * @param why what was wrong at {@code fromByte}
     */
    record Skip(long fromByte, long toByte, long afterSeq, long nextSeq, String why) {
        long bytes() {
            return toByte - fromByte;
        }
    }

    /** Told of each {@link Skip}, on the reading thread, before the record after it is returned. */
    @FunctionalInterface
    interface SkipListener {
        void skipped(Skip skip);
    }

    private static final SkipListener IGNORE = s -> { };

    private final SegmentChannel channel;
    private final long limitBytes;
    private final long maxSeq;
    private final boolean sparse;
    private final SkipListener skips;
    private final RecordCodec codec = new RecordCodec();
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private long bufferOffset;
    private long offset;
    private long expectedSeq;
    private Stop stop;
    private String detail;
    private long skippedBytes;

    /**
     * @param channel the segment, open for reading
     * @param offsetBytes where the first record to read starts
     * @param limitBytes where reading ends (the file's size, or the forced size of the current segment)
     * @param expectedSeq the first record's seq
     * @param maxSeq the highest seq this segment may hold (the next segment's first seq - 1)
     */
    SegmentReader(SegmentChannel channel, long offsetBytes, long limitBytes, long expectedSeq, long maxSeq) {
        this(channel, offsetBytes, limitBytes, expectedSeq, maxSeq, false);
    }

    /**
     * @param sparse a safety-set segment: seqs must rise, not run on ({@code expectedSeq} is then the
     *     lowest the next record may have)
     */
    SegmentReader(SegmentChannel channel, long offsetBytes, long limitBytes, long expectedSeq, long maxSeq,
            boolean sparse) {
        this(channel, offsetBytes, limitBytes, expectedSeq, maxSeq, sparse, IGNORE);
    }

    /** @param skips told of every stretch of damaged bytes skipped */
    SegmentReader(SegmentChannel channel, long offsetBytes, long limitBytes, long expectedSeq, long maxSeq,
            boolean sparse, SkipListener skips) {
        this.sparse = sparse;
        this.channel = channel;
        this.offset = offsetBytes;
        this.limitBytes = limitBytes;
        this.expectedSeq = expectedSeq;
        this.maxSeq = maxSeq;
        this.skips = skips;
        this.bufferOffset = offsetBytes;
        buffer.limit(0);
    }

    /** The next good record, or null once stopped (see {@link #stop}). */
    JournalRecord next() throws IOException {
        if (stop != null) {
            return null;
        }
        if (offset >= limitBytes) {
            stop = Stop.END;
            return null;
        }
        RecordCodec.Decoded d = decodeAt(offset);
        String problem;
        if (d.ok() && acceptable(d.record())) {
            return take(d);
        }
        problem = d.ok() ? "seq " + d.record().seq() + " where " + (sparse ? "at least " : "") + expectedSeq
                + " was expected" : d.problem() + ": " + d.detail();
        long good = findNextRecord(offset + 1);
        if (good < 0) {
            stop = !d.ok() && d.problem() == RecordCodec.Problem.INCOMPLETE ? Stop.TORN : Stop.CORRUPT;
            detail = problem;
            return null;
        }
        RecordCodec.Decoded next = decodeAt(good);
        Skip skip = new Skip(offset, good, expectedSeq - 1, next.record().seq(), problem);
        skippedBytes += skip.bytes();
        offset = good;
        skips.skipped(skip);
        return take(next);
    }

    private JournalRecord take(RecordCodec.Decoded d) {
        JournalRecord r = d.record();
        offset += d.lengthBytes();
        expectedSeq = r.seq() + 1;
        return r;
    }

    /** Whether a whole, checked record may come next: its seq follows (sparse: rises) within the segment's range. */
    private boolean acceptable(JournalRecord r) {
        return (sparse ? r.seq() >= expectedSeq : r.seq() == expectedSeq) && r.seq() <= maxSeq;
    }

    /**
     * The offset of the first record at or after {@code from} that passes every check with a seq at
     * least the one expected (and at most the segment's highest), or -1 when none does before the limit.
     */
    private long findNextRecord(long from) throws IOException {
        for (long p = from; p + RecordCodec.MIN_LENGTH_BYTES <= limitBytes; p++) {
            ensure(p);
            int i = (int) (p - bufferOffset);
            if (buffer.get(i) != RecordCodec.MAGIC_0 || buffer.get(i + 1) != RecordCodec.MAGIC_1) {
                continue;
            }
            RecordCodec.Decoded d = decodeAt(p);
            if (d.ok() && d.record().seq() >= expectedSeq && d.record().seq() <= maxSeq) {
                return p;
            }
        }
        return -1;
    }

    private RecordCodec.Decoded decodeAt(long position) throws IOException {
        ensure(position);
        ByteBuffer window = buffer.duplicate();
        window.position((int) (position - bufferOffset));
        return codec.decode(window);
    }

    /** Makes the buffer hold the bytes from {@code position} up to a whole record's length (or the limit). */
    private void ensure(long position) throws IOException {
        long want = Math.min(RecordCodec.MAX_LENGTH_BYTES, limitBytes - position);
        if (position < bufferOffset || position + want > bufferOffset + buffer.limit()) {
            fill(position);
        }
    }

    private void fill(long position) throws IOException {
        buffer.clear();
        long end = Math.min(limitBytes, position + BUFFER_BYTES);
        buffer.limit((int) (end - position));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        buffer.flip();
        bufferOffset = position;
    }

    /** Where the next record starts (after the last one returned), bytes. */
    long offset() {
        return offset;
    }

    /** The seq the next record must have (in a sparse segment: at least). */
    long expectedSeq() {
        return expectedSeq;
    }

    /** Why reading stopped; null while it has not. */
    Stop stop() {
        return stop;
    }

    /** What was wrong, when stopped on {@link Stop#TORN} or {@link Stop#CORRUPT}. */
    String detail() {
        return detail;
    }

    /** Damaged bytes skipped so far (not counting a torn or corrupt end). */
    long skippedBytes() {
        return skippedBytes;
    }
}
