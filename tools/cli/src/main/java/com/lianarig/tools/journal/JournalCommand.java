package com.lianarig.tools.journal;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.tools.BadInputException;
import com.lianarig.tools.OptionRules;
import com.lianarig.tools.RigFileOption;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rig journal}: views, filters and exports the controller's journal, read-only (safe while the
 * service runs: nothing is locked, written or cut). Subcommands: {@code clients} (per-client session
 * history) and {@code maintenance} (brake cycles, hours under load, calibration age).
 */
@Command(name = "journal",
        mixinStandardHelpOptions = true,
        versionProvider = com.lianarig.tools.RigVersion.class,
        sortOptions = false,
        subcommands = {JournalClientsCommand.class, JournalMaintenanceCommand.class},
        description = {
            "Show the controller's journal (every trip, fault, reset, command decision, state change,"
                    + " calibration use), filtered by time, kind, client or session, as text or exported as CSV"
                    + " or JSON Lines. Read-only: safe while the service runs.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected failure (a bug: please report it with the output)",
            "2:bad usage or input (no rig file, no journal, a bad time)",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  rig journal --since 2h",
            "  rig journal --kind fault --kind stop --since 2026-11-25",
            "  rig journal --client c-0042 --since 7d",
            "  rig journal --format csv --output journal.csv",
            "  rig journal clients",
            "  rig journal maintenance",
            "See docs/operations.md.",
        })
public final class JournalCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    @Mixin
    RigFileOption rigFile = new RigFileOption();

    @Option(names = "--since", paramLabel = "TIME",
            description = "Records at or after TIME: ISO-8601 (2026-11-25T08:30:00Z, 2026-11-25 08:30, 2026-11-25),"
                    + " today, yesterday, or a time before now (90s, 30m, 2h, 7d, 2w).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Records before TIME (same forms as --since).")
    String until;

    @Option(names = "--kind", paramLabel = "KIND", split = ",",
            description = "Only these kinds (repeat or comma-separate): fault, stop, warning, state, command, client,"
                    + " aim, program, alarm, node, brake, rope-load, calibration-use, pre-use-check, service,"
                    + " journal.open, ...")
    List<String> kinds = new ArrayList<>();

    @Option(names = "--client", paramLabel = "ID",
            description = "Only records while this client was attached, and records naming it.")
    String client;

    @Option(names = "--session", paramLabel = "N",
            description = "Only this journal session (one per start of the service), 1 or more.")
    Integer session;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), csv (with a header), or json (JSON Lines: one object per record).")
    String format;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "Write to FILE instead of the standard output.")
    Path output;

    public JournalCommand() {
        this(System.getenv(), Clock.systemDefaultZone());
    }

    JournalCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        try {
            return run();
        } catch (BadInputException e) {
            spec.commandLine().getErr().println("rig journal: " + e.getMessage());
            return 2;
        }
    }

    private int run() throws BadInputException {
        if (session != null) {
            OptionRules.of(spec).atLeast("--session", session, 1, "");
        }
        RecordFormat fmt = format(format);
        ConfigOption.Loaded loaded = ConfigOption.load(rigFile, env);
        RigConfig rig = loaded.rig();
        ZoneId zone = clock.getZone();
        Instant now = clock.instant();
        Instant from = since == null ? null : TimeBound.parse(since, now, zone);
        Instant to = until == null ? null : TimeBound.parse(until, now, zone);
        Set<String> kindSet = new LinkedHashSet<>();
        for (String k : kinds) {
            if (!k.isBlank()) {
                kindSet.add(k.strip().toLowerCase(Locale.ROOT));
            }
        }
        JournalSource source = JournalSource.of(rig);
        List<JournalAnalysis.Visit> visits = null;
        if (client != null) {
            JournalAnalysis analysis = new JournalAnalysis();
            source.forEach(analysis::accept);
            analysis.finish();
            visits = analysis.visits().stream().filter(v -> v.client().equals(client)).toList();
        }
        RecordFilter filter = new RecordFilter(from, to, kindSet, session == null ? 0 : session, visits, client);
        long[] counts = new long[2];
        try (Writer out = open()) {
            fmt.begin(out);
            source.forEach(r -> {
                counts[0]++;
                if (filter.accepts(r)) {
                    counts[1]++;
                    fmt.write(out, r, zone);
                }
            });
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot write " + (output == null ? "the output" : output) + ": " + e.getMessage());
        }
        for (String p : source.problems()) {
            spec.commandLine().getErr().println("rig journal: warning: " + p);
        }
        if (fmt == RecordFormat.TEXT || output != null) {
            spec.commandLine().getErr().println(counts[1] + " of " + counts[0] + " records"
                    + (output == null ? "" : " written to " + output)
                    + (client != null && visits.isEmpty() ? " (client " + client + " has no stay on record)" : ""));
        }
        return 0;
    }

    private Writer open() throws IOException {
        if (output == null) {
            Writer w = spec.commandLine().getOut();
            return new Writer() {
                @Override
                public void write(char[] cbuf, int off, int len) throws IOException {
                    w.write(cbuf, off, len);
                }

                @Override
                public void flush() throws IOException {
                    w.flush();
                }

                @Override
                public void close() throws IOException {
                    w.flush(); // the standard output stays open
                }
            };
        }
        return new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8));
    }

    static RecordFormat format(String text) throws BadInputException {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> RecordFormat.TEXT;
            case "csv" -> RecordFormat.CSV;
            case "json", "jsonl" -> RecordFormat.JSON;
            default -> throw new BadInputException("--format " + text + " is not one of text, csv, json");
        };
    }
}
