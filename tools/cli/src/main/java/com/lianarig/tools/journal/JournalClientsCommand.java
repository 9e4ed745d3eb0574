package com.lianarig.tools.journal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.tools.BadInputException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rig journal clients}: every client's stays on the rig, from the journal. */
@Command(name = "clients",
        mixinStandardHelpOptions = true,
        versionProvider = com.lianarig.tools.RigVersion.class,
        sortOptions = false,
        description = {
            "Per-client session history from the journal: when each client was attached and detached, how long,"
                    + " the time under load (hanging), the segments aimed at, the programs run, the faults meanwhile.",
            "Clients appear by their opaque id only. Durations come from the service's monotonic clock; a stay"
                    + " the service ended (stop, crash, power cut) ends at the service's last record.",
        })
public final class JournalClientsCommand extends JournalSubcommand {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @Option(names = "--client", paramLabel = "ID", description = "Only this client.")
    String client;

    @Option(names = "--since", paramLabel = "TIME", description = "Only stays that began at or after TIME (as rig journal --since).")
    String since;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json (one object per stay).")
    String format;

    @Override
    void report(PrintWriter out) throws BadInputException {
        boolean json = wantsJson(format, "clients are");
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
}
