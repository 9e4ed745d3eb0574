package com.lianarig.tools.journal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.profile.SessionHistoryFormat;
import com.lianarig.config.profile.SessionHistoryStore;
import com.lianarig.config.profile.SessionRecord;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.tools.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rig journal clients}: every client's stays on the rig, from the journal; with {@code --history},
 * each client's session history as kept with the profiles (SPEC section 5: aims, holds, stops and why, the
 * trainers' notes), which holds personal data and is for the people who look after the client.
 */
@Command(name = "clients",
        mixinStandardHelpOptions = true,
        versionProvider = com.lianarig.tools.RigVersion.class,
        sortOptions = false,
        description = {
            "Per-client session history from the journal: when each client was attached and detached, how long,"
                    + " the time under load (hanging), the segments aimed at, the programs run, the faults meanwhile.",
            "Clients appear by their opaque id only. Durations come from the service's monotonic clock; a stay"
                    + " the service ended (stop, crash, power cut) ends at the service's last record.",
            "--history prints the session history kept with the profiles instead: each session's aims and heights,"
                    + " the program's holds, the stops and why, the time inverted, SR-21's alarms and the trainers'"
                    + " notes (personal data).",
        })
public final class JournalClientsCommand extends JournalSubcommand {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @Option(names = "--client", paramLabel = "ID", description = "Only this client.")
    String client;

    @Option(names = "--since", paramLabel = "TIME", description = "Only stays that began at or after TIME (as rig journal --since).")
    String since;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json (one object per stay).")
    String format;

    @Option(names = "--history", description = "The session history kept with the profiles (paths.profilesDir), with"
            + " the trainers' notes, instead of the stays from the journal.")
    boolean history;

    @Override
    void report(PrintWriter out) throws BadInputException {
        boolean json = wantsJson(format, "clients are");
        if (history) {
            history(out, json);
            return;
        }
        JournalSource source = JournalSource.of(rig());
        Instant from = since == null ? null : TimeBound.parse(since, clock.instant(), clock.getZone());
        JournalAnalysis analysis = new JournalAnalysis();
        source.forEach(analysis::accept);
        analysis.finish();
        List<JournalAnalysis.Visit> visits = analysis.visits().stream()
                .filter(v -> client == null || v.client().equals(client))
                .filter(v -> from == null || !v.attached().isBefore(from))
                .toList();
        if (json) {
            for (JournalAnalysis.Visit v : visits) {
                out.println(json(v));
            }
        } else {
            print(out, visits, clock.getZone());
            if (visits.isEmpty()) {
                out.println("(no client stays on record" + (client == null ? "" : " for client " + client) + ")");
            }
        }
        out.flush();
        for (String p : source.problems()) {
            spec.commandLine().getErr().println("rig journal clients: warning: " + p);
        }
    }

    static void print(PrintWriter out, List<JournalAnalysis.Visit> visits, ZoneId zone) {
        String row = "%-16s %-19s  %-19s  %-9s %-10s %-8s %-18s %s%n";
        out.printf(Locale.ROOT, row, "client", "attached", "ended", "duration", "under load", "programs", "segments aimed",
                "faults / how it ended");
        for (JournalAnalysis.Visit v : visits) {
            String faults = v.faults().isEmpty() ? "none" : v.faults().size() + " (" + String.join(", ", v.faults()) + ")";
            out.printf(Locale.ROOT, row, v.client(), LOCAL.format(v.attached().atZone(zone)),
                    LOCAL.format(v.ended().atZone(zone)), Durations.human(v.duration()), Durations.human(v.underLoad()),
                    v.programs(), v.segments().isEmpty() ? "-" : String.join(",", v.segments()),
                    "faults: " + faults + "; " + v.end());
        }
    }

    static String json(JournalAnalysis.Visit v) {
        ObjectNode o = Bodies.MAPPER.createObjectNode();
        o.put("client", v.client());
        o.put("session", v.session());
        o.put("attached", v.attached().toString());
        o.put("ended", v.ended().toString());
        o.put("end", v.end());
        o.put("durationS", v.duration().toMillis() / 1000.0);
        o.put("underLoadS", v.underLoad().toMillis() / 1000.0);
        ArrayNode segments = o.putArray("segments");
        v.segments().forEach(segments::add);
        o.put("programs", v.programs());
        ArrayNode faults = o.putArray("faults");
        v.faults().forEach(faults::add);
        o.put("firstSeq", v.firstSeq());
        o.put("lastSeq", v.lastSeq());
        return o.toString();
    }

    /** {@code --history}: every session on record (or the client's), oldest first per client. */
    private void history(PrintWriter out, boolean json) throws BadInputException {
        SessionHistoryStore store = new SessionHistoryStore(rig().paths().profilesDir(), new NioFileOps());
        Instant from = since == null ? null : TimeBound.parse(since, clock.instant(), clock.getZone());
        List<SessionRecord> sessions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            for (String id : client == null ? store.clients() : List.of(client)) {
                SessionHistoryStore.Loaded loaded = store.sessions(id);
                loaded.sessions().stream().filter(s -> from == null || !s.startedAt().isBefore(from)).forEach(sessions::add);
                problems.addAll(loaded.problems());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("the session history in " + store.directory() + " cannot be read: " + e.getMessage());
        }
        for (SessionRecord s : sessions) {
            if (json) {
                out.println(SessionHistoryFormat.toJson(s));
            } else {
                printSession(out, s, clock.getZone());
            }
        }
        if (!json && sessions.isEmpty()) {
            out.println("(no session history in " + store.directory() + (client == null ? "" : " for client " + client) + ")");
        }
        out.flush();
        for (String p : problems) {
            spec.commandLine().getErr().println("rig journal clients: warning: " + p);
        }
    }

    static void printSession(PrintWriter out, SessionRecord s, ZoneId zone) {
        String ended = s.ended().map(e -> LOCAL.format(e.at().atZone(zone)) + " (" + e.why() + ")").orElse("open");
        out.printf(Locale.ROOT, "client %s, session %d: %s - %s%n", s.clientId(), s.number(),
                LOCAL.format(s.startedAt().atZone(zone)), ended);
        out.printf(Locale.ROOT, "  inverted %s in all, longest %s; SR-21 alarms %d, escalated %d%s%n",
                seconds(s.invertedS()), seconds(s.longestInvertedS()), s.alarms(), s.escalations(),
                s.dropped() == 0 ? "" : "; " + s.dropped() + " entries not kept (a list was full)");
        // in the order they happened
        List<java.util.Map.Entry<Double, String>> lines = new ArrayList<>();
        for (SessionRecord.Aim a : s.aims()) {
            lines.add(java.util.Map.entry(a.atS(), String.format(Locale.ROOT, "aim   %s %s at %.0f mm", a.exercise().id(),
                    a.segment().id(), a.heightMm())));
        }
        for (SessionRecord.Hold h : s.holds()) {
            lines.add(java.util.Map.entry(h.atS(), String.format(Locale.ROOT, "hold  %s, repetition %d/%d: %.1f s of %.1f s%s",
                    h.segment().id(), h.repetition(), h.repetitions(), h.heldS(), h.holdS(), Double.isNaN(h.strapHeightMm())
                            ? "" : String.format(Locale.ROOT, ", straps at %.0f mm", h.strapHeightMm()))));
        }
        for (SessionRecord.Stop x : s.stops()) {
            lines.add(java.util.Map.entry(x.atS(), "stop  " + x.why()));
        }
        for (SessionRecord.Note n : s.notes()) {
            lines.add(java.util.Map.entry(n.atS(), "note  " + n.panel() + ": " + n.text()));
        }
        lines.sort(java.util.Map.Entry.comparingByKey()); // stable: same time keeps aim, hold, stop, note
        for (java.util.Map.Entry<Double, String> l : lines) {
            out.printf(Locale.ROOT, "  %-8s %s%n", at(l.getKey()), l.getValue());
        }
    }

    private static String seconds(double s) {
        return Durations.human(Duration.ofMillis(Math.round(s * 1000)));
    }

    /** A time within the session: +m:ss. */
    private static String at(double s) {
        long whole = (long) s;
        return String.format(Locale.ROOT, "+%d:%02d", whole / 60, whole % 60);
    }
}
