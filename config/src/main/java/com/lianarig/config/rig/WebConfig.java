package com.lianarig.config.rig;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The trainers' handheld panel (SPEC section 6a): a web app the service serves itself, over HTTPS
 * with the rig's own certificate (plain HTTP only on a loopback address, for the demo), which talks
 * MQTT over WebSockets to the rig's broker.
 *
 * @param host the address the web server listens on; anything but a loopback address needs {@code tls}
 * @param port the web server's TCP port
 * @param tls the rig's certificate and key (PEM), for HTTPS and, with an embedded broker, its
 *     secure WebSocket listener
 * @param webSocketPort embedded broker only: the port of its MQTT-over-WebSocket listener (on
 *     {@code mqtt.host}; {@code wss} with {@code tls}); 0 with an external broker
 * @param brokerUrl the WebSocket URL browsers reach the broker at ({@code ws://} or {@code wss://},
 *     {@code wss://} with {@code tls}); required with an external broker (its WebSocket listener); with
 *     the embedded one, empty means "the page's own host name, {@code webSocketPort}, path /mqtt"
 * @param pairedUsers external Mosquitto only: the broker user the rig adds and deletes the paired
 *     devices' users with (its dynamic security plugin), so that pairing gives a device its own broker
 *     login and revoking takes it away; empty: the studio adds them by hand ({@code rig panel-pair --mosquitto})
 */
public record WebConfig(String host, int port, Optional<Certificate> tls, int webSocketPort, Optional<String> brokerUrl,
        Optional<PairedUsers> pairedUsers) {
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_TLS_PORT = 8443;
    public static final int DEFAULT_WEB_SOCKET_PORT = 8081;
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The path of the embedded broker's WebSocket listener (Moquette's default). */
    public static final String WEB_SOCKET_PATH = "/mqtt";
    static final Pattern HOST = MqttConfig.HOST;

    /**
     * A certificate with its private key, both PEM files, absolute paths.
     *
     * @param certFile the certificate (chain first: the rig's own, then any intermediates)
     * @param keyFile its unencrypted PKCS#8 private key
     */
    public record Certificate(Path certFile, Path keyFile) {
        public Certificate {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
        }
    }

    /**
     * The login on an external Mosquitto that manages the paired devices' users over
     * {@code $CONTROL/dynamic-security/v1} (the packaged broker's {@code liana-rig-pairing}).
     *
     * @param username its user name (a connection of its own, beside the rig's)
     * @param passwordFile the file holding its password on one line (absolute path)
     */
    public record PairedUsers(String username, Path passwordFile) {
        public PairedUsers {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordFile, "passwordFile");
        }
    }

    /** Without {@code pairedUsers}. */
    public WebConfig(String host, int port, Optional<Certificate> tls, int webSocketPort, Optional<String> brokerUrl) {
        this(host, port, tls, webSocketPort, brokerUrl, Optional.empty());
    }

    public WebConfig {
        Objects.requireNonNull(pairedUsers, "pairedUsers");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("web host \"" + host + "\" is not a host name or address");
        }
        RigIds.range("web port", port, 0, 65_535);
        RigIds.range("web webSocketPort", webSocketPort, 0, 65_535);
        if (tls.isEmpty() && !loopback(host)) {
            throw new IllegalArgumentException("web host " + host + " is not a loopback address: the panel's "
                    + "credentials would cross the network in clear; give web.tls (the rig's certificate)");
        }
        String why = brokerUrl.map(u -> brokerUrlProblem(u, tls.isPresent())).orElse(null);
        if (why != null) {
            throw new IllegalArgumentException("web brokerUrl \"" + brokerUrl.get() + "\" " + why);
        }
    }

    /** True for 127.0.0.0/8, ::1 and localhost: addresses no other machine can reach. */
    public static boolean loopback(String host) {
        return host.equals("localhost") || host.equals("::1") || host.matches("127(\\.\\d{1,3}){3}");
    }

    /** Why {@code url} cannot be the broker's WebSocket URL for a page served with or without TLS, or null. */
    public static String brokerUrlProblem(String url, boolean tls) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL (" + e.getReason() + ")";
        }
        String scheme = uri.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            return "must start with ws:// or wss://";
        }
        if (uri.getHost() == null) {
            return "names no host";
        }
        if (tls && !"wss".equals(scheme)) {
            return "must be wss:// when the panel is served over HTTPS (browsers block ws:// from an https:// page)";
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not hold a user, a query or a fragment";
        }
        return null;
    }

    /**
     * Why this web section cannot go with {@code mqtt}, or null: an embedded broker needs a WebSocket
     * port; an external one needs the URL of its WebSocket listener.
     */
    public String brokerProblem(MqttConfig mqtt) {
        if (mqtt.broker() == BrokerMode.EMBEDDED && pairedUsers.isPresent()) {
            return "web.pairedUsers is for an external Mosquitto: the embedded broker checks paired devices itself";
        }
        if (mqtt.broker() == BrokerMode.EXTERNAL && brokerUrl.isEmpty()) {
            return "web.brokerUrl is required with an external broker: the wss:// URL of its WebSocket listener";
        }
        if (mqtt.broker() == BrokerMode.EMBEDDED && webSocketPort == mqtt.port() && webSocketPort != 0) {
            return "web.webSocketPort " + webSocketPort + " is mqtt.port too: the broker needs one port per listener";
        }
        if (mqtt.broker() == BrokerMode.EMBEDDED && webSocketPort == port && port != 0) {
            return "web.webSocketPort " + webSocketPort + " is web.port too";
        }
        return null;
    }

    /** The web panel on {@code 127.0.0.1} over plain HTTP: the demo's. */
    public static WebConfig loopback(int port, int webSocketPort) {
        return new WebConfig(DEFAULT_HOST, port, Optional.empty(), webSocketPort, Optional.empty());
    }
}
