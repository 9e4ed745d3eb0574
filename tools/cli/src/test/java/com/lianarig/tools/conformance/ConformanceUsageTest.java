package com.lianarig.tools.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.sim.transport.PtyPort;
import com.lianarig.tools.RigCommand;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code rig conformance}'s command line: usage errors, ports that cannot be opened, the list, and {@code rig sim --protocol-fault}. */
@Timeout(60)
class ConformanceUsageTest {

    @Test
    void withoutAPortItIsAUsageError() {
        ConformanceCommandTest.Run run = ConformanceCommandTest.conformance();
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("PORT"), run.err());
    }

    @Test
    void aPortThatDoesNotExistIsNamedWithExitCode2(@TempDir Path dir) {
        ConformanceCommandTest.Run run = ConformanceCommandTest.conformance(dir.resolve("ttyNOPE").toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("no serial port at " + dir.resolve("ttyNOPE")), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void aPathThatCannotBeOpenedAsAPortIsNamedWithTheReason(@TempDir Path dir) {
        ConformanceCommandTest.Run run = ConformanceCommandTest.conformance(dir.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().startsWith("rig conformance: cannot open " + dir + ": "), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void anUnknownCheckOrABadAddressIsAUsageError(@TempDir Path dir) {
        ConformanceCommandTest.Run unknown = ConformanceCommandTest.conformance(dir.toString(), "--only", "I2,Z9");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("--only Z9: no such check"), unknown.err());
        ConformanceCommandTest.Run address = ConformanceCommandTest.conformance(dir.toString(), "--address", "0");
        assertEquals(2, address.exitCode());
        assertTrue(address.err().contains("--address must be 1..127 (got 0)"), address.err());
    }

    @Test
    void theListNamesEveryCheckWithItsSectionAndMarksTheMotionChecks() {
        ConformanceCommandTest.Run run = ConformanceCommandTest.conformance("--list");
        assertEquals(0, run.exitCode());
        assertEquals(ConformanceRun.catalogue().size(), run.out().split("\\R").length, run.out());
        assertTrue(run.out().contains("X4   7.4, 9.2, 9.3"), run.out());
        assertEquals(10, run.out().split("\\[moves\\]", -1).length - 1, run.out());
    }

    @Test
    void rigSimWithAProtocolFaultIsCaughtByConformance(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(PtyPort.socatAvailable(), "socat is not installed: skipped");
        Path link = dir.resolve("rig");
        StringWriter simOut = new StringWriter();
        CompletableFuture<Integer> sim = CompletableFuture.supplyAsync(() -> {
            picocli.CommandLine cl = RigCommand.commandLine(new ByteArrayInputStream(new byte[0]));
            cl.setOut(new PrintWriter(simOut, true));
            cl.setErr(new PrintWriter(new StringWriter(), true));
            return cl.execute("sim", "--link", link.toString(), "--protocol-fault", "WRONG_DEFINITION_HASH",
                    "--duration", "4", "--status-interval", "1000");
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!simOut.toString().contains("connect the host to") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(link), simOut.toString());
        assertTrue(simOut.toString().contains("protocol fault injected: WRONG_DEFINITION_HASH"), simOut.toString());
        ConformanceCommandTest.Run run = ConformanceCommandTest.conformance(link.toString(), "--only", "I4",
                "--allowance-ms", "200");
        assertEquals(ConformanceCommand.EXIT_FAILED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().matches("(?s).*\\nI4\\s+FAIL .*"), run.out());
        assertEquals(0, sim.get(15, TimeUnit.SECONDS));
    }
}
