package com.lianarig.tools.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.tools.mqtt.ClassBroker;
import com.lianarig.tools.mqtt.FakeRig;
import com.lianarig.tools.mqtt.TestBroker;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code rig panel} on a real broker against a fake rig that speaks docs/mqtt.md. */
class PanelOverBrokerTest {
    private static final String ROOT = "liana/v1/test-studio/rig-1";
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** One broker for the class (stopping Moquette takes ~2 s); each test uses its own topics. */
    @RegisterExtension
    static final ClassBroker broker = new ClassBroker();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run run(KeyInput keys, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine panel = new CommandLine(new PanelCommand(keys, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        panel.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8)); // usage errors
        int exitCode = panel.execute(args);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void takesControlJogsWhileTheKeyRepeatsAndReleasesWithWellFormedCommands() throws Exception {
        try (FakeRig rig = FakeRig.start(broker.uri(), ROOT, 7)) {
            rig.publishState(1, "READY", null);
            Set<Long> publishedClocks = ConcurrentHashMap.newKeySet();
            AtomicBoolean telemetryOn = new AtomicBoolean(true);
            threads.submit(() -> {
                long seq = 1;
                while (telemetryOn.get()) {
                    publishedClocks.add(rig.publishTelemetry(seq++, 35.1, 34.8));
                    Thread.sleep(50);
                }
                return null;
            });
            rig.refuseWhen(command -> command.path("command").asText().equals("reset") ? "NOT_IN_COMMAND" : null);
            PipedOutputStream typing = new PipedOutputStream();
            StreamKeyInput keys = new StreamKeyInput(new PipedInputStream(typing));
            Future<Run> panel = threads.submit(() -> run(keys, "--broker", broker.uri(), "--root", ROOT, "--no-color"));

            typing.write('t');
            typing.flush();
            rig.await(c -> c.name().equals("take-control"), WAIT);
            typing.write('k'); // hold k: the first press, the terminal's initial delay, then repeats every 30 ms
            typing.flush();
            Thread.sleep(500);
            for (int i = 0; i < 20; i++) {
                typing.write('k');
                typing.flush();
                Thread.sleep(30);
            }
            rig.await(c -> c.name().equals("jog") && c.json().path("direction").asText().equals("none"), WAIT);
            typing.write('R');
            typing.flush();
            rig.await(c -> c.name().equals("reset"), WAIT);
            Thread.sleep(200); // the reply arrives; the panel draws a last screen when it quits
            typing.write('q');
            typing.flush();
            Run result = panel.get(10, TimeUnit.SECONDS);
            telemetryOn.set(false);
            assertEquals(0, result.exitCode(), result.err());

            List<FakeRig.Command> commands = rig.commands();
            long previousCounter = 0;
            for (FakeRig.Command command : commands) {
                assertEquals("trainer-tablet", command.panelId());
                assertEquals(7, command.json().get("session").asLong(), command.json().toString());
                long counter = command.json().get("counter").asLong();
                assertTrue(counter > previousCounter, "counters rise: " + commands);
                previousCounter = counter;
            }
            assertTrue(commands.stream().anyMatch(c -> c.name().equals("heartbeat")), "SR-24: a heartbeat every second");
            commands = commands.stream().filter(c -> !c.name().equals("heartbeat")).toList();
            List<String> names = commands.stream().map(FakeRig.Command::name).toList();
            assertEquals(List.of("take-control", "enable", "jog"), names.subList(0, 3));
            assertEquals("up", commands.get(2).json().get("direction").asText());
            assertEquals("legs", commands.get(2).json().get("group").asText());
            List<FakeRig.Command> heldEnables = commands.stream()
                    .filter(c -> c.name().equals("enable") && c.json().get("held").asBoolean()).toList();
            assertTrue(heldEnables.size() >= 5, "the enable is refreshed while the key repeats (~1.1 s): " + names);
            for (FakeRig.Command enable : heldEnables) {
                assertTrue(publishedClocks.contains(enable.json().get("clockMs").asLong()) || enable.json().get("clockMs")
                        .asLong() < 1000, "an enable carries a clock the rig published: " + enable.json());
            }
            int release = names.lastIndexOf("jog");
            assertEquals("enable", names.get(release - 1));
            assertFalse(commands.get(release - 1).json().get("held").asBoolean());
            assertEquals(List.of("reset"), names.subList(release + 1, names.size()));
            assertTrue(result.out().contains("reply:   REFUSED NOT_IN_COMMAND reset #"), result.out());
            assertTrue(result.out().contains("35.1 kg of 150"), result.out());
            assertTrue(result.out().contains("online session 7 simulated"), result.out());
        }
    }

    @Test
    void anUnreachableBrokerIsSaidPlainlyWithExitCode3() throws Exception {
        int port = TestBroker.freePort();
        Run result = run(new StreamKeyInput(new PipedInputStream()), "--broker", "tcp://127.0.0.1:" + port);
        assertEquals(3, result.exitCode());
        assertEquals("rig panel: cannot reach the broker at tcp://127.0.0.1:" + port
                + " (connection refused). Is the broker running, and is --broker right?\n", result.err());
    }

    @Test
    void noRigAtTheRootIsSaidPlainlyWithExitCode4() {
        String nowhere = "liana/v1/test-studio/no-rig";
        Run result = run(new StreamKeyInput(new PipedInputStream()), "--broker", broker.uri(), "--root", nowhere);
        assertEquals(4, result.exitCode());
        assertEquals("rig panel: no rig at " + nowhere + ": nothing retained on " + nowhere + "/status within 2 s (is --root right?)\n",
                result.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        Run result = run(new StreamKeyInput(new PipedInputStream()), "--root", "liana/v1/#");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("must not hold the wildcards"), result.err());
    }
}
