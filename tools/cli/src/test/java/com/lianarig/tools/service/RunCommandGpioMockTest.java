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
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;

/**
 * {@code rig run --gpio mock}, the hidden test seam: refused on a machine with a GPIO chip (it may be
 * a rig), with --virtual, and for an unknown backend; each with a clear message and before anything
 * starts. (It running is {@link KillDashNineTest}.)
 */
class RunCommandGpioMockTest {
    @TempDir
    Path dir;
    Path rigFile;

    @BeforeEach
    void rigFile() throws Exception {
        rigFile = dir.resolve("rig.yaml");
        try (var in = RunCommandGpioMockTest.class.getResourceAsStream("/demo/rig.yaml")) {
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

    @Test
    void aMachineWithAGpioChipRefusesTheSimulatedSafetyChain() throws Exception {
        RunCommand command = new RunCommand();
        command.gpioChip = Files.createFile(dir.resolve("gpiochip0"));
        Run r = run(command, "--config", rigFile.toString(), "--gpio", "mock");
        assertEquals(ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("--gpio mock refused: this machine has GPIO (" + command.gpioChip + ")"), r.err());
        assertTrue(Files.notExists(dir.resolve("data")), "nothing started");
    }

    @Test
    void mockGpioIsNotForTheVirtualRigAndOnlyGpiodAndMockAreKnown() {
        Run virtual = run(new RunCommand(), "--config", rigFile.toString(), "--gpio", "mock", "--virtual");
        assertEquals(ExitCode.USAGE, virtual.exit(), virtual.err());
        assertTrue(virtual.err().contains("--virtual has its own safety chain"), virtual.err());
        Run unknown = run(new RunCommand(), "--config", rigFile.toString(), "--gpio", "sysfs");
        assertEquals(ExitCode.USAGE, unknown.exit(), unknown.err());
        assertTrue(unknown.err().contains("--gpio sysfs is not gpiod or mock"), unknown.err());
    }

    @Test
    void theOptionIsHiddenFromTheHelp() {
        String help = new CommandLine(new RunCommand()).getUsageMessage();
        assertTrue(!help.contains("--gpio"), help);
    }
}
