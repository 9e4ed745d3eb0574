package com.lianarig.controller.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the journal's directory to a state that can be appended to after any crash or power cut.
 *
 * <p>Every segment's header is checked. Only the last segment can hold bytes that were never forced
 * (older ones were forced whole before the next one was created), so it alone is read through: its
 * tail is cut at the first record that is torn or fails a check, and a last segment whose header is
 * torn holds nothing and is deleted. An older segment with a bad header is kept but never read from;
 * records in older segments are checked whenever they are read. Runs once, on the opening thread.
 */
final class JournalRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

    /**
     * What recovery found.
     *
     * @param segments every segment, oldest first; the last one is readable and is appended to
     * @param lastSeq the last whole record's seq, 0 when there is none
     * @param lastSession the highest session found in any segment's header or the last segment's records, 0 if none
     * @param tailsTruncated torn or corrupt tails cut (a deleted torn last segment counts as one)
     * @param truncatedBytes bytes cut from them
     * @param corruptSegments older segments whose header is unreadable
     */
    record Result(List<Segment> segments, long lastSeq, int lastSession, int tailsTruncated,
            long truncatedBytes, int corruptSegments) {
    }

    private JournalRecovery() {
    }

    static Result recover(JournalFileOps ops, SegmentNames names) throws IOException {
        return recover(ops, names, false);
    }

    /** @param sparse the safety set (seqs rise with gaps: {@link SegmentReader}) */
    static Result recover(JournalFileOps ops, SegmentNames names, boolean sparse) throws IOException {
        ops.createDirectories(names.dir());
        List<Segment> found = new ArrayList<>();
        int[] headerSession = {0};
        for (Path p : ops.list(names.dir())) {
            if (names.isCursorTemporary(p)) {
                ops.deleteIfExists(p);
                LOG.info("Removed {}, left by an interrupted save of the delivered cursor or the session file", p);
                continue;
            }
            long index = names.indexOf(p);
            if (index > 0) {
                found.add(readHeader(ops, p, index, headerSession));
            }
        }
        found.sort((a, b) -> Long.compare(a.index(), b.index()));
        List<Segment> segments = orderedHeaders(found);
        int tailsTruncated = 0;
        long truncatedBytes = 0;
        long lastSeq = 0;
        int lastSession = headerSession[0];
        while (!segments.isEmpty()) {
            Segment last = segments.get(segments.size() - 1);
            if (!last.readable()) {
                LOG.warn("Journal segment {}: its header is torn or unreadable; it holds no record and is "
                        + "deleted ({} bytes)", last.path(), last.sizeBytes());
                ops.deleteIfExists(last.path());
                segments.remove(segments.size() - 1);
                tailsTruncated++;
                truncatedBytes += last.sizeBytes();
                continue;
            }
            try (SegmentChannel ch = ops.open(last.path(), JournalFileOps.Mode.WRITE_EXISTING)) {
                SegmentHeader header = SegmentHeader.decode(readHead(ch), last.index()).header();
                lastSession = Math.max(lastSession, header.session());
                SegmentReader reader = new SegmentReader(ch, SegmentHeader.LENGTH_BYTES, last.sizeBytes(),
                        last.firstSeq(), Long.MAX_VALUE, sparse);
                for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
                    lastSession = Math.max(lastSession, r.session());
                }
                lastSeq = reader.expectedSeq() - 1;
                if (reader.stop() != SegmentReader.Stop.END) {
                    long cut = reader.offset();
                    LOG.warn("Journal segment {}: cut at byte {} after seq {} ({}; {} bytes discarded)",
                            last.path(), cut, lastSeq, reader.detail(), last.sizeBytes() - cut);
                    ch.truncate(cut);
                    ch.force();
                    tailsTruncated++;
                    truncatedBytes += last.sizeBytes() - cut;
                    segments.set(segments.size() - 1, last.withSize(cut));
                }
            }
            break;
        }
        int corrupt = 0;
        for (Segment s : segments) {
            if (!s.readable()) {
                corrupt++;
            }
        }
        return new Result(List.copyOf(segments), lastSeq, lastSession, tailsTruncated, truncatedBytes, corrupt);
    }

    /**
     * Cuts from the safety set every copy of a record above {@code keepUpToSeq}: a copy never outlives
     * the journal's own tail (records are copied only once durable, so after a power cut there is nothing
     * to cut; after damage to the journal's last segment the copies after the damage go with it, and the
     * journal's seqs stay unique).
     *
     * @param segments the safety set after {@link #recover}, oldest first
     * @return the segments left, and how many copies were cut
     */
    static Cut cutAbove(JournalFileOps ops, List<Segment> segments, long keepUpToSeq) throws IOException {
        List<Segment> left = new ArrayList<>(segments);
        int cut = 0;
        while (!left.isEmpty()) {
            Segment last = left.get(left.size() - 1);
            if (!last.readable() || last.firstSeq() > keepUpToSeq) {
                if (last.readable()) {
                    cut += countRecords(ops, last);
                }
                ops.deleteIfExists(last.path());
                left.remove(left.size() - 1);
                continue;
            }
            try (SegmentChannel ch = ops.open(last.path(), JournalFileOps.Mode.WRITE_EXISTING)) {
                SegmentReader reader = new SegmentReader(ch, SegmentHeader.LENGTH_BYTES, last.sizeBytes(),
                        last.firstSeq(), Long.MAX_VALUE, true);
                long keepBytes = SegmentHeader.LENGTH_BYTES;
                int above = 0;
                for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
                    if (r.seq() <= keepUpToSeq) {
                        keepBytes = reader.offset();
                    } else {
                        above++;
                    }
                }
                if (above > 0) {
                    ch.truncate(keepBytes);
                    ch.force();
                    left.set(left.size() - 1, last.withSize(keepBytes));
                    cut += above;
                }
            }
            break;
        }
        if (cut > 0) {
            LOG.warn("Journal safety set: {} copies of records above seq {} (the journal's own last) were cut with "
                    + "the journal's damaged tail", cut, keepUpToSeq);
        }
        return new Cut(List.copyOf(left), cut);
    }

    /** What {@link #cutAbove} left. */
    record Cut(List<Segment> segments, int copiesCut) {
    }

    private static int countRecords(JournalFileOps ops, Segment s) throws IOException {
        int n = 0;
        try (SegmentChannel ch = ops.open(s.path(), JournalFileOps.Mode.READ)) {
            SegmentReader reader = new SegmentReader(ch, SegmentHeader.LENGTH_BYTES, s.sizeBytes(), s.firstSeq(),
                    Long.MAX_VALUE, true);
            while (reader.next() != null) {
                n++;
            }
        }
        return n;
    }

    private static Segment readHeader(JournalFileOps ops, Path p, long index, int[] maxSession) throws IOException {
        try (SegmentChannel ch = ops.open(p, JournalFileOps.Mode.READ)) {
            long size = ch.size();
            SegmentHeader.Read read = SegmentHeader.decode(readHead(ch), index);
            if (read.unsupportedVersion()) {
                throw new JournalFormatException("journal segment " + p + " is in " + read.problem()
                        + "; refusing to open the journal rather than overwrite it");
            }
            if (!read.ok()) {
                LOG.debug("Journal segment {}: {}", p, read.problem());
                return new Segment(index, p, 0, size);
            }
            maxSession[0] = Math.max(maxSession[0], read.header().session());
            return new Segment(index, p, read.header().firstSeq(), size);
        }
    }

    private static ByteBuffer readHead(SegmentChannel ch) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(SegmentHeader.LENGTH_BYTES);
        while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
            // read until full or at the end
        }
        head.flip();
        return head;
    }

    /**
     * Marks unreadable every segment whose first seq does not rise above the one before it (a header
     * that passed its CRC but contradicts its neighbours), and logs the older unreadable ones.
     */
    private static List<Segment> orderedHeaders(List<Segment> sorted) {
        List<Segment> out = new ArrayList<>(sorted.size());
        long previousFirstSeq = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Segment s = sorted.get(i);
            boolean last = i == sorted.size() - 1;
            if (s.readable() && s.firstSeq() <= previousFirstSeq) {
                LOG.error("Journal segment {}: first seq {} does not follow the previous segment's {}",
                        s.path(), s.firstSeq(), previousFirstSeq);
                s = new Segment(s.index(), s.path(), 0, s.sizeBytes());
            }
            if (s.readable()) {
                previousFirstSeq = s.firstSeq();
            } else if (!last) {
                LOG.error("Journal segment {}: header unreadable; its records cannot be read", s.path());
            }
            out.add(s);
        }
        return out;
    }
}
