package com.lianarig.tools.journal;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.controller.core.Json;
import com.lianarig.controller.journal.Journal;
import com.lianarig.tools.ExampleRigFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;

/**
 * A rig file (the example's, data in a test directory) and its journal written by the real
 * {@link Journal} on a clock the test steps: two sessions of the service, as the controller writes
 * them (kinds and bodies from {@code core.Json.of}).
 */
final class JournalFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    static final long MONO0 = 5_000_000_000_000L;

    final Path rigFile;
    final RigConfig rig;
    final AtomicLong wallMs = new AtomicLong(T0.toEpochMilli());
    final AtomicLong monoNanos = new AtomicLong(MONO0);
    /** The second session's journal, left open: the service is still running. */
    Journal running;

    JournalFixture(Path dir) throws Exception {
        rigFile = dir.resolve("rig.yaml");
        Files.writeString(rigFile, Files.readString(ExampleRigFile.find()) + "\npaths:\n  dataDir: " + dir.resolve("data") + "\n");
        rig = new RigConfigLoader(Map.of()).load(rigFile);
    }

    /** Session 1: client c-1 (a program on L4-L5, an SR-7 fault, 60 s on both leg ropes); session 2 left open. */
    JournalFixture writeTwoSessions() throws Exception {
        try (Journal j = open()) {
            at(j, 0, "service", Json.of("event", "start", "simulated", true));
            at(j, 1, "client", Json.of("event", "attached", "client", "c-1"));
            at(j, 1, "state", Json.of("from", "HOLDING", "to", "ATTACHING", "reason", "strapping in client c-1"));
            at(j, 5, "rope-load", Json.of("rope", "left-leg", "loaded", true, "loadN", 120.0));
            at(j, 5, "rope-load", Json.of("rope", "right-leg", "loaded", true, "loadN", 118.5));
            at(j, 6, "brake", Json.of("event", "release", "winch", "left-leg-winch"));
            at(j, 6, "brake", Json.of("event", "release", "winch", "right-leg-winch"));
            at(j, 7, "aim", Json.of("segment", "L4-L5", "heightMm", 812.5, "client", "c-1"));
            at(j, 8, "command", Json.of("command", "program-start", "panel", "trainer-tablet", "accepted", true,
                    "refusal", null, "detail", "program started: 3 repetitions, first hold 3.0 s"));
            at(j, 9, "command", Json.of("command", "program-start", "panel", "trainer-tablet", "accepted", false,
                    "refusal", "WRONG_STATE", "detail", "a program starts from READY, not PROGRAM"));
            at(j, 60, "fault", Json.of("rule", "SR-7", "cause", "pair, imbalance \"left\" 35 %", "stop", "category 1",
                    "resetBy", "trainer"));
            at(j, 65, "rope-load", Json.of("rope", "left-leg", "loaded", false, "loadN", 40.0));
            at(j, 65, "rope-load", Json.of("rope", "right-leg", "loaded", false, "loadN", 41.0));
            at(j, 70, "client", Json.of("event", "detached", "client", "c-1"));
            at(j, 80, "service", Json.of("event", "stop", "braked", true, "mode", "HOLDING"));
            j.flush(Duration.ofSeconds(5));
        }
        wallMs.set(T0.plusSeconds(3600).toEpochMilli());
        monoNanos.set(MONO0 + 9_000_000_000_000L); // another boot: mono times of two sessions are not comparable
        running = open();
        at(running, 1, "client", Json.of("event", "attached", "client", "c-2"));
        at(running, 10, "rope-load", Json.of("rope", "left-leg", "loaded", true, "loadN", 300.0));
        at(running, 15, "brake", Json.of("event", "release", "winch", "left-loop-winch"));
        running.flush(Duration.ofSeconds(5));
        return this;
    }

    Journal open() throws IOException {
        return Journal.open(rig.journal(), wallMs::get, monoNanos::get);
    }

    /** Appends at {@code s} seconds after the session's first time (clocks only move forward). */
    private final AtomicLong sessionStartMs = new AtomicLong(-1);

    void at(Journal j, double s, String kind, String body) {
        if (sessionStartMs.get() < 0 || j != lastJournal) {
            sessionStartMs.set(wallMs.get());
            sessionStartMono = monoNanos.get();
            lastJournal = j;
        }
        wallMs.set(sessionStartMs.get() + Math.round(s * 1000));
        monoNanos.set(sessionStartMono + Math.round(s * 1e9));
        if (j.append(kind, body) == Journal.NOT_QUEUED) {
            throw new IllegalStateException("not queued: " + kind);
        }
    }

    private long sessionStartMono;
    private Journal lastJournal;

    /** Runs {@code rig journal ARGS} in-process at {@code now}. */
    Run run(Instant now, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new JournalCommand(Map.of(), Clock.fixed(now, java.time.ZoneOffset.UTC)));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nout:\n" + out + "\nerr:\n" + err;
        }
    }

    @Override
    public void close() {
        if (running != null) {
            running.close();
        }
    }
}
