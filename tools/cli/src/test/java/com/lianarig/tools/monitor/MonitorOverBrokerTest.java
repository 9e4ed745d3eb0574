package com.lianarig.tools.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.tools.mqtt.Ansi;
import com.lianarig.tools.mqtt.BrokerClient;
import com.lianarig.tools.mqtt.BrokerOptions;
import com.lianarig.tools.mqtt.ClassBroker;
import com.lianarig.tools.mqtt.FakeRig;
import com.lianarig.tools.mqtt.TestBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code rig monitor} on a real broker, watching two fake rigs that speak docs/mqtt.md. */
class MonitorOverBrokerTest {
    private static final String RIG_1 = "liana/v1/studio-a/rig-1";
    private static final String RIG_2 = "liana/v1/studio-a/rig-2";
    private static final String ONCE_1 = "liana/v1/studio-b/rig-1";
    private static final String ONCE_2 = "liana/v1/studio-b/rig-2";

    /** One broker for the class (stopping Moquette takes ~2 s); each test uses its own topics. */
    @RegisterExtension
    static final ClassBroker broker = new ClassBroker();


    private record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new CommandLine(new MonitorCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<RigWatch> await(MonitorModel model, Predicate<List<RigWatch>> until) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<RigWatch> rigs = model.rigs(System.nanoTime() / 1_000_000);
            if (until.test(rigs)) {
                return rigs;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("not seen within 5 s: " + model.rigs(System.nanoTime() / 1_000_000));
    }

    @Test
    void listsTwoRigsCountsATelemetryGapShowsEventsAndMarksOneOfflineAfterItsWill() throws Exception {
        try (FakeRig one = FakeRig.start(broker.uri(), RIG_1, 3);
                FakeRig two = FakeRig.start(broker.uri(), RIG_2, 5);
                BrokerClient client = BrokerClient.connect(new BrokerOptions(broker.uri(), null, null, null), "test-monitor")) {
            one.publishState(1, "READY", "trainer-tablet");
            two.publishState(1, "HOLDING", null);
            MonitorModel model = new MonitorModel(5);
            client.onMessage(message -> model.accept(message.topic(), message.payload(), System.nanoTime() / 1_000_000));
            assertTrue(client.subscribe("liana/v1/studio-a/#", 1));
            await(model, rigs -> rigs.size() == 2 && rigs.stream().allMatch(r -> r.state() != null));

            for (long seq : new long[] {1, 2, 5}) { // 3 and 4 never sent
                one.publishTelemetry(seq, 120.0, 142.0);
            }
            two.publishEvent(41, "fault", "{\"rule\":\"SR-1\"}");
            two.publishEvent(42, "reset", "{\"by\":\"trainer-tablet\"}");
            List<RigWatch> rigs = await(model, r -> r.get(0).telemetry() != null && r.get(0).telemetry().seq() == 5
                    && r.get(1).events().size() == 2);
            assertEquals(2, rigs.get(0).missingTelemetry());

            String screen = new MonitorRenderer(new Ansi(false)).render("rig monitor", rigs);
            assertTrue(screen.contains(RIG_1 + "  ONLINE  session 3  simulated"), screen);
            assertTrue(screen.contains("mode READY (fake rig)  command: trainer-tablet  client: c-0042  aim: L4-L5 at 1750 mm,"
                    + " live L4-L5"), screen);
            assertTrue(screen.contains("120.0 kg of 150 [################....]  80% green"), screen);
            assertTrue(screen.contains("142.0 kg of 150 [###################.]  95% yellow"), screen);
            assertTrue(screen.contains("telemetry: seq 5, "), screen);
            assertTrue(screen.contains("2 missing (seq gaps)"), screen);
            assertTrue(screen.contains(RIG_2 + "  ONLINE  session 5"), screen);
            assertTrue(screen.contains("event #41 fault {\"rule\":\"SR-1\"}\n  event #42 reset"), screen);

            two.crash();
            rigs = await(model, r -> !r.get(1).status().online());
            assertEquals("connection lost", rigs.get(1).status().reason());
            assertTrue(rigs.get(0).status().online());
            screen = new MonitorRenderer(new Ansi(false)).render("rig monitor", rigs);
            assertTrue(screen.contains(RIG_2 + "   OFFLINE  connection lost  session 5"), screen);
            assertTrue(screen.contains("last known: mode HOLDING"), screen);
        }
    }

    @Test
    void oncePrintsOneSnapshotOfTheRetainedRigsAndExits() throws Exception {
        try (FakeRig one = FakeRig.start(broker.uri(), ONCE_1, 3); FakeRig two = FakeRig.start(broker.uri(), ONCE_2, 5)) {
            one.publishState(1, "READY", "trainer-tablet");
            two.publishState(1, "HOLDING", null);
            // A graceful stop leaves "offline" retained. (A will is delivered live, as the test above shows,
            // but Moquette 0.17 does not retain it: moquette-io/moquette#562; Mosquitto does.)
            two.close();
            Run result = run("--broker", broker.uri(), "--filter", "liana/v1/studio-b/#", "--once");
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().startsWith("rig monitor  " + broker.uri() + "  liana/v1/studio-b/#  2 rigs\n"),
                    result.out());
            assertTrue(result.out().contains(ONCE_1 + "  ONLINE  session 3"), result.out());
            assertTrue(result.out().contains("telemetry: none received (stale)"), result.out());
            assertTrue(result.out().contains(ONCE_2 + "   OFFLINE  service stopped  session 5"), result.out());
            assertFalse(result.out().contains("\u001b"), "no colour when not a terminal");
        }
    }

    @Test
    void liveModeRedrawsUntilItsDurationEnds() throws Exception {
        String root = "liana/v1/studio-c/rig-1";
        try (FakeRig rig = FakeRig.start(broker.uri(), root, 2)) {
            rig.publishState(1, "READY", null);
            Run result = run("--broker", broker.uri(), "--filter", "liana/v1/studio-c/#", "--duration", "0.5");
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().contains(root + "  ONLINE  session 2"), result.out());
            assertTrue(result.out().endsWith("-".repeat(40) + "\n"), "appended screens when not a terminal");
        }
    }

    @Test
    void anUnreachableBrokerIsSaidPlainlyWithExitCode3() throws IOException {
        int port = TestBroker.freePort();
        Run result = run("--broker", "tcp://127.0.0.1:" + port, "--once");
        assertEquals(3, result.exitCode());
        assertEquals("rig monitor: cannot reach the broker at tcp://127.0.0.1:" + port
                + " (connection refused). Is the broker running, and is --broker right?\n", result.err());
    }

    @Test
    void noRigUnderTheFilterIsSaidPlainlyWithExitCode4() {
        Run result = run("--broker", broker.uri(), "--filter", "liana/v1/nowhere/#", "--once");
        assertEquals(4, result.exitCode());
        assertEquals("rig monitor: no rig at liana/v1/nowhere/#: nothing retained on .../status within 2 s\n", result.err());
        assertEquals("", result.out());
    }
}
