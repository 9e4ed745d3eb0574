package com.lianarig.controller.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends records to the current segment and forces them; rotates to a new segment when a record would
 * not fit, first deleting the oldest segments so that the closed ones plus a full new one stay within
 * the journal's bound.
 *
 * <p>Owned by the journal's writer thread (and by the opening thread before the writer starts). After
 * a failed step it keeps only what was forced: the next {@link #write} reopens the current segment and
 * cuts it back to its forced size, or retries the rotation, before writing again.
 */
final class SegmentWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentWriter.class);
    static final int BUFFER_BYTES = 256 * 1024;

    /** What the writer tells its journal; called on the writing thread. */
    interface Events {
        /** These records are forced; {@code segments} is every segment now, the current one last. */
        void durable(List<JournalRecord> records, List<Segment> segments);

        /** The oldest segments were deleted; the oldest readable seq is now {@code firstAvailableSeq}. */
        void deleted(List<Segment> deleted, long firstAvailableSeq, List<Segment> segments);
    }

    private final JournalFileOps ops;
    private final SegmentNames names;
    private final long segmentBytes;
    private final long maxBytes;
    private final int session;
    private final boolean sparse;
    private final Events events;
    private final RecordCodec codec = new RecordCodec();
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private final ArrayDeque<Segment> closed = new ArrayDeque<>();
    private long closedBytes;
    private long lastIndex;
    private Segment current;
    private SegmentChannel channel;
    private long lastDurableSeq;

    /**
     * @param recovered every segment after recovery, oldest first; the last one becomes current unless
     *     it is already full
     * @param lastSeq the last durable seq
     */
    SegmentWriter(JournalFileOps ops, SegmentNames names, long segmentBytes, long maxBytes, int session,
            List<Segment> recovered, long lastSeq, Events events) {
        this(ops, names, segmentBytes, maxBytes, session, recovered, lastSeq, false, events);
    }

    /** @param sparse the safety set: seqs rise with gaps, and a gap does not start a new segment */
    SegmentWriter(JournalFileOps ops, SegmentNames names, long segmentBytes, long maxBytes, int session,
            List<Segment> recovered, long lastSeq, boolean sparse, Events events) {
        this.sparse = sparse;
        this.ops = ops;
        this.names = names;
        this.segmentBytes = segmentBytes;
        this.maxBytes = maxBytes;
        this.session = session;
        this.events = events;
        this.lastDurableSeq = lastSeq;
        for (Segment s : recovered) {
            closed.addLast(s);
            closedBytes += s.sizeBytes();
            lastIndex = s.index();
        }
        Segment last = closed.peekLast();
        if (last != null && last.sizeBytes() + RecordCodec.MAX_LENGTH_BYTES <= segmentBytes) {
            closed.removeLast();
            closedBytes -= last.sizeBytes();
            current = last;
        }
    }

    /** The highest seq forced to storage. */
    long lastDurableSeq() {
        return lastDurableSeq;
    }

    /** Every segment now, the current one last (with its forced size). */
    List<Segment> segments() {
        List<Segment> all = new ArrayList<>(closed.size() + 1);
        all.addAll(closed);
        if (current != null) {
            all.add(current);
        }
        return List.copyOf(all);
    }

    /**
     * Writes and forces {@code batch[from..]}, in order, rotating as needed; reports each forced part to
     * {@link Events#durable}. On failure, the records up to {@link #lastDurableSeq} are durable and
     * the rest must be written again.
     */
    void write(List<JournalRecord> batch, int from) throws IOException {
        reopenIfNeeded();
        int i = from;
        while (i < batch.size()) {
            if (!sparse && current != null && batch.get(i).seq() != lastDurableSeq + 1) {
                closeCurrent(); // seqs jump (the delivered cursor was ahead): a segment's seqs never do
            }
            if (current == null) {
                rotate(batch.get(i).seq());
            }
            int chunkStart = i;
            buffer.clear();
            while (i < batch.size()) {
                JournalRecord r = batch.get(i);
                int length = RecordCodec.lengthOf(r);
                if (current.sizeBytes() + buffer.position() + length > segmentBytes || length > buffer.remaining()) {
                    break;
                }
                codec.encode(r, buffer);
                i++;
            }
            if (i == chunkStart) {
                closeCurrent();
                continue;
            }
            buffer.flip();
            int bytes = buffer.remaining();
            try {
                channel.write(buffer, current.sizeBytes());
                channel.force();
            } catch (IOException | RuntimeException e) {
                dropChannel();
                throw e;
            }
            current = current.withSize(current.sizeBytes() + bytes);
            lastDurableSeq = batch.get(i - 1).seq();
            events.durable(batch.subList(chunkStart, i), segments());
        }
    }

    private void reopenIfNeeded() throws IOException {
        if (current == null || channel != null) {
            return;
        }
        SegmentChannel ch = ops.open(current.path(), JournalFileOps.Mode.WRITE_EXISTING);
        try {
            if (ch.size() != current.sizeBytes()) {
                LOG.info("Journal segment {}: cut back to its forced {} bytes after a failed write",
                        current.path(), current.sizeBytes());
                ch.truncate(current.sizeBytes());
                ch.force();
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
        channel = ch;
    }

    /** The current segment is full: it becomes closed; the next record opens a new one. */
    private void closeCurrent() {
        dropChannel();
        closed.addLast(current);
        closedBytes += current.sizeBytes();
        current = null;
    }

    /**
     * Deletes the oldest closed segments until they and one full new segment fit in the bound.
     *
     * @param nextSeq the seq the next record will have (the oldest readable one if every closed
     *     segment goes)
     */
    void trimToBound(long nextSeq) throws IOException {
        List<Segment> deleted = new ArrayList<>();
        try {
            while (!closed.isEmpty() && closedBytes + segmentBytes > maxBytes) {
                Segment oldest = closed.peekFirst();
                ops.deleteIfExists(oldest.path());
                closed.removeFirst();
                closedBytes -= oldest.sizeBytes();
                deleted.add(oldest);
            }
        } finally {
            if (!deleted.isEmpty()) {
                events.deleted(deleted, firstAvailableSeq(nextSeq), segments());
            }
        }
    }

    /** Deletes the oldest segments as the bound needs, then creates and forces a new, empty segment. */
    private void rotate(long firstSeq) throws IOException {
        trimToBound(firstSeq);
        long index = lastIndex + 1;
        Path path = names.segment(index);
        ops.deleteIfExists(path); // left by a rotation that failed half-way
        SegmentChannel ch = ops.open(path, JournalFileOps.Mode.CREATE_NEW);
        try {
            ch.write(ByteBuffer.wrap(new SegmentHeader(index, firstSeq, session).encode()), 0);
            ch.force();
            ops.forceDirectory(names.dir());
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
        channel = ch;
        lastIndex = index;
        current = new Segment(index, path, firstSeq, SegmentHeader.LENGTH_BYTES);
        LOG.debug("Journal segment {} started at seq {}", path, firstSeq);
    }

    private long firstAvailableSeq(long nextFirstSeq) {
        if (current != null && closed.stream().noneMatch(Segment::readable)) {
            return current.firstSeq();
        }
        for (Segment s : closed) {
            if (s.readable()) {
                return s.firstSeq();
            }
        }
        return nextFirstSeq;
    }

    private void dropChannel() {
        if (channel != null) {
            closeQuietly(channel);
            channel = null;
        }
    }

    private static void closeQuietly(SegmentChannel ch) {
        try {
            ch.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing a journal segment failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        dropChannel();
    }
}
