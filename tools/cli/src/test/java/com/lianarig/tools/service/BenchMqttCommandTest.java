package com.lianarig.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.tools.RigCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code rig bench-mqtt} runs and reports its figures (one service start in its own JVM, 3 s of
 * telemetry). The figures' values are not judged here: machines are noisy.
 */
class BenchMqttCommandTest {

    @Test
    void reportsBothFigures() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = RigCommand.commandLine(new ByteArrayInputStream(new byte[0]))
                    .execute("bench-mqtt", "--runs", "1", "--seconds", "3", "--warmup", "0.5");
        } finally {
            System.setOut(saved);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, out);
        assertTrue(out.contains("P-5 median ") && out.contains("x a bare JVM start of "), out);
        assertTrue(out.contains("sample age at publish (sampleAgeMs)") && out.contains("sample age at receipt"), out);
        assertTrue(out.contains("P-6 sample age at publish p99 ") && out.contains("telemetry lost"), out);
    }

    @Test
    void badOptionsAreAUsageError() {
        int exit = RigCommand.commandLine(new ByteArrayInputStream(new byte[0])).execute("bench-mqtt", "--telemetry-hz", "0");
        assertEquals(2, exit);
    }

    /** The service children get the launcher's service flags: the two lists must not drift apart. */
    @Test
    void serviceFlagsAreTheLaunchers() throws Exception {
        Path launcher = Path.of("..", "..", "rig");
        String text = Files.readString(launcher, StandardCharsets.UTF_8);
        String flags = text.substring(text.indexOf("service_opts=(-"));
        flags = flags.substring("service_opts=(".length(), flags.indexOf(')')).replaceAll("\\s+", " ").strip();
        assertEquals(String.join(" ", BenchMqttCommand.SERVICE_JVM_FLAGS), flags);
        assertTrue(text.contains("bench-mqtt)"), "the launcher gives bench-mqtt the service flags");
    }
}
