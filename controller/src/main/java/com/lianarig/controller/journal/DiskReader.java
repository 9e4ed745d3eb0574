package com.lianarig.controller.journal;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads durable records from the segment files, in seq order, for the outbox and for tools. Works on
 * a snapshot of the segments taken under the journal's lock; the I/O runs on the caller's thread.
 * Stateless.
 */
final class DiskReader {

    /** Where the record {@code seq} starts: the next read from there skips the scan from the header. */
    record Hint(long segmentIndex, long offsetBytes, long seq) {
    }

    /** Told of damage found while reading, on the reading thread. */
    interface CorruptionSink {
        /** Damaged bytes inside a segment were skipped; reading went on with the good record after them. */
        void skipped(Segment segment, SegmentReader.Skip skip);

        /**
         * Reading a segment stopped at damage with no good record after it; {@code lostSeqs} seqs (those up
         * to the next segment's first) cannot be read.
         */
        void corrupt(Segment segment, long offsetBytes, String detail, long lostSeqs);
    }

    record Result(List<JournalRecord> records, Hint hint) {
    }

    private DiskReader() {
    }

    /**
     * Up to {@code max} records with seq >= {@code fromSeq} and <= {@code lastSeq}, oldest first.
     *
     * @param segments every segment, oldest first, the current one last with its forced size
     * @param hint where an earlier read stopped, or null
     */
    static Result read(JournalFileOps ops, List<Segment> segments, long fromSeq, long lastSeq, int max,
            Hint hint, CorruptionSink sink) throws IOException {
        return read(ops, segments, fromSeq, lastSeq, max, hint, sink, false);
    }

    /** @param sparse the safety set's segments (seqs rise with gaps) */
    static Result read(JournalFileOps ops, List<Segment> segments, long fromSeq, long lastSeq, int max,
            Hint hint, CorruptionSink sink, boolean sparse) throws IOException {
        List<Segment> readable = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            if (s.readable()) {
                readable.add(s);
            }
        }
        int k = 0;
        for (int i = 0; i < readable.size(); i++) {
            if (readable.get(i).firstSeq() <= fromSeq) {
                k = i;
            }
        }
        List<JournalRecord> out = new ArrayList<>(Math.min(max, 1024));
        Hint next = hint;
        for (; k < readable.size() && out.size() < max; k++) {
            Segment s = readable.get(k);
            long maxSeq = k + 1 < readable.size() ? readable.get(k + 1).firstSeq() - 1 : lastSeq;
            if (maxSeq < s.firstSeq() || fromSeq > maxSeq) {
                continue;
            }
            long offset = SegmentHeader.LENGTH_BYTES;
            long expected = s.firstSeq();
            if (hint != null && hint.segmentIndex() == s.index() && hint.seq() <= fromSeq
                    && hint.seq() >= s.firstSeq()) {
                offset = hint.offsetBytes();
                expected = hint.seq();
            }
            try (SegmentChannel ch = ops.open(s.path(), JournalFileOps.Mode.READ)) {
                SegmentReader reader = new SegmentReader(ch, offset, s.sizeBytes(), expected, maxSeq, sparse,
                        skip -> sink.skipped(s, skip));
                for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
                    if (r.seq() >= fromSeq) {
                        out.add(r);
                        if (out.size() == max || r.seq() >= maxSeq) {
                            break;
                        }
                    }
                }
                SegmentReader.Stop stop = reader.stop();
                if (stop == SegmentReader.Stop.TORN || stop == SegmentReader.Stop.CORRUPT) {
                    sink.corrupt(s, reader.offset(), reader.detail(), maxSeq - reader.expectedSeq() + 1);
                }
                next = new Hint(s.index(), reader.offset(), reader.expectedSeq());
            } catch (NoSuchFileException e) {
                // deleted by rotation since the snapshot: its records are gone, read on
            }
        }
        return new Result(out, next);
    }
}
