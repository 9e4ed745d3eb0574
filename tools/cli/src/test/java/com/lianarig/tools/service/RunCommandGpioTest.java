package com.lianarig.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;

/**
 * {@code rig run --gpio none} (a bench without GPIO) and {@code --gpio mock} (the tests' seam): refused on a
 * machine with a GPIO chip (it may be a rig), with --virtual, and an unknown value; each with a clear message
 * and before anything starts. (Them running: {@link SoakCommandTest} for none, {@link KillDashNineTest} for mock.)
 */
class RunCommandGpioTest {
    @TempDir
    Path dir;
    Path rigFile;

    @BeforeEach
    void rigFile() throws Exception {
        rigFile = dir.resolve("rig.yaml");
        try (var in = RunCommandGpioTest.class.getResourceAsStream("/demo/rig.yaml")) {
            Files.write(rigFile, in.readAllBytes());
        }
    }

    private record Run(int exit, String err) {
    }

    private Run run(RunCommand command, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(command).execute(args);
            return new Run(exit, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "mock"})
    void aMachineWithAGpioChipRefusesTheSimulatedSafetyChain(String choice) throws Exception {
        RunCommand command = new RunCommand();
        command.devDirectory = Files.createDirectory(dir.resolve("dev"));
        Path chip = Files.createFile(command.devDirectory.resolve("gpiochip4")); // any chip, not only the first
        Run r = run(command, "--config", rigFile.toString(), "--gpio", choice);
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--gpio " + choice + " refused: this machine has GPIO (" + chip + ")"), r.err());
        assertTrue(Files.notExists(dir.resolve("data")), "nothing started");
    }

    @Test
    void aSimulatedChainIsNotForTheVirtualRigAndOnlyGpiodAndNoneAreKnown() {
        for (String choice : new String[] {"none", "mock"}) {
            Run virtual = run(new RunCommand(), "--config", rigFile.toString(), "--gpio", choice, "--virtual");
            assertEquals(ExitCode.USAGE, virtual.exit(), virtual.err());
            assertTrue(virtual.err().contains("--gpio " + choice + " is for the hardware service; --virtual has its own"
                    + " safety chain"), virtual.err());
        }
        Run unknown = run(new RunCommand(), "--config", rigFile.toString(), "--gpio", "sysfs");
        assertEquals(ExitCode.USAGE, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("--gpio sysfs is not gpiod or none"), unknown.err());
    }

    @Test
    void theHelpOffersNoneForABenchAndNotTheTestSeam() {
        String help = new CommandLine(new RunCommand()).getUsageMessage().replaceAll("\\s+", " "); // as wrapped
        assertTrue(help.contains("--gpio") && help.contains("none: a bench without GPIO"), help);
        assertTrue(!help.contains("mock"), help);
    }
}
