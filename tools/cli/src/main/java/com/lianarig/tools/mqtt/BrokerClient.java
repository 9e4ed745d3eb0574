package com.lianarig.tools.mqtt;

import com.lianarig.config.rig.DataPathDefaults;
import com.lianarig.controller.mqtt.LocalLogin;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A connection to the broker for the people-facing MQTT tools: Paho's {@link MqttAsyncClient} with a
 * clean session, automatic reconnect (an attempt every second at most, so it is back within 2 s of the
 * broker's return) and no offline buffer (a command that cannot go now is not sent
 * later: SPEC section 6). Subscriptions are made again after a reconnect.
 *
 * <p>Messages reach the listeners on Paho's callback thread; listeners must be quick and thread-safe.
 */
public final class BrokerClient implements AutoCloseable {
    /** How long connecting may take before the broker counts as unreachable, s. */
    private static final int CONNECT_TIMEOUT_S = 3;
    /** The longest wait between two reconnect attempts while the broker is away, ms. */
    static final int MAX_RECONNECT_DELAY_MS = 1000;

    /** One message as received: its topic and payload bytes. */
    public record Received(String topic, byte[] payload) {
    }

    private record Subscription(String filter, int qos) {
    }

    private final MqttAsyncClient client;
    private final String brokerUri;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Consumer<Received>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Boolean>> connectionListeners = new CopyOnWriteArrayList<>();

    private BrokerClient(MqttAsyncClient client, String brokerUri) {
        this.client = client;
        this.brokerUri = brokerUri;
    }

    /**
     * Connects, or explains why not.
     *
     * @param options where the broker is and how to log in
     * @param clientIdPrefix the start of the MQTT client id; a random suffix keeps two tools apart
     * @throws BrokerException with a message for the person at the terminal
     */
    public static BrokerClient connect(BrokerOptions options, String clientIdPrefix) throws BrokerException {
        String uri = options.brokerUri();
        if (uri == null || !(uri.startsWith("tcp://") || uri.startsWith("ssl://"))) {
            throw new BrokerException("--broker must look like tcp://HOST:PORT or ssl://HOST:PORT, not \"" + uri + "\"");
        }
        String clientId = clientIdPrefix + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        MqttAsyncClient paho;
        try {
            paho = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        } catch (IllegalArgumentException | MqttException e) {
            throw new BrokerException("--broker " + uri + " is not a valid broker URI (" + e.getMessage() + ")");
        }
        BrokerClient broker = new BrokerClient(paho, uri);
        MqttConnectOptions connect = baseOptions();
        if (options.username() != null) {
            connect.setUserName(options.username());
        }
        if (options.passwordFile() != null) {
            connect.setPassword(readPassword(options.passwordFile()).toCharArray());
        }
        Optional<LocalLogin> local = options.username() == null ? localLogin(options, uri, System.getenv()) : Optional.empty();
        if (local.isPresent()) {
            // issue 20: beyond loopback the rig's embedded broker lets in only users; the tools here log in with
            // the login its service wrote for them
            connect.setUserName(LocalLogin.USER);
            connect.setPassword(local.get().password().toCharArray());
        }
        if (options.caFile() != null) {
            if (!uri.startsWith("ssl://")) {
                throw new BrokerException("--ca-file is for ssl:// brokers; --broker is " + uri);
            }
            connect.setSocketFactory(trusting(options.caFile()).getSocketFactory());
        }
        paho.setCallback(broker.new Callback());
        try {
            paho.connect(connect).waitForCompletion((CONNECT_TIMEOUT_S + 2) * 1000L);
        } catch (MqttException e) {
            boolean refused = e.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                    || e.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED;
            if (local.isPresent() && refused) {
                // a login left by an earlier run (or another rig on this port): the broker may take anyone here
                try {
                    paho.connect(baseOptions()).waitForCompletion((CONNECT_TIMEOUT_S + 2) * 1000L);
                    return broker;
                } catch (MqttException again) {
                    e = again;
                }
            }
            closeQuietly(paho);
            throw new BrokerException(unreachable(uri, e) + (local.isEmpty() && refused && loopbackUri(uri)
                    ? " The rig's own broker lets in only users when it listens beyond loopback: run this as the"
                            + " service's user (it reads " + loginFile(options, System.getenv()) + ") or give"
                            + " --login-file" : ""));
        }
        return broker;
    }

    /** Clean session, reconnects every second at most, MQTT 3.1.1; no login yet. */
    private static MqttConnectOptions baseOptions() {
        MqttConnectOptions connect = new MqttConnectOptions();
        connect.setCleanSession(true);
        connect.setAutomaticReconnect(true);
        // Paho doubles its reconnect delay from 1 s up to this: at its default 128 s a panel stayed away
        // for minutes after a broker restart. Every second keeps it back within 2 s of the broker's return.
        connect.setMaxReconnectDelay(MAX_RECONNECT_DELAY_MS);
        connect.setConnectionTimeout(CONNECT_TIMEOUT_S);
        connect.setKeepAliveInterval(10);
        connect.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        return connect;
    }

    /**
     * The service's {@link LocalLogin} for a broker at {@code uri}, when it is on this computer (a tcp:// URI at
     * a loopback address) on the port the login is for, and this user may read it.
     *
     * @throws BrokerException when the file given or found is not a local login
     */
    static Optional<LocalLogin> localLogin(BrokerOptions options, String uri, Map<String, String> env)
            throws BrokerException {
        if (!loopbackUri(uri)) {
            return Optional.empty();
        }
        Path file = loginFile(options, env);
        Optional<LocalLogin> login;
        try {
            login = LocalLogin.read(file);
        } catch (IOException e) {
            throw new BrokerException(e.getMessage() + (options.loginFile() != null ? " (--login-file)" : ""));
        }
        int port = URI.create(uri).getPort();
        return login.filter(l -> l.port() == port);
    }

    private static Path loginFile(BrokerOptions options, Map<String, String> env) {
        if (options.loginFile() != null) {
            return options.loginFile();
        }
        String dataDir = env.get(DataPathDefaults.ENV);
        return LocalLogin.file(dataDir != null && !dataDir.isBlank() ? Path.of(dataDir) : DataPathDefaults.INSTALLED_DATA_DIR);
    }

    /** Whether {@code uri} is tcp:// at a loopback address or name. */
    static boolean loopbackUri(String uri) {
        try {
            URI u = URI.create(uri);
            String host = u.getHost();
            return "tcp".equals(u.getScheme()) && host != null && (host.equals("localhost")
                    || host.matches("127(\\.\\d{1,3}){3}") || host.equals("[::1]") || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The text for a failed connect: what happened, in words, and what to check. */
    static String unreachable(String uri, MqttException e) {
        String why = switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION -> "bad user name or password";
            case MqttException.REASON_CODE_NOT_AUTHORIZED -> "not authorized";
            case MqttException.REASON_CODE_CLIENT_TIMEOUT -> "no answer within " + (CONNECT_TIMEOUT_S + 2) + " s";
            case MqttException.REASON_CODE_BROKER_UNAVAILABLE -> "the broker says it is unavailable";
            default -> causeInWords(e);
        };
        String hint = switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED ->
                    " Check --username and --password-file.";
            default -> uri.equals(BrokerOptions.DEFAULT_BROKER) ? " Is `./rig demo` running?"
                    : " Is the broker running, and is --broker right?";
        };
        return "cannot reach the broker at " + uri + " (" + why + ")." + hint;
    }

    private static String causeInWords(MqttException e) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host " + cause.getMessage();
            }
            if (cause instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (cause instanceof SSLException) {
                return "TLS failed: " + cause.getMessage();
            }
            cause = cause.getCause();
        }
        return e.getMessage() != null ? e.getMessage() : "MQTT reason code " + e.getReasonCode();
    }

    private static String readPassword(Path file) throws BrokerException {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new BrokerException("--password-file " + file + " is empty (its first line is the password)");
            }
            return lines.get(0);
        } catch (IOException e) {
            throw new BrokerException("cannot read --password-file " + file + " (" + e + ")");
        }
    }

    private static SSLContext trusting(Path caFile) throws BrokerException {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new BrokerException("--ca-file " + caFile + " holds no certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new BrokerException("cannot read --ca-file " + caFile + " (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new BrokerException("--ca-file " + caFile + " is not a PEM certificate (" + e.getMessage() + ")");
        }
    }

    /** Calls {@code listener} with every message received from now on (any subscription). */
    public void onMessage(Consumer<Received> listener) {
        listeners.add(listener);
    }

    /** Calls {@code listener} with true on every (re)connect and false on every loss of the connection. */
    public void onConnection(Consumer<Boolean> listener) {
        connectionListeners.add(listener);
    }

    /**
     * Subscribes now and after every reconnect.
     *
     * @return false when the broker refused or the connection is down (it is tried again on reconnect)
     */
    public boolean subscribe(String filter, int qos) {
        subscriptions.add(new Subscription(filter, qos));
        return subscribeNow(new Subscription(filter, qos));
    }

    private boolean subscribeNow(Subscription subscription) {
        IMqttMessageListener deliver = (topic, message) -> deliver(topic, message);
        try {
            IMqttToken token = client.subscribe(subscription.filter(), subscription.qos(), deliver);
            token.waitForCompletion(5000);
            int[] granted = token.getGrantedQos();
            // 0x80 in the SUBACK: the broker refused (an ACL, usually).
            return granted == null || granted.length == 0 || granted[0] != 0x80;
        } catch (MqttException e) {
            return false;
        }
    }

    private void deliver(String topic, MqttMessage message) {
        Received received = new Received(topic, message.getPayload());
        for (Consumer<Received> listener : listeners) {
            listener.accept(received);
        }
    }

    /**
     * Publishes without waiting; nothing is buffered while disconnected.
     *
     * @return false when it could not be handed to the connection (not connected, too many in flight)
     */
    public boolean publish(String topic, byte[] payload, int qos, boolean retained) {
        try {
            client.publish(topic, payload, qos, retained);
            return true;
        } catch (MqttException e) {
            return false;
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    public String brokerUri() {
        return brokerUri;
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(MqttAsyncClient paho) {
        try {
            if (paho.isConnected()) {
                paho.disconnect(500).waitForCompletion(1000);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            paho.close(true);
        } catch (MqttException e) {
            // nothing more to release
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                List<Subscription> again = new ArrayList<>(subscriptions);
                // Not on the callback thread: subscribing waits for the broker's answer.
                Thread resubscribe = new Thread(() -> again.forEach(BrokerClient.this::subscribeNow), "mqtt-resubscribe");
                resubscribe.setDaemon(true);
                resubscribe.start();
            }
            connectionListeners.forEach(listener -> listener.accept(true));
        }

        @Override
        public void connectionLost(Throwable cause) {
            connectionListeners.forEach(listener -> listener.accept(false));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // Every subscription has its own listener.
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // QoS 0 commands: nothing to track.
        }
    }
}
