package com.lianarig.tools;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.tools.mqtt.Ansi;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What every {@code rig} command owes its user, checked over the whole command tree as picocli builds
 * it: {@code --help}, {@code rig help ...} and {@code --version} work everywhere (exit 0), a word that
 * is no command is an error even with {@code --help}, the rig file is {@code --config} everywhere, and
 * every numeric option refuses a bad value with one line naming it, the usage, exit 2 and no stack trace.
 */
class CliContractTest {
    @TempDir
    Path dir;

    /** Every command and subcommand, as the words that call it ({@code [calibrate, status]}). */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        walk(RigCommand.commandLine(new ByteArrayInputStream(new byte[0])), new ArrayList<>(), paths);
        return paths;
    }

    private static void walk(CommandLine cmd, List<String> path, List<List<String>> into) {
        for (var e : cmd.getSubcommands().entrySet()) {
            if (e.getValue().getCommandSpec().helpCommand()) {
                continue;
            }
            List<String> sub = new ArrayList<>(path);
            sub.add(e.getKey());
            into.add(sub);
            walk(e.getValue(), sub, into);
        }
    }

    private static String[] args(List<String> path, String... more) {
        return Stream.concat(path.stream(), Arrays.stream(more)).toArray(String[]::new);
    }

    @Test
    void theTreeHasEveryCommandOfTheReadme() {
        Set<String> names = new TreeSet<>();
        commandPaths().forEach(p -> names.add(String.join(" ", p)));
        assertTrue(names.containsAll(List.of("run", "demo", "bench-service", "bench-mqtt", "bench-reaction", "sim",
                "decode", "calibrate", "calibrate status", "calibrate tare", "journal", "journal clients",
                "journal maintenance", "doctor", "panel", "monitor", "conformance", "commission")), names.toString());
    }

    @TestFactory
    Stream<DynamicTest> helpExitsZeroForEveryCommand() {
        return commandPaths().stream().map(path -> DynamicTest.dynamicTest("rig " + String.join(" ", path) + " --help",
                () -> {
                    RigRun run = RigRun.of(args(path, "--help"));
                    String usage = "Usage: rig " + String.join(" ", path);
                    assertAll(
                            () -> assertEquals(0, run.exitCode(), run.err()),
                            () -> assertTrue(run.out().startsWith(usage), run.out()),
                            () -> assertEquals("", run.err()));
                }));
    }

    @TestFactory
    Stream<DynamicTest> helpCommandDescribesEveryCommand() {
        return commandPaths().stream().map(path -> DynamicTest.dynamicTest("rig help " + String.join(" ", path),
                () -> {
                    RigRun run = RigRun.of(args(List.of("help"), path.toArray(String[]::new)));
                    assertAll(
                            () -> assertEquals(0, run.exitCode(), run.err()),
                            () -> assertTrue(run.out().startsWith("Usage: rig " + String.join(" ", path)), run.out()));
                }));
    }

    @TestFactory
    Stream<DynamicTest> versionExitsZeroForEveryCommand() {
        return commandPaths().stream().map(path -> DynamicTest.dynamicTest("rig " + String.join(" ", path) + " --version",
                () -> {
                    RigRun run = RigRun.of(args(path, "--version"));
                    assertAll(
                            () -> assertEquals(0, run.exitCode(), run.err()),
                            () -> assertTrue(run.out().startsWith("rig " + RigVersion.buildVersion()), run.out()));
                }));
    }

    @Test
    void aWordThatIsNoCommandIsAnErrorEvenWithHelp() {
        RigRun run = RigRun.of("no-such-command", "--help");

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertTrue(run.err().startsWith("rig: Unknown command: 'no-such-command'"), run.err()),
                () -> assertTrue(run.err().contains("Usage: rig"), run.err()),
                () -> assertEquals("", run.out()));
    }

    @Test
    void aWordThatIsNoSubcommandIsAnErrorEvenWithHelp() {
        RigRun run = RigRun.of("calibrate", "no-such-command", "--help");

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertTrue(run.err().startsWith("rig calibrate: Unknown command: 'no-such-command'"), run.err()),
                () -> assertEquals("", run.out()));
    }

    @Test
    void helpOfAnUnknownCommandIsAnError() {
        RigRun run = RigRun.of("help", "calibrate", "no-such-command");

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertTrue(run.err().contains("Unknown command: 'no-such-command'"), run.err()),
                () -> assertTrue(run.err().contains("status"), run.err()));
    }

    /** One name per concept: the rig file is --config wherever a command reads it; --rig is a hidden alias. */
    @Test
    void theRigFileIsConfigEverywhereAndRigOnlyAHiddenAlias() {
        List<String> visibleRig = new ArrayList<>();
        List<String> withoutConfig = new ArrayList<>();
        CommandLine root = RigCommand.commandLine(new ByteArrayInputStream(new byte[0]));
        for (List<String> path : commandPaths()) {
            CommandLine cmd = root;
            for (String word : path) {
                cmd = cmd.getSubcommands().get(word);
            }
            OptionSpec rig = cmd.getCommandSpec().findOption("--rig");
            OptionSpec config = cmd.getCommandSpec().findOption("--config");
            if (rig != null && !rig.hidden()) {
                visibleRig.add(String.join(" ", path));
            }
            if (rig != null && config == null) {
                withoutConfig.add(String.join(" ", path));
            }
        }
        assertAll(
                () -> assertEquals(List.of(), visibleRig, "commands showing --rig"),
                () -> assertEquals(List.of(), withoutConfig, "commands with --rig but no --config"));
    }

    @Test
    void theOldSpellingStillWorks() throws IOException {
        Path rigFile = dir.resolve("rig.yaml");
        Files.writeString(rigFile, "not: [valid\n");

        RigRun run = RigRun.of("journal", "--rig", rigFile.toString());

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertTrue(run.err().contains(rigFile.toString()), run.err()));
    }

    /** Options whose every value of the type is valid. */
    private static final Set<String> ANY_VALUE = Set.of("run --seed", "demo --seed", "bench-service --seed",
            "bench-mqtt --seed", "bench-reaction --seed", "sim --seed", "soak --seed");

    /**
     * A bad value for every numeric option of every command: {command words..., option, value}. Other
     * options a command needs come first, so that nothing but the bad value stands in the way.
     */
    static Stream<List<String>> badValues() {
        String none = "/nonexistent/rig.yaml";
        return Stream.of(
                List.of("run", "--config", none, "--realtime-priority", "50"),
                List.of("demo", "--realtime-priority", "50"),
                List.of("sim", "--realtime-priority", "-1"),
                List.of("soak", "--load", "17"),
                List.of("soak", "--realtime-priority", "50"),
                List.of("soak", "--echo-baseline", "-1"),
                List.of("demo", "--duration", "0"),
                List.of("demo", "--duration", "NaN"),
                List.of("demo", "--mqtt-port", "99999"),
                List.of("demo", "--mqtt-port", "0"),
                List.of("demo", "--status-interval", "-5"),
                List.of("demo", "--web-port", "70000"),
                List.of("demo", "--web-socket-port", "-1"),
                List.of("panel-pair", "--valid", "0"),
                List.of("bench-service", "--duration", "0"),
                List.of("bench-service", "--warmup", "-1"),
                List.of("bench-service", "--load", "-1"),
                List.of("bench-service", "--load-processes", "-1"),
                List.of("bench-service", "--low-mm", "-1"),
                List.of("bench-service", "--high-mm", "100"),
                List.of("bench-service", "--realtime-priority", "99"),
                List.of("bench-mqtt", "--runs", "0"),
                List.of("bench-mqtt", "--duration", "0"),
                List.of("bench-mqtt", "--warmup", "-1"),
                List.of("bench-mqtt", "--telemetry-hz", "0"),
                List.of("bench-mqtt", "--load", "-1"),
                List.of("bench-mqtt", "--start-timeout", "0"),
                List.of("bench-reaction", "--trips", "0"),
                List.of("sim", "--transport", "tcp", "--port", "70000"),
                List.of("sim", "--status-interval", "10"),
                List.of("sim", "--duration", "0"),
                List.of("calibrate", "--config", none, "--average", "0"),
                List.of("calibrate", "--config", none, "--settle-timeout", "-1"),
                List.of("calibrate", "--config", none, "--max-std-counts", "0"),
                List.of("calibrate", "--config", none, "--max-half-diff-counts", "0"),
                List.of("calibrate", "--config", none, "--verify-mass", "0"),
                List.of("calibrate", "--config", none, "--channel", "16"),
                List.of("calibrate", "tare", "--config", none, "--average", "0"),
                List.of("calibrate", "tare", "--config", none, "--channel", "-1"),
                List.of("doctor", "--config", none, "--calibration-max-age-days", "0"),
                List.of("journal", "--config", none, "--session", "0"),
                List.of("monitor", "--events", "-1"),
                List.of("monitor", "--duration", "0"),
                List.of("panel", "--repeat-delay", "0"),
                List.of("panel", "--repeat-gap", "0"),
                List.of("conformance", "/nonexistent/port", "--address", "0"),
                List.of("conformance", "/nonexistent/port", "--winch", "8"),
                List.of("conformance", "/nonexistent/port", "--baud", "0"),
                List.of("conformance", "/nonexistent/port", "--max-speed-counts-per-s", "0"),
                List.of("conformance", "/nonexistent/port", "--move-counts", "1"),
                List.of("conformance", "/nonexistent/port", "--allowance-ms", "-1"),
                List.of("commission", "--config", none, "--pull-timeout", "0"));
    }

    @ParameterizedTest(name = "rig {0}")
    @MethodSource("badValues")
    void aBadValueIsOneLineNamingTheOptionThenTheUsageAndExit2(List<String> words) {
        String option = words.get(words.size() - 2);
        String command = String.join(" ", words.subList(0, words.get(1).startsWith("-") || words.get(0).equals(
                "conformance") ? 1 : 2));

        RigRun run = RigRun.of(words.toArray(String[]::new));

        String firstLine = run.err().lines().findFirst().orElse("");
        assertAll(
                () -> assertEquals(2, run.exitCode(), run.err()),
                () -> assertTrue(firstLine.startsWith("rig " + command + ": " + option + " must be "), firstLine),
                () -> assertTrue(firstLine.contains("(got " + words.get(words.size() - 1)), firstLine),
                () -> assertTrue(run.err().contains("Usage: rig " + command), run.err()),
                () -> assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err()),
                () -> assertEquals("", run.out()));
    }

    /** The table above covers every numeric option the tree has (a new one must be added to it). */
    @Test
    void everyNumericOptionHasABadValueCase() {
        Set<String> covered = new TreeSet<>(ANY_VALUE);
        badValues().forEach(w -> {
            int command = w.get(1).startsWith("-") || w.get(0).equals("conformance") ? 1 : 2;
            covered.add(String.join(" ", w.subList(0, command)) + " " + w.get(w.size() - 2));
        });
        Set<String> numeric = new TreeSet<>();
        CommandLine root = RigCommand.commandLine(new ByteArrayInputStream(new byte[0]));
        for (List<String> path : commandPaths()) {
            CommandLine cmd = root;
            for (String word : path) {
                cmd = cmd.getSubcommands().get(word);
            }
            for (OptionSpec o : cmd.getCommandSpec().options()) {
                Class<?> t = o.type();
                if (Number.class.isAssignableFrom(t) || t == int.class || t == long.class || t == double.class) {
                    if (!o.hidden()) {
                        numeric.add(String.join(" ", path) + " " + o.longestName());
                    }
                }
            }
        }
        numeric.removeAll(covered);
        assertEquals(Set.of(), numeric, "numeric options without a bad-value case");
    }

    /** Every command that reads the rig file, with what else it needs to get that far. */
    static Stream<List<String>> rigFileReaders() {
        return Stream.of(List.of("run"), List.of("doctor"), List.of("journal"), List.of("journal", "clients"),
                List.of("journal", "maintenance"), List.of("calibrate", "--rope", "left-leg", "--technician", "t"),
                List.of("calibrate", "status"), List.of("calibrate", "tare", "--rope", "left-leg"),
                List.of("commission"));
    }

    /**
     * A FIFO given as the rig file is refused within a second, naming it (reading one blocks until
     * something writes to it: rig run and rig doctor hung there), by every command that reads it.
     */
    @ParameterizedTest(name = "rig {0} --config FIFO")
    @MethodSource("rigFileReaders")
    void aFifoAsTheRigFileIsRefusedWithinASecond(List<String> words) throws Exception {
        Path fifo = dir.resolve("rig.yaml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        // the command's classes loaded first (a busy machine may take a second for that alone): what is
        // timed is the refusal, where the fault was a read that never returned
        RigRun.of(args(words, "--config", dir.resolve("absent.yaml").toString()));

        RigRun run = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(1),
                () -> RigRun.of(args(words, "--config", fifo.toString())));

        String said = run.out() + run.err();
        assertAll(
                () -> assertTrue(run.exitCode() == 2 || words.get(0).equals("doctor") && run.exitCode() == 3,
                        "exit " + run.exitCode() + ": " + said),
                () -> assertTrue(said.contains(fifo + ": is not a regular file (a FIFO, socket or device)"), said),
                () -> assertFalse(said.contains("Exception") || said.contains("\tat "), said));
    }

    @Test
    void noColorAndANonTerminalTurnColoursOff() {
        assertAll(
                () -> assertTrue(Ansi.wanted(false, true, Map.of())),
                () -> assertTrue(Ansi.wanted(false, true, Map.of("NO_COLOR", ""))),
                () -> assertFalse(Ansi.wanted(false, true, Map.of("NO_COLOR", "1"))),
                () -> assertFalse(Ansi.wanted(false, false, Map.of())),
                () -> assertFalse(Ansi.wanted(true, true, Map.of())));
    }
}
