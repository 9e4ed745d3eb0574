package com.lianarig.controller.journal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads a segment's records in order from an offset up to a limit, checking each as
 * {@link RecordCodec} does and that seqs run on without a gap (in a segment of the safety set, which
 * holds copies of some records only: that they rise), and stops at the first record that fails
 * ({@link #stop}). Reads at most {@value #BUFFER_BYTES} bytes at a time. One owner thread.
 */
final class SegmentReader {
    static final int BUFFER_BYTES = 64 * 1024;

    /** Why reading stopped. */
    enum Stop {
        /** Every byte up to the limit was whole records. */
        END,
        /** The limit cut a record short: a torn tail. */
        TORN,
        /** A record failed a check (or its seq did not follow). */
        CORRUPT
    }

    private final SegmentChannel channel;
    private final long limitBytes;
    private final long maxSeq;
    private final boolean sparse;
    private final RecordCodec codec = new RecordCodec();
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private long bufferOffset;
    private long offset;
    private long expectedSeq;
    private Stop stop;
    private String detail;

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
        this.sparse = sparse;
        this.channel = channel;
        this.offset = offsetBytes;
        this.limitBytes = limitBytes;
        this.expectedSeq = expectedSeq;
        this.maxSeq = maxSeq;
        this.bufferOffset = offsetBytes;
        buffer.limit(0);
    }

    /** The next record, or null once stopped (see {@link #stop}). */
    JournalRecord next() throws IOException {
        if (stop != null) {
            return null;
        }
        if (offset >= limitBytes) {
            stop = Stop.END;
            return null;
        }
        int want = (int) Math.min(RecordCodec.MAX_LENGTH_BYTES, limitBytes - offset);
        if (offset + want > bufferOffset + buffer.limit()) {
            fill();
        }
        ByteBuffer window = buffer.duplicate();
        window.position((int) (offset - bufferOffset));
        RecordCodec.Decoded d = codec.decode(window);
        if (!d.ok()) {
            stop = d.problem() == RecordCodec.Problem.INCOMPLETE ? Stop.TORN : Stop.CORRUPT;
            detail = d.problem() + ": " + d.detail();
            return null;
        }
        JournalRecord r = d.record();
        if ((sparse ? r.seq() < expectedSeq : r.seq() != expectedSeq) || r.seq() > maxSeq) {
            stop = Stop.CORRUPT;
            detail = "seq " + r.seq() + " where " + (sparse ? "at least " : "") + expectedSeq + " was expected";
            return null;
        }
        offset += d.lengthBytes();
        expectedSeq = r.seq() + 1;
        return r;
    }

    private void fill() throws IOException {
        buffer.clear();
        long end = Math.min(limitBytes, offset + BUFFER_BYTES);
        buffer.limit((int) (end - offset));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                break;
            }
        }
        buffer.flip();
        bufferOffset = offset;
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
}
