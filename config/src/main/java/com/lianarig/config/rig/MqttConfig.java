package com.lianarig.config.rig;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MQTT interface (SPEC section 6).
 *
 * @param broker embedded (the service hosts Moquette) or external (the studio's Mosquitto)
 * @param host the broker's host; for an embedded broker, the address it listens on
 * @param port the broker's TCP port
 * @param tls TLS settings, when the connection uses TLS
 * @param username the user the controller connects as, if the broker wants one
 * @param passwordFile a file holding that user's password (never the password itself in the rig file)
 * @param topicRoot the root of every topic, e.g. {@code liana/v1/studio-a/rig-1}
 * @param telemetryHz telemetry rate, {@value #MIN_TELEMETRY_HZ}..{@value #MAX_TELEMETRY_HZ} Hz
 * @param clientId the controller's MQTT client id; unique on the broker
 * @param homeAssistantPrefix Home Assistant's MQTT discovery prefix (usually {@code homeassistant}) when the rig
 *        publishes discovery messages for itself (opt-in); empty for none
 */
public record MqttConfig(BrokerMode broker, String host, int port, Optional<TlsConfig> tls, Optional<String> username,
        Optional<Path> passwordFile, String topicRoot, int telemetryHz, String clientId,
        Optional<String> homeAssistantPrefix) {
    public static final int DEFAULT_PORT = 1883;
    public static final int DEFAULT_TLS_PORT = 8883;
    public static final String DEFAULT_EMBEDDED_HOST = "127.0.0.1";
    public static final int MIN_TELEMETRY_HZ = 1;
    public static final int MAX_TELEMETRY_HZ = 50;
    public static final int DEFAULT_TELEMETRY_HZ = 20;
    public static final int MAX_TOPIC_ROOT_CHARS = 200;
    /** Host names and IP addresses. */
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:-]{1,253}");
    /** Client ids: safe everywhere (MQTT 3.1.1 servers must accept 1..23 of these; most accept more). */
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Home Assistant's usual discovery prefix. */
    public static final String DEFAULT_HOME_ASSISTANT_PREFIX = "homeassistant";

    /** Without Home Assistant discovery. */
    public MqttConfig(BrokerMode broker, String host, int port, Optional<TlsConfig> tls, Optional<String> username,
            Optional<Path> passwordFile, String topicRoot, int telemetryHz, String clientId) {
        this(broker, host, port, tls, username, passwordFile, topicRoot, telemetryHz, clientId, Optional.empty());
    }

    public MqttConfig {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(homeAssistantPrefix, "homeAssistantPrefix");
        homeAssistantPrefix.ifPresent(p -> {
            String why = topicRootProblem(p);
            if (why != null) {
                throw new IllegalArgumentException("homeAssistant discoveryPrefix \"" + p + "\" " + why);
            }
        });
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(topicRoot, "topicRoot");
        Objects.requireNonNull(clientId, "clientId");
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("host \"" + host + "\" is not a host name or address");
        }
        RigIds.range("port", port, 1, 65_535);
        RigIds.range("telemetryHz", telemetryHz, MIN_TELEMETRY_HZ, MAX_TELEMETRY_HZ);
        String why = topicRootProblem(topicRoot);
        if (why != null) {
            throw new IllegalArgumentException("topicRoot \"" + topicRoot + "\" " + why);
        }
        if (!CLIENT_ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("clientId \"" + clientId + "\" is not 1..64 of A-Z a-z 0-9 . _ -");
        }
        if (passwordFile.isPresent() && username.isEmpty()) {
            throw new IllegalArgumentException("a passwordFile needs a username");
        }
    }

    /** Why {@code root} cannot root a topic tree, or null when it can. */
    public static String topicRootProblem(String root) {
        if (root.isEmpty() || root.length() > MAX_TOPIC_ROOT_CHARS) {
            return "must be 1.." + MAX_TOPIC_ROOT_CHARS + " characters";
        }
        if (root.startsWith("/") || root.endsWith("/") || root.contains("//")) {
            return "has an empty level: no leading, trailing or doubled '/'";
        }
        if (root.startsWith("$")) {
            return "starts with '$', which brokers reserve";
        }
        for (int i = 0; i < root.length(); i++) {
            char c = root.charAt(i);
            if (c == '+' || c == '#') {
                return "holds the wildcard '" + c + "'";
            }
            if (c < 0x21 || c == 0x7F) {
                return "holds a space or control character";
            }
        }
        return null;
    }

    /** The default client id for a topic root: its levels joined by '-' (unique per rig). */
    public static String defaultClientId(String topicRoot) {
        String id = topicRoot.replace('/', '-').replaceAll("[^A-Za-z0-9._-]", "_");
        return id.length() > 64 ? id.substring(id.length() - 64) : id;
    }
}
