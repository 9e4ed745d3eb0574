package com.lianarig.controller.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A panel for the bus-attack tests: sends commands with its own counter (thread-safe), keeps every
 * reply by counter with the wall time it arrived, and can hold its enable (refreshed every 100 ms
 * with the newest {@code clockMs} it has seen, as a handheld does) while other threads send and wait.
 * Reply times are measured on {@link System#nanoTime}: publish to reply received.
 */
final class ProbePanel implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A reply and when it arrived. */
    record Reply(JsonNode json, long arrivedNanos) {
    }

    final String panelId;
    private final Topics topics;
    private final long session;
    private final MqttClient client;
    private final AtomicLong counter = new AtomicLong();
    private final ConcurrentHashMap<Long, Reply> replies = new ConcurrentHashMap<>();
    /** Every reply in arrival order, those without a counter included. */
    private final java.util.List<Reply> allReplies = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<Long, Long> sentNanos = new ConcurrentHashMap<>();
    private volatile long newestClockMs = -1;
    private final AtomicBoolean enableHeld = new AtomicBoolean();
    private Thread refresher;
    private final AtomicLong enablesSent = new AtomicLong();

    ProbePanel(String uri, String clientId, MqttConnectOptions options, Topics topics, String panelId, long session)
            throws MqttException {
        this.panelId = panelId;
        this.topics = topics;
        this.session = session;
        this.client = new MqttClient(uri, clientId, new MemoryPersistence());
        client.connect(options);
        client.subscribe(topics.reply(panelId), 1, (topic, m) -> {
            long now = System.nanoTime();
            JsonNode j = JSON.readTree(m.getPayload());
            JsonNode c = j.get("counter");
            Reply r = new Reply(j, now);
            allReplies.add(r);
            if (c != null && c.isIntegralNumber()) {
                replies.putIfAbsent(c.asLong(), r);
            }
        });
        client.subscribe(topics.telemetry(), 0, (topic, m) -> {
            long clockMs = JSON.readTree(m.getPayload()).path("clockMs").asLong(-1);
            newestClockMs = Math.max(newestClockMs, clockMs);
        });
    }

    /** Sends {@code body} (the fields after session and counter) and returns its counter. */
    long send(String body) throws MqttException {
        synchronized (counter) {
            long n = counter.incrementAndGet();
            String payload = "{\"session\":" + session + ",\"counter\":" + n + "," + body + "}";
            sentNanos.put(n, System.nanoTime());
            client.publish(topics.command(panelId), payload.getBytes(StandardCharsets.UTF_8), 0, false);
            return n;
        }
    }

    /**
     * Sends an exact payload (nothing added) and returns when it went out. The payload's own counter,
     * if it has one, is not this panel's: keep them apart.
     */
    long sendRaw(String payload) throws MqttException {
        long now = System.nanoTime();
        client.publish(topics.command(panelId), payload.getBytes(StandardCharsets.UTF_8), 0, false);
        return now;
    }

    /** The reply to counter {@code n}, waiting up to {@code timeoutMs}; null when none came. */
    Reply awaitReply(long n, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        Reply r;
        while ((r = replies.get(n)) == null && System.nanoTime() < deadline) {
            LockSupport.parkNanos(200_000);
        }
        return r;
    }

    /** The first reply with {@code command} that arrived after {@code sinceNanos}; null when none came in time. */
    Reply awaitReplyTo(String command, long sinceNanos, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            Reply best = null;
            for (Reply r : allReplies) {
                if (r.arrivedNanos() >= sinceNanos && command.equals(r.json().path("command").asText(null))
                        && (best == null || r.arrivedNanos() < best.arrivedNanos())) {
                    best = r;
                }
            }
            if (best != null) {
                return best;
            }
            LockSupport.parkNanos(200_000);
        }
        return null;
    }

    /** Sends and waits for the reply (an AssertionError after 5 s). */
    JsonNode command(String body) throws MqttException {
        long n = send(body);
        Reply r = awaitReply(n, 5_000);
        if (r == null) {
            throw new AssertionError(panelId + ": no reply to " + body + " within 5 s");
        }
        return r.json();
    }

    /** The time from sending counter {@code n} to its reply, ns; -1 when unanswered. */
    long replyNanos(long n) {
        Reply r = replies.get(n);
        Long sent = sentNanos.get(n);
        return r == null || sent == null ? -1 : r.arrivedNanos() - sent;
    }

    /** The clockMs of the newest telemetry received (waits up to 3 s for the first). */
    long newestClockMs() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (newestClockMs < 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        return newestClockMs;
    }

    /** Starts refreshing the enable every 100 ms (held), as a finger on the hold-to-run button. */
    void holdEnable() {
        if (!enableHeld.compareAndSet(false, true)) {
            return;
        }
        newestClockMs();
        refresher = new Thread(() -> {
            while (enableHeld.get()) {
                try {
                    send("\"command\":\"enable\",\"held\":true,\"clockMs\":" + newestClockMs);
                    enablesSent.incrementAndGet();
                    Thread.sleep(100);
                } catch (MqttException | InterruptedException e) {
                    return;
                }
            }
        }, panelId + "-enable");
        refresher.setDaemon(true);
        refresher.start();
    }

    /** Stops refreshing the enable (without letting go: a crashed panel). */
    void stopRefreshing() throws InterruptedException {
        enableHeld.set(false);
        if (refresher != null) {
            refresher.join(2_000);
        }
    }

    /** Enables refreshed so far. */
    long enablesSent() {
        return enablesSent.get();
    }

    /** Replies received so far to this panel's enables ({@code command: enable}). */
    long enableReplies() {
        return allReplies.stream().filter(r -> "enable".equals(r.json().path("command").asText(null))).count();
    }

    @Override
    public void close() throws MqttException, InterruptedException, IOException {
        stopRefreshing();
        try {
            if (client.isConnected()) {
                client.disconnect(500);
            }
        } finally {
            client.close();
        }
    }
}
