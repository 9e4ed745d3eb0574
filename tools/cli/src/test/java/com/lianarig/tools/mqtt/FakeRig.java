package com.lianarig.tools.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A small stand-in for the rig service on a real broker, speaking docs/mqtt.md: the retained birth
 * with its last will, retained state, telemetry on demand, and a reply to every command (accepted
 * unless a refusal rule says otherwise). Records each command with its arrival time.
 */
public final class FakeRig implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A command as it arrived: the panel (from the topic), the payload, and when (System.nanoTime()). */
    public record Command(String panelId, JsonNode json, long arrivedNanos) {
        public String name() {
            return json.path("command").asText();
        }
    }

    private final MqttAsyncClient client;
    private final String root;
    private final long session;
    private final long startNanos = System.nanoTime();
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, String> refusal = command -> null;

    private FakeRig(MqttAsyncClient client, String root, long session) {
        this.client = client;
        this.root = root;
        this.session = session;
    }

    /** Connects with its will, publishes the birth and starts answering commands. */
    public static FakeRig start(String brokerUri, String root, long session) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(brokerUri, "fake-" + root.replace('/', '-'), new MemoryPersistence());
        FakeRig rig = new FakeRig(client, root, session);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setKeepAliveInterval(5);
        options.setWill(root + "/status", ("{\"status\":\"offline\",\"session\":" + session
                + ",\"reason\":\"connection lost\"}").getBytes(StandardCharsets.UTF_8), 1, true);
        client.connect(options).waitForCompletion(5000);
        client.subscribe(root + "/cmd/+", 0, (topic, message) -> rig.command(topic, message.getPayload()))
                .waitForCompletion(5000);
        rig.publish("status", "{\"status\":\"online\",\"session\":" + session
                + ",\"simulated\":true,\"software\":\"0.1.0\",\"clockMs\":" + rig.clockMs() + "}", 1, true);
        return rig;
    }

    /** The fake controller's clock: ms since it started. */
    public long clockMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Commands matching {@code refuse} get a refusal with that reason ({@code null}: accepted). */
    public void refuseWhen(Function<JsonNode, String> refuse) {
        this.refusal = refuse;
    }

    private void command(String topic, byte[] payload) throws Exception {
        String panelId = topic.substring(topic.lastIndexOf('/') + 1);
        JsonNode json = MAPPER.readTree(payload);
        commands.add(new Command(panelId, json, System.nanoTime()));
        String reason = refusal.apply(json);
        ObjectNode reply = MAPPER.createObjectNode();
        reply.put("session", session);
        reply.set("counter", json.get("counter"));
        reply.set("command", json.get("command"));
        reply.put("accepted", reason == null);
        reply.put("reason", reason);
        reply.put("detail", reason == null ? null : panelId + " refused by the fake rig");
        reply.put("clockMs", clockMs());
        publish("reply/" + panelId, MAPPER.writeValueAsString(reply), 1, false);
    }

    public List<Command> commands() {
        return new ArrayList<>(commands);
    }

    /** Waits until a command matching {@code what} has arrived; fails the test after {@code timeout}. */
    public Command await(Predicate<Command> what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Command command : commands) {
                if (what.test(command)) {
                    return command;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no such command within " + timeout + "; received: " + commands);
    }

    /** A state with the given mode and owner (retained), everything else as in docs/mqtt.md's example. */
    public void publishState(long seq, String mode, String controlOwner) throws MqttException {
        ObjectNode state = MAPPER.createObjectNode();
        state.put("session", session);
        state.put("seq", seq);
        state.put("clockMs", clockMs());
        state.put("wallTime", java.time.Instant.now().toString()).put("timeSynchronized", true);
        state.put("mode", mode);
        state.put("modeReason", "fake rig");
        state.put("simulated", true);
        state.put("controlOwner", controlOwner);
        state.putObject("client").put("id", "c-0042").put("massKg", 70.0).put("exercise", "inverted-hang");
        state.putObject("aim").put("segment", "L4-L5").putNull("loadShare").put("heightMm", 1750.0);
        state.put("liveSegment", "L4-L5");
        state.putArray("faults");
        state.putNull("program");
        state.put("invertedS", 0.0);
        state.put("invertedAlarm", false);
        state.put("enableLive", false);
        state.put("preUseCheck", "done today");
        publish("state", state.toString(), 1, true);
    }

    /** Telemetry with the leg ropes' loads, kg (limit 150 kg). */
    public long publishTelemetry(long seq, double leftKg, double rightKg) throws MqttException {
        long clockMs = clockMs();
        ObjectNode telemetry = MAPPER.createObjectNode();
        telemetry.put("session", session);
        telemetry.put("seq", seq);
        telemetry.put("clockMs", clockMs);
        telemetry.put("wallTime", java.time.Instant.now().toString()).put("timeSynchronized", true);
        telemetry.put("sampleAgeMs", 3.1);
        ArrayNode ropes = telemetry.putArray("ropes");
        rope(ropes, "left-leg", leftKg);
        rope(ropes, "right-leg", rightKg);
        telemetry.putArray("winches").addObject().put("id", "left-leg-winch").put("positionMm", 812.3).put("speedMmPerS", 0.0);
        telemetry.put("liveShare", 0.46);
        telemetry.put("invertedS", 0.0);
        telemetry.putNull("holdElapsedS");
        publish("telemetry", telemetry.toString(), 0, false);
        return clockMs;
    }

    private static void rope(ArrayNode ropes, String id, double loadKg) {
        double share = loadKg / 150.0;
        ropes.addObject().put("id", id).put("loadKg", loadKg).put("limitKg", 150.0).put("shareOfLimit", share)
                .put("band", LoadBand.of(share).name().toLowerCase(java.util.Locale.ROOT));
    }

    /** An event (journal record) on {@code R/events}. */
    public void publishEvent(long seq, String kind, String bodyJson) throws MqttException {
        publish("events", "{\"session\":" + session + ",\"seq\":" + seq + ",\"recordSession\":" + session
                + ",\"wallMs\":1764000000000,\"wallTime\":\"2025-11-24T16:00:00Z\",\"timeSynchronized\":true,\"kind\":\"" + kind + "\",\"body\":" + bodyJson + "}", 1, false);
    }

    /** Publishes raw text under the root, waiting until the broker has it (QoS 1) or it is written (QoS 0). */
    public void publish(String subtopic, String payload, int qos, boolean retained) throws MqttException {
        client.publish(root + "/" + subtopic, payload.getBytes(StandardCharsets.UTF_8), qos, retained).waitForCompletion(5000);
    }

    /** Drops the connection without a DISCONNECT, as a crash does: the broker publishes the will. */
    public void crash() throws MqttException {
        client.disconnectForcibly(0, 100, false);
    }

    /** A graceful stop: the retained offline status, then a clean disconnect. */
    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            publish("status", "{\"status\":\"offline\",\"session\":" + session + ",\"reason\":\"service stopped\"}", 1, true);
            client.disconnect().waitForCompletion(2000);
        }
        client.close(true);
    }
}
