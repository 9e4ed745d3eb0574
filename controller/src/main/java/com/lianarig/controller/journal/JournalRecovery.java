package com.lianarig.controller.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the journal's directory to a state that can be appended to after any crash or power cut, and
 * after damage to any byte, without costing an intact record.
 *
 * <p>Every segment's header is checked; a damaged one is rebuilt from what the segment itself says
 * (its index from its file name, its first seq and session from its first good record), the old bytes
 * kept aside. Only the last segment can hold bytes that were never forced (older ones were forced whole
 * before the next one was created), so it alone is read through: damaged bytes followed by good records
 * are skipped ({@link SegmentReader}: reading resynchronises on the next good record), and only a tail
 * with no good record after it is cut (a torn write, or damage to the last records). A last segment
 * with no good record at all is deleted. Whatever is skipped, cut or rebuilt is copied aside first
 * ({@link Quarantine}) and returned as a {@link Damage}, which the journal then journals. Records in
 * older segments are checked (and resynchronised) whenever they are read. Runs once, on the opening
 * thread.
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
     * @param corruptSegments older segments whose header is unreadable (and no good record in them)
     * @param damages what was skipped, cut, rebuilt or deleted, in the order found
     */
    record Result(List<Segment> segments, long lastSeq, int lastSession, int tailsTruncated,
            long truncatedBytes, int corruptSegments, List<Damage> damages) {
    }

    private JournalRecovery() {
    }

    /**
     * @param sparse the safety set (seqs rise with gaps: {@link SegmentReader})
     * @param quarantine where damaged bytes are kept aside
     */
    static Result recover(JournalFileOps ops, SegmentNames names, boolean sparse, Quarantine quarantine)
            throws IOException {
        ops.createDirectories(names.dir());
        List<Damage> damages = new ArrayList<>();
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
                found.add(readHeader(ops, p, index, headerSession, quarantine, damages));
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
                LOG.warn("Journal segment {}: no good header and no good record; deleted ({} bytes)", last.path(),
                        last.sizeBytes());
                if (last.sizeBytes() > 0) {
                    damages.add(damage(quarantine, Damage.Action.DELETED, last.path(), 0, last.sizeBytes(), 0, 0, 0,
                            "no segment header and no good record"));
                }
                ops.deleteIfExists(last.path());
                segments.remove(segments.size() - 1);
                tailsTruncated++;
                truncatedBytes += last.sizeBytes();
                continue;
            }
            try (SegmentChannel ch = ops.open(last.path(), JournalFileOps.Mode.WRITE_EXISTING)) {
                SegmentHeader header = SegmentHeader.decode(readHead(ch), last.index()).header();
                lastSession = Math.max(lastSession, header.session());
                List<SegmentReader.Skip> skips = new ArrayList<>();
                SegmentReader reader = new SegmentReader(ch, SegmentHeader.LENGTH_BYTES, last.sizeBytes(),
                        last.firstSeq(), Long.MAX_VALUE, sparse, skips::add);
                for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
                    lastSession = Math.max(lastSession, r.session());
                }
                for (SegmentReader.Skip k : skips) {
                    LOG.warn("Journal segment {}: damaged bytes {}..{} skipped ({}); reading went on at seq {}",
                            last.path(), k.fromByte(), k.toByte(), k.why(), k.nextSeq());
                    damages.add(damage(quarantine, Damage.Action.SKIPPED, last.path(), k.fromByte(), k.toByte(),
                            k.afterSeq(), k.nextSeq(), sparse ? -1 : k.nextSeq() - k.afterSeq() - 1, k.why()));
                }
                lastSeq = reader.expectedSeq() - 1;
                if (reader.stop() != SegmentReader.Stop.END) {
                    long cut = reader.offset();
                    LOG.warn("Journal segment {}: cut at byte {} after seq {} ({}; {} bytes, no good record after them)",
                            last.path(), cut, lastSeq, reader.detail(), last.sizeBytes() - cut);
                    damages.add(damage(quarantine, Damage.Action.CUT, last.path(), cut, last.sizeBytes(), lastSeq, 0,
                            sparse ? -1 : 0, reader.detail()));
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
                damages.add(new Damage(Damage.Action.HEADER_UNREADABLE, s.path(), 0, s.sizeBytes(), 0, 0, -1,
                        "no good segment header and no good record, or a first seq that does not rise", null,
                        "left in place: the segment is kept as it is", false));
            }
        }
        return new Result(List.copyOf(segments), lastSeq, lastSession, tailsTruncated, truncatedBytes, corrupt,
                List.copyOf(damages));
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
    static Cut cutAbove(JournalFileOps ops, List<Segment> segments, long keepUpToSeq, Quarantine quarantine)
            throws IOException {
        List<Segment> left = new ArrayList<>(segments);
        List<Damage> damages = new ArrayList<>();
        String why = "copies of records above seq " + keepUpToSeq + ", the journal's own last, whose originals went"
                + " with its damaged tail";
        int cut = 0;
        while (!left.isEmpty()) {
            Segment last = left.get(left.size() - 1);
            if (!last.readable() || last.firstSeq() > keepUpToSeq) {
                if (last.readable()) {
                    cut += countRecords(ops, last);
                }
                if (last.sizeBytes() > 0) {
                    damages.add(damage(quarantine, Damage.Action.DELETED, last.path(), 0, last.sizeBytes(), 0, 0, -1,
                            why));
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
                    damages.add(damage(quarantine, Damage.Action.CUT, last.path(), keepBytes, last.sizeBytes(), 0, 0, -1,
                            why));
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
        return new Cut(List.copyOf(left), cut, List.copyOf(damages));
    }

    /** What {@link #cutAbove} left, and the bytes it cut (kept aside). */
    record Cut(List<Segment> segments, int copiesCut, List<Damage> damages) {
    }

    /** Keeps {@code [from, to)} of {@code segment} aside and describes what was done about it. */
    private static Damage damage(Quarantine quarantine, Damage.Action action, java.nio.file.Path segment, long from,
            long to, long afterSeq, long nextSeq, long seqsLost, String why) {
        Quarantine.Kept kept = quarantine.keep(segment, from, to);
        return new Damage(action, segment, from, to, afterSeq, nextSeq, seqsLost, why, kept.file(), kept.problem(),
                kept.earlier());
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

    /**
     * Reads a segment's header. A damaged one (not a newer format version, which is refused) is rebuilt
     * from the segment's first good record, the old bytes kept aside; with no good record in it the
     * segment is returned unreadable.
     */
    private static Segment readHeader(JournalFileOps ops, Path p, long index, int[] maxSession, Quarantine quarantine,
            List<Damage> damages) throws IOException {
        long size;
        JournalRecord first;
        String problem;
        try (SegmentChannel ch = ops.open(p, JournalFileOps.Mode.READ)) {
            size = ch.size();
            SegmentHeader.Read read = SegmentHeader.decode(readHead(ch), index);
            if (read.unsupportedVersion()) {
                throw new JournalFormatException("journal segment " + p + " is in " + read.problem()
                        + "; refusing to open the journal rather than overwrite it");
            }
            if (read.ok()) {
                maxSession[0] = Math.max(maxSession[0], read.header().session());
                return new Segment(index, p, read.header().firstSeq(), size);
            }
            problem = read.problem();
            first = size <= SegmentHeader.LENGTH_BYTES ? null
                    : new SegmentReader(ch, SegmentHeader.LENGTH_BYTES, size, 1, Long.MAX_VALUE, true).next();
        }
        if (first == null) {
            LOG.debug("Journal segment {}: {}; no good record in it", p, problem);
            return new Segment(index, p, 0, size);
        }
        damages.add(damage(quarantine, Damage.Action.HEADER_REBUILT, p, 0, SegmentHeader.LENGTH_BYTES, 0, first.seq(),
                0, problem));
        SegmentHeader rebuilt = new SegmentHeader(index, first.seq(), first.session());
        try (SegmentChannel ch = ops.open(p, JournalFileOps.Mode.WRITE_EXISTING)) {
            ch.write(ByteBuffer.wrap(rebuilt.encode()), 0);
            ch.force();
        }
        LOG.warn("Journal segment {}: header damaged ({}); rebuilt from its first good record, seq {}", p, problem,
                first.seq());
        maxSession[0] = Math.max(maxSession[0], first.session());
        return new Segment(index, p, first.seq(), size);
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
