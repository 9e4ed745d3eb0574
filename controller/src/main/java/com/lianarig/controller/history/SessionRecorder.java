package com.lianarig.controller.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.Exercise;
import com.lianarig.config.profile.SessionHistoryStore;
import com.lianarig.config.profile.SessionRecord;
import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.core.Json;
import com.lianarig.controller.core.NoteSink;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each client's session history (SPEC section 5) as it happens: from attach to detach, the
 * aims, the program's holds with their heights, the stops and why, the time inverted and SR-21's
 * alarms, and the trainers' notes; saved with the profiles after every change
 * ({@link SessionHistoryStore}: atomic, survives a power cut), and offered to the panels
 * ({@link #view}).
 *
 * <p>It listens to the controller's own journal ({@link #tap}): the history says what the journal says,
 * in the same words, and the controller carries no second bookkeeping. Only the notes arrive on their
 * own ({@link #note}): they are personal data and never go to the journal, whose records are published
 * to studio systems.
 *
 * <p>Threads: {@link #journalled} and {@link #note} are called on the control thread and the node threads;
 * they stamp the item and hand it to a bounded queue, never waiting (a full queue drops the item and
 * counts it, journalled by the recorder). Everything else happens on the recorder's own normal-priority
 * thread ({@code session-history}) started by {@link #start}, or on the caller's thread in {@link #drain}
 * (tests on a stepped clock): parsing, building the session, the disk.
 */
public final class SessionRecorder implements NoteSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Items waiting for the recorder, at most. */
    static final int QUEUE = 1024;
    /** Sessions offered to the panels: the open one and those before it. */
    public static final int PANEL_SESSIONS = 10;
    /** A stop with the same words as the one before, this soon after it, is the same stop seen twice, ns. */
    static final long SAME_STOP_NANOS = 2_000_000_000L;
    /** How long the thread waits for an item before it looks again (close, a save to retry), ms. */
    static final long POLL_MS = 200;
    /** The journal kind of the recorder's own trouble (a save that failed, items dropped). */
    public static final String KIND = "history";
    /** Why a session left open by the previous run of the service was closed. */
    static final String LEFT_OPEN = "the service ended (stopped, crashed or lost power) while the session was open";
    private static final Set<String> KINDS = Set.of("client", "aim", "program", "stop", "fault", "inverted", "alarm",
            "service");

    /**
     * What the panels see: the attached client's latest sessions, oldest first, the open one last.
     *
     * @param clientId the attached client; null when none is (then {@code sessions} is empty)
     * @param sessions up to {@value #PANEL_SESSIONS} sessions
     * @param version changes whenever anything in it does
     */
    public record View(String clientId, List<SessionRecord> sessions, long version) {
        public View {
            sessions = List.copyOf(sessions);
        }
    }

    /** One thing that happened: a journal record, or a note ({@code kind} "note"). */
    private record Item(String kind, String body, String client, String panel, String text, long atNanos,
            long wallMs) {
    }

    private final SessionHistoryStore store;
    private final EventLog journal;
    private final LongSupplier clock;
    private final Clock wall;
    /**
     * What the journal and the notes handed over, for the recorder's thread: lock-free, so that the control
     * thread (real time) never waits on a lock the recorder (normal priority) holds (P-3); at most
     * {@link #QUEUE} items ({@link #queued}).
     */
    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong droppedItems = new AtomicLong();
    private volatile View view = new View(null, List.of(), 0);
    private volatile boolean closed;
    private Thread thread;

    // recorder thread (or drain's caller), under this object's lock
    private SessionRecord open;
    private long openedAtNanos;
    private final List<SessionRecord> earlier = new ArrayList<>();
    private boolean dirty;
    private boolean saveFailing;
    private long droppedReported;
    private String lastStopWhy;
    private long lastStopNanos;
    private long version;
    /** The open session has an inversion in progress; its time inverted and longest before it, s. */
    private boolean inInversion;
    private double invertedBeforeS;
    private double longestBeforeS;

    /**
     * @param store where the history is kept (the profiles directory)
     * @param journal where the recorder's own trouble goes (the service's journal, not {@link #tap}'s)
     * @param clock the controller's clock, ns (times within a session)
     * @param wall the wall clock (the session's date, a note's time)
     */
    public SessionRecorder(SessionHistoryStore store, EventLog journal, LongSupplier clock, Clock wall) {
        this.store = store;
        this.journal = journal;
        this.clock = clock;
        this.wall = wall;
    }

    /** {@code journal} with this recorder listening: give it to the controller as its event log. */
    public EventLog tap(EventLog journalLog) {
        return new EventLog() {
            @Override
            public void record(String kind, String body) {
                journalLog.record(kind, body);
                journalled(kind, body);
            }

            @Override
            public com.lianarig.controller.safety.StorageHealth storage() {
                return journalLog.storage(); // SR-26 watches the journal itself
            }
        };
    }

    /** Any thread: one journal record (only the kinds the history needs are kept). Never waits. */
    public void journalled(String kind, String body) {
        if (KINDS.contains(kind)) {
            offer(new Item(kind, body, null, null, null, clock.getAsLong(), wall.millis()));
        }
    }

    /** Control thread: a trainer's note for the attached client's session. Never waits. */
    @Override
    public void note(String clientId, String panelId, String text, long nowNanos) {
        offer(new Item("note", null, clientId, panelId, text, nowNanos, wall.millis()));
    }

    private void offer(Item item) {
        if (closed || queued.incrementAndGet() > QUEUE) {
            if (!closed) {
                queued.decrementAndGet();
            }
            droppedItems.incrementAndGet();
            return;
        }
        queue.add(item);
    }

    private Item next() {
        Item i = queue.poll();
        if (i != null) {
            queued.decrementAndGet();
        }
        return i;
    }

    /** Where the sessions are kept (the web panel reads a client's history from it). */
    public SessionHistoryStore store() {
        return store;
    }

    /** What the panels see now (any thread). */
    public View view() {
        return view;
    }

    /**
     * Starts the recorder's thread; first it closes the sessions the previous run of the service left open
     * (a stop, a crash or a power cut while a client was attached).
     */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::run, "session-history");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        closeLeftOpen();
        boolean last = false;
        while (!last) {
            last = closed; // one more round after close: whatever was queued before it is saved
            try {
                Item first = next();
                if (first == null) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                synchronized (this) {
                    if (first != null) {
                        apply(first);
                    }
                    drainLocked(); // also retries a save that failed
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("session history: {}", e.toString(), e); // never end the thread
            }
        }
    }

    /** Closes the sessions left open on record (on the recorder's thread at start; tests call it directly). */
    public synchronized void closeLeftOpen() {
        try {
            int n = store.closeOpenSessions(LEFT_OPEN);
            if (n > 0) {
                journal.record(KIND, Json.of("event", "closed", "sessions", n, "why", LEFT_OPEN));
            }
        } catch (IOException e) {
            journal.record(KIND, Json.of("event", "close-failed", "error", e.toString()));
        }
    }

    /** Processes everything queued so far on the caller's thread, then saves (tests on a stepped clock). */
    public synchronized void drain() {
        drainLocked();
    }

    private void drainLocked() {
        for (Item i; (i = next()) != null;) {
            apply(i);
        }
        long dropped = droppedItems.get();
        if (dropped != droppedReported) {
            journal.record(KIND, Json.of("event", "dropped", "items", dropped - droppedReported, "why",
                    "the session history's queue of " + QUEUE + " was full: what they said is missing from it"));
            droppedReported = dropped;
        }
        flush();
    }

    // ------------------------------------------------------------------ building the session

    private void apply(Item i) {
        if (i.kind().equals("note")) {
            noteItem(i);
            return;
        }
        JsonNode b;
        try {
            b = JSON.readTree(i.body());
        } catch (IOException e) {
            log.warn("session history: journal record {} is not JSON: {}", i.kind(), e.getMessage());
            return;
        }
        switch (i.kind()) {
            case "client" -> {
                String event = b.path("event").asText();
                if (event.equals("attached")) {
                    end(i, open == null ? null : "another client attached");
                    begin(b.path("client").asText(), i);
                } else if (event.equals("detached")) {
                    end(i, "detached");
                }
            }
            case "service" -> {
                if (b.path("event").asText().equals("stop")) {
                    end(i, "service stopped");
                }
            }
            case "aim" -> {
                SpineSegment s = SpineSegment.find(b.path("segment").asText()).orElse(null);
                if (open != null && s != null && b.path("heightMm").isNumber()) {
                    change(open.withAim(new SessionRecord.Aim(atS(i), Exercise.INVERTED_HANG, s,
                            b.path("heightMm").asDouble())));
                }
            }
            case "program" -> program(b, i);
            case "stop" -> {
                String why = b.path("why").asText("");
                if (b.hasNonNull("rule")) {
                    why = b.path("rule").asText() + " stopped " + b.path("group").asText("the rig") + ": " + why;
                }
                stop(why, i);
            }
            case "fault" -> stop(b.path("rule").asText() + " fault: " + b.path("cause").asText() + " ("
                    + b.path("stop").asText() + ", reset by " + b.path("resetBy").asText() + ")", i);
            case "inverted" -> inverted(b);
            case "alarm" -> {
                String level = b.path("level").asText();
                if (open != null && (level.equals("alarm") || level.equals("escalated"))) {
                    change(open.withAlarm(level.equals("escalated")));
                }
            }
            default -> {
            }
        }
    }

    /**
     * SR-21's time inverted: the inversion in progress counts from its start, each checkpoint (every 10 s)
     * replacing the one before, so the saved session holds the time inverted so far when the power is cut
     * (issue 14); its end sets the final length.
     */
    private void inverted(JsonNode b) {
        if (open == null || !open.clientId().equals(b.path("client").asText())) {
            return;
        }
        String event = b.path("event").asText();
        if (event.equals("started") || !inInversion) {
            invertedBeforeS = open.invertedS();
            longestBeforeS = open.longestInvertedS();
            inInversion = true;
        }
        if (event.equals("checkpoint") || event.equals("ended")) {
            double s = b.path("seconds").asDouble(Double.NaN);
            if (s >= 0) {
                s = Math.min(s, SessionRecord.MAX_AT_S);
                SessionRecord o = open;
                change(new SessionRecord(o.clientId(), o.number(), o.startedAt(), o.ended(), o.aims(), o.holds(),
                        o.stops(), o.notes(), Math.min(SessionRecord.MAX_AT_S, invertedBeforeS + s),
                        Math.max(longestBeforeS, s), o.alarms(), o.escalations(), o.dropped()));
            }
        }
        if (event.equals("ended")) {
            inInversion = false;
        }
    }

    private void program(JsonNode b, Item i) {
        if (open == null) {
            return;
        }
        switch (b.path("event").asText()) {
            case "hold" -> {
                SpineSegment s = SpineSegment.find(b.path("segment").asText()).orElse(null);
                if (s == null) {
                    return;
                }
                double heldS = b.path("heldS").asDouble();
                double atS = Math.max(0, atS(i) - heldS);
                double strap = b.path("strapHeightMm").isNumber() ? b.path("strapHeightMm").asDouble() : Double.NaN;
                try {
                    change(open.withHold(new SessionRecord.Hold(atS, s, b.path("repetition").asInt(),
                            b.path("repetitions").asInt(), b.path("holdS").asDouble(), heldS, strap)));
                } catch (IllegalArgumentException e) {
                    log.warn("session history: a hold not kept: {}", e.getMessage());
                }
            }
            case "paused" -> stop("program paused: " + b.path("why").asText(), b.path("why").asText(), i);
            case "end" -> {
                String why = b.path("why").asText();
                if (!why.startsWith("all ")) { // "all 3 repetitions done" is no stop
                    stop("program ended: " + why, why, i);
                }
            }
            default -> {
            }
        }
    }

    private void stop(String why, Item i) {
        stop(why, why, i);
    }

    /**
     * One stop, once: a STOP ends the program ("program ended: STOP from ...") and is journalled as a stop
     * ("STOP from ..."); the same {@code cause} again within {@link #SAME_STOP_NANOS} is that same stop.
     *
     * @param why the stop as the history says it
     * @param cause what caused it, to recognise the same stop journalled twice
     */
    private void stop(String why, String cause, Item i) {
        if (open == null || why.isBlank()) {
            return;
        }
        if (cause.equals(lastStopWhy) && i.atNanos() - lastStopNanos < SAME_STOP_NANOS) {
            return;
        }
        lastStopWhy = cause;
        lastStopNanos = i.atNanos();
        change(open.withStop(new SessionRecord.Stop(atS(i), why)));
    }

    private void noteItem(Item i) {
        if (open == null || !open.clientId().equals(i.client())) {
            // the controller takes a note only while its client is attached, and the attach came first in the queue
            journal.record(KIND, Json.of("event", "note-lost", "client", i.client(), "why",
                    "no open session of this client in the history"));
            return;
        }
        change(open.withNote(new SessionRecord.Note(atS(i), Instant.ofEpochMilli(i.wallMs()), i.panel(), i.text())));
    }

    private void begin(String clientId, Item i) {
        int number;
        List<SessionRecord> before;
        try {
            number = store.nextNumber(clientId);
            before = store.latest(clientId, PANEL_SESSIONS - 1);
        } catch (IOException | IllegalArgumentException e) {
            journal.record(KIND, Json.of("event", "unreadable", "client", clientId, "error", e.toString()));
            number = 1;
            before = List.of();
        }
        earlier.clear();
        earlier.addAll(before);
        open = SessionRecord.open(clientId, number, Instant.ofEpochMilli(i.wallMs()));
        openedAtNanos = i.atNanos();
        lastStopWhy = null;
        inInversion = false;
        dirty = true;
        viewChanged = true;
    }

    private void end(Item i, String why) {
        if (open == null || why == null) {
            return;
        }
        SessionRecord ended = open.ended(new SessionRecord.Ending(Instant.ofEpochMilli(i.wallMs()), why));
        open = null;
        earlier.clear();
        dirty = false;
        if (!save(ended)) {
            pendingSave = ended; // saved at the next flush
        }
        viewChanged = true;
    }

    /** A session that ended but could not be saved yet; saved at the next flush. */
    private SessionRecord pendingSave;
    /** The panels' view must be made again. */
    private boolean viewChanged;

    private void change(SessionRecord updated) {
        open = updated;
        dirty = true;
        viewChanged = true;
    }

    private double atS(Item i) {
        return Math.min(SessionRecord.MAX_AT_S, Math.max(0, (i.atNanos() - openedAtNanos) / 1e9));
    }

    /** Saves what changed (atomically); a failure is journalled once and retried at the next flush. */
    private void flush() {
        if (pendingSave != null && save(pendingSave)) {
            pendingSave = null;
        }
        if (dirty && open != null && save(open)) {
            dirty = false;
        }
        if (dirty || viewChanged) {
            viewChanged = false;
            publish();
        }
    }

    private boolean save(SessionRecord s) {
        try {
            store.save(s);
            if (saveFailing) {
                saveFailing = false;
                journal.record(KIND, Json.of("event", "saved", "client", s.clientId(), "what",
                        "the session history is saved again"));
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (!saveFailing) {
                saveFailing = true;
                log.error("session history of client {} not saved: {}", s.clientId(), e.toString());
                journal.record(KIND, Json.of("event", "save-failed", "client", s.clientId(), "error", e.toString(),
                        "what", "kept in memory and saved again at the next change"));
            }
            return false;
        }
    }

    private void publish() {
        List<SessionRecord> sessions = new ArrayList<>();
        if (open != null) {
            sessions.addAll(earlier);
            sessions.add(open);
        }
        view = new View(open == null ? null : open.clientId(), sessions.subList(Math.max(0, sessions.size() - PANEL_SESSIONS), sessions.size()),
                ++version);
    }

    /** Stops the thread after everything queued is processed and saved. Idempotent. */
    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(2_000); // never interrupted: an interrupt would close a file channel mid-save
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            drain();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SessionRecorder[%s, %d queued]", store.directory(), queued.get());
    }
}
