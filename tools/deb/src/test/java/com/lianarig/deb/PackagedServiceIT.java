package com.lianarig.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as the unit starts it, from the unpacked package: {@code usr/bin/rig run} takes the
 * JVM options of {@code etc/default/liana-rig} and the journal-style logging of
 * {@code etc/liana-rig/logback.xml}; SIGTERM makes the controlled stop and the JVM exits with 143,
 * the status the unit counts as a clean stop (SuccessExitStatus=143). On the virtual rig.
 */
class PackagedServiceIT {
    private static final Path DEB = Path.of(System.getProperty("deb.file", "target/missing.deb"));

    @TempDir
    Path dir;

    @Test
    void serviceRunsWithThePiJvmLogsWithJournalPrioritiesAndStopsCleanlyOnSigterm() throws Exception {
        DebPackageIT.requireTool("dpkg-deb", "dpkg");
        Path root = dir.resolve("root");
        Cmd.run("dpkg-deb", "-x", DEB.toString(), root.toString()).ok("dpkg-deb -x");
        Path rigFile = dir.resolve("rig.yaml");
        String example = Files.readString(Path.of(System.getProperty("deb.src"))
                .resolve("../../../../config/examples/rig.yaml").normalize());
        // the service may host the MQTT broker: on a free port, never on a broker this machine runs on 1883
        assertTrue(example.contains("\n  port: 1883\n"), "the example's mqtt.port");
        Files.writeString(rigFile, example.replace("\n  port: 1883\n", "\n  port: " + freePort() + "\n"));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("usr/bin/rig").toString(), "run", "--config",
                rigFile.toString(), "--virtual").redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("RIG_DATA_DIR", dir.resolve("data").toString());
        // prints the JVM's effective flags on stdout at start
        pb.environment().put("RIG_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        pb.environment().remove("RIG_LOG_LEVEL");
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && p.isAlive() && !read(err).contains("service started")) {
                Thread.sleep(100);
            }
            assertTrue(p.isAlive(), "the service exited early:\n" + read(out) + read(err));
            assertTrue(read(err).contains("service started"), "no start within 60 s:\n" + read(err));
            Thread.sleep(1_000);
            p.destroy(); // SIGTERM, as systemctl stop sends it
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "no exit within the unit's 20 s stop timeout:\n" + read(err));
            assertEquals(143, p.exitValue(), "the unit's SuccessExitStatus:\n" + read(err));
        } finally {
            p.destroyForcibly();
        }

        String flags = read(out);
        // etc/default/liana-rig: -Xms64m -Xmx192m -XX:+UseSerialGC -XX:+AlwaysPreTouch -XX:-UsePerfData
        // -XX:+UnlockDiagnosticVMOptions -XX:GuaranteedSafepointInterval=0 (issue 15)
        for (String flag : List.of("-XX:InitialHeapSize=67108864", "-XX:MaxHeapSize=201326592", "-XX:+UseSerialGC",
                "-XX:+AlwaysPreTouch", "-XX:-UsePerfData", "-XX:GuaranteedSafepointInterval=0")) {
            assertTrue(flags.contains(flag), flag + " not in the service JVM's flags: " + flags);
        }

        List<String> lines = read(err).lines().filter(l -> !l.isBlank()).toList();
        // every log line starts with its syslog priority, which the journal takes as the line's priority
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("<6>INFO ") && l.contains("service started")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("<6>INFO ") && l.contains("controlled stop")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("<6>INFO ") && l.contains("journal")),
                "the durable journal's events are mirrored: " + lines);
        assertFalse(lines.stream().anyMatch(l -> l.contains("ch.qos.logback") && l.contains("ERROR")),
                "logback found no fault in the packaged config: " + lines);
        for (String l : lines) {
            assertTrue(l.matches("<[3467]>.*") || l.startsWith("\t") || l.startsWith("Caused by") || l.startsWith("SLF4J"),
                    "a line without a priority: " + l);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
