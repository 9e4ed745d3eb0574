package com.lianarig.controller.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain MQTT client for tests: subscribes, keeps every message in order, publishes like a panel (QoS 0). */
final class TestClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One received message, with the QoS it was delivered at (the lower of the publisher's and the subscription's). */
    record Msg(String topic, String payload, boolean retained, int qos) {
        Msg(String topic, String payload, boolean retained) {
            this(topic, payload, retained, -1);
        }

        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(topic + ": not JSON: " + payload, e);
            }
        }
    }

    final MqttClient client;
    final LinkedBlockingQueue<Msg> received = new LinkedBlockingQueue<>();
    /** The clockMs of the newest live (not retained) state or telemetry received (-1 before any), for a panel's enable. */
    volatile long newestClockMs = -1;
    final List<Msg> all = java.util.Collections.synchronizedList(new ArrayList<>());

    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

    TestClient(String uri, String clientId, String... filters) throws MqttException {
        this(uri, clientId, new MqttConnectOptions(), filters);
    }

    TestClient(String uri, String clientId, MqttConnectOptions options, String... filters) throws MqttException {
        // a client id of its own: a test's port can be one an earlier test's broker had, and a client left
        // reconnecting there with the same id would take this connection over (Connection lost, 32109)
        client = new MqttClient(uri, clientId + "-" + IDS.incrementAndGet() + "-" + ProcessHandle.current().pid(),
                new MemoryPersistence());
        client.connect(options);
        for (String f : filters) {
            client.subscribe(f, 1, (topic, m) -> {
                Msg msg = new Msg(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.isRetained(), m.getQos());
                // a retained state may be a previous service's (the example broker persists it): its clockMs
                // is from another clock, and an enable based on it would be "in the controller's future"
                if ((topic.endsWith("/telemetry") || topic.endsWith("/state")) && !m.isRetained()) {
                    newestClockMs = Math.max(newestClockMs, msg.json().path("clockMs").asLong(-1));
                }
                all.add(msg);
                received.add(msg);
            });
        }
    }

    /** The next message matching {@code which} within {@code timeoutMs}, or an AssertionError. */
    Msg await(Predicate<Msg> which, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            long left = deadline - System.nanoTime();
            Msg m = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
            if (m == null) {
                throw new AssertionError("no " + what + " within " + timeoutMs + " ms");
            }
            if (which.test(m)) {
                return m;
            }
        }
    }

    Msg awaitTopic(String topic, long timeoutMs) throws InterruptedException {
        return await(m -> m.topic().equals(topic), timeoutMs, "message on " + topic);
    }

    /**
     * Sends one command as panel {@code panel} (session and the next counter added) and returns the
     * reply to it.
     */
    com.fasterxml.jackson.databind.JsonNode command(Topics topics, String panel, long session,
            java.util.concurrent.atomic.AtomicLong counter, String body) throws Exception {
        long n;
        String payload;
        synchronized (counter) { // counters go out in order even when another thread sends enables
            n = counter.incrementAndGet();
            payload = "{\"session\":" + session + ",\"counter\":" + n + "," + body + "}";
            publish(topics.command(panel), payload);
        }
        return await(m -> m.topic().equals(topics.reply(panel)) && m.json().path("counter").asLong() == n, 5_000,
                "reply to " + payload).json();
    }

    /** The clockMs of the next telemetry (what a panel's enable carries). */
    long latestClockMs(Topics topics) throws InterruptedException {
        return awaitTopic(topics.telemetry(), 2_000).json().get("clockMs").asLong();
    }

    void publish(String topic, String payload) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 0, false);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(500);
        }
        client.close();
    }
}
