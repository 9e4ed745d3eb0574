package com.lianarig.controller.journal;

import com.lianarig.config.rig.JournalConfig;
import com.lianarig.config.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's durable local journal (SPEC section 4: every trip, fault, reset, command decision
 * and calibration use; checksummed, append-only, bounded, survives power loss: R-6) and the outbox of
 * its MQTT events (SPEC section 6, R-4: every event not yet delivered is published after a broker
 * outage or a restart, in order). The file format is in docs/journal.md.
 *
 * <p>Records are numbered 1, 2, 3... for the life of the journal, across restarts and rotation; the
 * numbers on disk run on without a gap (an append refused on overflow takes no number). Each open is a
 * new session and writes a {@code journal.open} record before {@link #open} returns.
 *
 * <p>Threads. {@link #append} may be called from any thread, the 100 Hz control thread and the node
 * threads included, all of them real-time: it hands the record over without a lock (P-3: an appender never
 * waits on a lock that a normal-priority thread holds). It takes its number and its place in one
 * compare-and-set on the tail of a linked hand-off queue (numbers and monotonic stamps therefore follow
 * each other in the order of the appends), links it, wakes the writer and returns; it never waits for the
 * disk and never logs (but once, for an append after {@link #close}). When the queue is full it drops the
 * record, counts it and returns {@link #NOT_QUEUED}; a {@code journal.overflow} record with the count
 * follows as soon as there is room. One writer thread ({@code journal-writer}) owns the files and the
 * queue's head: it writes queued records in batches,
 * forces them ({@code FileChannel.force(false)}), retries failed writes, rotates segments, persists the
 * delivered cursor, and then calls the append listeners. {@link #readFrom}, {@link #read} and
 * {@link #records} read the files on the calling thread (never the control thread); {@link #stats},
 * {@link #markDelivered} and {@link #firstUndelivered} only take the lock.
 *
 * <p>Bounded: segment files of an eighth of the configured {@code maxBytes} (128 KiB to 16 MiB), the
 * oldest deleted when a new one would bring their total over {@code maxBytes}; records deleted before
 * they were delivered are counted and logged.
 */
public final class Journal implements AutoCloseable {
    /** What {@link #append} returns for a record it did not queue (seqs start at 1). */
    public static final long NOT_QUEUED = 0;
    /** The kind of the record each open writes. */
    public static final String OPEN_KIND = "journal.open";
    /** The kind of the record that reports appends dropped on a full queue. */
    public static final String OVERFLOW_KIND = "journal.overflow";
    /** The kind of the record that reports damaged bytes skipped, cut or rebuilt (docs/journal.md, R-6). */
    public static final String DAMAGE_KIND = "journal.damage";
    private static final String RESERVED_PREFIX = "journal.";
    /** Kinds ending in this are bus noise ({@code mqtt.noise}): kept out of the safety set. */
    public static final String NOISE_SUFFIX = ".noise";
    private static final int READ_PAGE_RECORDS = 512;
    /** SR-26's words for a full queue (a constant: said from the control thread without allocating). */
    static final String QUEUE_FULL = "the journal's write queue is full: records are being dropped (SR-26)";
    static final String STALLED = "the journal's writes have stalled: a record has waited more than its time to"
            + " reach the disk (SR-26)";
    static final String WRITER_STOPPED = "the journal's writer has stopped: nothing more is written (SR-26)";
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final JournalSettings settings;
    private final JournalFileOps ops;
    private final SegmentNames names;
    private final AtomicFiles atomicFiles;
    private final LongSupplier wallClockMs;
    private final LongSupplier monoNanos;
    private final int session;
    private final FileChannel lockChannel;
    private final SegmentWriter segmentWriter;
    private final SegmentNames safetyNames;
    private final SegmentWriter safetyWriter;
    private final Thread writer;
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    /** Waiters for durability wait on it. */
    private final Condition progress = lock.newCondition();

    // The append hand-off, lock-free (see the class comment and Queued).
    /** The newest queued record (or the stub: the last seq handed out); appenders swing it by compare-and-set. */
    private final AtomicReference<Queued> queueTail;
    /** The writer's end: the last record it took (its next is the oldest queued one); writer thread only. */
    private Queued queueHead;
    /** Records and body bytes queued, reserved by each append before it queues (the capacity). */
    private final AtomicInteger queuedRecords = new AtomicInteger();
    private final AtomicLong queuedBodyBytes = new AtomicLong();
    /** Appends between their look at {@link #closing} and their record's link: the writer stops only at 0. */
    private final AtomicInteger appendsInFlight = new AtomicInteger();
    private final AtomicLong droppedPending = new AtomicLong();
    private final AtomicLong firstDropWallMs = new AtomicLong();
    private volatile long lastDropWallMs;
    private final AtomicLong droppedTotal = new AtomicLong();
    private final AtomicBoolean warnedAppendAfterClose = new AtomicBoolean();
    /** Set (under the lock) by close; appenders read it without the lock. */
    private volatile boolean closing;

    // Guarded by lock.
    private final TailCache tail;
    /** Damage found while reading, by set, segment and first byte: each is kept aside and journalled once. */
    private final Set<String> damagesReported = new HashSet<>();
    private final Quarantine quarantine;
    private final List<Damage> openDamages;

    // SR-26: the storage's health, read without the lock (volatile or atomic) by anyone, the control thread included.
    private final long minFreeBytes;
    private final long stallNanos;
    private volatile String writeProblem;
    private volatile String safetyProblem;
    private volatile String spaceProblem;
    /** Set by the append that finds the queue full (lock-free), cleared by the writer once the drops are on record. */
    private final AtomicBoolean queueFull = new AtomicBoolean();
    private volatile boolean writerDead;
    /** When the writer took the records it is writing now (System.nanoTime), 0 while it waits for work. */
    private volatile long busySinceNanos;
    private volatile long durableSeqSeen;
    /** Counted without a lock: a full queue is found by an appender, which never waits on a lock (P-3). */
    private final AtomicLong incidents = new AtomicLong();
    private volatile String lastIncident;
    /** Writer thread: when free space is next looked at (System.nanoTime). */
    private long nextSpaceCheckNanos;
    private long damagesFound;
    private long durableSeq;
    private long firstAvailableSeq;
    private List<Segment> segments;
    private DiskReader.Hint hint;
    private List<Segment> safetySegments;
    private long safetyDurableSeq;
    private long safetyFirstSeq;
    private long safetyCopyErrors;
    /** Every record up to this seq has been copied to the safety set (or its copy has failed, or it is noise). */
    private long copiedSeq;
    private long overflowPendingSeq;
    /** Drops covered by the overflow records queued so far (writer thread). */
    private long reportedDrops;
    private long overflowPendingCovers;
    private long droppedDurable;
    private long deliveredSeq;
    private long deliveredPersistedSeq;
    private long deletedUndelivered;
    private long corruptRecordsFound;
    private long writeErrors;
    private boolean closed;
    private boolean writerStopped;
    private long closeDeadlineNanos;
    private long cursorRetryAtNanos;
    private int cursorFailures;
    private final int corruptTailsTruncated;
    private final long truncatedBytes;
    private final int corruptSegments;
    private final int cursorFallbacks;
    private final int safetyCopiesCut;

    private Journal(JournalConfig config, LongSupplier wallClockMs, LongSupplier monoNanos,
            JournalSettings settings, JournalFileOps ops, SegmentNames names, FileChannel lockChannel,
            JournalRecovery.Result recovered, DeliveredCursor.Read cursor, int session,
            JournalRecovery.Result safetyRecovered, int safetyCopiesCut, Quarantine quarantine, List<Damage> openDamages) {
        this.settings = settings;
        this.quarantine = quarantine;
        this.openDamages = openDamages;
        this.minFreeBytes = JournalSettings.minFreeBytes(config.maxBytes());
        this.stallNanos = settings.stallAfter().toNanos();
        this.damagesFound = openDamages.size();
        for (Damage d : openDamages) {
            damagesReported.add(d.segment().getFileName() + ":" + d.fromByte()); // a read finding it again is no news
        }
        this.ops = ops;
        this.names = names;
        this.atomicFiles = new AtomicFiles(ops);
        this.wallClockMs = wallClockMs;
        this.monoNanos = monoNanos;
        this.lockChannel = lockChannel;
        this.session = session;
        this.tail = new TailCache(settings.tailCacheRecords());
        this.corruptTailsTruncated = recovered.tailsTruncated();
        this.truncatedBytes = recovered.truncatedBytes();
        this.corruptSegments = recovered.corruptSegments();
        this.cursorFallbacks = cursor.problem() == null ? 0 : 1;
        this.deliveredSeq = cursor.deliveredSeq();
        this.deliveredPersistedSeq = cursor.deliveredSeq();
        this.durableSeq = recovered.lastSeq();
        Queued stub = new Queued(null, null, 0);
        stub.seq = Math.max(recovered.lastSeq(), cursor.deliveredSeq()); // the next append takes the one after
        this.queueTail = new AtomicReference<>(stub);
        this.queueHead = stub;
        this.segments = recovered.segments();
        this.firstAvailableSeq = firstReadableSeq(segments, 0);
        this.segmentWriter = new SegmentWriter(ops, names, JournalSettings.segmentBytes(config.maxBytes()),
                config.maxBytes(), session, recovered.segments(), recovered.lastSeq(), new WriterEvents());
        this.safetyNames = names.safety();
        this.safetyCopiesCut = safetyCopiesCut;
        this.safetySegments = safetyRecovered.segments();
        this.safetyDurableSeq = safetyRecovered.lastSeq();
        this.safetyFirstSeq = firstReadableSeq(safetySegments, 0);
        long safetyBytes = JournalSettings.safetyBytes(config.maxBytes());
        this.safetyWriter = new SegmentWriter(ops, safetyNames, JournalSettings.segmentBytes(safetyBytes), safetyBytes,
                session, safetyRecovered.segments(), safetyRecovered.lastSeq(), true, new SafetyEvents());
        this.cursorRetryAtNanos = System.nanoTime();
        this.writer = new Thread(this::runWriter, "journal-writer");
        writer.setDaemon(true);
    }

    /**
     * Opens (creating if needed) the journal at {@code config.path()}, recovers it after any crash or
     * power cut, writes this session's {@code journal.open} record and starts the writer thread.
     *
     * @param config where the journal lives and its bound, bytes
     * @param wallClockMs wall-clock time, ms since the epoch, stamped on each record
     * @param monoNanos monotonic time, ns, stamped on each record
     * @throws JournalFormatException when a segment is in a format this build does not read
     * @throws IOException when the directory cannot be used, another process holds the journal, or the
     *     open record cannot be written
     */
    public static Journal open(JournalConfig config, LongSupplier wallClockMs, LongSupplier monoNanos)
            throws IOException {
        return open(config, wallClockMs, monoNanos, JournalSettings.DEFAULTS, new NioJournalFileOps());
    }

    static Journal open(JournalConfig config, LongSupplier wallClockMs, LongSupplier monoNanos,
            JournalSettings settings, JournalFileOps ops) throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(wallClockMs, "wallClockMs");
        Objects.requireNonNull(monoNanos, "monoNanos");
        SegmentNames names = new SegmentNames(config.path());
        ops.createDirectories(names.dir());
        FileChannel lockChannel = lock(names);
        try {
            Quarantine quarantine = new Quarantine(ops, JournalSettings.segmentBytes(config.maxBytes()));
            JournalRecovery.Result recovered = JournalRecovery.recover(ops, names, false, quarantine);
            DeliveredCursor.Read cursor = DeliveredCursor.read(ops, names.delivered());
            if (cursor.problem() != null) {
                LOG.warn("Journal delivered cursor {} unreadable ({}): every record still held will be "
                        + "published again", names.delivered(), cursor.problem());
            }
            JournalRecovery.Result safety = JournalRecovery.recover(ops, names.safety(), true, quarantine);
            JournalRecovery.Cut cut = JournalRecovery.cutAbove(ops, safety.segments(),
                    Math.max(recovered.lastSeq(), cursor.deliveredSeq()), quarantine);
            long safetyLastSeq = Math.min(safety.lastSeq(), Math.max(recovered.lastSeq(), cursor.deliveredSeq()));
            List<Damage> damages = new ArrayList<>(recovered.damages());
            damages.addAll(safety.damages());
            damages.addAll(cut.damages());
            safety = new JournalRecovery.Result(cut.segments(), cut.segments().isEmpty() ? 0 : safetyLastSeq,
                    safety.lastSession(), safety.tailsTruncated(), safety.truncatedBytes(), safety.corruptSegments(),
                    List.of());
            int session = nextSession(ops, names, recovered, safety);
            Journal journal = new Journal(config, wallClockMs, monoNanos, settings, ops, names, lockChannel,
                    recovered, cursor, session, safety, cut.copiesCut(), quarantine, List.copyOf(damages));
            journal.start();
            return journal;
        } catch (IOException | RuntimeException e) {
            try {
                lockChannel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * This open's session: one more than the highest ever handed out, from the session file (kept
     * apart from the segments, so no loss of segments can make a session number come back) and from
     * the segments themselves; saved atomically before it is used.
     */
    private static int nextSession(JournalFileOps ops, SegmentNames names, JournalRecovery.Result recovered,
            JournalRecovery.Result safety) throws IOException {
        SessionFile.Read file = SessionFile.read(ops, names.session());
        if (file.problem() != null) {
            LOG.warn("Journal session file {} unreadable ({}): the session continues from the segments",
                    names.session(), file.problem());
        }
        long last = Math.max(file.lastSession(), Math.max(recovered.lastSession(), safety.lastSession()));
        if (last >= Integer.MAX_VALUE) {
            throw new JournalFormatException("journal " + names.dir().resolve(names.base()) + " has reached session "
                    + last + ", the largest a record can hold");
        }
        int session = (int) last + 1;
        try {
            SessionFile.write(new AtomicFiles(ops), names.session(), session);
        } catch (IOException e) {
            throw new IOException("journal " + names.dir().resolve(names.base()) + ": cannot save session number "
                    + session + " in " + names.session() + ": " + e.getMessage(), e);
        }
        return session;
    }

    private static FileChannel lock(SegmentNames names) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(names.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (java.nio.file.FileSystemException e) {
            throw new IOException("journal " + names.dir().resolve(names.base()) + " cannot be opened for writing: "
                    + (e.getReason() == null ? e.toString() : e.getReason()) + " (" + names.lock()
                    + "); the journal's directory must be on a writable file system with room, writable by the"
                    + " service's user (R-9, SR-26)", e);
        }
        FileLock held;
        try {
            held = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            held = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (held == null) {
            ch.close();
            // Issue 18: two services on one machine whose rig files share a data directory meet here.
            throw new IOException("journal " + names.dir().resolve(names.base()) + " is already open in another process"
                    + " (its lock file " + names.lock() + " is held): is another rig service using this data directory?"
                    + " Each rig needs its own: paths.dataDir in its rig file (two rig files in one directory have the"
                    + " same default one: docs/rig-config.md, Data paths)");
        }
        return ch;
    }

    /**
     * Trims to the bound, writes the open record and a {@code journal.damage} record for each damage
     * recovery found, durably, then starts the writer.
     */
    private void start() throws IOException {
        long seq = queueTail.get().seq; // no append can run yet: open() has not returned
        segmentWriter.trimToBound(seq + 1);
        safetyWriter.trimToBound(seq + 1);
        List<JournalRecord> first = new ArrayList<>(1 + openDamages.size());
        first.add(new JournalRecord(++seq, wallClockMs.getAsLong(), monoNanos.getAsLong(), session,
                OPEN_KIND, "{\"session\":" + session + ",\"truncatedTailBytes\":" + truncatedBytes
                        + ",\"corruptSegments\":" + corruptSegments + ",\"cursorFallback\":"
                        + (cursorFallbacks > 0) + ",\"damaged\":" + openDamages.size() + "}"));
        for (Damage d : openDamages) {
            if (d.known()) {
                continue; // kept aside and journalled when it was first found
            }
            String set = d.segment().getFileName().toString().startsWith(safetyNames.base() + ".") ? "safety" : "journal";
            first.add(new JournalRecord(++seq, wallClockMs.getAsLong(), monoNanos.getAsLong(), session,
                    DAMAGE_KIND, d.body(set)));
        }
        for (Damage d : openDamages) {
            if (d.known()) {
                LOG.warn("Journal damage found again on open (kept and journalled before): {}", d.describe());
            } else {
                LOG.error("Journal damage found on open: {}", d.describe());
            }
        }
        JournalRecord open = first.get(0);
        try {
            segmentWriter.write(first, 0);
        } catch (IOException | RuntimeException e) {
            segmentWriter.close();
            safetyWriter.close();
            throw e;
        }
        copyToSafetySet(first);
        Queued stub = new Queued(null, null, 0); // the next append takes the seq after the records written here
        stub.seq = seq;
        queueTail.set(stub);
        queueHead = stub;
        checkSpace();
        LOG.info("Journal {} open: session {}, seq {}, {} segment(s)", names.dir().resolve(names.base()),
                session, open.seq(), segmentWriter.segments().size());
        writer.start();
    }

    /**
     * Appends a record; never waits for the disk (see the class comment).
     *
     * @param kind what happened, 1..32 characters of {@code a-z 0-9 . -}, not starting with
     *     {@code journal.} (the journal's own records)
     * @param body the details, text of at most 4096 bytes in UTF-8 (compact JSON by convention)
     * @return the record's seq, or {@link #NOT_QUEUED} when the queue was full or the journal closed
     * @throws IllegalArgumentException naming what is wrong with {@code kind} or {@code body}
     */
    public long append(String kind, String body) {
        JournalRecord.checkKind(kind);
        if (kind.startsWith(RESERVED_PREFIX)) {
            throw new IllegalArgumentException("journal kind \"" + kind + "\" is reserved: kinds starting with "
                    + RESERVED_PREFIX + " are the journal's own");
        }
        return enqueue(kind, JournalRecord.checkBody(body), body);
    }

    /**
     * Queues a record whose kind and body are checked (the journal's own kinds included), lock-free; see
     * {@link #append}.
     */
    private long enqueue(String kind, int bodyBytes, String body) {
        appendsInFlight.incrementAndGet(); // before the look at closing: the writer stops only when none is in flight
        try {
            if (closing) {
                if (warnedAppendAfterClose.compareAndSet(false, true)) {
                    LOG.warn("Journal append of a {} record after close: not journalled (later ones not logged)", kind);
                }
                return NOT_QUEUED;
            }
            int records = queuedRecords.incrementAndGet();
            long bytes = queuedBodyBytes.addAndGet(bodyBytes);
            if (records > settings.queueCapacityRecords() || bytes > settings.queueCapacityBytes()) {
                queuedRecords.decrementAndGet();
                queuedBodyBytes.addAndGet(-bodyBytes);
                long nowMs = wallClockMs.getAsLong();
                firstDropWallMs.compareAndSet(0, nowMs);
                lastDropWallMs = nowMs;
                droppedTotal.incrementAndGet();
                droppedPending.incrementAndGet();
                if (queueFull.compareAndSet(false, true)) {
                    incident(QUEUE_FULL);
                }
                LockSupport.unpark(writer);
                return NOT_QUEUED;
            }
            long seq = handOff(new Queued(kind, body, bodyBytes));
            LockSupport.unpark(writer);
            return seq;
        } finally {
            appendsInFlight.decrementAndGet();
        }
    }

    /**
     * Gives {@code q} the next seq and its stamps and puts it at the tail of the hand-off queue, in one
     * compare-and-set: lock-free, and a retry takes the stamps again, so the stamps follow the seqs. Then links
     * it for the writer. Any thread.
     */
    private long handOff(Queued q) {
        while (true) {
            Queued last = queueTail.get();
            q.wallMs = wallClockMs.getAsLong();
            q.monoNanos = monoNanos.getAsLong();
            q.seq = last.seq + 1;
            if (queueTail.compareAndSet(last, q)) {
                last.next = q; // the writer reads the queue from its head along these links
                return q.seq;
            }
        }
    }

    /** One record handed over to the writer: a node of the lock-free hand-off queue. */
    private static final class Queued {
        final String kind;
        final String body;
        final int bodyBytes;
        long seq;
        long wallMs;
        long monoNanos;
        /** The next record in seq order; set (volatile) once that record has its seq and stamps. */
        volatile Queued next;

        Queued(String kind, String body, int bodyBytes) {
            this.kind = kind;
            this.body = body;
            this.bodyBytes = bodyBytes;
        }
    }

    /**
     * Waits until the record {@code seq} (and every one before it) is durable.
     *
     * @param timeout how long to wait at most
     * @return whether it is durable; false on timeout or when the writer has stopped
     */
    public boolean awaitDurable(long seq, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (durableSeq < seq) {
                if (writerStopped || nanos <= 0) {
                    return false;
                }
                nanos = progress.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until everything appended before this call is durable (and copied to the safety set),
     * including the report of any append dropped on overflow, and the delivered cursor marked before
     * this call is persisted.
     *
     * @return whether all of it is; false on timeout or when the writer has stopped
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            long seq = queueTail.get().seq;
            long dropped = droppedTotal.get();
            long delivered = deliveredSeq;
            while (durableSeq < seq || copiedSeq < seq || droppedDurable < dropped || deliveredPersistedSeq < delivered) {
                if (writerStopped || nanos <= 0) {
                    return false;
                }
                nanos = progress.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Up to {@code max} durable records with seq >= {@code seq}, oldest first. When {@code seq} was
     * deleted by rotation the list starts at the oldest record still held; a record found corrupt ends
     * its segment's part of the list (counted in {@link JournalStats#corruptRecordsFound}). Recent
     * records come from memory; older ones are read on the calling thread.
     *
     * @param max at least 1
     * @throws IllegalStateException when closed
     */
    public List<JournalRecord> readFrom(long seq, int max) throws IOException {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        List<Segment> snapshot;
        long from;
        long last;
        DiskReader.Hint startHint;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("journal closed");
            }
            long mainFloor = mainFloor();
            if (seq < mainFloor && safetyFirstSeq > 0 && safetyFirstSeq < mainFloor) {
                // older than the journal's oldest record: the safety set may still hold a copy
                List<Segment> safetySnapshot = safetySegments;
                long safetyLast = Math.min(safetyDurableSeq, mainFloor - 1);
                long safetyFrom = Math.max(seq, 1);
                lock.unlock();
                try {
                    List<JournalRecord> copies = DiskReader.read(ops, safetySnapshot, safetyFrom, safetyLast, max,
                            null, new DamageSink("safety", true), true).records();
                    if (!copies.isEmpty()) {
                        return copies;
                    }
                } finally {
                    lock.lock();
                }
                if (closed) {
                    throw new IllegalStateException("journal closed");
                }
            }
            from = Math.max(Math.max(seq, firstAvailableSeq), 1);
            last = durableSeq;
            if (from > last) {
                return List.of();
            }
            if (tail.holds(from)) {
                return tail.from(from, max);
            }
            snapshot = segments;
            startHint = hint;
        } finally {
            lock.unlock();
        }
        DiskReader.Result result = DiskReader.read(ops, snapshot, from, last, max, startHint,
                new DamageSink("journal", false));
        lock.lock();
        try {
            hint = result.hint();
        } finally {
            lock.unlock();
        }
        return result.records();
    }

    /** The durable records with {@code fromSeq <= seq <= toSeq}, oldest first (see {@link #readFrom}). */
    public List<JournalRecord> read(long fromSeq, long toSeq) throws IOException {
        List<JournalRecord> out = new ArrayList<>();
        long next = fromSeq;
        while (next <= toSeq) {
            List<JournalRecord> page = readFrom(next, READ_PAGE_RECORDS);
            if (page.isEmpty()) {
                break;
            }
            for (JournalRecord r : page) {
                if (r.seq() > toSeq) {
                    return out;
                }
                out.add(r);
            }
            next = page.get(page.size() - 1).seq() + 1;
        }
        return out;
    }

    /**
     * Every durable record from {@code fromSeq} on, oldest first, read a page at a time as the iterator
     * advances (records made durable meanwhile are included). For tools.
     *
     * @throws UncheckedIOException from {@code hasNext} when reading fails
     */
    public Iterator<JournalRecord> records(long fromSeq) {
        return new Iterator<>() {
            private long next = fromSeq;
            private Iterator<JournalRecord> page = List.<JournalRecord>of().iterator();

            @Override
            public boolean hasNext() {
                if (!page.hasNext()) {
                    try {
                        List<JournalRecord> p = readFrom(next, READ_PAGE_RECORDS);
                        page = p.iterator();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return page.hasNext();
            }

            @Override
            public JournalRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                JournalRecord r = page.next();
                next = r.seq() + 1;
                return r;
            }
        };
    }

    /**
     * Records that every record up to {@code seq} was delivered (acknowledged by the broker). Never
     * waits: the writer thread persists the cursor soon after, atomically (after a power cut it is the
     * previous value or this one). A seq at or below the cursor changes nothing.
     *
     * @throws IllegalArgumentException when {@code seq} is negative or not durable yet
     */
    public void markDelivered(long seq) {
        lock.lock();
        try {
            if (seq < 0 || seq > durableSeq) {
                throw new IllegalArgumentException("cannot mark seq " + seq + " delivered: records are durable "
                        + "up to seq " + durableSeq);
            }
            if (seq > deliveredSeq) {
                deliveredSeq = seq;
                LockSupport.unpark(writer);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The seq the outbox publishes next: the one after the delivered cursor, or the oldest still held
     * (in the journal, or as a copy in its safety set).
     */
    public long firstUndelivered() {
        lock.lock();
        try {
            long oldest = mainFloor();
            if (safetyFirstSeq > 0) {
                oldest = Math.min(oldest, safetyFirstSeq);
            }
            return Math.max(deliveredSeq + 1, oldest);
        } finally {
            lock.unlock();
        }
    }

    /** The oldest seq the journal's own segments hold (with the lock held); the next seq when they hold none. */
    private long mainFloor() {
        return firstAvailableSeq > 0 ? firstAvailableSeq : durableSeq + 1;
    }

    /**
     * Calls {@code listener} with the highest durable seq each time records become durable, on the
     * writer thread: it must return quickly (wake the publisher) and must not call {@link #close},
     * {@link #flush} or {@link #awaitDurable} (they wait for this thread).
     */
    public void addAppendListener(LongConsumer listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeAppendListener(LongConsumer listener) {
        listeners.remove(listener);
    }

    /** This open's session number. */
    public int session() {
        return session;
    }

    public JournalStats stats() {
        lock.lock();
        try {
            long bytes = 0;
            for (Segment s : segments) {
                bytes += s.sizeBytes();
            }
            long records = firstAvailableSeq == 0 ? 0 : Math.max(0, durableSeq - firstAvailableSeq + 1);
            long safetyBytes = 0;
            for (Segment s : safetySegments) {
                safetyBytes += s.sizeBytes();
            }
            return new JournalStats(session, firstAvailableSeq, durableSeq, records, segments.size(), bytes,
                    queuedRecords.get(), deliveredSeq, droppedTotal.get(), deletedUndelivered, corruptTailsTruncated,
                    truncatedBytes, corruptSegments, corruptRecordsFound, cursorFallbacks, writeErrors,
                    safetyFirstSeq, safetySegments.size(), safetyBytes, safetyCopiesCut, safetyCopyErrors, damagesFound);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes everything queued, persists the delivered cursor, stops the writer and releases the files;
     * waits at most the close timeout (10 s) for a failing disk. Later appends return
     * {@link #NOT_QUEUED}. Idempotent; not from an append listener.
     */
    @Override
    public void close() {
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("Journal.close from its own writer thread (an append listener)");
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (!closing) {
                closeDeadlineNanos = System.nanoTime() + settings.closeTimeout().toNanos();
                closing = true;
                LockSupport.unpark(writer);
            }
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        try {
            writer.join(settings.closeTimeout().toMillis() + 1000);
            if (writer.isAlive()) {
                LOG.error("Journal writer did not stop within {}; interrupting it", settings.closeTimeout());
                writer.interrupt();
                writer.join(1000);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            writer.interrupt();
        }
        segmentWriter.close();
        safetyWriter.close();
        try {
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("Journal lock {} could not be released: {}", names.lock(), e.toString());
        }
        lock.lock();
        try {
            closed = true;
            if (queuedRecords.get() > 0 || droppedPending.get() > 0) {
                LOG.error("Journal closed with {} record(s) never written and {} dropped append(s) unreported",
                        queuedRecords.get(), droppedPending.get());
            }
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- writer thread ----

    private void runWriter() {
        List<JournalRecord> batch = new ArrayList<>(settings.batchMaxRecords());
        try {
            while (true) {
                long cursorTarget;
                String overflowReport = null;
                if (!awaitWork()) {
                    return;
                }
                if (droppedPending.get() > 0) {
                    overflowReport = enqueueOverflowRecord();
                }
                Queued q;
                while (batch.size() < settings.batchMaxRecords() && (q = queueHead.next) != null) {
                    batch.add(new JournalRecord(q.seq, q.wallMs, q.monoNanos, session, q.kind, q.body));
                    queuedRecords.decrementAndGet();
                    queuedBodyBytes.addAndGet(-q.bodyBytes);
                    queueHead = q;
                }
                lock.lock();
                try {
                    cursorTarget = cursorDue() ? deliveredSeq : -1;
                    if (!batch.isEmpty() || cursorTarget >= 0) {
                        busySinceNanos = System.nanoTime();
                    }
                } finally {
                    lock.unlock();
                }
                if (spaceCheckDue()) {
                    checkSpace();
                }
                if (overflowReport != null) {
                    LOG.warn("Journal queue was full, appends were dropped: {}", overflowReport);
                }
                if (!batch.isEmpty()) {
                    if (!writeWithRetry(batch)) {
                        return;
                    }
                    copyToSafetySet(batch);
                    batch.clear();
                }
                if (cursorTarget >= 0) {
                    persistCursor(cursorTarget);
                }
                busySinceNanos = 0;
            }
        } catch (InterruptedException e) {
            LOG.error("Journal writer interrupted; {} record(s) not written", batch.size());
        } catch (RuntimeException | Error e) {
            LOG.error("Journal writer failed; nothing more will be journalled", e);
            throw e;
        } finally {
            writerDead = !closing;
            lock.lock();
            try {
                writerStopped = true;
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits (parked, without the lock: appenders, {@link #markDelivered} and {@link #close} unpark it) for
     * records, drops, or a cursor save that is due (a failed save waits out its back-off without holding up
     * records). Returns false when the writer should stop: closing, no append in flight, nothing left to
     * write, and the cursor saved (or the close timeout passed).
     */
    private boolean awaitWork() throws InterruptedException {
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            boolean cursorPending;
            boolean cursorDue;
            long retryAt;
            lock.lock();
            try {
                cursorPending = deliveredSeq > deliveredPersistedSeq;
                cursorDue = cursorDue();
                retryAt = cursorRetryAtNanos;
            } finally {
                lock.unlock();
            }
            if (queueHead.next != null || droppedPending.get() > 0 || cursorDue || spaceCheckDue()) {
                return true;
            }
            if (closing) {
                if (appendsInFlight.get() > 0 || queueTail.get() != queueHead) {
                    LockSupport.parkNanos(this, 1_000_000L); // an append still linking its record: take it too
                    continue;
                }
                if (!cursorPending || System.nanoTime() - closeDeadlineNanos >= 0) {
                    if (cursorPending) {
                        LOG.error("Journal closing: the delivered cursor {} could not be saved; it stays at {}",
                                deliveredSeq, deliveredPersistedSeq);
                    }
                    return false;
                }
            }
            long untilSpaceCheck = nextSpaceCheckNanos - System.nanoTime();
            LockSupport.parkNanos(this, Math.max(1, cursorPending
                    ? Math.min(untilSpaceCheck, retryAt - System.nanoTime()) : untilSpaceCheck));
        }
    }

    private boolean cursorDue() {
        return deliveredSeq > deliveredPersistedSeq && System.nanoTime() - cursorRetryAtNanos >= 0;
    }

    /** Saves the delivered cursor once; on failure counts, logs and backs off before the next try. */
    private void persistCursor(long seq) {
        try {
            DeliveredCursor.write(atomicFiles, names.delivered(), seq);
        } catch (IOException | RuntimeException e) {
            int failures;
            lock.lock();
            try {
                writeErrors++;
                failures = ++cursorFailures;
                long backoffNanos = Math.min(settings.retryMax().toNanos(),
                        settings.retryMin().toNanos() << Math.min(20, failures - 1));
                cursorRetryAtNanos = System.nanoTime() + backoffNanos;
            } finally {
                lock.unlock();
            }
            if (failures == 1) {
                LOG.error("Journal delivered cursor {} could not be saved; retrying", names.delivered(), e);
            } else {
                LOG.debug("Journal delivered cursor save failed again ({}): {}", failures, e.toString());
            }
            return;
        }
        int hadFailed;
        lock.lock();
        try {
            deliveredPersistedSeq = Math.max(deliveredPersistedSeq, seq);
            hadFailed = cursorFailures;
            cursorFailures = 0;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        if (hadFailed > 0) {
            LOG.info("Journal delivered cursor saved after {} failure(s)", hadFailed);
        }
    }

    /**
     * Queues the report of the appends dropped since the last one (writer thread); exempt from the capacity.
     * The drops' wall times are those of the appends that were dropped, as near as appenders racing the report
     * allow (they count without a lock).
     */
    private String enqueueOverflowRecord() {
        long dropped = droppedPending.getAndSet(0);
        long first = firstDropWallMs.getAndSet(0);
        long last = lastDropWallMs;
        reportedDrops += dropped;
        String body = "{\"dropped\":" + dropped + ",\"firstDropWallTimeMs\":" + (first == 0 ? last : first)
                + ",\"lastDropWallTimeMs\":" + last + "}";
        int bodyBytes = Utf8.encodedLength(body);
        queuedRecords.incrementAndGet();
        queuedBodyBytes.addAndGet(bodyBytes);
        long seq = handOff(new Queued(OVERFLOW_KIND, body, bodyBytes));
        overflowPendingSeq = seq;
        overflowPendingCovers = reportedDrops;
        return "seq " + seq + " reports " + body;
    }

    /** Writes {@code batch} until it is durable; false when closing and the close timeout has passed. */
    private boolean writeWithRetry(List<JournalRecord> batch) throws InterruptedException {
        int from = 0;
        int failures = 0;
        long waitNanos = settings.retryMin().toNanos();
        while (true) {
            try {
                segmentWriter.write(batch, from);
                if (failures > 0) {
                    LOG.info("Journal writes recovered after {} failure(s)", failures);
                }
                return true;
            } catch (IOException | RuntimeException e) {
                failures++;
                if (failures == 1) {
                    String why = "the journal cannot write to " + names.dir() + ": " + e.getMessage() + " (SR-26)";
                    writeProblem = why;
                    incident(why);
                }
                long durable = segmentWriter.lastDurableSeq();
                from = (int) Math.max(from, Math.min(batch.size(), durable - batch.get(0).seq() + 1));
                if (!retryAfter(e, failures, batch.size() - from, waitNanos)) {
                    return false;
                }
                waitNanos = Math.min(waitNanos * 2, settings.retryMax().toNanos());
            }
        }
    }

    /** Counts and logs a failed write, then waits; false when closing and out of time. */
    private boolean retryAfter(Exception e, int failures, int recordsWaiting, long waitNanos)
            throws InterruptedException {
        boolean giveUp;
        int queued;
        lock.lock();
        try {
            writeErrors++;
            queued = queuedRecords.get();
            giveUp = closing && System.nanoTime() - closeDeadlineNanos >= 0;
        } finally {
            lock.unlock();
        }
        if (giveUp) {
            LOG.error("Journal closing: giving up on a failing disk; {} record(s) of this batch and {} queued "
                    + "are lost", recordsWaiting, queued, e);
            return false;
        }
        if (failures == 1) {
            LOG.error("Journal write failed; retrying ({} record(s) of this batch and {} queued waiting)",
                    recordsWaiting, queued, e);
        } else {
            LOG.debug("Journal write failed again ({}): {}", failures, e.toString());
        }
        TimeUnit.NANOSECONDS.sleep(waitNanos);
        return true;
    }

    // ---- SR-26: storage health

    /**
     * SR-26: why the journal cannot make records durable now, in words, or null when it can: a write
     * (or a segment's creation, or a safety-set copy) that failed and has not succeeded since, free space
     * on its file system below 2 x its segment size, a full write queue (appends dropped, until the drops
     * are on record and there is room), a write that has waited more than the stall time, or a writer
     * that stopped. Any thread; no lock, no I/O, nothing allocated.
     */
    public String storageProblem() {
        if (writerDead) {
            return WRITER_STOPPED;
        }
        String p = writeProblem;
        if (p != null) {
            return p;
        }
        p = spaceProblem;
        if (p != null) {
            return p;
        }
        if (queueFull.get()) {
            return QUEUE_FULL;
        }
        long busy = busySinceNanos;
        if (busy != 0 && System.nanoTime() - busy > stallNanos) {
            return STALLED;
        }
        return safetyProblem;
    }

    /**
     * SR-26: how many storage problems have begun since the journal opened, so one that came and went
     * between two looks (a failed write retried at once, a burst of dropped appends) is not missed.
     */
    public long storageIncidents() {
        return incidents.get();
    }

    /** The words of the latest storage problem to begin, or null before the first. */
    public String lastStorageIncident() {
        return lastIncident;
    }

    /** The highest seq handed out (queued; durable or not). Any thread, no lock. */
    public long appendedSeq() {
        return queueTail.get().seq; // the tail is the newest record handed a seq (or the stub with the last one)
    }

    /** The highest seq forced to storage: every record up to it is durable. Any thread, no lock. */
    public long durableSeq() {
        return durableSeqSeen;
    }

    /** The free space the journal's file system must keep (SR-26), bytes: 2 x the segment size. */
    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** The free space a journal bounded by {@code maxBytes} needs on its file system (SR-26), bytes. */
    public static long minFreeBytesFor(long maxBytes) {
        return JournalSettings.minFreeBytes(maxBytes);
    }

    /**
     * Whether {@code file} is a quarantine file (a copy of damaged journal bytes kept aside:
     * {@code <segment>.damaged-<from>-<to>}, docs/journal.md "Damage").
     */
    public static boolean isQuarantine(java.nio.file.Path file) {
        return Quarantine.isQuarantine(file);
    }

    /**
     * Counts a storage problem that began, without a lock (an appender finding the queue full says so: P-3).
     * The words are set before the count, so whoever sees the new count sees these words or a later problem's.
     */
    private void incident(String why) {
        lastIncident = why;
        incidents.incrementAndGet();
    }

    private boolean spaceCheckDue() {
        return System.nanoTime() - nextSpaceCheckNanos >= 0;
    }

    /** Looks at the free space of the journal's file system (writer thread, or the opening thread). */
    private void checkSpace() {
        nextSpaceCheckNanos = System.nanoTime() + settings.spaceCheckEvery().toNanos();
        long free;
        try {
            free = ops.usableSpaceBytes(names.dir());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Journal: the free space of {} cannot be read: {}", names.dir(), e.toString());
            return; // unknown is not low: a write that fails says so
        }
        if (free >= minFreeBytes) {
            if (spaceProblem != null) {
                LOG.info("Journal: {} has {} bytes free again", names.dir(), free);
                spaceProblem = null;
            }
            return;
        }
        boolean began = spaceProblem == null;
        String why = String.format(java.util.Locale.ROOT, "%s has %.1f MiB free, below 2 x the journal's segment size"
                + " (%.1f MiB) (SR-26)", names.dir(), free / 1048576.0, minFreeBytes / 1048576.0);
        spaceProblem = why;
        if (began) {
            LOG.error("Journal: {}", why);
            incident(why);
        }
    }

    /** Whether a record of {@code kind} is bus noise (kept out of the safety set): its kind ends in {@value #NOISE_SUFFIX}. */
    public static boolean isNoise(String kind) {
        return kind.endsWith(NOISE_SUFFIX);
    }

    /**
     * Copies the durable records of {@code batch} that are not noise into the safety set (writer
     * thread, after they are durable in the journal). One attempt: a failure is counted and logged, and
     * those copies are missing from the safety set (the journal itself holds the records); the next
     * write cuts the set back to what was forced.
     */
    private void copyToSafetySet(List<JournalRecord> batch) {
        List<JournalRecord> copies = new ArrayList<>(batch.size());
        for (JournalRecord r : batch) {
            if (!isNoise(r.kind())) {
                copies.add(r);
            }
        }
        try {
            if (!copies.isEmpty()) {
                safetyWriter.write(copies, 0);
                safetyProblem = null;
            }
        } catch (IOException | RuntimeException e) {
            if (safetyProblem == null) {
                String why = "the journal cannot copy records to its safety set in " + names.dir() + ": "
                        + e.getMessage() + " (SR-26)";
                safetyProblem = why;
                incident(why);
            }
            long failures;
            lock.lock();
            try {
                writeErrors++;
                failures = ++safetyCopyErrors;
            } finally {
                lock.unlock();
            }
            if (failures == 1) {
                LOG.error("Journal safety set: copying {} record(s) from seq {} failed; they stay in the journal only",
                        copies.size(), copies.get(0).seq(), e);
            } else {
                LOG.debug("Journal safety set copy failed again ({}): {}", failures, e.toString());
            }
        }
        lock.lock();
        try {
            copiedSeq = Math.max(copiedSeq, batch.get(batch.size() - 1).seq());
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }
    /**
     * Damage found while reading (an older segment: outbox or tools): kept aside, counted, logged and
     * journalled once (a copy kept by an earlier open means it was journalled then), on the reading thread.
     */
    private final class DamageSink implements DiskReader.CorruptionSink {
        private final String set;
        private final boolean sparse;

        DamageSink(String set, boolean sparse) {
            this.set = set;
            this.sparse = sparse;
        }

        @Override
        public void skipped(Segment s, SegmentReader.Skip k) {
            report(s, Damage.Action.SKIPPED, k.fromByte(), k.toByte(), k.afterSeq(), k.nextSeq(),
                    sparse ? -1 : k.nextSeq() - k.afterSeq() - 1, k.why());
        }

        @Override
        public void corrupt(Segment s, long offsetBytes, String detail, long lostSeqs) {
            long sizeBytes = s.sizeBytes();
            report(s, Damage.Action.UNREADABLE_TO_END, offsetBytes, Math.max(offsetBytes, sizeBytes), 0, 0,
                    sparse ? -1 : Math.max(1, lostSeqs), detail);
        }

        private void report(Segment s, Damage.Action action, long from, long to, long afterSeq, long nextSeq,
                long lostSeqs, String why) {
            boolean first;
            lock.lock();
            try {
                first = damagesReported.add(s.path().getFileName() + ":" + from);
                if (first) {
                    damagesFound++;
                    corruptRecordsFound += Math.max(0, lostSeqs);
                }
            } finally {
                lock.unlock();
            }
            if (!first) {
                return;
            }
            Quarantine.Kept kept = quarantine.keep(s.path(), from, to);
            Damage d = new Damage(action, s.path(), from, to, afterSeq, nextSeq, lostSeqs, why, kept.file(),
                    kept.problem(), kept.earlier());
            if (kept.earlier()) {
                LOG.warn("Journal damage found again (kept and journalled before): {}", d.describe());
                return;
            }
            LOG.error("Journal damage found while reading: {}", d.describe());
            String body = d.body(set);
            enqueue(DAMAGE_KIND, Utf8.encodedLength(body), body);
        }
    }

    private static long firstReadableSeq(List<Segment> segments, long otherwise) {
        for (Segment s : segments) {
            if (s.readable()) {
                return s.firstSeq();
            }
        }
        return otherwise;
    }

    /** What the safety set's writer reports, on the writer thread (or the opening thread). */
    private final class SafetyEvents implements SegmentWriter.Events {
        @Override
        public void durable(List<JournalRecord> records, List<Segment> now) {
            lock.lock();
            try {
                safetyDurableSeq = records.get(records.size() - 1).seq();
                safetySegments = now;
                safetyFirstSeq = firstReadableSeq(now, safetyFirstSeq == 0 ? records.get(0).seq() : safetyFirstSeq);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void deleted(List<Segment> deleted, long nowFirstSeq, List<Segment> now) {
            lock.lock();
            try {
                safetySegments = now;
                safetyFirstSeq = firstReadableSeq(now, 0);
            } finally {
                lock.unlock();
            }
            LOG.info("Journal safety set bound reached: deleted {} oldest segment(s)", deleted.size());
        }
    }

    /** What the segment writer reports, on the writer thread (or the opening thread in {@link #start}). */
    private final class WriterEvents implements SegmentWriter.Events {
        @Override
        public void durable(List<JournalRecord> records, List<Segment> now) {
            long last;
            lock.lock();
            try {
                durableSeq = records.get(records.size() - 1).seq();
                last = durableSeq;
                segments = now;
                firstAvailableSeq = firstReadableSeq(now, firstAvailableSeq);
                tail.addAll(records);
                if (overflowPendingSeq != 0 && durableSeq >= overflowPendingSeq) {
                    droppedDurable = overflowPendingCovers;
                }
                durableSeqSeen = durableSeq;
                writeProblem = null; // a write and its force succeeded
                if (queueFull.get() && droppedDurable >= droppedTotal.get()
                        && queuedRecords.get() < settings.queueCapacityRecords()) {
                    queueFull.set(false); // every drop is on record (journal.overflow) and there is room again
                    if (droppedDurable < droppedTotal.get()) {
                        queueFull.set(true); // an append dropped in between (it counts before it looks at the flag)
                    }
                }
                progress.signalAll();
            } finally {
                lock.unlock();
            }
            for (LongConsumer listener : listeners) {
                try {
                    listener.accept(last);
                } catch (RuntimeException e) {
                    LOG.warn("Journal append listener failed", e);
                }
            }
        }

        @Override
        public void deleted(List<Segment> deleted, long nowFirstSeq, List<Segment> now) {
            long lost;
            long from;
            lock.lock();
            try {
                from = Math.max(Math.max(firstAvailableSeq, 1), deliveredSeq + 1);
                lost = Math.max(0, nowFirstSeq - from);
                deletedUndelivered += lost;
                firstAvailableSeq = nowFirstSeq;
                segments = now;
                tail.dropBelow(nowFirstSeq);
                if (hint != null && deleted.stream().anyMatch(s -> s.index() == hint.segmentIndex())) {
                    hint = null;
                }
            } finally {
                lock.unlock();
            }
            if (lost > 0) {
                LOG.warn("Journal bound reached: deleted {} oldest segment(s); {} record(s) from seq {} were "
                        + "never delivered", deleted.size(), lost, from);
            } else {
                LOG.info("Journal bound reached: deleted {} oldest segment(s), all delivered", deleted.size());
            }
        }
    }
}
