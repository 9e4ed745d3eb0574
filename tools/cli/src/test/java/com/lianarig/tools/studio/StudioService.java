package com.lianarig.tools.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.controller.mqtt.testing.MosquittoBroker;
import com.lianarig.controller.mqtt.testing.MqttTestClient;
import com.lianarig.controller.mqtt.testing.MqttTestClient.Received;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One liana-rig service as a studio runs it, for the studio tests of issue 18: {@code rig run --virtual}
 * in its own JVM (the ./rig launcher's service flags), its rig file the example's with the mqtt section
 * pointed at a real Mosquitto ({@link MosquittoBroker#secured()}: TLS with the test CA, the rig's own
 * user and password file, its own topic root) and its own panels. Its data directory is the rig file's
 * default (data/ next to the rig file), unless the test sets RIG_DATA_DIR.
 */
final class StudioService implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A configured panel: its id (also its MQTT user) and role. */
    record Panel(String id, String role) {
    }

    final String root;
    final Path rigFile;
    private final Path output;
    private final Process process;

    private StudioService(String root, Path rigFile, Path output, Process process) {
        this.root = root;
        this.rigFile = rigFile;
        this.output = output;
        this.process = process;
    }

    /**
     * Writes {@code dir}/rig.yaml (the example rig file, its mqtt section for {@code broker} as
     * {@code user} under {@code root}, its panels {@code panels}) and starts {@code rig run --virtual} on
     * it; {@code env} is added to the service's environment.
     */
    static StudioService start(Path dir, MosquittoBroker broker, String user, String root, List<Panel> panels,
            Map<String, String> env) throws IOException {
        Files.createDirectories(dir);
        Path rigFile = dir.resolve("rig.yaml");
        Files.writeString(rigFile, rigFile(broker, user, root, panels), StandardCharsets.UTF_8);
        return start(rigFile, env);
    }

    /** Starts {@code rig run --virtual} on an existing rig file; its output goes to a file beside it. */
    static StudioService start(Path rigFile, Map<String, String> env) throws IOException {
        String root = rigFile.toString();
        for (String line : Files.readAllLines(rigFile, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("topicRoot:")) {
                root = line.strip().substring("topicRoot:".length()).strip();
            }
        }
        Path output = rigFile.resolveSibling(rigFile.getFileName() + ".out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx192m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "com.lianarig.tools.RigCommand", "run", "--config", rigFile.toString(), "--virtual"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(rigFile.getParent().toFile());
        pb.environment().remove("RIG_DATA_DIR");
        pb.environment().put("RIG_LOG_LEVEL", "WARN");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(output.toFile());
        return new StudioService(root, rigFile, output, pb.start());
    }

    /** The example rig file with its mqtt and panels sections replaced. */
    static String rigFile(MosquittoBroker broker, String user, String root, List<Panel> panels) {
        String example;
        try (InputStream in = StudioService.class.getResourceAsStream("/demo/rig.yaml")) {
            example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int from = example.indexOf("\nmqtt:\n");
        int to = example.indexOf("\n# Phones and tablets");
        if (from < 0 || to < from) {
            throw new IllegalStateException("the example rig file no longer has its mqtt section before its panels");
        }
        StringBuilder y = new StringBuilder(example.substring(0, from + 1));
        y.append("mqtt:\n  broker: external\n  host: ").append(MosquittoBroker.HOST).append("\n  port: ").append(broker.port())
                .append("\n  tls:\n    caFile: ").append(broker.pki().caFile()).append("\n  username: ").append(user)
                .append("\n  passwordFile: ").append(broker.passwordFile(user)).append("\n  topicRoot: ").append(root)
                .append("\n  telemetryHz: 20\n\npanels:\n");
        for (Panel p : panels) {
            y.append("  - id: ").append(p.id()).append("\n    role: ").append(p.role()).append('\n');
        }
        return y.append(example.substring(to)).toString();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code timeout} for the process to end; its exit code, or null while it runs. */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    /** What the service printed (stdout and stderr). */
    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** SIGTERM (the controlled stop), then SIGKILL after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    // ---- watching the bus ----

    /**
     * Everything a client received, kept in arrival order (the client's own inbox is emptied into it),
     * so a test can wait for one message and still look at all the others.
     */
    static final class Seen {
        private final MqttTestClient client;
        private final List<Received> all = new ArrayList<>();

        Seen(MqttTestClient client) {
            this.client = client;
        }

        /** The first message (from the start) matching {@code what}, waiting up to {@code timeout}. */
        Received await(Predicate<Received> what, Duration timeout, String description) throws InterruptedException {
            return awaitFrom(0, what, timeout, description);
        }

        /** The first message from index {@code from} on (see {@link #all()}) matching {@code what}. */
        Received awaitFrom(int from, Predicate<Received> what, Duration timeout, String description)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int i = from;; i++) {
                while (i >= all.size()) {
                    long leftNanos = deadline - System.nanoTime();
                    Received r = leftNanos <= 0 ? null : client.next(Duration.ofNanos(leftNanos));
                    if (r == null) {
                        throw new AssertionError("not received within " + timeout + ": " + description + "; received "
                                + all.size() + " messages, the last: " + all.subList(Math.max(0, all.size() - 5), all.size()));
                    }
                    all.add(r);
                }
                if (what.test(all.get(i))) {
                    return all.get(i);
                }
            }
        }

        /** Takes what has arrived meanwhile, without waiting; every message so far. */
        List<Received> all() {
            all.addAll(client.drain());
            return all;
        }
    }

    /** The message's payload as JSON (null for an empty or non-JSON payload). */
    static JsonNode json(Received r) {
        try {
            return r.payload().isEmpty() ? null : JSON.readTree(r.payload());
        } catch (IOException e) {
            return null;
        }
    }
}
