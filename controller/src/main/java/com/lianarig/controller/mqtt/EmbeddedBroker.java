package com.lianarig.controller.mqtt;

import io.moquette.BrokerConstants;
import io.moquette.broker.ISslContextCreator;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker the service can host itself (SPEC section 6: a single-rig studio, and the demo's
 * default): Moquette 0.17, MQTT 3.1.1, plain TCP on the configured address. It keeps retained
 * messages in memory only (the rig republishes its birth and state at every start) and never talks
 * to anything outside: Moquette's usage telemetry is off. Its data directory is explicit (Moquette
 * writes {@code .moquette_uuid} there, relative to the working directory otherwise).
 *
 * <p>Moquette 0.17 delivers a last will to the clients subscribed at that moment but does not keep
 * a retained will as the retained message (moquette-io/moquette#562); a watcher that comes later
 * would see the rig "online" forever. {@link RetainedWills} keeps it, as MQTT 3.1.1 (3.1.2.7) says.
 *
 * <p>On loopback its plain MQTT listener lets clients in without a user name (the rig file's panels,
 * {@code rig panel}, {@code mosquitto_sub}). Beyond loopback (issue 20: on {@code 0.0.0.0} any phone on
 * the studio Wi-Fi could take control under a configured panel's id and jog the legs) it listens only
 * with users and TLS: the web panel's {@code wss://} listener and access rules that log everyone in
 * ({@link BrokerAccess#authenticates}); then anonymous clients are refused outright, and the tools on the
 * rig's own computer log in with the {@link LocalLogin} the service writes. Any other host that is not a
 * loopback address is refused at start, naming the setting ({@link #exposureProblem}). A studio whose
 * tablets need the rig without the web panel runs Mosquitto with TLS, users and ACLs
 * (config/examples/mosquitto) and sets {@code broker: external}. Packets over {@value #MAX_PACKET_BYTES}
 * bytes are refused by its decoder before they are read.
 *
 * <p>With the trainers' web panel (SPEC section 6a) it also listens for MQTT over WebSockets (on the
 * same host, {@code ws://} or, with the rig's certificate, {@code wss://}, path {@value #WEB_SOCKET_PATH}),
 * and a {@link BrokerAccess} decides who logs in with which password and who may publish and
 * subscribe where (every paired phone only its own command topic).
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    /**
     * The largest MQTT packet the broker reads (netty's {@code MqttDecoder} refuses a bigger one from its
     * header and closes the sender's connection): a command is at most 4 KiB, the rig's own state and
     * events far under this.
     */
    public static final int MAX_PACKET_BYTES = 64 * 1024;
    /** The path of the WebSocket listener (Moquette's default; the web panel's default broker URL uses it). */
    public static final String WEB_SOCKET_PATH = "/mqtt";

    /**
     * The MQTT-over-WebSocket listener for browsers.
     *
     * @param port its TCP port, on the broker's host
     * @param tls the rig's certificate and key, for {@code wss://}; empty for plain {@code ws://}
     */
    public record WebSocketListener(int port, Optional<KeyManagerFactory> tls) {
        public WebSocketListener {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("WebSocket port " + port + " is outside 1..65535");
            }
            Objects.requireNonNull(tls, "tls");
        }
    }

    private final Server server = new Server();
    private final String host;
    private final int port;
    private final Optional<WebSocketListener> webSocket;
    private final boolean anonymousRefused;
    private boolean running;

    private EmbeddedBroker(String host, int port, Optional<WebSocketListener> webSocket, boolean anonymousRefused) {
        this.host = host;
        this.port = port;
        this.webSocket = webSocket;
        this.anonymousRefused = anonymousRefused;
    }

    /**
     * Starts a broker listening on {@code host:port}.
     *
     * @param host a loopback address or name ({@code 127.0.0.1}, {@code ::1}, {@code localhost})
     * @param dataDir where Moquette may write its few files (created when missing)
     * @throws IOException when {@code host} is not loopback, or the address is taken or cannot be bound,
     *     with the address named
     */
    public static EmbeddedBroker start(String host, int port, Path dataDir) throws IOException {
        return start(host, port, dataDir, Optional.empty(), BrokerAccess.OPEN);
    }

    /**
     * Starts a broker listening on {@code host:port} and, when given, for MQTT over WebSockets on
     * {@code host:webSocket.port}, with {@code access} deciding logins, publishes and subscriptions.
     *
     * A host beyond loopback (every interface included) is allowed only as {@link #exposureProblem} says:
     * then clients without a user name are refused.
     *
     * @throws IOException when the host is beyond loopback without users and TLS (naming the settings), or an
     *     address is taken or cannot be bound, with the address named
     */
    public static EmbeddedBroker start(String host, int port, Path dataDir, Optional<WebSocketListener> webSocket,
            BrokerAccess access) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(webSocket, "webSocket");
        Objects.requireNonNull(access, "access");
        boolean beyondLoopback = !loopback(host);
        String problem = beyondLoopback ? exposureProblem(host, webSocket, access) : null;
        if (problem != null) {
            throw new IOException(problem);
        }
        requireFree(host, port);
        if (webSocket.isPresent()) {
            requireFree(host, webSocket.get().port());
        }
        Files.createDirectories(dataDir);
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, host);
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, dataDir.toAbsolutePath().toString());
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        // issue 20: beyond loopback nobody acts without a user (a rig-file panel's id is no credential)
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, Boolean.toString(!beyondLoopback));
        // MQTT 3.1.1 (3.1.3.1): a clean-session client may send an empty client id and the broker assigns
        // one; mosquitto_sub does, and README's watching line must work against this broker as printed
        p.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_PACKET_BYTES));
        // one interceptor thread: RetainedWills must see a client's connect before its connection loss
        p.setProperty(BrokerConstants.BROKER_INTERCEPTOR_THREAD_POOL_SIZE, "1");
        ISslContextCreator ssl = null;
        if (webSocket.isPresent()) {
            WebSocketListener ws = webSocket.get();
            p.setProperty(ws.tls().isPresent() ? IConfig.WSS_PORT_PROPERTY_NAME : IConfig.WEB_SOCKET_PORT_PROPERTY_NAME,
                    Integer.toString(ws.port()));
            p.setProperty(IConfig.WEB_SOCKET_PATH_PROPERTY_NAME, WEB_SOCKET_PATH);
            if (ws.tls().isPresent()) {
                ssl = sslContext(ws.tls().get());
            }
        }
        EmbeddedBroker broker = new EmbeddedBroker(host, port, webSocket, beyondLoopback);
        try {
            broker.server.startServer(new MemoryConfig(p), List.of(new RetainedWills(broker.server, access)), ssl,
                    authenticator(access), authorizator(access));
        } catch (RuntimeException e) {
            throw new IOException("the embedded MQTT broker could not start on " + host + ":" + port + ": " + e, e);
        }
        broker.running = true;
        log.info("embedded MQTT broker listening on {}:{}{}{}", host, port, webSocket.map(ws -> ", MQTT over "
                + (ws.tls().isPresent() ? "wss" : "ws") + " on port " + ws.port()).orElse(""),
                beyondLoopback ? " (beyond loopback: clients without a user name refused)" : "");
        return broker;
    }

    /**
     * Whether every address {@code host} names is loopback ({@code 0.0.0.0} and {@code ::}, "every
     * interface", are not).
     *
     * @throws IOException when the name is not known, naming the setting
     */
    static boolean loopback(String host) throws IOException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new IOException("mqtt.host \"" + host + "\" of the embedded broker is not a known host name or "
                    + "address: use 127.0.0.1", e);
        }
        for (InetAddress a : addresses) {
            if (!a.isLoopbackAddress()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Refuses a listening address beyond loopback for a broker without users: anyone who reaches it could
     * command the rig as a configured panel (issue 20).
     */
    static void requireLoopback(String host) throws IOException {
        if (!loopback(host)) {
            throw new IOException(exposureProblem(host, Optional.empty(), BrokerAccess.OPEN));
        }
    }

    /**
     * Issue 20's rule for a host beyond loopback, or null when the broker may listen there: only with
     * users and TLS, that is the web panel's {@code wss://} listener (the rig's certificate) and access
     * rules that log every client in ({@link BrokerAccess#authenticates}; anonymous clients are then refused
     * on every listener). Otherwise the reason, naming the settings.
     */
    static String exposureProblem(String host, Optional<WebSocketListener> webSocket, BrokerAccess access) {
        if (webSocket.isPresent() && webSocket.get().tls().isPresent() && access.authenticates()) {
            return null;
        }
        String why = webSocket.isEmpty() || !access.authenticates() ? "it has no users"
                : "its WebSocket listener has no TLS (web.tls), so the panels' passwords would cross the network in clear";
        return "the embedded MQTT broker listens on loopback only unless it has users and TLS, and mqtt.host is \""
                + host + "\": " + why + ", so anyone on that network could command the rig as one of its panels."
                + " Set mqtt.host: 127.0.0.1 in the rig file; or serve the web panel with TLS (a web section with"
                + " web.tls: its paired devices log in over wss://, and nothing without a user name is let in); or"
                + " run Mosquitto with TLS, users and ACLs (config/examples/mosquitto) and set mqtt.broker: external";
    }

    /** Netty's server TLS context from the rig's key and certificate (TLS 1.2 and 1.3, the JDK's provider). */
    private static ISslContextCreator sslContext(KeyManagerFactory keys) throws IOException {
        SslContext context;
        try {
            context = SslContextBuilder.forServer(keys).protocols("TLSv1.3", "TLSv1.2").build();
        } catch (SSLException e) {
            throw new IOException("the embedded broker's wss:// listener cannot use the rig's certificate: "
                    + e.getMessage(), e);
        }
        return () -> context;
    }

    private static IAuthenticator authenticator(BrokerAccess access) {
        return (clientId, user, password) -> guarded("login", user, () -> access.login(clientId, user, password));
    }

    private static IAuthorizatorPolicy authorizator(BrokerAccess access) {
        return new IAuthorizatorPolicy() {
            @Override
            public boolean canWrite(Topic topic, String user, String clientId) {
                return guarded("publish", user, () -> access.mayPublish(user, topic.toString()));
            }

            @Override
            public boolean canRead(Topic topic, String user, String clientId) {
                return guarded("subscribe", user, () -> access.maySubscribe(user, topic.toString()));
            }
        };
    }

    /** A check that fails (a bug) refuses, and says so: the broker's thread never sees the exception. */
    private static boolean guarded(String what, String user, java.util.function.BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException e) {
            log.error("broker {} check failed for {}: {}", what, user, e.toString());
            return false;
        }
    }

    /**
     * Disconnects every client that logged in as {@code user} (a revoked phone), so it cannot keep
     * reading; its publishes are refused from the revocation on anyway.
     *
     * @return how many connections were closed
     */
    public int disconnectUser(String user) {
        int n = 0;
        for (var client : server.listConnectedClients()) {
            if (client.getClientID() != null && client.getClientID().startsWith(user + "-")
                    && server.disconnectClient(client.getClientID())) {
                n++;
            }
        }
        return n;
    }

    /** Whether clients without a user name are refused (a host beyond loopback): tools log in with a {@link LocalLogin}. */
    public boolean anonymousRefused() {
        return anonymousRefused;
    }

    /** The WebSocket listener's port, when there is one. */
    public Optional<Integer> webSocketPort() {
        return webSocket.map(WebSocketListener::port);
    }

    /** Fails with the address named when something already listens there (Moquette would only log it). */
    private static void requireFree(String host, int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IOException("the embedded MQTT broker cannot listen on " + host + ":" + port + " ("
                    + e.getMessage() + "): is another broker (or another rig service) running there? "
                    + "Stop it, or choose another mqtt.port", e);
        }
    }

    /** {@code tcp://host:port} for clients. */
    public String uri() {
        return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            server.stopServer();
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("stopping the embedded broker failed", e));
        }
        log.info("embedded MQTT broker stopped");
    }
}
