package com.lianarig.tools.journal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.journal.JournalRecord;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rig journal} on journals written by the real {@link Journal}, read while the service still has it open. */
class JournalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = JournalFixture.T0.plusSeconds(7200);

    @TempDir
    Path dir;

    @Test
    void readingWhileTheServiceRunsChangesNothingAndMissesNoDurableRecord() throws Exception {
        try (JournalFixture f = new JournalFixture(dir).writeTwoSessions()) {
            Path journalDir = f.rig.journal().path().getParent();
            Map<String, Long> before = sizes(journalDir);
            JournalFixture.Run run = f.run(NOW, "--config", f.rigFile.toString(), "--format", "csv");
            List<JournalRecord> held = f.running.read(1, Long.MAX_VALUE);
            List<List<String>> rows = csv(run.out());
            assertAll(
                    () -> assertEquals(0, run.exitCode(), run.toString()),
                    () -> assertEquals(before, sizes(journalDir), "no file written, cut or added"),
                    () -> assertEquals(held.size() + 1, rows.size(), "every durable record, after the header"),
                    () -> assertEquals(0, f.running.stats().corruptTailsTruncated()));
            // the writer goes on as before
            long seq = f.running.append("state", "{\"to\":\"READY\"}");
            assertTrue(f.running.awaitDurable(seq, Duration.ofSeconds(5)));
            assertEquals(seq, held.get(held.size() - 1).seq() + 1, "numbering undisturbed");
        }
    }

    @Test
    void csvExportParsesBackToTheRecords() throws Exception {
        try (JournalFixture f = new JournalFixture(dir).writeTwoSessions()) {
            Path file = dir.resolve("out.csv");
            JournalFixture.Run run = f.run(NOW, "--config", f.rigFile.toString(), "--format", "csv", "--output",
                    file.toString());
            List<List<String>> rows = csv(Files.readString(file));
            List<JournalRecord> held = f.running.read(1, Long.MAX_VALUE);
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(List.of(RecordFormat.CSV_HEADER.split(",")), rows.get(0));
            for (int i = 0; i < held.size(); i++) {
                JournalRecord r = held.get(i);
                List<String> row = rows.get(i + 1);
                assertEquals(List.of(String.valueOf(r.seq()), Instant.ofEpochMilli(r.wallTimeMs()).toString(),
                        String.valueOf(r.wallTimeMs()), String.valueOf(r.monoNanos()), String.valueOf(r.session()),
                        r.kind(), r.body()), row, "record " + r.seq());
            }
            assertTrue(run.err().contains(held.size() + " of " + held.size() + " records written to " + file), run.err());
        }
    }

    @Test
    void jsonLinesCarryTheBodyAsAnObject() throws Exception {
        try (JournalFixture f = new JournalFixture(dir).writeTwoSessions()) {
            JournalFixture.Run run = f.run(NOW, "--config", f.rigFile.toString(), "--format", "json", "--kind", "fault");
            List<String> lines = run.out().lines().toList();
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(1, lines.size(), run.toString());
            JsonNode fault = JSON.readTree(lines.get(0));
            assertAll(
                    () -> assertEquals("fault", fault.get("kind").asText()),
                    () -> assertEquals(1, fault.get("session").asInt()),
                    () -> assertEquals("SR-7", fault.get("body").get("rule").asText()),
                    () -> assertEquals("pair, imbalance \"left\" 35 %", fault.get("body").get("cause").asText()),
                    () -> assertEquals(JournalFixture.T0.plusSeconds(60).toString(), fault.get("time").asText()));
        }
    }

    @Test
    void filtersByTimeKindSessionAndClient() throws Exception {
        try (JournalFixture f = new JournalFixture(dir).writeTwoSessions()) {
            String cfg = f.rigFile.toString();
            List<JsonNode> session2 = json(f.run(NOW, "--config", cfg, "--format", "json", "--session", "2"));
            List<JsonNode> since = json(f.run(NOW, "--config", cfg, "--format", "json", "--since", "2026-11-20T08:30:00Z"));
            List<JsonNode> relative = json(f.run(NOW, "--config", cfg, "--format", "json", "--since", "90m"));
            List<JsonNode> until = json(f.run(NOW, "--config", cfg, "--format", "json", "--until", "2026-11-20T08:00:06Z"));
            List<JsonNode> kinds = json(f.run(NOW, "--config", cfg, "--format", "json", "--kind", "brake,client",
                    "--kind", "fault"));
            List<JsonNode> c1 = json(f.run(NOW, "--config", cfg, "--format", "json", "--client", "c-1"));
            assertAll(
                    () -> assertEquals(List.of("journal.open", "client", "rope-load", "brake"), kindsOf(session2)),
                    () -> assertEquals(kindsOf(session2), kindsOf(since)),
                    () -> assertEquals(kindsOf(session2), kindsOf(relative), "90m before 10:00 is 08:30"),
                    () -> assertEquals(List.of("journal.open", "service", "client", "state", "rope-load", "rope-load"),
                            kindsOf(until)),
                    () -> assertEquals(List.of("client", "brake", "brake", "fault", "client", "client", "brake"),
                            kindsOf(kinds)),
                    () -> assertEquals("client", c1.get(0).get("kind").asText()),
                    () -> assertEquals("detached", c1.get(c1.size() - 1).get("body").get("event").asText()),
                    () -> assertEquals(13, c1.size(), "attach to detach, both included"),
                    () -> assertTrue(c1.stream().allMatch(n -> n.get("session").asInt() == 1)));
        }
    }

    @Test
    void textIsOneReadableLinePerRecord() throws Exception {
        try (JournalFixture f = new JournalFixture(dir).writeTwoSessions()) {
            JournalFixture.Run run = f.run(NOW, "--config", f.rigFile.toString(), "--kind", "fault,aim");
            List<String> lines = run.out().lines().toList();
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(List.of(
                    "2026-11-20 08:00:07.000  #9      s1   aim             segment=L4-L5 heightMm=812.5 client=c-1",
                    "2026-11-20 08:01:00.000  #12     s1   fault           rule=SR-7 cause=\"pair, imbalance \\\"left\\\" 35 %\""
                            + " stop=\"category 1\" resetBy=trainer"), lines);
            assertTrue(run.err().contains("2 of 20 records"), run.err());
        }
    }

    @Test
    void badInputIsOneLineAndExitCode2() throws Exception {
        try (JournalFixture f = new JournalFixture(dir).writeTwoSessions()) {
            JournalFixture.Run badTime = f.run(NOW, "--config", f.rigFile.toString(), "--since", "last tuesday");
            JournalFixture.Run badFormat = f.run(NOW, "--config", f.rigFile.toString(), "--format", "xml");
            JournalFixture.Run noRig = f.run(NOW, "--config", dir.resolve("nope.yaml").toString());
            assertAll(
                    () -> assertEquals(2, badTime.exitCode()),
                    () -> assertTrue(badTime.err().startsWith("rig journal: \"last tuesday\" is not a time"), badTime.err()),
                    () -> assertEquals(2, badFormat.exitCode()),
                    () -> assertTrue(badFormat.err().contains("--format xml is not one of text, csv, json"), badFormat.err()),
                    () -> assertEquals(2, noRig.exitCode()),
                    () -> assertTrue(noRig.err().contains("does not exist"), noRig.err()),
                    () -> assertEquals(1, badTime.err().lines().count(), "no stack trace"));
        }
    }

    @Test
    void noJournalYetSaysSo() throws Exception {
        JournalFixture f = new JournalFixture(dir);
        JournalFixture.Run run = f.run(NOW, "--config", f.rigFile.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("the service has not run with this rig file yet"), run.err());
    }

    static List<JsonNode> json(JournalFixture.Run run) throws Exception {
        assertEquals(0, run.exitCode(), run.toString());
        List<JsonNode> out = new ArrayList<>();
        for (String l : run.out().lines().toList()) {
            out.add(JSON.readTree(l));
        }
        return out;
    }

    static List<String> kindsOf(List<JsonNode> records) {
        return records.stream().map(n -> n.get("kind").asText()).toList();
    }

    private static Map<String, Long> sizes(Path dir) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                out.put(p.getFileName().toString(), Files.size(p));
            }
        }
        return out;
    }

    /** RFC 4180 CSV: quoted fields with doubled quotes, commas and line breaks inside quotes. */
    static List<List<String>> csv(String text) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        StringReader in = new StringReader(text);
        boolean quoted = false;
        int c;
        while ((c = in.read()) >= 0) {
            if (quoted) {
                if (c == '"') {
                    in.mark(1);
                    int n = in.read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        in.reset();
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append((char) c);
            }
        }
        return rows;
    }
}
