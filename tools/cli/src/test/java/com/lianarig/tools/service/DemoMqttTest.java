package com.lianarig.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.tools.RigCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rig demo --idle} end to end over MQTT: its embedded broker serves the retained birth and
 * state (simulated: true), a configured panel takes control through the command topic, and
 * {@code rig monitor --once} shows the rig online with that panel in command.
 */
class DemoMqttTest {
    static final String ROOT = "liana/v1/demo-studio/rig-1";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void theDemosBrokerServesTheRigAndAPanelCanTakeControl() throws Exception {
        int port = freePort();
        CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> RigCommand.commandLine(
                new ByteArrayInputStream(new byte[0])).execute("demo", "--idle", "--duration", "12", "--data",
                        dir.toString(), "--status-interval", "5000", "--mqtt-port", Integer.toString(port)));
        MqttClient panel = new MqttClient("tcp://127.0.0.1:" + port, "test-panel", new MemoryPersistence());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!panel.isConnected()) {
            try {
                panel.connect();
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the demo's broker did not come up on port " + port, e);
                }
                Thread.sleep(100);
            }
        }
        LinkedBlockingQueue<String[]> got = new LinkedBlockingQueue<>();
        panel.subscribe(ROOT + "/#", 1, (t, m) -> got.add(new String[] {t, new String(m.getPayload(), StandardCharsets.UTF_8)}));
        JsonNode state = null;
        long session = -1;
        while (state == null || session < 0) {
            String[] m = got.poll(5, TimeUnit.SECONDS);
            assertTrue(m != null, "no status and state from the demo");
            if (m[0].equals(ROOT + "/status")) {
                JsonNode birth = JSON.readTree(m[1]);
                if (birth.get("status").asText().equals("online")) {
                    session = birth.get("session").asLong();
                }
            } else if (m[0].equals(ROOT + "/state")) {
                state = JSON.readTree(m[1]);
            }
        }
        assertTrue(state.get("simulated").asBoolean(), state.toString());
        // the demo prepares the rig (a technician's reference and waiver) and gives control back: wait for it
        JsonNode reply = null;
        for (int attempt = 1; attempt <= 20 && (reply == null || !reply.get("accepted").asBoolean()); attempt++) {
            panel.publish(ROOT + "/cmd/trainer-tablet", ("{\"session\":" + session + ",\"counter\":" + attempt
                    + ",\"command\":\"take-control\"}").getBytes(StandardCharsets.UTF_8), 0, false);
            reply = null;
            while (reply == null) {
                String[] m = got.poll(5, TimeUnit.SECONDS);
                assertTrue(m != null, "no reply to take-control");
                if (m[0].equals(ROOT + "/reply/trainer-tablet")) {
                    reply = JSON.readTree(m[1]);
                }
            }
            Thread.sleep(200);
        }
        assertTrue(reply.get("accepted").asBoolean(), reply.toString());
        // the studio's dashboard sees the demo out of the box
        java.io.ByteArrayOutputStream screen = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        int monitorExit;
        System.setOut(new java.io.PrintStream(screen, true, StandardCharsets.UTF_8));
        try {
            monitorExit = RigCommand.commandLine(new ByteArrayInputStream(new byte[0])).execute("monitor", "--once",
                    "--no-color", "--broker", "tcp://127.0.0.1:" + port);
        } finally {
            System.setOut(saved);
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertEquals(0, monitorExit, shown);
        assertTrue(shown.contains(ROOT) && shown.contains("ONLINE") && shown.contains("trainer-tablet"), shown);
        panel.disconnect();
        panel.close();
        assertEquals(0, demo.get(30, TimeUnit.SECONDS));
    }
}
