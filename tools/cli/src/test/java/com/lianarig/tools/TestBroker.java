package com.lianarig.tools;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.PermitAllAuthorizatorPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** An embedded Moquette broker on a free 127.0.0.1 port, its data in a test directory; optionally one user. */
final class TestBroker implements AutoCloseable {
    final int port;
    private final Server server = new Server();

    /**
     * @param user the only user accepted, or null for anonymous access
     * @param password that user's password
     */
    TestBroker(Path dataDir, String user, String password) {
        port = freePort();
        Properties p = new Properties();
        p.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
        p.setProperty(IConfig.PORT_PROPERTY_NAME, String.valueOf(port));
        p.setProperty(IConfig.DATA_PATH_PROPERTY_NAME, dataDir.toString());
        p.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, String.valueOf(user == null));
        p.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        IAuthenticator auth = user == null ? (id, u, pw) -> true
                : (id, u, pw) -> user.equals(u) && pw != null && password.equals(new String(pw, StandardCharsets.UTF_8));
        try {
            server.startServer(new MemoryConfig(p), List.of(), null, auth, new PermitAllAuthorizatorPolicy());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 127.0.0.1 port nothing listens on (at the moment of asking). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
