package com.lianarig.controller.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.config.rig.PanelConfig;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.core.Json;
import com.lianarig.controller.core.RigStatus;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.journal.JournalRecord;
import com.lianarig.controller.rig.RigModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rig on MQTT (SPEC section 6, docs/mqtt.md): birth and last will with the session number,
 * retained state, telemetry at the configured rate, every journal record as an event (the journal
 * is the outbox: after an outage or a restart, everything the broker has not acknowledged is
 * published again, in order), and panel commands into the command model with a reply each.
 *
 * <p>Threads: everything outgoing runs on one publisher thread ("mqtt-out"), at the telemetry rate;
 * commands arrive on Paho's callback thread, are judged there and queued to the controller; the
 * control thread never waits on MQTT (a decision's reply is handed back to the publisher). The broker
 * going away changes nothing for control: publishing simply pauses.
 */
public final class MqttInterface implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttInterface.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How often the state is republished when nothing changed, ns. */
    static final long STATE_REFRESH_NANOS = 1_000_000_000L;
    /** Events published and not yet acknowledged, at most. */
    static final int EVENTS_IN_FLIGHT = 64;
    /** An unconfigured panel is journalled at most once per this, ns. */
    static final long IGNORED_LOG_NANOS = 10_000_000_000L;
    /** Distinct unconfigured panel ids remembered for that rate limit (a flood of ids cannot grow memory). */
    static final int IGNORED_IDS_MAX = 64;
    /** How long the publisher waits for the command subscription before the birth, ms. */
    static final long SUBSCRIBE_WAIT_MS = 2_000;
    /** Retry period for the first connection (Paho's own reconnect takes over after one success), s. */
    static final long FIRST_CONNECT_RETRY_S = 2;

    private final MqttConfig config;
    private final Topics topics;
    private final RigModel model;
    private final RigPort rig;
    private final Journal outbox;
    private final EventLog log2;
    private final LongSupplier clock;
    private final long startNanos;
    private final long session;
    private final String software;
    private final CommandGate gate;
    private final PanelDirectory paired;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final ScheduledExecutorService out;
    /** {@link #out} for hand-offs from other threads: once closing, a hand-off is dropped, never thrown at the caller
     * (a decision completes on the control thread). */
    private final Executor toOut;
    private final JsonOut json = new JsonOut();
    private final double[] speeds;

    // publisher-thread state
    private long stateSeq;
    private long telemetrySeq;
    private String lastStateKey;
    private long lastStateNanos;
    private boolean online;
    private long nextEventSeq;
    private long deliveredSeq;
    private int eventsInFlight;
    private final TreeSet<Long> ackedAhead = new TreeSet<>();
    private long epoch;
    private final ConcurrentLinkedQueue<long[]> acks = new ConcurrentLinkedQueue<>();

    // callback-thread state
    private final Map<String, long[]> ignored = new HashMap<>();
    private final Map<String, long[]> rejectedLog = new HashMap<>();

    private volatile boolean closed;
    private volatile boolean everConnected;
    private volatile int connectFailures;

    /**
     * @param config the rig file's mqtt section
     * @param panels the configured panels (all others are ignored)
     * @param model the rig (rope and winch ids, limits)
     * @param rig the controller's port
     * @param outbox the service's journal (events and the delivered cursor)
     * @param eventLog where the interface's own events go (usually the same journal)
     * @param password the broker password, when the rig file names a password file
     * @param tls the TLS socket factory, when the rig file configures TLS
     * @param clock the host monotonic clock, ns
     * @param startNanos when the service started on that clock ({@code clockMs} counts from it)
     * @param software the software version for the birth message
     */
    public MqttInterface(MqttConfig config, List<PanelConfig> panels, RigModel model, RigPort rig, Journal outbox,
            EventLog eventLog, Optional<char[]> password, Optional<SSLSocketFactory> tls, LongSupplier clock,
            long startNanos, String software) throws MqttException {
        this(config, panels, PanelDirectory.NONE, model, rig, outbox, eventLog, password, tls, clock, startNanos,
                software);
    }

    /**
     * The same, with the panels a technician paired (SPEC section 6a) heard beside the rig file's.
     *
     * @param paired the paired panels (a rig-file panel of the same id wins)
     */
    public MqttInterface(MqttConfig config, List<PanelConfig> panels, PanelDirectory paired, RigModel model,
            RigPort rig, Journal outbox, EventLog eventLog, Optional<char[]> password, Optional<SSLSocketFactory> tls,
            LongSupplier clock, long startNanos, String software) throws MqttException {
        this.paired = Objects.requireNonNull(paired, "paired");
        this.config = Objects.requireNonNull(config, "config");
        this.topics = new Topics(config.topicRoot());
        this.model = model;
        this.rig = rig;
        this.outbox = outbox;
        this.log2 = eventLog;
        this.clock = clock;
        this.startNanos = startNanos;
        this.session = outbox.session();
        this.software = software;
        this.gate = new CommandGate(panels, session);
        this.speeds = new double[model.winches().size()];
        String uri = (tls.isPresent() ? "ssl://" : "tcp://") + hostForUri(config.host()) + ":" + config.port();
        this.client = new MqttAsyncClient(uri, config.clientId(), new MemoryPersistence());
        this.options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true); // SPEC 6: nothing queued while the controller was down is delivered
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(2_000);
        options.setKeepAliveInterval(10);
        options.setConnectionTimeout(5);
        options.setMaxInflight(EVENTS_IN_FLIGHT * 4);
        options.setWill(topics.status(), Payloads.status(new JsonOut(), false, session, false, software, 0,
                "connection lost").getBytes(StandardCharsets.UTF_8), 1, true);
        config.username().ifPresent(options::setUserName);
        password.ifPresent(options::setPassword);
        tls.ifPresent(options::setSocketFactory);
        this.out = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-out");
            t.setDaemon(true);
            return t;
        });
        this.toOut = task -> {
            try {
                out.execute(task);
            } catch (RejectedExecutionException closing) {
                // closing: nothing more is published
            }
        };
        client.setCallback(new Callbacks());
    }

    private static String hostForUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** The session number in the birth, the will and every message. */
    public long session() {
        return session;
    }

    public Topics topics() {
        return topics;
    }

    /** When the service started on the host monotonic clock, ns: every {@code clockMs} counts from it (P-6's bench). */
    public long startNanos() {
        return startNanos;
    }

    /** Connects (retrying until the broker answers) and starts publishing. */
    public void start() {
        long periodNanos = 1_000_000_000L / config.telemetryHz();
        out.scheduleAtFixedRate(this::tick, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        out.execute(this::connect);
        log.info("MQTT: connecting to {} as {} (topic root {}, session {})", client.getServerURI(), config.clientId(),
                topics.root(), session);
    }

    private void connect() {
        if (closed || everConnected) {
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    everConnected = true;
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    connectFailed(e);
                }
            });
        } catch (MqttException e) {
            connectFailed(e);
        }
    }

    /** Says so at the first failure and then once a minute (not every retry), and tries again. */
    private void connectFailed(Throwable e) {
        int n = ++connectFailures;
        if (n == 1 || n % (60 / FIRST_CONNECT_RETRY_S) == 0) {
            log.warn("MQTT: cannot connect to {}: {}; retrying every {} s (attempt {}; control is not affected)",
                    client.getServerURI(), describe(e), FIRST_CONNECT_RETRY_S, n);
        }
        if (!closed && !out.isShutdown()) {
            try {
                out.schedule(this::connect, FIRST_CONNECT_RETRY_S, TimeUnit.SECONDS);
            } catch (RejectedExecutionException closing) {
                // closing
            }
        }
    }

    static String describe(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String m = cause.getMessage();
        return (m == null ? cause.getClass().getSimpleName() : m)
                + (e instanceof MqttException me ? " (reason " + me.getReasonCode() + ")" : "");
    }

    private long clockMs(long nowNanos) {
        return (nowNanos - startNanos) / 1_000_000L;
    }

    // ------------------------------------------------------------------ publisher thread

    /** On the publisher thread after every (re)connect: birth, subscription, state, and the outbox from its cursor. */
    private void onConnected() {
        epoch++;
        eventsInFlight = 0;
        ackedAhead.clear();
        acks.clear();
        long first = outbox.firstUndelivered();
        nextEventSeq = first;
        deliveredSeq = first - 1;
        try {
            // subscribed before the birth: a panel that has seen the birth is heard
            client.subscribe(topics.commandFilter(), 0).waitForCompletion(SUBSCRIBE_WAIT_MS);
        } catch (MqttException e) {
            log.warn("MQTT: subscribing to {} failed: {}", topics.commandFilter(), describe(e));
        }
        long now = clock.getAsLong();
        if (!publish(topics.status(), Payloads.status(json, true, session, rig.status().simulated(), software,
                clockMs(now), null), 1, true)) {
            return;
        }
        online = true;
        lastStateKey = null;
        log.info("MQTT: online at {} (session {}); events from journal record {}", client.getServerURI(), session,
                first);
        tick();
    }

    private void tick() {
        if (!online || closed) {
            return;
        }
        try {
            long now = clock.getAsLong();
            RigStatus s = rig.status();
            publishState(s, now);
            rig.speedsMmPerS(speeds);
            long sampleNanos = rig.newestSampleNanos();
            long publishNanos = clock.getAsLong(); // read after the sample's time: a sample is never younger than this
            double ageMs = sampleNanos == Long.MIN_VALUE ? Double.NaN : (publishNanos - sampleNanos) / 1e6;
            publish(topics.telemetry(), Payloads.telemetry(json, session, ++telemetrySeq, clockMs(publishNanos), ageMs,
                    model, s, speeds), 0, false);
            drainEvents();
        } catch (RuntimeException e) {
            log.error("MQTT: publishing failed: {}", e.toString(), e); // never kill the scheduled task
        }
    }

    private void publishState(RigStatus s, long now) {
        String key = Payloads.stateKey(json, s);
        if (key.equals(lastStateKey) && now - lastStateNanos < STATE_REFRESH_NANOS) {
            return;
        }
        if (publish(topics.state(), Payloads.state(json, session, ++stateSeq, clockMs(now), s), 1, true)) {
            lastStateKey = key;
            lastStateNanos = now;
        }
    }

    private void drainEvents() {
        boolean rewind = false;
        for (long[] ack; (ack = acks.poll()) != null;) {
            if (ack[0] == epoch) {
                eventsInFlight--;
                if (ack[1] > 0) {
                    ackedAhead.add(ack[1]);
                } else {
                    rewind = true;
                }
            }
        }
        long advanced = deliveredSeq;
        while (ackedAhead.remove(advanced + 1)) {
            advanced++;
        }
        if (advanced > deliveredSeq) {
            deliveredSeq = advanced;
            outbox.markDelivered(advanced);
        }
        if (rewind) {
            // an event the broker never acknowledged: everything after the cursor goes again, in order
            // (the acknowledgements still on their way belong to the old epoch and are ignored)
            epoch++;
            eventsInFlight = 0;
            ackedAhead.clear();
            nextEventSeq = deliveredSeq + 1;
        }
        int room = EVENTS_IN_FLIGHT - eventsInFlight;
        if (room <= 0) {
            return;
        }
        List<JournalRecord> batch;
        try {
            batch = outbox.readFrom(nextEventSeq, room);
        } catch (IOException e) {
            log.error("MQTT: reading the journal outbox from {} failed: {}", nextEventSeq, e.toString());
            return;
        }
        for (JournalRecord r : batch) {
            if (r.seq() < nextEventSeq) {
                continue;
            }
            if (!publishEvent(r)) {
                return;
            }
            nextEventSeq = r.seq() + 1;
        }
    }

    private boolean publishEvent(JournalRecord r) {
        String payload = Payloads.event(json, session, r, jsonBody(r.body()));
        long myEpoch = epoch;
        long seq = r.seq();
        try {
            client.publish(topics.events(), payload.getBytes(StandardCharsets.UTF_8), 1, false, null,
                    new IMqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            acks.add(new long[] {myEpoch, seq});
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable e) {
                            // not acknowledged: published again from the delivered cursor
                            acks.add(new long[] {myEpoch, -seq});
                        }
                    });
            eventsInFlight++;
            return true;
        } catch (MqttException e) {
            notConnected(e);
            return false;
        }
    }

    /** A journal body as JSON: the controller writes JSON objects; anything else goes as a string. */
    private static String jsonBody(String body) {
        try {
            if (JSON.readTree(body).isObject()) {
                return body;
            }
        } catch (IOException e) {
            // fall through
        }
        StringBuilder b = new StringBuilder(body.length() + 2);
        Json.string(b, body);
        return b.toString();
    }

    private boolean publish(String topic, String payload, int qos, boolean retained) {
        try {
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained);
            return true;
        } catch (MqttException e) {
            notConnected(e);
            return false;
        }
    }

    private void notConnected(MqttException e) {
        if (online) {
            log.warn("MQTT: publishing paused: {}", describe(e));
        }
        if (e.getReasonCode() == MqttException.REASON_CODE_CLIENT_NOT_CONNECTED
                || e.getReasonCode() == MqttException.REASON_CODE_CONNECTION_LOST) {
            online = false;
        }
    }

    private void reply(String panelId, Long counter, String command, boolean accepted, String reason, String detail) {
        if (!online) {
            return;
        }
        publish(topics.reply(panelId), Payloads.reply(json, session, counter, command, accepted, reason, detail,
                clockMs(clock.getAsLong())), 1, false);
    }

    // ------------------------------------------------------------------ callback thread

    private void onCommand(String topic, byte[] payload) {
        long arrival = clock.getAsLong();
        String panelId = topics.panelOf(topic);
        if (panelId == null) {
            return;
        }
        Optional<Issuer> issuer = gate.issuer(panelId).or(() -> paired.issuer(panelId));
        if (issuer.isEmpty()) {
            ignored(panelId, arrival);
            return;
        }
        PanelCommand c;
        try {
            c = CommandCodec.decode(payload);
        } catch (CommandRejected r) {
            rejected(panelId, r, arrival);
            return;
        }
        CommandRejected stale = gate.judge(panelId, c, clockMs(arrival));
        if (stale != null && !c.safeDirection()) {
            rejected(panelId, stale, arrival);
            return;
        }
        String name = c.command().name();
        rig.submit(c.command(), issuer.get()).whenCompleteAsync((Decision d, Throwable e) -> {
            if (e != null) {
                reply(panelId, c.counter(), name, false, "DRIVES_REFUSED", "the controller failed: " + e);
                return;
            }
            String detail = stale == null ? d.detail() : d.detail() + " (acted on although " + stale.getMessage() + ")";
            reply(panelId, c.counter(), name, d.accepted(), d.accepted() ? null : d.refusal().name(), detail);
        }, toOut);
    }

    private void rejected(String panelId, CommandRejected r, long arrival) {
        toOut.execute(() -> reply(panelId, r.counter(), r.command(), false, r.reason().name(), r.getMessage()));
        long[] last = rejectedLog.computeIfAbsent(panelId, k -> new long[] {arrival - 2_000_000_000L, 0});
        last[1]++;
        if (arrival - last[0] >= 1_000_000_000L) {
            log2.record("mqtt.rejected", Json.of("panel", panelId, "reason", r.reason().name(), "detail", r.getMessage(),
                    "count", last[1]));
            last[0] = arrival;
            last[1] = 0;
        }
    }

    private void ignored(String panelId, long arrival) {
        long[] last = ignored.get(panelId);
        if (last == null) {
            if (ignored.size() >= IGNORED_IDS_MAX) {
                ignored.clear();
            }
            last = new long[] {arrival - IGNORED_LOG_NANOS, 0};
            ignored.put(panelId, last);
        }
        last[1]++;
        if (arrival - last[0] >= IGNORED_LOG_NANOS) {
            log2.record("mqtt.ignored", Json.of("panel", CommandCodec.clip(panelId), "why",
                    "not a panel of this rig's file", "count", last[1]));
            log.warn("MQTT: ignored {} command(s) from {}: not a configured panel", last[1], panelId);
            last[0] = arrival;
            last[1] = 0;
        }
    }

    private final class Callbacks implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            everConnected = true;
            toOut.execute(MqttInterface.this::onConnected);
        }

        @Override
        public void connectionLost(Throwable cause) {
            log.warn("MQTT: connection lost ({}); reconnecting, control is not affected", describe(cause));
            toOut.execute(() -> online = false);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                onCommand(topic, message.getPayload());
            } catch (RuntimeException e) {
                log.error("MQTT: a command on {} could not be handled: {}", topic, e.toString(), e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    // ------------------------------------------------------------------ closing

    /** Says "offline" (graceful, retained), disconnects and stops publishing. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        out.shutdown();
        try {
            out.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (client.isConnected()) {
                client.publish(topics.status(), Payloads.status(new JsonOut(), false, session, false, software, 0,
                        "service stopped").getBytes(StandardCharsets.UTF_8), 1, true).waitForCompletion(1_000);
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            log.warn("MQTT: graceful disconnect failed: {}", describe(e));
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.warn("MQTT: closing the client failed: {}", describe(e));
        }
    }
}
