package com.lianarig.controller.web;

import com.lianarig.config.ConfigException;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.config.rig.BrokerMode;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.config.rig.PanelConfig;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.WebConfig;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.core.Json;
import com.lianarig.controller.mqtt.BrokerAccess;
import com.lianarig.controller.mqtt.EmbeddedBroker;
import com.lianarig.controller.mqtt.LocalLogin;
import com.lianarig.controller.mqtt.PanelDirectory;
import com.lianarig.controller.mqtt.Tls;
import com.lianarig.controller.mqtt.Topics;
import com.lianarig.controller.rig.RigModel;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web panel's parts wired together for the service (SPEC section 6a), from the rig file's
 * {@code web} section: the pairing store, the rig's certificate, the embedded broker's WebSocket
 * listener and access rules, the paired panels for the MQTT interface, and the web server. The
 * service's assembly ({@code ServiceStack}) asks it for each part in turn:
 * {@link #prepare}, then the broker's parts, then {@link #start}.
 */
public final class WebPanel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebPanel.class);
    /** How often revocations made outside the service are looked for, ms. */
    static final long WATCH_MS = 500;
    private final RigConfig rig;
    private final WebConfig web;
    private final PairingStore pairing;
    private final Optional<KeyManagerFactory> keys;
    private final char[] servicePassword;
    private final LocalLogin localLogin;
    private boolean localLoginWritten;
    private WebPanelServer server;
    private ScheduledExecutorService watcher;
    private MosquittoPairedUsers brokerUsers;
    /** Watch rounds between two reconciliations of the external broker's users with the store. */
    static final int RECONCILE_ROUNDS = 10;

    private WebPanel(RigConfig rig, WebConfig web, PairingStore pairing, Optional<KeyManagerFactory> keys,
            char[] servicePassword) {
        this.rig = rig;
        this.web = web;
        this.pairing = pairing;
        this.keys = keys;
        this.servicePassword = servicePassword;
        this.localLogin = LocalLogin.random(rig.mqtt().port());
    }

    /**
     * Reads the rig's certificate and opens the pairing store; nothing listens yet.
     *
     * @return empty when the rig file has no {@code web} section
     * @throws IOException when the certificate or its key cannot be used, naming the file
     */
    public static Optional<WebPanel> prepare(RigConfig rig) throws IOException {
        if (rig.web().isEmpty()) {
            return Optional.empty();
        }
        WebConfig web = rig.web().get();
        Optional<KeyManagerFactory> keys = Optional.empty();
        if (web.tls().isPresent()) {
            try {
                keys = Optional.of(Tls.keyManagers(web.tls().get(), "web.tls"));
            } catch (ConfigException e) {
                throw new IOException("web panel TLS: " + e.getMessage(), e);
            }
        }
        PairingStore pairing = new PairingStore(rig.paths().dataDir(),
                rig.panels().stream().map(PanelConfig::id).collect(Collectors.toSet()), Clock.systemUTC(),
                System::nanoTime);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
        return Optional.of(new WebPanel(rig, web, pairing, keys, password));
    }

    /** Whether the rig hosts the broker (then its WebSocket listener and rules are this panel's). */
    public boolean embeddedBroker() {
        return rig.mqtt().broker() == BrokerMode.EMBEDDED;
    }

    /** The embedded broker's WebSocket listener ({@code wss://} with the rig's certificate). */
    public EmbeddedBroker.WebSocketListener webSocketListener() {
        return new EmbeddedBroker.WebSocketListener(web.webSocketPort(), keys);
    }

    /** The embedded broker's rules: paired devices each on their own topics, only the rig on its own. */
    public BrokerAccess brokerAccess() {
        return new PanelBrokerAccess(new Topics(rig.mqtt().topicRoot()), pairing, servicePassword,
                Optional.of(localLogin));
    }

    /**
     * Writes this run's {@link LocalLogin} to {@code <dataDir>/broker/local-login} (mode 600) for the tools
     * on the rig's computer: the service does so when its broker refuses anonymous clients (beyond
     * loopback). Removed again by {@link #close}.
     *
     * @throws IOException naming the file
     */
    public void writeLocalLogin() throws IOException {
        localLogin.write(LocalLogin.file(rig.paths().dataDir()));
        localLoginWritten = true;
    }

    /**
     * The rig's own connection to its embedded broker: as {@link PanelBrokerAccess#SERVICE_USER} with
     * this run's password (only the rig may publish its topics). An external broker's settings are
     * the rig file's, unchanged.
     */
    public MqttConfig serviceMqtt(MqttConfig m) {
        if (!embeddedBroker()) {
            return m;
        }
        return new MqttConfig(m.broker(), m.host(), m.port(), m.tls(), Optional.of(PanelBrokerAccess.SERVICE_USER),
                Optional.empty(), m.topicRoot(), m.telemetryHz(), m.clientId());
    }

    /** The password of {@link #serviceMqtt}, when the broker is embedded. */
    public Optional<char[]> servicePassword() {
        return embeddedBroker() ? Optional.of(servicePassword.clone()) : Optional.empty();
    }

    /** The paired devices, as panels of the MQTT interface. */
    public PanelDirectory panels() {
        return id -> pairing.panel(id).map(p -> new Issuer(p.id(), p.role()));
    }

    public PairingStore pairing() {
        return pairing;
    }

    /**
     * Starts the web server.
     *
     * @param broker the embedded broker, when the rig hosts it (a revoked device's connections are dropped)
     * @param history the clients' session histories ({@link ClientHistory#NOT_KEPT} until the rig keeps them)
     * @throws IOException when the address is taken
     */
    public void start(EventLog journal, Optional<EmbeddedBroker> broker, ClientHistory history) throws IOException {
        BrowserBroker browser = web.brokerUrl().map(BrowserBroker::at).orElseGet(() -> BrowserBroker.onPageHost(
                web.webSocketPort(), EmbeddedBroker.WEB_SOCKET_PATH, keys.isPresent()));
        Set<String> revokedHere = ConcurrentHashMap.newKeySet();
        Consumer<String> disconnect = id -> broker.ifPresent(b -> b.disconnectUser(id));
        Consumer<String> revoked = id -> {
            revokedHere.add(id);
            disconnect.accept(id);
        };
        Optional<MosquittoPairedUsers> users = pairedUsers();
        watchRevocations(journal, disconnect, revokedHere, users);
        ProfileStore profiles = new ProfileStore(rig.paths().profilesDir(), new NioFileOps());
        server = WebPanelServer.start(web.host(), web.port(), sslContext(), new WebPanelServer.Content(
                rig.mqtt().topicRoot(), jogGroup(), browser, pairing, new ClientNames(rig.paths().dataDir()), profiles, history,
                journal, revoked));
    }

    /**
     * A device revoked from the command line ({@code rig panel-pair --revoke}) loses its rights at once
     * (the store is reread); its open broker connection is closed here within {@value #WATCH_MS} ms and the
     * revocation journalled.
     */
    private void watchRevocations(EventLog journal, Consumer<String> revoked, Set<String> revokedHere,
            Optional<MosquittoPairedUsers> users) {
        int[] round = {0};
        Set<String> known = new HashSet<>(pairing.panels().stream().map(PairedPanel::id).toList());
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "web-panel-revocations");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(() -> {
            try {
                Set<String> now = new HashSet<>(pairing.panels().stream().map(PairedPanel::id).toList());
                boolean revokedElsewhere = false;
                for (String id : known) {
                    if (!now.contains(id) && !revokedHere.remove(id)) {
                        journal.record("panel.revoked", Json.of("panel", id, "by", "rig panel-pair"));
                        revoked.accept(id);
                        revokedElsewhere = true;
                    }
                }
                known.clear();
                known.addAll(now);
                // the external broker's logins follow the store: at once after a revocation from the command
                // line, and every RECONCILE_ROUNDS rounds (a revocation while the broker was away)
                if (users.isPresent() && (round[0]++ % RECONCILE_ROUNDS == 0 || revokedElsewhere)) {
                    for (String id : users.get().reconcile(now)) {
                        log.info("deleted the broker login of {}, no longer paired", id);
                    }
                }
            } catch (IOException e) {
                log.warn("the paired devices' broker logins are not checked this round: {}", e.getMessage());
            } catch (RuntimeException e) {
                // the next round tries again
            }
        }, WATCH_MS, WATCH_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * With {@code web.pairedUsers} and an external broker: the paired devices' logins on it, made and
     * deleted by the pairing store from now on.
     *
     * @throws IOException when the user's password file or the TLS files cannot be read
     */
    private Optional<MosquittoPairedUsers> pairedUsers() throws IOException {
        if (web.pairedUsers().isEmpty() || embeddedBroker()) {
            return Optional.empty();
        }
        WebConfig.PairedUsers u = web.pairedUsers().get();
        MqttConfig m = rig.mqtt();
        char[] password;
        try {
            String text = Files.readString(u.passwordFile(), StandardCharsets.UTF_8).strip();
            if (text.isEmpty() || text.contains("\n")) {
                throw new IOException("it must hold the password on one line");
            }
            password = text.toCharArray();
        } catch (IOException e) {
            throw new IOException("web.pairedUsers.passwordFile " + u.passwordFile() + ": " + e.getMessage(), e);
        }
        Optional<SSLSocketFactory> tls = Optional.empty();
        if (m.tls().isPresent()) {
            try {
                tls = Optional.of(Tls.socketFactory(m.tls().get()));
            } catch (ConfigException e) {
                throw new IOException("MQTT TLS: " + e.getMessage(), e);
            }
        }
        brokerUsers = new MosquittoPairedUsers(m.host(), m.port(), tls, u.username(), password,
                new Topics(m.topicRoot()));
        pairing.brokerAccounts(brokerUsers);
        return Optional.of(brokerUsers);
    }

    /** The group the nudge and move-to act on: the leg pair (as the pendant's UP/DOWN). */
    private String jogGroup() {
        RigModel model = new RigModel(rig);
        return model.legPair().map(RigModel.Group::name).orElse(model.group(0).name());
    }

    private Optional<SSLContext> sslContext() throws IOException {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(keys.get().getKeyManagers(), null, new SecureRandom());
            return Optional.of(c);
        } catch (GeneralSecurityException e) {
            throw new IOException("the JDK cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    /** The panel's address, once started. */
    public URI url() {
        return Objects.requireNonNull(server, "not started").url();
    }

    /** The port the web server listens on, once started. */
    public int port() {
        return Objects.requireNonNull(server, "not started").port();
    }

    @Override
    public void close() {
        if (localLoginWritten) {
            try {
                Files.deleteIfExists(LocalLogin.file(rig.paths().dataDir()));
            } catch (IOException e) {
                // a stale login is refused by the next run's broker: nothing unsafe is left
            }
        }
        if (watcher != null) {
            watcher.shutdownNow();
        }
        if (brokerUsers != null) {
            brokerUsers.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
