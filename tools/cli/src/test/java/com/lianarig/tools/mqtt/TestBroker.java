package com.lianarig.tools.mqtt;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.PermitAllAuthorizatorPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * A real MQTT broker for tests: embedded Moquette on a free 127.0.0.1 port, persistence and telemetry
 * off, its data directory given (it writes a uuid file there); anonymous, or with one user.
 */
public final class TestBroker implements AutoCloseable {
    private final Server server;
    private final int port;

    private TestBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** An anonymous broker. */
    public static TestBroker start(Path dataDir) throws IOException {
        return start(dataDir, null, null);
    }

    /**
     * @param user the only user accepted, or null for anonymous access
     * @param password that user's password
     */
    public static TestBroker start(Path dataDir, String user, String password) throws IOException {
        return start(dataDir, user, password, freePort());
    }

    /** An anonymous broker on {@code port}: a broker that comes back after a restart. */
    public static TestBroker startOn(Path dataDir, int port) throws IOException {
        return start(dataDir, null, null, port);
    }

    private static TestBroker start(Path dataDir, String user, String password, int port) throws IOException {
        Properties properties = new Properties();
        properties.setProperty(BrokerConstants.HOST_PROPERTY_NAME, "127.0.0.1");
        properties.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(port));
        properties.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        properties.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        properties.setProperty(BrokerConstants.DATA_PATH_PROPERTY_NAME, dataDir.toString());
        properties.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, String.valueOf(user == null));
        properties.setProperty(BrokerConstants.BUFFER_FLUSH_MS_PROPERTY_NAME,
                Integer.toString(BrokerConstants.IMMEDIATE_BUFFER_FLUSH));
        properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        IAuthenticator auth = user == null ? (id, u, pw) -> true
                : (id, u, pw) -> user.equals(u) && pw != null && password.equals(new String(pw, StandardCharsets.UTF_8));
        Server server = new Server();
        server.startServer(new MemoryConfig(properties), List.of(), null, auth, new PermitAllAuthorizatorPolicy());
        return new TestBroker(server, port);
    }

    /** A 127.0.0.1 port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
