package com.lianarig.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.tools.RigCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rig demo}: the whole service on the in-process virtual rig, scripted, for a few seconds. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoRunsTheServiceAndAScriptedSessionThenStopsCleanly() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = RigCommand.commandLine(new ByteArrayInputStream(new byte[0]))
                    .execute("demo", "--duration", "8", "--data", dir.toString(), "--status-interval", "1000",
                            "--mqtt-port", Integer.toString(DemoMqttTest.freePort()));
        } finally {
            System.setOut(saved);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, out);
        // on a loaded machine a protection may trip (a late step, a stale sample): the session is then refused, with reasons
        assertTrue(out.contains("trainer-tablet attach: "), out);
        assertTrue(out.contains("\"to\":\"HOLDING\""), out);
        assertTrue(out.contains("\"event\":\"stop\""), "the controlled stop is journalled: " + out);

        // the demo says how to read its journal, and that command works with nothing else set
        Path rigFile = dir.toAbsolutePath().resolve("rig.yaml");
        String said = "rig demo: its journal: rig journal --config " + rigFile;
        assertTrue(out.lines().anyMatch(said::equals), out);
        StringWriter journal = new StringWriter();
        CommandLine reader = RigCommand.commandLine(new ByteArrayInputStream(new byte[0]));
        reader.setOut(new PrintWriter(journal, true));
        assertEquals(0, reader.execute("journal", "--config", rigFile.toString(), "--kind", "service"));
        assertTrue(journal.toString().contains("event=stop"), journal.toString());
    }

    @Test
    void aBadDurationIsAUsageError() {
        int exit = RigCommand.commandLine(new ByteArrayInputStream(new byte[0])).execute("demo", "--duration", "-1");
        assertEquals(2, exit);
    }
}
