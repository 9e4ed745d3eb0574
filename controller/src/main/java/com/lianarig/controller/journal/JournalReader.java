package com.lianarig.controller.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Reads a journal's records from its segment files without opening the journal: for tools that run
 * beside the service ({@code rig journal}). It takes no lock, writes nothing, cuts no torn tail and
 * deletes no file, so the writer (another process, or this one) is never disturbed; what it sees is
 * a snapshot of the segments listed when {@link #records} is called, each read up to its size when
 * it is opened.
 *
 * <p>Records are checked as {@link Journal} checks them (docs/journal.md, "Record"); damaged bytes are
 * skipped and reading goes on with the next good record ({@link SegmentReader}), and a segment whose
 * header is damaged is read from its first good record. A last segment cut short is what a writer in
 * the middle of a write leaves: reading just stops there. Anything else is noted in {@link #problems()}.
 *
 * <p>One owner thread per instance (and per iterator).
 */
public final class JournalReader {
    private final SegmentNames names;
    private final JournalFileOps ops;
    private final List<String> problems = new ArrayList<>();

    private JournalReader(Path journalFile, JournalFileOps ops) {
        this.names = new SegmentNames(journalFile);
        this.ops = ops;
    }

    /**
     * A reader of the journal whose configured file is {@code journalFile} (the rig file's
     * {@code journal.path}, e.g. {@code /var/lib/liana-rig/journal/journal.bin}).
     */
    public static JournalReader of(Path journalFile) {
        return new JournalReader(journalFile, new NioJournalFileOps());
    }

    /**
     * Every record with seq >= {@code fromSeq} in the segments present now, oldest first, read a
     * segment at a time as the iterator advances. Records older than the journal's oldest come from
     * the safety set (docs/journal.md: copies of every record but bus noise, kept apart), so a flood of
     * noise that rotated them out of the journal does not hide them.
     *
     * @throws JournalFormatException when a segment is in a format this build does not read
     * @throws NoSuchFileException when the journal's directory does not exist
     * @throws IOException when the directory cannot be listed or a header read
     * @throws UncheckedIOException from the iterator when a segment cannot be read
     */
    public Iterator<JournalRecord> records(long fromSeq) throws IOException {
        if (!Files.isDirectory(names.dir())) {
            throw new NoSuchFileException(names.dir().toString(), null, "no journal directory");
        }
        List<Segment> segments = readableSegments(names);
        long mainFirst = segments.isEmpty() ? Long.MAX_VALUE : segments.get(0).firstSeq();
        if (fromSeq >= mainFirst) {
            return records(segments, fromSeq, Long.MAX_VALUE, false);
        }
        List<Segment> safety = readableSegments(names.safety());
        Iterator<JournalRecord> older = records(safety, fromSeq, mainFirst - 1, true);
        Iterator<JournalRecord> newer = records(segments, Math.max(fromSeq, mainFirst), Long.MAX_VALUE, false);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return older.hasNext() || newer.hasNext();
            }

            @Override
            public JournalRecord next() {
                return older.hasNext() ? older.next() : newer.next();
            }
        };
    }

    /** The records with {@code fromSeq <= seq <= toSeq} of {@code segments} (sparse: the safety set's). */
    private Iterator<JournalRecord> records(List<Segment> segments, long fromSeq, long toSeq, boolean sparse) {
        return new Iterator<>() {
            private int next = firstSegment(segments, fromSeq);
            private SegmentChannel channel;
            private SegmentReader reader;
            private Segment current;
            private JournalRecord pending;

            @Override
            public boolean hasNext() {
                try {
                    while (pending == null) {
                        if (reader == null && !openNext()) {
                            return false;
                        }
                        JournalRecord r = reader.next();
                        if (r == null) {
                            finishSegment();
                        } else if (r.seq() > toSeq) {
                            closeQuietly();
                            next = segments.size();
                        } else if (r.seq() >= fromSeq) {
                            pending = r;
                        }
                    }
                    return true;
                } catch (IOException e) {
                    closeQuietly();
                    throw new UncheckedIOException("reading journal segment " + current.path() + ": " + e.getMessage(), e);
                }
            }

            @Override
            public JournalRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                JournalRecord r = pending;
                pending = null;
                return r;
            }

            private boolean openNext() throws IOException {
                while (next < segments.size()) {
                    Segment s = segments.get(next);
                    long maxSeq = next + 1 < segments.size() ? segments.get(next + 1).firstSeq() - 1 : Long.MAX_VALUE;
                    next++;
                    try {
                        channel = ops.open(s.path(), JournalFileOps.Mode.READ);
                    } catch (NoSuchFileException e) {
                        continue; // deleted by the writer's rotation since it was listed
                    }
                    current = s;
                    reader = new SegmentReader(channel, SegmentHeader.LENGTH_BYTES, channel.size(), s.firstSeq(), maxSeq,
                            sparse, skip -> problems.add("segment " + s.path().getFileName() + ": damaged bytes "
                                    + skip.fromByte() + ".." + skip.toByte() + " skipped (" + skip.why()
                                    + "); reading went on at seq " + skip.nextSeq()));
                    return true;
                }
                return false;
            }

            private void finishSegment() throws IOException {
                SegmentReader.Stop stop = reader.stop();
                boolean last = next >= segments.size();
                if (stop == SegmentReader.Stop.CORRUPT || (stop == SegmentReader.Stop.TORN && !last)) {
                    problems.add("segment " + current.path().getFileName() + ": reading stopped at byte "
                            + reader.offset() + " after seq " + (reader.expectedSeq() - 1) + " (" + reader.detail() + ")");
                }
                channel.close();
                channel = null;
                reader = null;
            }

            private void closeQuietly() {
                try {
                    if (channel != null) {
                        channel.close();
                    }
                } catch (IOException suppressed) {
                    // reported by the caller's exception
                }
                channel = null;
                reader = null;
            }
        };
    }

    /**
     * The newest record: the last whole record of the newest segment that holds one. Reads that
     * segment only.
     *
     * @throws JournalFormatException when a segment is in a format this build does not read
     * @throws IOException when the directory cannot be listed or a segment read
     */
    public Optional<JournalRecord> latest() throws IOException {
        if (!Files.isDirectory(names.dir())) {
            return Optional.empty();
        }
        List<Segment> segments = readableSegments(names);
        for (int i = segments.size() - 1; i >= 0; i--) {
            Segment s = segments.get(i);
            long maxSeq = i + 1 < segments.size() ? segments.get(i + 1).firstSeq() - 1 : Long.MAX_VALUE;
            JournalRecord newest = null;
            try (SegmentChannel ch = ops.open(s.path(), JournalFileOps.Mode.READ)) {
                SegmentReader reader = new SegmentReader(ch, SegmentHeader.LENGTH_BYTES, ch.size(), s.firstSeq(), maxSeq);
                for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
                    newest = r;
                }
            } catch (NoSuchFileException e) {
                continue;
            }
            if (newest != null) {
                return Optional.of(newest);
            }
        }
        return Optional.empty();
    }

    /** What was found wrong so far (unreadable headers, records that end a segment early), for the user. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The segments of {@code set} with a readable header whose first seq rises, oldest first. */
    private List<Segment> readableSegments(SegmentNames set) throws IOException {
        List<Segment> found = new ArrayList<>();
        for (Path p : ops.list(set.dir())) {
            long index = set.indexOf(p);
            if (index > 0) {
                Segment s = readHeader(p, index);
                if (s != null) {
                    found.add(s);
                }
            }
        }
        found.sort((a, b) -> Long.compare(a.index(), b.index()));
        List<Segment> out = new ArrayList<>(found.size());
        long previousFirstSeq = 0;
        for (Segment s : found) {
            if (s.firstSeq() <= previousFirstSeq) {
                problems.add("segment " + s.path().getFileName() + ": first seq " + s.firstSeq()
                        + " does not follow the previous segment's " + previousFirstSeq + "; skipped");
                continue;
            }
            previousFirstSeq = s.firstSeq();
            out.add(s);
        }
        return out;
    }

    private Segment readHeader(Path p, long index) throws IOException {
        try (SegmentChannel ch = ops.open(p, JournalFileOps.Mode.READ)) {
            ByteBuffer head = ByteBuffer.allocate(SegmentHeader.LENGTH_BYTES);
            while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
                // until full or at the end
            }
            head.flip();
            SegmentHeader.Read read = SegmentHeader.decode(head, index);
            if (read.unsupportedVersion()) {
                throw new JournalFormatException("journal segment " + p + " is in " + read.problem());
            }
            if (read.ok()) {
                return new Segment(index, p, read.header().firstSeq(), ch.size());
            }
            long size = ch.size();
            JournalRecord first = size <= SegmentHeader.LENGTH_BYTES ? null
                    : new SegmentReader(ch, SegmentHeader.LENGTH_BYTES, size, 1, Long.MAX_VALUE, true).next();
            if (first == null) {
                if (head.remaining() > 0) {
                    problems.add("segment " + p.getFileName() + ": " + read.problem() + " and no good record; skipped");
                }
                return null;
            }
            problems.add("segment " + p.getFileName() + ": " + read.problem() + "; read from its first good record, seq "
                    + first.seq());
            return new Segment(index, p, first.seq(), size);
        } catch (NoSuchFileException e) {
            return null; // deleted by rotation since it was listed
        }
    }

    private static int firstSegment(List<Segment> segments, long fromSeq) {
        int k = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).firstSeq() <= fromSeq) {
                k = i;
            }
        }
        return k;
    }
}
