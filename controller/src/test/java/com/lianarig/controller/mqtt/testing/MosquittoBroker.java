package com.lianarig.controller.mqtt.testing;

import com.lianarig.config.ConfigException;
import com.lianarig.config.rig.BrokerMode;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.config.rig.TlsConfig;
import com.lianarig.controller.mqtt.Tls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A real Mosquitto broker ({@code mosquitto -c FILE}) on a free port of 127.0.0.1, for integration
 * tests. Two kinds:
 * <ul>
 * <li>{@link #plain()}: MQTT over TCP, anonymous clients allowed, no ACLs;</li>
 * <li>{@link #secured()}: the repo's example {@code config/examples/mosquitto/mosquitto.conf} with its
 * paths pointed at a temp directory: TLS with certificates made at test time ({@link TestPki}),
 * a password file made with {@code mosquitto_passwd} for every user of the example ACL file (random
 * passwords), and that very ACL file ({@code config/examples/mosquitto/acl}, topic root
 * {@value #TOPIC_ROOT}), or the one a test names ({@link Builder#aclFile}); a test may append lines
 * to the config ({@link Builder#extraConfig}: a bridge section, for the studio chain).</li>
 * </ul>
 *
 * <p>Use it directly ({@link #start()}, {@link #stop()}, {@link #restart()}, {@link #close()}) or as a
 * JUnit extension: {@code @RegisterExtension static final MosquittoBroker BROKER = MosquittoBroker.plain().build();}
 * starts it before the class, starts it again before a test when an earlier test left it stopped,
 * prints the broker's log of a failed test into the test output, and closes it after the class.
 * Every start after the first uses the same port, so clients with automatic reconnect find it again
 * (R-4 broker-outage tests). Owned by the test thread.
 */
public final class MosquittoBroker implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, TestWatcher {
    /** The topic root the example ACL file is written for (also config/examples/rig.yaml's mqtt.topicRoot). */
    public static final String TOPIC_ROOT = "liana/v1/demo-studio/rig-1";
    /** Users of the example ACL file. */
    public static final String RIG_USER = "rig-1";
    public static final String TRAINER_PANEL = "trainer-tablet";
    public static final String TECHNICIAN_PANEL = "tech-laptop";
    public static final String STUDIO_USER = "studio";
    public static final String HOST = "127.0.0.1";

    private static final long START_TIMEOUT_MS = 10_000;
    private static final long STOP_TIMEOUT_MS = 5_000;
    private static final int PORT_ATTEMPTS = 5;

    private final boolean secured;
    private final Optional<Boolean> persistence;
    private final boolean requireClientCertificate;
    private final Optional<Path> aclFile;
    private final Function<MosquittoBroker, String> extraConfig;
    private final Path mosquitto;
    private final Path dir;
    private final Path logFile;
    private final Path confFile;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private TestPki pki;
    private SSLSocketFactory socketFactory;
    private int port;
    /** The example config's second listener (MQTT over WebSockets, TLS), on its own free port. */
    private int webSocketPort;
    private Process process;
    private Thread shutdownHook;
    private long testLogOffset;
    private boolean startedForClass;
    private boolean closed;

    /** Builds a broker; nothing runs until {@link MosquittoBroker#start()}. */
    public static final class Builder {
        private final boolean secured;
        private Optional<Boolean> persistence = Optional.empty();
        private boolean requireClientCertificate;
        private Optional<Path> aclFile = Optional.empty();
        private Function<MosquittoBroker, String> extraConfig = b -> "";

        private Builder(boolean secured) {
            this.secured = secured;
        }

        /**
         * Whether retained messages survive {@link #stop()}/{@link #restart()}. Default: off for the
         * plain broker (so a test sees that a client republishes what it must), as the example
         * config says (on) for the secured one.
         */
        public Builder persistence(boolean on) {
            this.persistence = Optional.of(on);
            return this;
        }

        /** Secured only: clients must also present a certificate signed by the test CA. */
        public Builder requireClientCertificate(boolean on) {
            if (!secured) {
                throw new IllegalStateException("client certificates need the secured broker");
            }
            this.requireClientCertificate = on;
            return this;
        }

        /**
         * Secured only: this ACL file instead of the example's (e.g. the example's with a second rig's
         * blocks added the way its README says, or the central broker's of a studio chain). Every
         * {@code user} of it gets a password.
         */
        public Builder aclFile(Path file) {
            if (!secured) {
                throw new IllegalStateException("an ACL file needs the secured broker");
            }
            this.aclFile = Optional.of(file);
            return this;
        }

        /**
         * Lines appended to the configuration at every start, made from the broker (its directory,
         * port and PKI are known by then): e.g. a bridge section (config/examples/mosquitto/bridge.conf
         * with its addresses and files pointed at the test's).
         */
        public Builder extraConfig(Function<MosquittoBroker, String> lines) {
            this.extraConfig = lines;
            return this;
        }

        public MosquittoBroker build() {
            return new MosquittoBroker(this);
        }
    }

    /** MQTT over TCP, anonymous clients, no ACLs. */
    public static Builder plain() {
        return new Builder(false);
    }

    /** The repo's example config: TLS, passwords, the example ACL file. */
    public static Builder secured() {
        return new Builder(true);
    }

    private MosquittoBroker(Builder b) {
        this.secured = b.secured;
        this.persistence = b.persistence;
        this.requireClientCertificate = b.requireClientCertificate;
        this.aclFile = b.aclFile;
        this.extraConfig = b.extraConfig;
        this.mosquitto = Exec.require("mosquitto");
        try {
            this.dir = Files.createTempDirectory("mosquitto-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.logFile = dir.resolve("mosquitto.log");
        this.confFile = dir.resolve("mosquitto.conf");
    }

    // ---- lifecycle ----

    /**
     * Starts the broker (on a new free port the first time, on the same port after) and waits until it
     * listens. When the first start fails, the broker is closed; the exception holds its log.
     */
    public MosquittoBroker start() {
        if (closed) {
            throw new IllegalStateException("this broker is closed");
        }
        if (isRunning()) {
            return this;
        }
        if (port == 0) {
            try {
                prepareFiles();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            List<String> failures = new ArrayList<>();
            for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
                port = freePort();
                webSocketPort = freePort();
                Optional<String> failure = launch();
                if (failure.isEmpty()) {
                    return this;
                }
                failures.add(failure.get());
                if (!failure.get().contains("Address already in use")) {
                    break;
                }
            }
            int failedPort = port;
            port = 0;
            close(); // nobody holds a broker whose first start failed: remove its directory now
            throw new IllegalStateException("mosquitto did not start (last port " + failedPort + "):\n"
                    + String.join("\n---\n", failures));
        }
        // Same port: another process may briefly hold it; try for a while.
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        Optional<String> failure;
        do {
            failure = launch();
            if (failure.isEmpty()) {
                return this;
            }
            sleep(100);
        } while (failure.get().contains("Address already in use") && System.currentTimeMillis() < deadline);
        throw new IllegalStateException("mosquitto did not start again on port " + port + ":\n" + failure.get());
    }

    /** Stops the broker with SIGTERM (it saves its database when persistent) and waits for it to exit. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                throw new IllegalStateException("mosquitto ignored SIGTERM for " + STOP_TIMEOUT_MS + " ms; killed it");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    /** Kills the broker with SIGKILL (a crash: nothing saved) and waits for it to exit. */
    public void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    /** {@link #stop()} if running, then {@link #start()} on the same port. */
    public MosquittoBroker restart() {
        stop();
        return start();
    }

    /** Stops the broker and deletes its directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover in a temp dir
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    // ---- what clients need ----

    /** The port (fixed after the first start). */
    public int port() {
        if (port == 0) {
            throw new IllegalStateException("the broker has not been started");
        }
        return port;
    }

    public boolean isSecured() {
        return secured;
    }

    /** The Paho server URI: {@code ssl://127.0.0.1:PORT} when secured, else {@code tcp://127.0.0.1:PORT}. */
    public String uri() {
        return (secured ? "ssl://" : "tcp://") + HOST + ":" + port();
    }

    /** The test certificate authority (secured only). */
    public TestPki pki() {
        requireSecured();
        return pki;
    }

    /** The rig file's mqtt.tls for this broker: the test CA, no client certificate. */
    public TlsConfig tlsConfig() {
        requireSecured();
        return new TlsConfig(pki.caFile(), Optional.empty(), Optional.empty());
    }

    /** The rig file's mqtt.tls with a client certificate (EC, PKCS#8) for {@code user} signed by the test CA. */
    public TlsConfig tlsConfigWithClientCertificate(String user) {
        requireSecured();
        TestPki.Identity id = pki.issueClient(user, "ec");
        return new TlsConfig(pki.caFile(), Optional.of(id.certFile()), Optional.of(id.keyFile()));
    }

    /**
     * The rig file's mqtt section for this broker, as {@code user} (the rig's is {@value #RIG_USER})
     * under {@value #TOPIC_ROOT}: external broker, 127.0.0.1 and the port; when secured, TLS with the
     * test CA, the user and a {@link #passwordFile(String) password file}.
     */
    public MqttConfig mqttConfig(String user) {
        return new MqttConfig(BrokerMode.EXTERNAL, HOST, port(), secured ? Optional.of(tlsConfig()) : Optional.empty(),
                secured ? Optional.of(user) : Optional.empty(), secured ? Optional.of(passwordFile(user)) : Optional.empty(),
                TOPIC_ROOT, MqttConfig.DEFAULT_TELEMETRY_HZ, MqttConfig.defaultClientId(TOPIC_ROOT));
    }

    /**
     * The users of the ACL file (the example's unless the builder named another), each with a password
     * here (secured only).
     */
    public List<String> users() {
        requireSecured();
        return List.copyOf(passwords.keySet());
    }

    /** {@code user}'s password (secured only). */
    public String password(String user) {
        requireSecured();
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no user " + user + " in the ACL file; users: " + passwords.keySet());
        }
        return password;
    }

    /** A file holding {@code user}'s password and a newline, as the rig file's mqtt.passwordFile names it. */
    public Path passwordFile(String user) {
        Path file = dir.resolve(user + ".password");
        write(file, password(user) + "\n");
        return file;
    }

    /**
     * Paho options for {@code user}: MQTT 3.1.1, clean session, 5 s connect timeout; when secured,
     * the user's name and password and a socket factory trusting the test CA (made by {@link Tls}).
     * The user is ignored by the plain broker (anonymous).
     */
    public MqttConnectOptions connectOptions(String user) {
        MqttConnectOptions o = connectOptions(user, Optional.empty());
        if (secured) {
            if (socketFactory == null) {
                socketFactory = socketFactory(tlsConfig());
            }
            o.setSocketFactory(socketFactory);
        }
        return o;
    }

    /** As {@link #connectOptions(String)} with the given TLS files (e.g. another CA or a client certificate). */
    public MqttConnectOptions connectOptions(String user, Optional<TlsConfig> tls) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setConnectionTimeout(5);
        if (secured) {
            o.setUserName(user);
            o.setPassword(passwords.getOrDefault(user, "").toCharArray());
        }
        tls.ifPresent(t -> o.setSocketFactory(socketFactory(t)));
        return o;
    }

    private static SSLSocketFactory socketFactory(TlsConfig tls) {
        try {
            return Tls.socketFactory(tls);
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Everything the broker logged so far (every start appends to one log). */
    public String log() {
        return logSince(0);
    }

    /** The port of the example config's MQTT-over-WebSocket listener (secured broker). */
    public int webSocketPort() {
        return webSocketPort;
    }

    /** The broker's working directory (config, certificates, passwords, log, database). */
    public Path dir() {
        return dir;
    }

    // ---- JUnit extension ----

    @Override
    public void beforeAll(ExtensionContext context) {
        startedForClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
        testLogOffset = logSize();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!startedForClass) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String during = logSince(testLogOffset);
        System.out.println("---- mosquitto log during " + context.getDisplayName() + " (port " + port + ", "
                + confFile + ") ----\n" + during + "---- end of mosquitto log ----");
    }

    // ---- internals ----

    private Optional<String> launch() {
        write(confFile, secured ? securedConf() : plainConf());
        long offset = logSize();
        try {
            process = new ProcessBuilder(mosquitto.toString(), "-c", confFile.toString()).directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + mosquitto + ": " + e.getMessage(), e);
        }
        if (shutdownHook == null) {
            shutdownHook = new Thread(() -> {
                Process p = process;
                if (p != null) {
                    p.destroyForcibly();
                }
            }, "mosquitto-" + port + "-killer");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                process = null;
                sleep(20); // let the last log lines land
                return Optional.of(logSince(offset));
            }
            if (logSince(offset).contains(" running") && accepts()) {
                return Optional.empty();
            }
            sleep(10);
        }
        kill();
        return Optional.of("not listening on " + HOST + ":" + port + " after " + START_TIMEOUT_MS + " ms:\n"
                + logSince(offset));
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName(HOST), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String plainConf() {
        StringBuilder c = new StringBuilder();
        c.append("# Made by MosquittoBroker (plain): anonymous MQTT over TCP on loopback.\n");
        c.append("per_listener_settings false\n");
        c.append("allow_anonymous true\n");
        c.append("listener ").append(port).append(' ').append(HOST).append('\n');
        boolean persistent = persistence.orElse(false);
        c.append("persistence ").append(persistent).append('\n');
        c.append("persistence_location ").append(dir.resolve("db")).append("/\n");
        return appendTestSettings(c);
    }

    /** The example config with its machine paths replaced by this broker's files. */
    private String securedConf() {
        Path example = exampleFile("mosquitto.conf");
        Map<String, String> replace = Map.of(
                "listener", port + " " + HOST,
                "cafile", pki.caFile().toString(),
                "certfile", pki.server().certFile().toString(),
                "keyfile", pki.server().keyFile().toString(),
                "password_file", dir.resolve("passwd").toString(),
                "acl_file", aclFile().toString(),
                "persistence_location", dir.resolve("db") + "/");
        List<String> dropped = List.of("pid_file", "log_dest", "log_type", "log_timestamp_format", "user");
        StringBuilder c = new StringBuilder("# Made by MosquittoBroker from " + example + "\n");
        int listeners = 0;
        List<String> lines;
        try {
            lines = Files.readAllLines(example, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String key = line.split("\\s+", 2)[0];
            if (dropped.contains(key)) {
                continue;
            }
            if (key.equals("listener") && listeners++ > 0) {
                line = "listener " + webSocketPort + " " + HOST; // the WebSocket listener
            } else if (replace.containsKey(key)) {
                line = key + " " + replace.get(key);
            } else if (key.equals("persistence") && persistence.isPresent()) {
                line = "persistence " + persistence.get();
            } else if (key.equals("require_certificate") && requireClientCertificate) {
                line = "require_certificate true";
            } else if (line.matches(".*\\s/(etc|var|run|usr)/.*")) {
                throw new IllegalStateException(example + ":" + (i + 1) + ": \"" + line
                        + "\" names a machine path MosquittoBroker does not redirect; teach it this key");
            }
            c.append(line).append('\n');
        }
        return appendTestSettings(c);
    }

    private String appendTestSettings(StringBuilder c) {
        // A log file, not stdout: mosquitto flushes its file after every line, but buffers a redirected
        // stdout. Its own stdout and stderr (start-up errors) are appended to the same file.
        c.append("log_dest file ").append(logFile).append('\n');
        c.append("log_type all\n");
        c.append("log_timestamp_format %H:%M:%S\n");
        c.append("connection_messages true\n");
        // As root, mosquitto would switch to the user "mosquitto", who cannot read the temp files.
        c.append("user ").append(System.getProperty("user.name")).append('\n');
        // Last: a bridge section ("connection NAME") takes every bridge key after it.
        c.append(extraConfig.apply(this));
        return c.toString();
    }

    private void prepareFiles() {
        try {
            Files.createDirectories(dir.resolve("db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!secured) {
            return;
        }
        pki = TestPki.create(dir.resolve("pki"));
        StringBuilder plainText = new StringBuilder();
        for (String user : aclUsers()) {
            String password = UUID.randomUUID().toString();
            passwords.put(user, password);
            plainText.append(user).append(':').append(password).append('\n');
        }
        Path passwd = dir.resolve("passwd");
        write(passwd, plainText.toString());
        Exec.run(dir, Exec.require("mosquitto_passwd").toString(), "-U", passwd.toString());
    }

    /** The ACL file in use: the example's unless the builder named another. */
    private Path aclFile() {
        return aclFile.orElseGet(() -> exampleFile("acl"));
    }

    /** The {@code user} names of the ACL file, in file order. */
    private List<String> aclUsers() {
        try {
            List<String> users = new ArrayList<>();
            for (String line : Files.readAllLines(aclFile(), StandardCharsets.UTF_8)) {
                String[] words = line.strip().split("\\s+");
                if (words.length == 2 && words[0].equals("user") && !users.contains(words[1])) {
                    users.add(words[1]);
                }
            }
            return users;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of config/examples/mosquitto, found from the working directory up (Maven runs tests in controller). */
    public static Path exampleFile(String name) {
        Path rel = Path.of("config", "examples", "mosquitto", name);
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(rel))) {
                return d.resolve(rel);
            }
        }
        throw new IllegalStateException(rel + " not found above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    private long logSize() {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The log from byte {@code offset} on. */
    private String logSince(long offset) {
        try {
            if (!Files.exists(logFile)) {
                return "";
            }
            byte[] all = Files.readAllBytes(logFile);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    private void requireSecured() {
        if (!secured) {
            throw new IllegalStateException("the plain broker has no TLS and no users");
        }
        if (pki == null) {
            throw new IllegalStateException("start the broker first");
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
