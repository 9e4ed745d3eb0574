package com.lianarig.tools.service;

import com.lianarig.config.ConfigException;
import com.lianarig.config.rig.BrokerMode;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.mqtt.EmbeddedBroker;
import com.lianarig.controller.mqtt.LocalLogin;
import com.lianarig.controller.mqtt.MqttInterface;
import com.lianarig.controller.mqtt.RigPort;
import com.lianarig.controller.mqtt.Tls;
import com.lianarig.controller.service.RigService;
import com.lianarig.controller.web.ClientHistory;
import com.lianarig.controller.web.WebPanel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole service in one place (STYLE rule 7), for {@code rig run} and {@code rig demo}: the
 * durable journal, the embedded broker when the rig file asks for one, the controller service and
 * its MQTT interface. Started in that order; closed in reverse, with the controlled stop (brakes)
 * first so nothing that follows can delay it.
 */
public final class ServiceStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceStack.class);
    /** After the controlled stop, how long the MQTT interface may take to publish the stop's events, ms. */
    static final long EVENT_FLUSH_MS = 300;

    private final ServiceJournal journal;
    private final EmbeddedBroker broker;
    private final RigService service;
    private final MqttInterface mqtt;
    private final Optional<WebPanel> web;
    private boolean closed;

    private ServiceStack(ServiceJournal journal, EmbeddedBroker broker, RigService service, MqttInterface mqtt,
            Optional<WebPanel> web) {
        this.journal = journal;
        this.broker = broker;
        this.service = service;
        this.mqtt = mqtt;
        this.web = web;
    }

    /**
     * The warning for an embedded broker that listens beyond this machine, or null for a loopback
     * address. It starts there only with the web panel's TLS and users (issue 20: clients without a user
     * name refused), but its plain MQTT port is reachable too: what may log in there, and the way back.
     */
    static String exposureWarning(String host, int port) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null; // the broker could not have started on it
        }
        if (address.isLoopbackAddress()) {
            return null;
        }
        String where = address.isAnyLocalAddress() ? "on every network interface (" + host + ":" + port + ")"
                : "on " + host + ":" + port + ", reachable from that network";
        return "the embedded MQTT broker listens " + where + ": only users get in (the paired devices over wss://,"
                + " the rig, and the tools on this computer with " + LocalLogin.FILE_NAME + " in the broker's data"
                + " directory); its plain MQTT port has no TLS, so give no studio device a login there. To keep it on"
                + " this computer set mqtt.host: 127.0.0.1, or run Mosquitto with TLS and ACLs (broker: external,"
                + " docs/mqtt.md)";
    }

    /**
     * Opens everything (nothing runs yet: {@link #start}).
     *
     * @param mirror where journal records are mirrored (the log, or the demo's console)
     * @throws IOException when the journal, the broker's address, the password or the TLS files fail
     */
    public static ServiceStack open(RigConfig rig, RigService.Hardware hardware, BiConsumer<String, String> mirror,
            String software) throws IOException {
        long startNanos = System.nanoTime();
        ServiceJournal journal = ServiceJournal.open(rig, mirror);
        EmbeddedBroker broker = null;
        Optional<WebPanel> web = Optional.empty();
        try {
            web = WebPanel.prepare(rig);
            MqttConfig m = rig.mqtt();
            Optional<char[]> password = password(m);
            if (m.broker() == BrokerMode.EMBEDDED) {
                Path brokerDir = rig.paths().dataDir().resolve("broker");
                if (web.isPresent()) {
                    // SPEC 6a: the browsers' WebSocket listener, each paired phone on its own topics only
                    broker = EmbeddedBroker.start(m.host(), m.port(), brokerDir,
                            Optional.of(web.get().webSocketListener()), web.get().brokerAccess());
                    m = web.get().serviceMqtt(m);
                    password = web.get().servicePassword();
                    if (broker.anonymousRefused()) {
                        web.get().writeLocalLogin(); // rig panel, rig monitor, rig doctor on this computer
                    }
                } else {
                    broker = EmbeddedBroker.start(m.host(), m.port(), brokerDir);
                }
                String exposed = exposureWarning(m.host(), m.port());
                if (exposed != null) {
                    log.warn(exposed);
                }
                if (m.host().equals("0.0.0.0") || m.host().equals("::")) {
                    // the broker listens everywhere; the rig itself talks to it over loopback
                    m = new MqttConfig(m.broker(), "127.0.0.1", m.port(), m.tls(), m.username(), m.passwordFile(),
                            m.topicRoot(), m.telemetryHz(), m.clientId());
                }
            }
            RigService service = new RigService(rig, hardware, journal, Clock.systemDefaultZone());
            MqttInterface mqtt = new MqttInterface(m, rig.panels(), web.map(WebPanel::panels)
                    .orElse(com.lianarig.controller.mqtt.PanelDirectory.NONE), service.controller().model(),
                    RigPort.of(service.controller()), journal.journal(), journal, password, tls(m), System::nanoTime,
                    startNanos, software);
            mqtt.wallClock(System::currentTimeMillis, service.dateTrust());
            mqtt.diagnostics(service::linkDiagnostics);
            mqtt.panelHistory(service.sessionHistory()::view);
            if (web.isPresent()) {
                web.get().start(journal, Optional.ofNullable(broker),
                        ClientHistory.of(service.sessionHistory().store()));
            }
            return new ServiceStack(journal, broker, service, mqtt, web);
        } catch (IOException | MqttException | RuntimeException e) {
            web.ifPresent(WebPanel::close);
            if (broker != null) {
                broker.close();
            }
            journal.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    private static Optional<char[]> password(MqttConfig m) throws IOException {
        if (m.passwordFile().isEmpty()) {
            return Optional.empty();
        }
        Path file = m.passwordFile().get();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty() || text.contains("\n")) {
                throw new IOException("the MQTT password file " + file + " must hold the password on one line");
            }
            return Optional.of(text.toCharArray());
        } catch (IOException e) {
            throw new IOException("cannot read the MQTT password file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Optional<SSLSocketFactory> tls(MqttConfig m) throws IOException {
        if (m.tls().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Tls.socketFactory(m.tls().get()));
        } catch (ConfigException e) {
            throw new IOException("MQTT TLS: " + e.getMessage(), e);
        }
    }

    /** Starts the control loop, then MQTT (whose broker may be away: control does not wait for it). */
    public void start() {
        service.start();
        mqtt.start();
    }

    public RigService service() {
        return service;
    }

    public MqttInterface mqtt() {
        return mqtt;
    }

    public EventLog journal() {
        return journal;
    }

    /** The trainers' web panel, when the rig file (or the demo) serves one. */
    public Optional<WebPanel> web() {
        return web;
    }

    /** The controlled stop, then MQTT ("offline"), the broker and the journal. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        service.close();
        try {
            Thread.sleep(EVENT_FLUSH_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            mqtt.close();
        } catch (RuntimeException e) {
            log.warn("closing MQTT failed: {}", e.toString());
        }
        web.ifPresent(WebPanel::close);
        if (broker != null) {
            broker.close();
        }
        journal.close();
    }
}
