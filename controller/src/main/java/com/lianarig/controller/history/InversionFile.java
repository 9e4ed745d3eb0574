package com.lianarig.controller.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.store.AtomicFiles;
import com.lianarig.config.store.FileOps;
import com.lianarig.controller.core.CutInversion;
import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.core.InversionSink;
import com.lianarig.controller.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SR-21 across a restart (issue 14): the inversion in progress, kept in one small file in the data
 * directory ({@value #NAME}) so that the service started after a power cut, a kill or a stop finds the
 * client it left hanging inverted and goes on counting ({@link CutInversion}).
 *
 * <p>A file of its own, not the journal: the start-up reads one file of ~100 bytes instead of scanning
 * the journal's tail, and the client's body mass (personal data: the journal is published to studio
 * systems) never leaves the rig. The journal still says the same in words ({@code inverted} records:
 * started, checkpoint, resumed, ended).
 *
 * <p>Written while a client hangs inverted only: at the start, every 10 s
 * ({@code InvertedAlarm.CHECKPOINT_NANOS}), deleted at the end; each write atomic and durable
 * ({@link AtomicFiles}: a power cut leaves the previous content or the new one). The control thread hands
 * the newest state over ({@link #inverted}, {@link #ended}) and never waits: this class's own
 * normal-priority thread ({@code inversion-file}) writes it, the newest state replacing one not written
 * yet. Content: {@code {"format":1,"client":"c-0042","massKg":70.0,"invertedS":100.0}}; no date, since the
 * wall clock may be untrusted after a power cut (the Pi has no RTC): only the duration counts.
 */
public final class InversionFile implements InversionSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InversionFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The file's name in the data directory. */
    public static final String NAME = "inverted.json";
    /** The only format this build writes and reads. */
    static final int FORMAT = 1;
    /** Longest client id kept (profiles' ids are far shorter). */
    static final int MAX_ID_CHARS = 128;
    /** Longer than any state this build writes: a bigger file is not ours. */
    static final int MAX_BYTES = 1024;
    private static final long POLL_MS = 200;
    private static final Object ENDED = new Object();

    private record State(String clientId, double massKg, double invertedS) {
    }

    private final Path file;
    private final AtomicFiles files;
    private final EventLog journal;
    /** The newest state not written yet: a {@link State}, {@link #ENDED}, or null when there is none. */
    private final AtomicReference<Object> pending = new AtomicReference<>();
    private volatile boolean closed;
    private Thread thread;
    private volatile boolean failing;

    /**
     * @param file where the state is kept ({@code <dataDir>/}{@value #NAME})
     * @param ops the file operations
     * @param journal where a failing write is said (once, and when it works again)
     */
    public InversionFile(Path file, FileOps ops, EventLog journal) {
        this.file = file;
        this.files = new AtomicFiles(ops);
        this.journal = journal;
    }

    /**
     * The inversion the previous run left open, if any. A file that cannot be read or makes no sense is
     * journalled in plain words (kind {@code inverted}, event {@code unreadable}) and read as none: the
     * trainer is told, nothing moves.
     */
    public Optional<CutInversion> load() {
        try {
            if (!files.ops().exists(file)) {
                return Optional.empty();
            }
            byte[] bytes = files.ops().read(file);
            return Optional.of(parse(bytes));
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            log.error("{}: the inversion left open by the previous run cannot be read: {}", file, why);
            journal.record("inverted", Json.of("event", "unreadable", "file", file.toString(), "error", why, "what",
                    "SR-21 cannot tell whether a client was left hanging inverted before the restart: look at the rig"));
            return Optional.empty();
        }
    }

    /** The state in {@code bytes}; IllegalArgumentException naming what is wrong. */
    static CutInversion parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("the file has " + bytes.length + " bytes, more than the " + MAX_BYTES
                    + " an inversion takes");
        }
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the file is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the file is not JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("the file is not a JSON object");
        }
        if (!n.path("format").isInt() || n.path("format").asInt() != FORMAT) {
            throw new IllegalArgumentException("format must be " + FORMAT + ", not " + n.path("format"));
        }
        JsonNode client = n.path("client");
        if (!client.isTextual() || client.asText().isBlank() || client.asText().length() > MAX_ID_CHARS) {
            throw new IllegalArgumentException("client must be a client id of 1.." + MAX_ID_CHARS + " characters");
        }
        if (!n.path("massKg").isNumber() || !n.path("invertedS").isNumber()) {
            throw new IllegalArgumentException("massKg and invertedS must be numbers");
        }
        return new CutInversion(client.asText(), n.path("massKg").asDouble(), n.path("invertedS").asDouble());
    }

    /** Control thread: the client hangs inverted, so far for {@code invertedS}. Never waits. */
    @Override
    public void inverted(String clientId, double massKg, double invertedS) {
        hand(new State(clientId, massKg, invertedS));
    }

    /** Control thread: no inversion goes on. Never waits. */
    @Override
    public void ended() {
        hand(ENDED);
    }

    private void hand(Object state) {
        pending.set(state);
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Starts the writer thread. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        Thread t = new Thread(this::run, "inversion-file");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void run() {
        boolean last = false;
        while (!last) {
            last = closed; // one more round after close: the last state handed over is written
            if (pending.get() == null || failing) { // a failing disk is retried every round, not in a spin
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
            }
            try {
                flush();
            } catch (RuntimeException e) {
                log.error("inversion file: {}", e.toString(), e); // never end the thread
            }
        }
    }

    /** Writes the newest state handed over, on the caller's thread (the writer thread; tests on a stepped clock). */
    public synchronized void flush() {
        Object s = pending.getAndSet(null);
        if (s == null) {
            return;
        }
        try {
            if (s == ENDED) {
                files.ops().deleteIfExists(file);
                files.ops().forceDirectory(file.toAbsolutePath().getParent());
            } else {
                State st = (State) s;
                files.write(file, String.format(Locale.ROOT, "{\"format\":%d,\"client\":%s,\"massKg\":%.3f,"
                        + "\"invertedS\":%.1f}", FORMAT, JSON.writeValueAsString(st.clientId()), st.massKg(),
                        st.invertedS()).getBytes(StandardCharsets.UTF_8));
            }
            if (failing) {
                failing = false;
                journal.record("inverted", Json.of("event", "file-saved", "what",
                        "the time inverted is made durable again"));
            }
        } catch (IOException | RuntimeException e) {
            pending.compareAndSet(null, s); // retried at the next round, unless a newer state came
            if (!failing) {
                failing = true;
                log.error("{}: the time inverted cannot be made durable: {}", file, e.toString());
                journal.record("inverted", Json.of("event", "file-failed", "file", file.toString(), "error",
                        e.toString(), "what", "after a restart SR-21 would count this inversion from 0"));
            }
        }
    }

    /** Writes what was handed over last and stops the thread. Idempotent. */
    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2_000); // never interrupted: an interrupt would close a file channel mid-write
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            flush();
        }
    }
}
