package com.lianarig.tools.journal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RopeConfig;
import com.lianarig.config.rig.WinchConfig;
import com.lianarig.controller.journal.JournalRecord;
import com.lianarig.tools.BadInputException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rig journal maintenance}: brake cycles per winch, hours under load per rope, calibration age per channel. */
@Command(name = "maintenance",
        mixinStandardHelpOptions = true,
        versionProvider = com.lianarig.tools.RigVersion.class,
        sortOptions = false,
        description = {
            "Maintenance counters: brake cycles per winch (each brake release for a motion is one cycle), hours"
                    + " under load per rope (time with more than 10 kg on it, until it falls below 5 kg), from the"
                    + " journal; and the age of every load channel's calibration, from the calibration store.",
            "The journal is bounded (journal.maxBytes): the counts cover the records it still holds, from the"
                    + " first one shown.",
        })
public final class JournalMaintenanceCommand extends JournalSubcommand {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json (one object).")
    String format;

    /** The counters, by winch, rope and channel in the rig file's order. */
    record Counters(Map<String, Integer> brakeCycles, Map<String, JournalAnalysis.RopeLoad> ropeLoads,
            List<CalibrationAges.Entry> calibrations, JournalRecord first, JournalRecord last, long records) {
    }

    /** Reads the journal and the calibration store. */
    static Counters count(RigConfig rig, Instant now) throws BadInputException {
        JournalSource source = JournalSource.of(rig);
        JournalAnalysis analysis = new JournalAnalysis();
        source.forEach(analysis::accept);
        analysis.finish();
        Map<String, Integer> brakes = new LinkedHashMap<>();
        for (WinchConfig w : rig.winches()) {
            brakes.put(w.id(), analysis.brakeCycles().getOrDefault(w.id(), 0));
        }
        analysis.brakeCycles().forEach(brakes::putIfAbsent);
        Map<String, JournalAnalysis.RopeLoad> loads = new LinkedHashMap<>();
        for (RopeConfig r : rig.ropes()) {
            loads.put(r.id(), analysis.ropeLoads().getOrDefault(r.id(), new JournalAnalysis.RopeLoad(r.id(), Duration.ZERO,
                    0, false)));
        }
        analysis.ropeLoads().forEach(loads::putIfAbsent);
        return new Counters(brakes, loads, CalibrationAges.of(rig, now), analysis.first().orElse(null),
                analysis.last().orElse(null), analysis.records());
    }

    @Override
    void report(PrintWriter out) throws BadInputException {
        boolean json = wantsJson(format, "maintenance is");
        Counters c = count(rig(), clock.instant());
        if (json) {
            out.println(json(c));
        } else {
            print(out, c);
        }
    }

    private void print(PrintWriter out, Counters c) {
        if (c.first() == null) {
            out.println("The journal holds no record yet.");
        } else {
            out.printf(Locale.ROOT, "Journal: %d records, %s to %s (the journal is bounded: the counts cover these records).%n",
                    c.records(), LOCAL.format(Instant.ofEpochMilli(c.first().wallTimeMs()).atZone(clock.getZone())),
                    LOCAL.format(Instant.ofEpochMilli(c.last().wallTimeMs()).atZone(clock.getZone())));
        }
        out.println();
        out.println("Brake cycles (releases for motion)");
        c.brakeCycles().forEach((w, n) -> out.printf(Locale.ROOT, "  %-20s %8d%n", w, n));
        out.println();
        out.println("Hours under load (> 10 kg)");
        c.ropeLoads().forEach((r, l) -> out.printf(Locale.ROOT, "  %-20s %8s h  %5d loading(s)%s%n", r,
                Durations.hours(l.underLoad()), l.loadings(), l.loadedNow() ? "  (loaded at the last record)" : ""));
        out.println();
        out.println("Calibration age");
        for (CalibrationAges.Entry e : c.calibrations()) {
            if (e.current().isPresent()) {
                out.printf(Locale.ROOT, "  %-20s %-20s %5d days  (%s, by %s)%n", e.rope(), e.channel(),
                        e.age().orElseThrow().toDays(), LOCAL.format(e.current().get().at().atZone(clock.getZone())),
                        e.current().get().technician());
            } else {
                out.printf(Locale.ROOT, "  %-20s %-20s NOT CALIBRATED: %s%n", e.rope(), e.channel(), e.missingReason());
            }
        }
    }

    private static String json(Counters c) {
        ObjectNode o = Bodies.MAPPER.createObjectNode();
        if (c.first() != null) {
            o.put("firstRecordTime", Instant.ofEpochMilli(c.first().wallTimeMs()).toString());
            o.put("lastRecordTime", Instant.ofEpochMilli(c.last().wallTimeMs()).toString());
        }
        o.put("records", c.records());
        ObjectNode brakes = o.putObject("brakeCycles");
        c.brakeCycles().forEach(brakes::put);
        ObjectNode hours = o.putObject("hoursUnderLoad");
        c.ropeLoads().forEach((r, l) -> hours.put(r, l.underLoad().toMillis() / 3_600_000.0));
        ObjectNode cal = o.putObject("calibrationAgeDays");
        for (CalibrationAges.Entry e : c.calibrations()) {
            if (e.age().isPresent()) {
                cal.put(e.rope(), e.age().get().toMillis() / 86_400_000.0);
            } else {
                cal.putNull(e.rope());
            }
        }
        return o.toString();
    }
}
