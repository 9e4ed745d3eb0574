package com.lianarig.tools.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.tools.RigCommand;
import com.lianarig.tools.mqtt.TestBroker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rig panel} against the real service ({@code rig demo --idle}) out of the box: the trainer
 * takes control and holds the up key; the demo's virtual legs rise, and stop when the key is let go.
 */
class DemoPanelTest {
    static final String ROOT = "liana/v1/demo-studio/rig-1";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void holdingTheUpKeyOnTheTerminalPanelRaisesTheDemosLegs() throws Exception {
        int port = TestBroker.freePort();
        String broker = "tcp://127.0.0.1:" + port;
        CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> RigCommand.commandLine(
                new ByteArrayInputStream(new byte[0])).execute("demo", "--idle", "--duration", "25", "--data",
                        dir.toString(), "--status-interval", "5000", "--mqtt-port", Integer.toString(port)));
        MqttClient watcher = new MqttClient(broker, "test-watcher", new MemoryPersistence());
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!watcher.isConnected()) {
            try {
                watcher.connect();
            } catch (Exception e) {
                assertTrue(System.nanoTime() < deadline, "the demo's broker did not come up");
                Thread.sleep(100);
            }
        }
        AtomicReference<JsonNode> telemetry = new AtomicReference<>();
        AtomicReference<JsonNode> state = new AtomicReference<>();
        watcher.subscribe(ROOT + "/+", 0, (t, m) -> {
            JsonNode j = JSON.readTree(m.getPayload());
            (t.endsWith("/telemetry") ? telemetry : t.endsWith("/state") ? state : new AtomicReference<JsonNode>()).set(j);
        });
        // the demo's technician references the winches and gives control back: wait for it
        while (state.get() == null || !state.get().path("controlOwner").isNull()
                || telemetry.get() == null) {
            assertTrue(System.nanoTime() < deadline, "the demo did not get ready: " + state.get());
            Thread.sleep(100);
        }
        Thread.sleep(1_000);
        double startMm = telemetry.get().get("winches").get(0).get("positionMm").asDouble();

        PipedOutputStream typing = new PipedOutputStream();
        StreamKeyInput keys = new StreamKeyInput(new PipedInputStream(typing));
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        CompletableFuture<Integer> panel = CompletableFuture.supplyAsync(() -> new CommandLine(new PanelCommand(keys,
                new PrintStream(screen, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
                        StandardCharsets.UTF_8))).execute("--broker", broker, "--no-color"));
        Thread.sleep(1_500);
        typing.write('t');
        typing.flush();
        Thread.sleep(1_000);
        assertEquals("trainer-tablet", state.get().path("controlOwner").asText(), "the panel took control");
        typing.write('k'); // held: the first press, the initial repeat delay, then repeats every 30 ms
        typing.flush();
        Thread.sleep(500);
        for (int i = 0; i < 70; i++) {
            typing.write('k');
            typing.flush();
            Thread.sleep(30);
        }
        Thread.sleep(1_500);
        double afterMm = telemetry.get().get("winches").get(0).get("positionMm").asDouble();
        assertTrue(afterMm - startMm > 5, "the legs rose while the key was held: " + startMm + " -> " + afterMm);
        double speed = telemetry.get().get("winches").get(0).get("speedMmPerS").asDouble();
        assertEquals(0, speed, 1.0, "and stopped when it was let go");
        typing.write('q');
        typing.flush();
        assertEquals(0, panel.get(10, TimeUnit.SECONDS), screen.toString(StandardCharsets.UTF_8));
        watcher.disconnect();
        watcher.close();
        assertEquals(0, demo.get(40, TimeUnit.SECONDS));
    }
}
