package com.lianarig.config.profile;

import com.lianarig.config.ConfigException;
import com.lianarig.config.store.AtomicFiles;
import com.lianarig.config.store.FileOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients' session history, kept with their profiles: {@code <profilesDir>/history/<clientId>/
 * session-000003.json}, one file per session ({@link SessionHistoryFormat}), each saved atomically
 * ({@link AtomicFiles}: temporary file, fsync, rename, directory fsync) every time it changes. A power cut
 * at any moment leaves every session either as it was or as it became, whole; the session that was open
 * is closed at the next start ({@link #closeOpenSessions}).
 *
 * <p>Saving rewrites only the session that changed (a few kB), never the whole history. A file that
 * cannot be read is reported by {@link #sessions} and skipped, never deleted: the others are still
 * read.
 *
 * <p>One writer at a time: the methods are synchronised within a process; readers in other processes
 * ({@code rig journal clients}) see whole files only.
 */
public final class SessionHistoryStore {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHistoryStore.class);
    private static final Pattern FILE = Pattern.compile("session-(\\d{6})\\.json");

    private final Path dir;
    private final AtomicFiles files;

    /**
     * @param profilesDir the profiles directory (the history lives in its {@code history} subdirectory,
     *     created on the first save)
     */
    public SessionHistoryStore(Path profilesDir, FileOps ops) {
        this.dir = profilesDir.toAbsolutePath().resolve("history");
        this.files = new AtomicFiles(ops);
    }

    /** The history's directory. */
    public Path directory() {
        return dir;
    }

    private Path clientDir(String clientId) {
        if (!ClientProfile.ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("\"" + clientId + "\" is not a profile id");
        }
        return dir.resolve(clientId);
    }

    /** The file of one session. */
    public Path fileOf(String clientId, int number) {
        return clientDir(clientId).resolve(String.format(Locale.ROOT, "session-%06d.json", number));
    }

    /** Saves a session atomically, replacing its previous state. */
    public synchronized void save(SessionRecord session) throws IOException {
        Path file = fileOf(session.clientId(), session.number());
        files.write(file, SessionHistoryFormat.write(session));
    }

    /** The number the client's next session gets: one above the highest on record (1 for the first). */
    public synchronized int nextNumber(String clientId) throws IOException {
        int max = 0;
        for (Path p : files.ops().list(clientDir(clientId))) {
            Matcher m = FILE.matcher(p.getFileName().toString());
            if (m.matches()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        if (max >= SessionRecord.MAX_NUMBER) {
            throw new IOException("client " + clientId + " has " + max + " sessions on record: no number is left");
        }
        return max + 1;
    }

    /** The ids of every client with a session on record, sorted. */
    public synchronized List<String> clients() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(id -> ClientProfile.ID.matcher(id).matches()).sorted().forEach(ids::add);
        }
        return List.copyOf(ids);
    }

    /**
     * What is on record for a client.
     *
     * @param sessions the sessions read, by number
     * @param problems each file that could not be read, and why (it is left in place)
     */
    public record Loaded(List<SessionRecord> sessions, List<String> problems) {
        public Loaded {
            sessions = List.copyOf(sessions);
            problems = List.copyOf(problems);
        }
    }

    /** Every session on record for {@code clientId}, oldest first; unreadable files reported, not thrown. */
    public synchronized Loaded sessions(String clientId) throws IOException {
        List<SessionRecord> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path p : files.ops().list(clientDir(clientId))) {
            Matcher m = FILE.matcher(p.getFileName().toString());
            if (!m.matches()) {
                continue; // temporary files and anything else
            }
            try {
                out.add(SessionHistoryFormat.read(files.ops().read(p), p.toString(), clientId,
                        Integer.parseInt(m.group(1))));
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            } catch (NoSuchFileException e) {
                // deleted meanwhile
            }
        }
        out.sort(Comparator.comparingInt(SessionRecord::number));
        return new Loaded(out, problems);
    }

    /** The client's {@code n} latest sessions, oldest first (unreadable ones skipped). */
    public synchronized List<SessionRecord> latest(String clientId, int n) throws IOException {
        List<SessionRecord> all = sessions(clientId).sessions();
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /**
     * Closes every session still open on record (the service stopped, crashed or lost power while a
     * client was attached), as ended at its last recorded moment, with {@code why}. Unreadable files are
     * left as they are.
     *
     * @return how many were closed
     */
    public synchronized int closeOpenSessions(String why) throws IOException {
        int closed = 0;
        for (String client : clients()) {
            for (SessionRecord s : sessions(client).sessions()) {
                if (s.isOpen()) {
                    save(s.ended(new SessionRecord.Ending(lastMoment(s), why)));
                    closed++;
                }
            }
        }
        if (closed > 0) {
            LOG.info("Closed {} client session(s) left open when the service last stopped", closed);
        }
        return closed;
    }

    /** The latest moment a session recorded anything, wall clock (from its start and its entries' times). */
    static java.time.Instant lastMoment(SessionRecord s) {
        double atS = 0;
        for (SessionRecord.Aim a : s.aims()) {
            atS = Math.max(atS, a.atS());
        }
        for (SessionRecord.Hold h : s.holds()) {
            atS = Math.max(atS, h.atS() + h.heldS());
        }
        for (SessionRecord.Stop x : s.stops()) {
            atS = Math.max(atS, x.atS());
        }
        for (SessionRecord.Note n : s.notes()) {
            atS = Math.max(atS, n.atS());
        }
        return s.startedAt().plusMillis(Math.round(atS * 1000));
    }

    /** Deletes a client's whole history (with the profile: a client's right to be forgotten). */
    public synchronized boolean delete(String clientId) throws IOException {
        Path d = clientDir(clientId);
        List<Path> inside = files.ops().list(d);
        for (Path p : inside) {
            files.ops().deleteIfExists(p);
        }
        boolean had = Files.isDirectory(d);
        if (had) {
            Files.deleteIfExists(d);
            files.ops().forceDirectory(dir);
            LOG.info("Deleted the session history of client {} ({} file(s))", clientId, inside.size());
        }
        return had || !inside.isEmpty();
    }
}
