package com.lianarig.controller.mqtt;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
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
 * <p>It has no users (anonymous clients only): so it listens on loopback only (issue 20: on
 * {@code 0.0.0.0} any phone on the studio Wi-Fi could take control under a configured panel's id and
 * jog the legs). A host that is not a loopback address is refused at start, naming the setting. A
 * studio whose tablets need the rig runs Mosquitto with TLS, users and ACLs
 * (config/examples/mosquitto) and sets {@code broker: external}. Packets over
 * {@value #MAX_PACKET_BYTES} bytes are refused by its decoder before they are read.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    /**
     * The largest MQTT packet the broker reads (netty's {@code MqttDecoder} refuses a bigger one from its
     * header and closes the sender's connection): a command is at most 4 KiB, the rig's own state and
     * events far under this.
     */
    public static final int MAX_PACKET_BYTES = 64 * 1024;

    private final Server server = new Server();
    private final String host;
    private final int port;
    private boolean running;

    private EmbeddedBroker(String host, int port) {
        this.host = host;
        this.port = port;
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
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        requireLoopback(host);
        requireFree(host, port);
        Files.createDirectories(dataDir);
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, host);
        p.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, dataDir.toAbsolutePath().toString());
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        // MQTT 3.1.1 (3.1.3.1): a clean-session client may send an empty client id and the broker assigns
        // one; mosquitto_sub does, and README's watching line must work against this broker as printed
        p.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, "disabled");
        p.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(MAX_PACKET_BYTES));
        // one interceptor thread: RetainedWills must see a client's connect before its connection loss
        p.setProperty(BrokerConstants.BROKER_INTERCEPTOR_THREAD_POOL_SIZE, "1");
        EmbeddedBroker broker = new EmbeddedBroker(host, port);
        try {
            broker.server.startServer(new MemoryConfig(p), List.of(new RetainedWills(broker.server)));
        } catch (RuntimeException e) {
            throw new IOException("the embedded MQTT broker could not start on " + host + ":" + port + ": " + e, e);
        }
        broker.running = true;
        log.info("embedded MQTT broker listening on {}:{}", host, port);
        return broker;
    }

    /**
     * Refuses a listening address beyond loopback: without users, anyone who reaches the broker could
     * command the rig as a configured panel (issue 20). Every address the name resolves to must be
     * loopback ({@code 0.0.0.0} and {@code ::}, "every interface", are not).
     */
    static void requireLoopback(String host) throws IOException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new IOException("mqtt.host \"" + host + "\" of the embedded broker is not a known host name or "
                    + "address: use 127.0.0.1", e);
        }
        for (InetAddress a : addresses) {
            if (!a.isLoopbackAddress()) {
                throw new IOException("the embedded MQTT broker listens on loopback only, and mqtt.host is \"" + host
                        + "\" (" + a.getHostAddress() + "): it has no users, so anyone on that network could command"
                        + " the rig as one of its panels. Set mqtt.host: 127.0.0.1 in the rig file; for panels on the"
                        + " studio network run Mosquitto with TLS, users and ACLs (config/examples/mosquitto) and set"
                        + " mqtt.broker: external");
            }
        }
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
