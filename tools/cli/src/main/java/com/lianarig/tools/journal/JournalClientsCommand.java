package com.lianarig.tools.journal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.tools.BadInputException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rig journal clients}: every client's stays on the rig, from the journal. */
@Command(name = "clients",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Per-client session history from the journal: when each client was attached and detached, how long,"
                    + " the time under load (hanging), the segments aimed at, the programs run, the faults meanwhile.",
            "Clients appear by their opaque id only. Durations come from the service's monotonic clock; a stay"
                    + " the service ended (stop, crash, power cut) ends at the service's last record.",
        })
public final class JournalClientsCommand implements Callable<Integer> {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final Map<String, String> env;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    @ParentCommand
    JournalCommand parent;

    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(names = "--client", paramLabel = "ID", description = "Only this client.")
    String client;

    @Option(names = "--since", paramLabel = "TIME", description = "Only stays that began at or after TIME (as rig journal --since).")
    String since;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json (one object per stay).")
    String format;

    public JournalClientsCommand() {
        this(System.getenv(), Clock.systemDefaultZone());
    }

    JournalClientsCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        try {
            RecordFormat fmt = JournalCommand.format(format);
            if (fmt == RecordFormat.CSV) {
                throw new BadInputException("--format csv is for records; clients are text or json");
            }
            ConfigOption option = config.file == null && parent != null ? parent.config : config;
            JournalSource source = JournalSource.of(option.load(env).rig());
            Instant from = since == null ? null : TimeBound.parse(since, clock.instant(), clock.getZone());
            JournalAnalysis analysis = new JournalAnalysis();
            source.forEach(analysis::accept);
            analysis.finish();
            List<JournalAnalysis.Visit> visits = analysis.visits().stream()
                    .filter(v -> client == null || v.client().equals(client))
                    .filter(v -> from == null || !v.attached().isBefore(from))
                    .toList();
            PrintWriter out = spec.commandLine().getOut();
            if (fmt == RecordFormat.JSON) {
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
            return 0;
        } catch (BadInputException e) {
            spec.commandLine().getErr().println("rig journal clients: " + e.getMessage());
            return 2;
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
