package com.lianarig.controller.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.config.rig.PanelConfig;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.DateTrust;
import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.core.Json;
import com.lianarig.controller.core.RigStatus;
import com.lianarig.controller.history.SessionRecorder;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.journal.JournalRecord;
import com.lianarig.controller.rig.LinkDiagnostics;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rig on MQTT (SPEC section 6, docs/mqtt.md): birth and last will with the session number,
 * retained state, telemetry at the configured rate, every journal record as an event (the journal
 * is the outbox: after an outage or a restart, everything the broker has not acknowledged is
 * published again, in order), and panel commands into the command model with a reply each.
 *
 * <p>Threads: everything outgoing runs on one publisher thread ("mqtt-out"), at the telemetry rate;
 * commands arrive on Paho's callback thread, are judged there and handed to the controller through a
 * bounded {@link CommandDispatch}; the control thread never waits on MQTT (a decision's reply is
 * handed back to the publisher). The broker going away changes nothing for control: publishing
 * simply pauses.
 *
 * <p>Hostile input (R-10, issues 18 and 20): the client reads through an {@link InboundFilter} (a
 * topic Paho would die on, a packet too big to be a command: dropped before Paho sees them) and a Paho
 * task that dies anyway is journalled and the connection remade at once ({@link GuardedMqttClient});
 * a stop, or letting go of enable or rescue, is acted on however malformed its payload (I-3); counters
 * cannot be poisoned ({@link CommandGate}); what is not acted on is counted and journalled coalesced
 * ({@link BusNoise}), its replies rate-limited per panel; a connection taken over by another client with
 * the rig's client id is noticed ({@link ConnectionWatch}), journalled and said on the status topic.
 */
public final class MqttInterface implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttInterface.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How often the state is republished when nothing changed, ns. */
    static final long STATE_REFRESH_NANOS = 1_000_000_000L;
    /** Events published and not yet acknowledged, at most. */
    static final int EVENTS_IN_FLIGHT = 64;
    /** How long the publisher waits for the command subscription before the birth, ms. */
    static final long SUBSCRIBE_WAIT_MS = 2_000;
    /** Retry period for the first connection (Paho's own reconnect takes over after one success), s. */
    static final long FIRST_CONNECT_RETRY_S = 2;
    /**
     * The largest inbound packet read (MQTT remaining length): a command of 4 KiB and its topic fit with
     * room to spare; anything bigger is skipped unread.
     */
    static final int MAX_INBOUND_PACKET_BYTES = 8 * 1024;
    /**
     * Messages read per second on one configured panel's command topic (a handheld sends 11); beyond it
     * only those whose bytes may say stop, letting go or hello are read, the rest counted unread.
     */
    static final double ARRIVALS_PER_S = 50;
    /** Replies to what is not acted on (refused, malformed, rate-limited), per panel: a second, and at once. */
    static final double REFUSAL_REPLIES_PER_S = 5;
    static final double REFUSAL_REPLIES_BURST = 10;
    /** Replies waiting for the publisher, at most; beyond it only the replies to decisions go out. */
    static final int PENDING_REPLIES_MAX = 256;
    /** After a Paho task died, the reconnect starts this soon (its own reconnect would wait 1 s), ms. */
    static final long RECONNECT_AFTER_FAILURE_MS = 50;
    /** The journal kind of a Paho thread that died (the connection is remade). */
    static final String RECEIVER_FAILED_KIND = "mqtt.receiver-failed";
    /** The journal kind of a takeover of the rig's connection. */
    static final String TAKEOVER_KIND = "mqtt.takeover";
    /** What the birth says while a takeover is suspected. */
    static final String TAKEOVER_WARNING = "another MQTT client keeps connecting with this rig's client id and the "
            + "broker drops the rig's connection for it: commands may be lost; give that client its own id, and let "
            + "the broker tie client ids to users (Mosquitto: use_username_as_clientid)";
    /** How often the link diagnostics are looked at; republished (retained) when one changed, ns. */
    static final long DIAGNOSTICS_CHECK_NANOS = 5_000_000_000L;
    /** ... and republished at least this often otherwise (frames and clockMs show they are current), ns. */
    static final long DIAGNOSTICS_REFRESH_NANOS = 60_000_000_000L;

    private final MqttConfig config;
    private final Topics topics;
    private final RigModel model;
    private final RigPort rig;
    private final Journal outbox;
    private final EventLog log2;
    private final LongSupplier clock;
    /** The wall clock for state, telemetry and events, ms since the epoch, and whether it is synchronised. */
    private volatile LongSupplier wallMs = System::currentTimeMillis;
    private volatile DateTrust clockTrust = () -> "the clock's synchronisation is not known";
    /** Since when the wall clock has been seen synchronised without a break, System.nanoTime; MIN_VALUE while not. */
    private long trustedSinceNanos = Long.MIN_VALUE;
    private final long startNanos;
    private final long session;
    private final String software;
    private final CommandGate gate;
    private final BusNoise noise;
    /** SR-26: journal trouble, told from memory. */
    private final StorageEvents storage;
    private final CommandDispatch dispatch;
    private final Map<String, TokenBucket> refusalReplies = new HashMap<>();
    private final Map<String, TokenBucket> arrivals = new HashMap<>();
    private final AtomicInteger pendingReplies = new AtomicInteger();
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
    private final ConnectionWatch watch = new ConnectionWatch();
    private volatile Supplier<List<LinkDiagnostics>> diagnostics;
    private volatile Supplier<SessionRecorder.View> panelHistory;
    private long historySeq;
    /** The version of the history view last published, -1 for none since the (re)connect. */
    private long historyVersion = -1;
    private List<LinkDiagnostics> lastDiagnostics;
    private long diagnosticsSeq;
    private long lastDiagnosticsNanos;
    private long nextDiagnosticsCheckNanos;

    private volatile boolean closed;
    /** Set when a Paho task died: the connection loss that follows is remade at once. */
    private volatile boolean reconnectAtOnce;
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
     * The same, with the panels a technician paired (SPEC section 6a) heard beside the rig file's: a
     * paired panel is a configured panel for everything on the command path (freshness, its own
     * dispatch lane and rates, STOP always heard, noise counted under its id); one revoked is no
     * panel at all from the next message on.
     *
     * @param paired the paired panels (a rig-file panel of the same id wins)
     */
    public MqttInterface(MqttConfig config, List<PanelConfig> panels, PanelDirectory paired, RigModel model,
            RigPort rig, Journal outbox, EventLog eventLog, Optional<char[]> password, Optional<SSLSocketFactory> tls,
            LongSupplier clock, long startNanos, String software) throws MqttException {
        this(config, panels, paired, model, rig, outbox, eventLog, password, tls, clock, startNanos, software,
                MAX_INBOUND_PACKET_BYTES, true);
    }

    /**
     * As the public constructor, with the inbound bound and whether the inbound filter runs: tests turn
     * it off to show that a Paho task dying is still noticed and remade ({@link GuardedMqttClient}).
     */
    MqttInterface(MqttConfig config, List<PanelConfig> panels, RigModel model, RigPort rig, Journal outbox,
            EventLog eventLog, Optional<char[]> password, Optional<SSLSocketFactory> tls, LongSupplier clock,
            long startNanos, String software, int maxInboundPacketBytes, boolean inboundFilter) throws MqttException {
        this(config, panels, PanelDirectory.NONE, model, rig, outbox, eventLog, password, tls, clock, startNanos,
                software, maxInboundPacketBytes, inboundFilter);
    }

    private MqttInterface(MqttConfig config, List<PanelConfig> panels, PanelDirectory paired, RigModel model,
            RigPort rig, Journal outbox, EventLog eventLog, Optional<char[]> password, Optional<SSLSocketFactory> tls,
            LongSupplier clock, long startNanos, String software, int maxInboundPacketBytes, boolean inboundFilter)
            throws MqttException {
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
        this.gate = new CommandGate(panels, paired, session);
        this.noise = new BusNoise(eventLog);
        this.storage = new StorageEvents(outbox);
        this.speeds = new double[model.winches().size()];
        String uri = (tls.isPresent() ? "ssl://" : "tcp://") + hostForUri(config.host()) + ":" + config.port();
        this.client = inboundFilter
                ? GuardedMqttClient.create(uri, config.clientId(), maxInboundPacketBytes, this::dropped, this::pahoTaskFailed)
                : GuardedMqttClient.unfiltered(uri, config.clientId(), this::pahoTaskFailed);
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
        this.dispatch = new CommandDispatch(rig, toOut, (command, then) -> then.accept(null,
                new CommandRejected(Refusal.RATE_LIMITED, "dropped unanswered by the rig: newer commands from this "
                        + "panel filled its queue of " + CommandDispatch.QUEUE, null, command.name())));
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

    /**
     * Where the wall-clock time in state, telemetry and events comes from, and whether it is synchronised (the
     * Pi may have no real-time clock: {@code timeSynchronized} false until NTP or an RTC vouches for it). Until
     * set: the system clock, not known to be synchronised. Call before {@link #start}.
     */
    public void wallClock(LongSupplier wallMsSource, DateTrust trust) {
        this.wallMs = Objects.requireNonNull(wallMsSource, "wallMsSource");
        this.clockTrust = Objects.requireNonNull(trust, "trust");
    }

    /** Whether the wall clock is synchronised now; notes since when it has been, without a break (mqtt-out thread). */
    private boolean timeSynchronized() {
        boolean synced = clockTrust.untrusted() == null;
        if (!synced) {
            trustedSinceNanos = Long.MIN_VALUE;
        } else if (trustedSinceNanos == Long.MIN_VALUE) {
            trustedSinceNanos = System.nanoTime();
        }
        return synced;
    }

    /**
     * Whether a journal record's wall time was written by a synchronised clock: the clock is synchronised now and
     * has been since before the record (its monotonic stamp, the journal's clock: System.nanoTime in the service);
     * a record of an earlier run is not vouched for (Payloads.event).
     */
    private boolean recordTimeSynchronized(JournalRecord r) {
        return timeSynchronized() && r.monoNanos() - trustedSinceNanos >= 0;
    }

    /**
     * Publishes the node links' diagnostics on {@code R/diagnostics} (retained): at every connect, when a
     * link's state or a count of trouble changed (looked at every 5 s), and at least once a minute.
     * Call before {@link #start}.
     */
    public void diagnostics(Supplier<List<LinkDiagnostics>> source) {
        this.diagnostics = source;
    }

    /**
     * Publishes the attached client's session history on {@code R/panel/history} (retained, for panels only:
     * personal data, docs/mqtt.md): at every connect and whenever it changes; with no client attached, an
     * empty history replaces the retained one. Call before {@link #start}.
     */
    public void panelHistory(Supplier<SessionRecorder.View> source) {
        this.panelHistory = source;
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
        String warning = watch.suspected(System.nanoTime()) ? TAKEOVER_WARNING : null;
        if (!publish(topics.status(), Payloads.status(json, true, session, rig.status().simulated(), software,
                clockMs(now), null, warning), 1, true)) {
            return;
        }
        online = true;
        publishDiscovery();
        lastStateKey = null;
        lastDiagnostics = null; // retained again at every connect
        historyVersion = -1;
        nextDiagnosticsCheckNanos = now;
        log.info("MQTT: online at {} (session {}); events from journal record {}", client.getServerURI(), session,
                first);
        tick();
    }

    /**
     * Home Assistant's discovery (opt-in: {@code mqtt.homeAssistant}), retained, at every connect: the broker
     * may have lost its retained messages, and a new software version changes the device.
     */
    private void publishDiscovery() {
        if (config.homeAssistantPrefix().isEmpty()) {
            return;
        }
        for (HomeAssistantDiscovery.Message m : HomeAssistantDiscovery.messages(config.homeAssistantPrefix().get(),
                topics, config.clientId(), model, software)) {
            publish(m.topic(), m.payload(), 1, true);
        }
    }

    private void tick() {
        if (closed) {
            return;
        }
        noise.flush(clock.getAsLong(), false); // journalled whether the broker is there or not
        if (!online) {
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
            publish(topics.telemetry(), Payloads.telemetry(json, session, ++telemetrySeq, clockMs(publishNanos),
                    wallMs.getAsLong(), timeSynchronized(), ageMs, model, s, speeds), 0, false);
            drainEvents();
            String storageEvent = storage.next(json, session, wallMs.getAsLong(), timeSynchronized());
            if (storageEvent != null && publish(topics.events(), storageEvent, 1, false)) {
                storage.told();
            }
            publishDiagnostics(clock.getAsLong());
            publishPanelHistory(clock.getAsLong());
        } catch (RuntimeException e) {
            log.error("MQTT: publishing failed: {}", e.toString(), e); // never kill the scheduled task
        }
    }

    private void publishState(RigStatus s, long now) {
        String key = Payloads.stateKey(json, s);
        if (key.equals(lastStateKey) && now - lastStateNanos < STATE_REFRESH_NANOS) {
            return;
        }
        if (publish(topics.state(), Payloads.state(json, session, ++stateSeq, clockMs(now), wallMs.getAsLong(),
                timeSynchronized(), s), 1, true)) {
            lastStateKey = key;
            lastStateNanos = now;
        }
    }

    private void publishDiagnostics(long now) {
        Supplier<List<LinkDiagnostics>> source = diagnostics;
        if (source == null || now - nextDiagnosticsCheckNanos < 0) {
            return;
        }
        nextDiagnosticsCheckNanos = now + DIAGNOSTICS_CHECK_NANOS;
        List<LinkDiagnostics> links = source.get();
        if (!DiagnosticsPayload.changed(lastDiagnostics, links) && now - lastDiagnosticsNanos < DIAGNOSTICS_REFRESH_NANOS) {
            return;
        }
        if (publish(topics.diagnostics(), DiagnosticsPayload.of(json, session, ++diagnosticsSeq, clockMs(now), links), 1,
                true)) {
            lastDiagnostics = links;
            lastDiagnosticsNanos = now;
        }
    }

    private void publishPanelHistory(long now) {
        Supplier<SessionRecorder.View> source = panelHistory;
        if (source == null) {
            return;
        }
        SessionRecorder.View view = source.get();
        if (view.version() == historyVersion) {
            return;
        }
        if (publish(topics.panelHistory(), HistoryPayload.of(session, ++historySeq, clockMs(now), view), 1, true)) {
            historyVersion = view.version();
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
        String payload = Payloads.event(json, session, r, jsonBody(r.body()), recordTimeSynchronized(r));
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

    /** Publishes a reply (publisher thread). */
    private void reply(String panelId, Long counter, String command, boolean accepted, String reason, String detail,
            long lastCounter) {
        if (!online) {
            return;
        }
        publish(topics.reply(panelId), Payloads.reply(json, session, counter, command, accepted, reason, detail,
                clockMs(clock.getAsLong()), lastCounter), 1, false);
    }

    /**
     * Hands a reply to the publisher. Replies to decisions always go; the others only while fewer than
     * {@value #PENDING_REPLIES_MAX} wait (a flood's refusals must not delay a stop's answer).
     */
    private boolean queueReply(boolean always, String panelId, Long counter, String command, boolean accepted,
            String reason, String detail, long lastCounter) {
        if (pendingReplies.incrementAndGet() > PENDING_REPLIES_MAX && !always) {
            pendingReplies.decrementAndGet();
            return false;
        }
        toOut.execute(() -> {
            pendingReplies.decrementAndGet();
            reply(panelId, counter, command, accepted, reason, detail, lastCounter);
        });
        return true;
    }

    /** Whether a message on {@code panelId}'s command topic is within the rate at which the rig reads them. */
    private boolean arrivalAllowed(String panelId, long nowNanos) {
        synchronized (arrivals) {
            return arrivals.computeIfAbsent(panelId, k -> new TokenBucket(ARRIVALS_PER_S, ARRIVALS_PER_S)).take(nowNanos);
        }
    }

    /** Whether a reply to something not acted on may go to {@code panelId} now (its per-panel rate). */
    private boolean refusalReplyAllowed(String panelId, long nowNanos) {
        synchronized (refusalReplies) {
            return refusalReplies.computeIfAbsent(panelId, k -> new TokenBucket(REFUSAL_REPLIES_PER_S,
                    REFUSAL_REPLIES_BURST)).take(nowNanos);
        }
    }

    // ------------------------------------------------------------------ callback thread

    /**
     * One message on a command topic. Panels neither in the rig file nor paired: counted, no reply. Then, in this order:
     * {@code hello} is answered with the panel's counter mark; a stop or a letting go is acted on at once
     * however its payload is malformed or stale, the reply saying what was odd (I-3); anything else must
     * decode strictly and be fresh, then goes to the {@link CommandDispatch}; what is refused is counted
     * ({@link BusNoise}) and answered within the panel's reply rate.
     */
    private void onCommand(String topic, byte[] payload) {
        long arrival = clock.getAsLong();
        String panelId = topics.panelOf(topic);
        if (panelId == null) {
            return;
        }
        Optional<Issuer> issuer = gate.issuer(panelId);
        if (issuer.isEmpty()) {
            noise.count(panelId, BusNoise.Kind.IGNORED, null, "not a panel of this rig (its rig file's or a paired device)",
                    false, arrival);
            return;
        }
        boolean mayBeSafe = CommandCodec.maySaySafeDirectionOrHello(payload);
        if (!arrivalAllowed(panelId, arrival) && !mayBeSafe) {
            // a flood: not even read (a stop or a letting go in it is still read: it says so in its bytes)
            noise.count(panelId, BusNoise.Kind.RATE_LIMITED, Refusal.RATE_LIMITED.name(), "more than "
                    + (int) ARRIVALS_PER_S + " messages a second on " + panelId + "'s command topic: not read", false,
                    arrival);
            return;
        }
        CommandCodec.Sniff sniff = mayBeSafe ? CommandCodec.sniff(payload) : null;
        if (sniff != null && sniff.command().filter(CommandCodec.HELLO::equals).isPresent()) {
            hello(panelId, payload, arrival);
            return;
        }
        PanelCommand c = null;
        CommandRejected problem;
        try {
            c = CommandCodec.decode(payload);
            problem = gate.judge(panelId, c, clockMs(arrival));
        } catch (CommandRejected r) {
            problem = r;
        }
        // a command that decodes is what it says; one that does not may still say stop (I-3)
        Optional<Command> safe = c != null ? (c.safeDirection() ? Optional.of(c.command()) : Optional.empty())
                : sniff != null ? sniff.safeDirection() : Optional.empty();
        if (safe.isPresent()) {
            Long counter = c != null ? Long.valueOf(c.counter()) : problem.counter();
            String oddity = problem == null ? null : problem.getMessage();
            safeDirection(panelId, issuer.get(), safe.get(), counter, oddity, arrival);
            return;
        }
        if (problem != null) {
            refused(panelId, problem, arrival);
            return;
        }
        PanelCommand fresh = c;
        String name = fresh.command().name();
        CommandDispatch.Outcome o = dispatch.command(issuer.get(), fresh.command(), arrival,
                (d, e) -> decided(panelId, fresh.counter(), name, d, e, null));
        if (o == CommandDispatch.Outcome.RATE_LIMITED) {
            refused(panelId, new CommandRejected(Refusal.RATE_LIMITED, "more than " + (int) CommandDispatch.COMMANDS_PER_S
                    + " commands a second (" + (int) CommandDispatch.REFRESH_PER_S + " enables) from " + panelId
                    + ": not taken", fresh.counter(), name), arrival);
        }
    }

    /** I-3: a stop, or letting go of enable or rescue, to the controller at once, however it came. */
    private void safeDirection(String panelId, Issuer issuer, Command command, Long counter, String oddity,
            long arrival) {
        String name = command.name();
        java.util.concurrent.atomic.AtomicBoolean answer = new java.util.concurrent.atomic.AtomicBoolean(true);
        CommandDispatch.Outcome o = dispatch.safeDirection(issuer, command, (d, e) -> {
            if (answer.get()) {
                decided(panelId, counter, name, d, e, oddity);
            }
        });
        if (o == CommandDispatch.Outcome.COALESCED) {
            // the same decision answers it, within the panel's reply rate (a flood of stops is not echoed)
            boolean answered = refusalReplyAllowed(panelId, arrival);
            answer.set(answered);
            noise.count(panelId, BusNoise.Kind.COALESCED, null, name + " repeated while the first was being decided",
                    answered, arrival);
        }
    }

    /** A decision (or what replaced it) back from the controller: the reply (publisher thread). */
    private void decided(String panelId, Long counter, String name, Decision d, Throwable e, String oddity) {
        if (e instanceof CommandRejected r) {
            noise.count(panelId, BusNoise.Kind.RATE_LIMITED, r.reason().name(), r.getMessage(), true,
                    clock.getAsLong());
            reply(panelId, counter, name, false, r.reason().name(), r.getMessage(), -1);
            return;
        }
        if (e != null) {
            reply(panelId, counter, name, false, "DRIVES_REFUSED", "the controller failed: " + e, -1);
            return;
        }
        String detail = oddity == null ? d.detail() : d.detail() + " (acted on although " + oddity + ")";
        reply(panelId, counter, name, d.accepted(), d.accepted() ? null : d.refusal().name(), detail, -1);
    }

    /** Not acted on: counted, and answered within the panel's reply rate. */
    private void refused(String panelId, CommandRejected r, long arrival) {
        BusNoise.Kind kind = switch (r.reason()) {
            case MALFORMED -> BusNoise.Kind.MALFORMED;
            case RATE_LIMITED -> BusNoise.Kind.RATE_LIMITED;
            default -> BusNoise.Kind.REJECTED;
        };
        boolean answered = refusalReplyAllowed(panelId, arrival) && queueReply(false, panelId, r.counter(), r.command(),
                false, r.reason().name(), r.getMessage(), -1);
        noise.count(panelId, kind, r.reason().name(), r.getMessage(), answered, arrival);
    }

    /** {@code hello}: where the panel's counter stands (docs/mqtt.md, "Counters"). Moves nothing. */
    private void hello(String panelId, byte[] payload, long arrival) {
        Long counter;
        try {
            counter = CommandCodec.decodeHello(payload);
        } catch (CommandRejected r) {
            refused(panelId, r, arrival);
            return;
        }
        if (!refusalReplyAllowed(panelId, arrival)) {
            noise.count(panelId, BusNoise.Kind.RATE_LIMITED, Refusal.RATE_LIMITED.name(), "hello faster than "
                    + (int) REFUSAL_REPLIES_PER_S + " a second", false, arrival);
            return;
        }
        long last = gate.lastCounter(panelId);
        queueReply(false, panelId, counter, CommandCodec.HELLO, true, null, "session " + session + ": carry on above "
                + "counter " + last + (last == 0 ? " (none taken from " + panelId + " yet)" : ""), last);
    }

    /** The inbound filter dropped a PUBLISH (receiver thread). */
    private void dropped(InboundFilter.Drop drop, String topic, long remainingBytes) {
        long now = clock.getAsLong();
        if (drop == InboundFilter.Drop.BAD_TOPIC) {
            noise.count(null, BusNoise.Kind.BAD_TOPIC, null, "a publish on a topic Paho cannot decode: " + topic,
                    false, now);
            return;
        }
        String panelId = topics.panelOf(topic);
        String why = "a publish of " + remainingBytes + " bytes on " + topic + ": a command is at most "
                + CommandCodec.MAX_PAYLOAD_BYTES + " bytes; skipped unread";
        if (panelId != null && gate.issuer(panelId).isPresent()) {
            boolean answered = refusalReplyAllowed(panelId, now) && queueReply(false, panelId, null, null, false,
                    Refusal.MALFORMED.name(), why, -1);
            noise.count(panelId, BusNoise.Kind.OVERSIZED, Refusal.MALFORMED.name(), why, answered, now);
        } else {
            noise.count(panelId, BusNoise.Kind.OVERSIZED, null, why, false, now);
        }
    }

    /** A Paho task died (its own thread): journalled; the connection is shut and remade at once. */
    private void pahoTaskFailed(String task, Throwable cause) {
        reconnectAtOnce = true;
        log.error("MQTT: Paho's {} failed ({}): remaking the connection; control is not affected", task,
                cause.toString(), cause);
        try {
            log2.record(RECEIVER_FAILED_KIND, Json.of("task", task, "error", BusNoise.plain(cause.toString(), 300),
                    "action", "connection shut and remade"));
        } catch (RuntimeException e) {
            log.warn("MQTT: journalling the failure failed: {}", e.toString());
        }
    }

    private final class Callbacks implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            everConnected = true;
            long now = System.nanoTime();
            toOut.execute(() -> {
                watch.connected(now);
                onConnected();
            });
        }

        @Override
        public void connectionLost(Throwable cause) {
            long now = System.nanoTime();
            log.warn("MQTT: connection lost ({}); reconnecting, control is not affected", describe(cause));
            toOut.execute(() -> {
                online = false;
                if (watch.lost(now)) {
                    int losses = watch.takeLossesSinceReport();
                    log.error("MQTT: the connection to {} was lost {} times within {} s of connecting: another client is "
                            + "using client id {} (a takeover)", client.getServerURI(), losses, ConnectionWatch.QUICK_S,
                            config.clientId());
                    log2.record(TAKEOVER_KIND, Json.of("clientId", config.clientId(), "quickLosses", losses,
                            "withinS", ConnectionWatch.QUICK_S, "what", TAKEOVER_WARNING));
                }
                if (reconnectAtOnce && !closed) {
                    reconnectAtOnce = false;
                    out.schedule(MqttInterface.this::reconnectNow, RECONNECT_AFTER_FAILURE_MS, TimeUnit.MILLISECONDS);
                }
            });
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

    /** Reconnects without Paho's first 1 s wait (after a Paho task died); Paho's own cycle covers a failure. */
    private void reconnectNow() {
        if (closed || client.isConnected()) {
            return;
        }
        try {
            client.reconnect();
        } catch (MqttException e) {
            log.debug("MQTT: immediate reconnect not started ({}); Paho's reconnect carries on", describe(e));
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
        noise.flush(clock.getAsLong(), true);
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
