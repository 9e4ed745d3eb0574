package com.lianarig.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.journal.JournalRecord;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rig run --virtual} in its own JVM, stopped with SIGTERM: the shutdown hook makes the
 * controlled stop (all motion stopped, brakes applied) and journals it before the process exits.
 */
class RunCommandSigtermTest {
    @TempDir
    Path dir;

    @Test
    void sigtermMakesAControlledStopThatIsJournalled() throws Exception {
        Path rigFile = dir.resolve("rig.yaml");
        try (var in = RunCommandSigtermTest.class.getResourceAsStream("/demo/rig.yaml")) {
            // the embedded broker on a free port: never the machine's 1883
            Files.writeString(rigFile, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("port: 1883", "port: " + DemoMqttTest.freePort()));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx192m", "-cp", System.getProperty("java.class.path"),
                "com.lianarig.tools.RigCommand", "run", "--config", rigFile.toString(), "--virtual");
        pb.environment().put("RIG_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("RIG_LOG_LEVEL", "WARN");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("out.txt").toFile());
        Process p = pb.start();
        try {
            RigConfig rig = new RigConfigLoader(Map.of("RIG_DATA_DIR", dir.resolve("data").toString())).load(rigFile);
            Path journalDir = rig.journal().path().getParent();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // running: the journal directory appears and the service has had a moment to reach HOLDING
            while (System.nanoTime() < deadline && !(Files.isDirectory(journalDir) && hasSegment(journalDir))) {
                Thread.sleep(100);
            }
            assertTrue(p.isAlive(), "the service exited early: " + output());
            Thread.sleep(3_000);
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "no exit within 30 s of SIGTERM: " + output());
            List<JournalRecord> records;
            try (Journal j = Journal.open(rig.journal(), System::currentTimeMillis, System::nanoTime)) {
                records = j.read(1, Long.MAX_VALUE);
            }
            List<String> service = records.stream().filter(r -> r.kind().equals("service")).map(JournalRecord::body)
                    .toList();
            assertEquals(2, service.size(), "start and stop journalled: " + service + "\n" + output());
            assertTrue(service.get(1).contains("\"event\":\"stop\"") && service.get(1).contains("\"braked\":true"),
                    service.get(1));
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean hasSegment(Path journalDir) throws Exception {
        try (var s = Files.list(journalDir)) {
            return s.anyMatch(f -> f.getFileName().toString().matches(".*\\.\\d{8}"));
        }
    }

    private String output() {
        try {
            return Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "(no output: " + e + ")";
        }
    }
}
