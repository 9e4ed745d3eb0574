package com.lianarig.tools.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.ConfigException;
import com.lianarig.config.rig.BrokerMode;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.tools.RigCommand;
import com.lianarig.tools.RigVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/**
 * {@code rig bench-mqtt}: P-5 (process start -> first retained state on MQTT, the service in its own
 * JVM on the virtual rig, next to a bare JVM start measured in the same run) and P-6 (telemetry: the
 * newest load sample's age at publish, as the service reports it, and at receipt by a subscriber;
 * lost telemetry). Benchmarks report; they do not judge (exit 0 unless the measurement failed).
 * Run it through {@code ./rig}, which gives it the service's JVM flags (docs/benchmarks.md).
 */
@picocli.CommandLine.Command(name = "bench-mqtt", mixinStandardHelpOptions = true,
        versionProvider = com.lianarig.tools.RigVersion.class,
        description = "P-5/P-6 benchmark: service start -> first retained state on MQTT; telemetry sample age at publish and receipt.")
public final class BenchMqttCommand implements Callable<Integer> {
    /**
     * The service's JVM flags as the {@code ./rig} launcher gives {@code run} and {@code demo} (P-5's service and
     * its baselines are started with them; BenchMqttCommandTest keeps them in step with the launcher).
     */
    static final List<String> SERVICE_JVM_FLAGS = List.of("-Xms64m", "-Xmx192m", "-XX:+UseSerialGC",
            "-XX:+AlwaysPreTouch", "-XX:-UsePerfData", "-XX:+UnlockDiagnosticVMOptions",
            "-XX:GuaranteedSafepointInterval=0", "-Dlogback.configurationFile=logback-service.xml");
    /** P-5's target, s (SPEC section 8). */
    static final double P5_TARGET_S = 3.0;
    /** P-6's allowance over one telemetry period, ms (SPEC section 8). */
    static final double P6_SLACK_MS = 10.0;
    /** How often P-5's client tries to connect while the service's broker is not up yet, ms. */
    static final long CONNECT_POLL_MS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Which part to run. */
    enum Part { P5, P6 }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--runs", defaultValue = "5", paramLabel = "N", description = "P-5: service starts (each next to a bare JVM start), default 5")
    int runs;

    @Option(names = "--duration", defaultValue = "60", paramLabel = "SECONDS",
            description = "P-6: measured telemetry, s (default 60)")
    double seconds;

    /** The old spelling of {@code --duration}. */
    @Option(names = "--seconds", hidden = true, paramLabel = "SECONDS", description = "The old spelling of --duration.")
    Double oldSeconds;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "SECONDS", description = "P-6: telemetry received before the window opens, s (default 2)")
    double warmupS;

    @Option(names = "--telemetry-hz", paramLabel = "HZ", description = "P-6: telemetry rate, 1..50 Hz (default: the demo rig file's, 20)")
    Integer telemetryHz;

    @Option(names = "--load", defaultValue = "0", paramLabel = "THREADS", description = "P-6: busy-loop threads in the service's JVM")
    int loadThreads;

    @Option(names = "--only", paramLabel = "PART", description = "run only P5 or P6")
    Part only;

    @Option(names = "--start-timeout", defaultValue = "60", paramLabel = "SECONDS", description = "P-5: give up on a start after this long")
    double startTimeoutS;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "virtual rig seed")
    long seed;

    @Option(names = "--java-opt", paramLabel = "OPTION", description = "P-5: one more JVM option for the service and its baselines"
            + " (repeatable), e.g. --java-opt=-XX:SharedArchiveFile=rig.jsa")
    List<String> extraJavaOpts = new ArrayList<>();

    private final PrintStream out = System.out;
    private volatile boolean running = true;
    private int droppedConnections;

    /** The measurement itself failed (not a slow figure: those are reported). */
    static final class BenchFailed extends Exception {
        private static final long serialVersionUID = 1L;

        BenchFailed(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (oldSeconds != null) {
            seconds = oldSeconds;
        }
        com.lianarig.tools.OptionRules rules = com.lianarig.tools.OptionRules.of(spec)
                .atLeast("--runs", runs, 1, "")
                .positive("--duration", seconds, "s")
                .range("--warmup", warmupS, 0, 3600, "s")
                .range("--load", loadThreads, 0, 64, "threads")
                .positive("--start-timeout", startTimeoutS, "s");
        if (telemetryHz != null) {
            rules.range("--telemetry-hz", telemetryHz, MqttConfig.MIN_TELEMETRY_HZ, MqttConfig.MAX_TELEMETRY_HZ, "Hz");
        }
        out.printf(Locale.ROOT, "rig bench-mqtt: %d cores, load average %.2f, %s %s; this JVM: %s%n",
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        List<String> summary = new ArrayList<>();
        try {
            if (only != Part.P6) {
                summary.add(benchStart());
            }
            if (only != Part.P5) {
                summary.add(benchTelemetry());
            }
        } catch (BenchFailed e) {
            System.err.println("rig bench-mqtt: " + e.getMessage());
            return ExitCode.SOFTWARE;
        }
        out.println();
        summary.forEach(out::println);
        out.printf(Locale.ROOT, "load average now: %.2f%n", loadAverage());
        return ExitCode.OK;
    }

    // ------------------------------------------------------------------ P-5

    /** One service start: when its broker accepted a connection and when the first state arrived (ns after start). */
    private record Start(long brokerNanos, long stateNanos, long stateClockMs, long stopNanos) {
    }

    private String benchStart() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = absoluteClassPath(); // the children run in their own directories
        out.printf(Locale.ROOT, "%nP-5 process start -> first retained state on MQTT (rig run --virtual, embedded broker),"
                + " %d run(s), each next to a bare JVM start; JVM flags: %s%n", runs, String.join(" ", childFlags()));
        out.printf(Locale.ROOT, "  %-4s %10s %13s %12s %12s %12s %12s %13s%n", "run", "bare JVM", "rig --version",
                "stack opens", "broker up", "first state", "state clock", "SIGTERM->exit");
        long[] bare = new long[runs];
        long[] version = new long[runs];
        long[] state = new long[runs];
        long[] broker = new long[runs];
        for (int i = 0; i < runs; i++) {
            bare[i] = timeToExit(java, classPath, BareJvmMain.class.getName());
            version[i] = timeToExit(java, classPath, RigCommand.class.getName(), "--version");
            Start s = startService(java, classPath, i);
            state[i] = s.stateNanos();
            broker[i] = s.brokerNanos();
            out.printf(Locale.ROOT, "  %-4d %9.3fs %12.3fs %11.3fs %11.3fs %11.3fs %11.3fs %12s%n", i + 1, bare[i] / 1e9,
                    version[i] / 1e9, (s.stateNanos() - s.stateClockMs() * 1_000_000L) / 1e9, s.brokerNanos() / 1e9,
                    s.stateNanos() / 1e9, s.stateClockMs() / 1e3,
                    s.stopNanos() < 0 ? "killed" : String.format(Locale.ROOT, "%.3fs", s.stopNanos() / 1e9));
        }
        double stateMedianS = median(state) / 1e9;
        double bareMedianS = median(bare) / 1e9;
        out.printf(Locale.ROOT, "  %-4s %9.3fs %12.3fs %12s %11.3fs %11.3fs%n", "med", bareMedianS, median(version) / 1e9,
                "", median(broker) / 1e9, stateMedianS);
        out.printf(Locale.ROOT, "  %-4s %9.3fs %12.3fs %12s %11.3fs %11.3fs%n", "max", max(bare) / 1e9, max(version) / 1e9,
                "", max(broker) / 1e9, max(state) / 1e9);
        if (droppedConnections > 0) {
            out.printf(Locale.ROOT, "  the service's broker dropped the bench's new connection %d time(s): connected again;"
                    + " the first state is still timed from the process start%n", droppedConnections);
        }
        out.println("  (seconds from just before ProcessBuilder.start(); first state: the first R/state message at the"
                + " bench's subscriber; state clock: its clockMs, the service's clock since ServiceStack.open;"
                + " stack opens: first state - state clock)");
        return String.format(Locale.ROOT, "P-5 median %.2f s, max %.2f s (target %.0f s: %s) = %.1f x a bare JVM start of %.2f s"
                + " (same java and flags, median of %d)", stateMedianS, max(state) / 1e9, P5_TARGET_S,
                max(state) / 1e9 <= P5_TARGET_S ? "met" : stateMedianS <= P5_TARGET_S ? "median met, max not" : "not met",
                stateMedianS / bareMedianS, bareMedianS, runs);
    }

    /** Starts a JVM with the service's flags and waits for it to exit, ns; fails unless it exits with 0. */
    private long timeToExit(String java, String classPath, String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(childFlags());
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor((long) (startTimeoutS * 1e3), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new BenchFailed(mainClass + " " + String.join(" ", args) + " did not exit within " + startTimeoutS + " s");
        }
        long t1 = System.nanoTime();
        if (p.exitValue() != 0) {
            throw new BenchFailed(mainClass + " " + String.join(" ", args) + " exited with " + p.exitValue());
        }
        return t1 - t0;
    }

    /**
     * {@code rig run --config F --virtual} in its own JVM, with a fresh data directory (no retained state
     * left by an earlier run) and the embedded broker on a free port; stopped with SIGTERM once measured.
     */
    private Start startService(String java, String classPath, int run) throws Exception {
        Path dir = Files.createTempDirectory("rig-bench-mqtt-");
        int port = freePort();
        RigConfig rig = writeRigFile(dir, port, null);
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(childFlags());
        command.addAll(List.of("-cp", classPath, RigCommand.class.getName(), "run", "--config",
                dir.resolve("rig.yaml").toString(), "--virtual", "--seed", Long.toString(seed)));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().put("RIG_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("RIG_LOG_FILE", dir.resolve("rig.log").toString());
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "rig-bench-mqtt-p5-" + run, new MemoryPersistence());
        AtomicLong firstState = new AtomicLong();
        AtomicReference<byte[]> payload = new AtomicReference<>();
        CountDownLatch got = new CountDownLatch(1);
        long timeoutNanos = (long) (startTimeoutS * 1e9);
        boolean measured = false;
        long t0 = System.nanoTime();
        Process p = pb.start();
        long stopNanos = -1;
        try {
            Check alive = () -> {
                if (!p.isAlive()) {
                    throw new BenchFailed("the service exited with " + p.exitValue() + " before its first state:\n"
                            + tail(dir.resolve("out.txt")));
                }
            };
            long brokerAt = 0;
            int drops = 0;
            // A connection the broker drops (seen once with Moquette just after it started listening: "SUBSCRIBE
            // received on already closed connection") is made again; the first state is still what is timed.
            while (!got.await(CONNECT_POLL_MS, TimeUnit.MILLISECONDS)) {
                alive.run();
                if (System.nanoTime() - t0 > timeoutNanos) {
                    throw new BenchFailed("no state on " + rig.mqtt().topicRoot() + "/state within " + startTimeoutS
                            + " s:\n" + tail(dir.resolve("out.txt")));
                }
                if (client.isConnected()) {
                    continue;
                }
                long at = connect(client, t0 + timeoutNanos, alive);
                if (brokerAt == 0) {
                    brokerAt = at;
                }
                try {
                    client.subscribe(rig.mqtt().topicRoot() + "/state", 1, (topic, m) -> {
                        long now = System.nanoTime();
                        if (firstState.compareAndSet(0, now)) {
                            payload.set(m.getPayload());
                            got.countDown();
                        }
                    });
                } catch (MqttException e) {
                    drops++;
                    out.println("  (run " + (run + 1) + ": subscribing failed: " + e.getMessage() + "; connecting again)");
                }
            }
            if (drops > 0) {
                droppedConnections += drops;
            }
            JsonNode state = parse(payload.get(), "the first state");
            if (!state.path("clockMs").canConvertToLong() || state.path("seq").asLong() < 1) {
                throw new BenchFailed("the first state has no clockMs or seq: " + state);
            }
            measured = true;
            disconnectQuietly(client);
            long stopping = System.nanoTime();
            p.destroy(); // SIGTERM: the service's controlled stop
            if (p.waitFor(30, TimeUnit.SECONDS)) {
                stopNanos = System.nanoTime() - stopping;
            }
            return new Start(brokerAt - t0, firstState.get() - t0, state.get("clockMs").asLong(), stopNanos);
        } finally {
            disconnectQuietly(client);
            client.close();
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (measured) {
                deleteQuietly(dir);
            } else {
                out.println("  (run " + (run + 1) + "'s files kept in " + dir + ")");
            }
        }
    }

    /** Something to check between connection attempts (the service still alive). */
    private interface Check {
        void run() throws BenchFailed;
    }

    /** Tries to connect every {@link #CONNECT_POLL_MS} until the broker accepts; returns when it did, ns. */
    private static long connect(MqttClient client, long deadlineNanos, Check alive) throws Exception {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setConnectionTimeout(5);
        o.setKeepAliveInterval(10);
        while (true) {
            long attempt = System.nanoTime();
            try {
                client.connect(o);
                return System.nanoTime();
            } catch (MqttException e) {
                alive.run();
                if (System.nanoTime() > deadlineNanos) {
                    throw new BenchFailed("the broker on " + client.getServerURI() + " did not accept a connection in time: "
                            + e.getMessage());
                }
                long waitNanos = attempt + TimeUnit.MILLISECONDS.toNanos(CONNECT_POLL_MS) - System.nanoTime();
                if (waitNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(waitNanos);
                }
            }
        }
    }

    // ------------------------------------------------------------------ P-6

    /** What the subscriber took from the telemetry, in the measured window. */
    private static final class Received {
        final List<double[]> rows = new ArrayList<>(); // publish age, receipt age, transit, interval (ms; NaN when none)
        long messages;
        long noSample;
        long gaps;
        long lost;
        long outOfOrder;
        long lastSeq = -1;
        long lastNanos = -1;
        final List<Long> noSampleClockMs = new ArrayList<>(); // the first few
    }

    private String benchTelemetry() throws Exception {
        Path dir = Files.createTempDirectory("rig-bench-mqtt-");
        int port = freePort();
        RigConfig rig = writeRigFile(dir, port, telemetryHz);
        int hz = rig.mqtt().telemetryHz();
        double periodMs = 1000.0 / hz;
        double targetMs = periodMs + P6_SLACK_MS;
        VirtualHardware.Started started = VirtualHardware.start(seed);
        VirtualHardware.calibrate(started.rig(), rig);
        AtomicLong faults = new AtomicLong();
        AtomicLong clockStart = new AtomicLong(System.nanoTime());
        ServiceStack stack;
        try {
            stack = ServiceStack.open(rig, started.hardware(), (kind, body) -> {
                if (kind.equals("fault") || kind.equals("late-step")) {
                    faults.incrementAndGet();
                    out.printf(Locale.ROOT, "  journal at clockMs %d: %s %s%n",
                            (System.nanoTime() - clockStart.get()) / 1_000_000L, kind, body);
                }
            }, RigVersion.buildVersion());
        } catch (IOException e) {
            RunCommand.closeQuietly(started.hardware());
            throw new BenchFailed("the service did not start: " + e.getMessage());
        }
        out.printf(Locale.ROOT, "%nP-6 telemetry at %d Hz (period %.1f ms): the service in this JVM on the virtual rig,"
                + " a subscriber in this JVM; %.0f s warm-up + %.0f s measured, %d busy thread(s)%n", hz, periodMs, warmupS,
                seconds, loadThreads);
        List<Thread> load = startLoad();
        Received r = new Received();
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "rig-bench-mqtt-p6", new MemoryPersistence());
        long startNanos = stack.mqtt().startNanos();
        clockStart.set(startNanos);
        try {
            stack.start();
            connect(client, System.nanoTime() + (long) (startTimeoutS * 1e9), () -> { });
            CountDownLatch first = new CountDownLatch(1);
            AtomicLong windowStart = new AtomicLong(Long.MAX_VALUE);
            AtomicLong windowEnd = new AtomicLong(Long.MAX_VALUE);
            client.subscribe(rig.mqtt().topicRoot() + "/telemetry", 0, (topic, m) -> {
                long now = System.nanoTime();
                first.countDown();
                if (now >= windowStart.get() && now <= windowEnd.get()) {
                    take(r, m, now, startNanos);
                }
            });
            if (!first.await((long) (startTimeoutS * 1e3), TimeUnit.MILLISECONDS)) {
                throw new BenchFailed("no telemetry within " + startTimeoutS + " s");
            }
            long from = System.nanoTime() + (long) (warmupS * 1e9);
            windowStart.set(from);
            windowEnd.set(from + (long) (seconds * 1e9));
            while (System.nanoTime() < windowEnd.get()) {
                Thread.sleep(Math.max(1, Math.min(500, (windowEnd.get() - System.nanoTime()) / 1_000_000)));
            }
            disconnectQuietly(client);
        } finally {
            running = false;
            disconnectQuietly(client);
            client.close();
            for (Thread t : load) {
                t.join(1_000);
            }
            stack.close();
            deleteQuietly(dir);
        }
        return reportTelemetry(r, hz, periodMs, targetMs, faults.get());
    }

    /** One telemetry message (on Paho's callback thread). */
    private static void take(Received r, MqttMessage m, long nowNanos, long startNanos) {
        JsonNode t;
        try {
            t = JSON.readTree(m.getPayload());
        } catch (IOException e) {
            return; // counted as lost through the seq gap
        }
        synchronized (r) {
            r.messages++;
            long seq = t.path("seq").asLong(-1);
            if (r.lastSeq >= 0) {
                if (seq > r.lastSeq + 1) {
                    r.gaps++;
                    r.lost += seq - r.lastSeq - 1;
                } else if (seq <= r.lastSeq) {
                    r.outOfOrder++;
                }
            }
            r.lastSeq = Math.max(r.lastSeq, seq);
            double sinceStartMs = (nowNanos - startNanos) / 1e6;
            // clockMs is whole ms (truncated): the transit and the age at receipt are over by less than 1 ms
            double transitMs = sinceStartMs - t.path("clockMs").asLong();
            JsonNode age = t.path("sampleAgeMs");
            double publishAgeMs = age.isNumber() ? age.asDouble() : Double.NaN;
            if (!age.isNumber()) {
                r.noSample++;
                if (r.noSampleClockMs.size() < 10) {
                    r.noSampleClockMs.add(t.path("clockMs").asLong());
                }
            }
            double intervalMs = r.lastNanos < 0 ? Double.NaN : (nowNanos - r.lastNanos) / 1e6;
            r.lastNanos = nowNanos;
            r.rows.add(new double[] {publishAgeMs, publishAgeMs + transitMs, transitMs, intervalMs});
        }
    }

    private String reportTelemetry(Received r, int hz, double periodMs, double targetMs, long faults) throws BenchFailed {
        double[] publishAge;
        double[] receiptAge;
        double[] transit;
        double[] interval;
        synchronized (r) {
            publishAge = column(r.rows, 0);
            receiptAge = column(r.rows, 1);
            transit = column(r.rows, 2);
            interval = column(r.rows, 3);
        }
        if (publishAge.length == 0) {
            throw new BenchFailed("no telemetry with a load sample in the " + seconds + " s window (" + r.messages
                    + " messages, " + r.noSample + " without a sample)");
        }
        long expected = Math.round(seconds * hz);
        out.printf(Locale.ROOT, "  %d messages received (%d expected at %d Hz), %d seq gap(s) = %d lost, %d out of order,"
                + " %d without a sample; %d fault(s) journalled%n", r.messages, expected, hz, r.gaps, r.lost, r.outOfOrder,
                r.noSample, faults);
        if (r.noSample > 0) {
            out.printf(Locale.ROOT, "  telemetry with \"sampleAgeMs\": null (no current load sample) at clockMs %s%s%n",
                    r.noSampleClockMs, r.noSample > r.noSampleClockMs.size() ? " ..." : "");
        }
        out.printf(Locale.ROOT, "  %-38s %9s %9s %9s %9s %9s%n", "", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "mean ms");
        line("sample age at publish (sampleAgeMs)", publishAge);
        line("sample age at receipt", receiptAge);
        line("publish -> receipt", transit);
        line("interval between receipts", interval);
        double p99 = pct(publishAge, 0.99);
        double p99Receipt = pct(receiptAge, 0.99);
        out.printf(Locale.ROOT, "  target: sample age at publish p99 <= one period + %.0f ms = %.1f ms;"
                + " at receipt the age is over by < 1 ms (clockMs is whole ms)%n", P6_SLACK_MS, targetMs);
        return String.format(Locale.ROOT, "P-6 sample age at publish p99 %.1f ms (target %.1f ms: %s) = %.2f x the %.1f ms"
                + " period (%d Hz); at receipt p99 %.1f ms = %.2f x; %d of %d telemetry lost", p99, targetMs,
                p99 <= targetMs ? "met" : "not met", p99 / periodMs, periodMs, hz, p99Receipt, p99Receipt / periodMs,
                r.lost, r.lost + r.messages);
    }

    private static double[] column(List<double[]> rows, int i) {
        return rows.stream().mapToDouble(x -> x[i]).filter(v -> !Double.isNaN(v)).sorted().toArray();
    }

    private void line(String name, double[] sorted) {
        if (sorted.length == 0) {
            out.printf(Locale.ROOT, "  %-38s none%n", name);
            return;
        }
        out.printf(Locale.ROOT, "  %-38s %9.1f %9.1f %9.1f %9.1f %9.1f%n", name, pct(sorted, 0.5), pct(sorted, 0.99),
                pct(sorted, 0.999), sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0));
    }

    private List<Thread> startLoad() {
        return BusyLoad.start(loadThreads, () -> running);
    }

    // ------------------------------------------------------------------ shared

    /** The JVM options of P-5's children: the service's, then {@code --java-opt}. */
    private List<String> childFlags() {
        List<String> flags = new ArrayList<>(SERVICE_JVM_FLAGS);
        flags.addAll(extraJavaOpts);
        return flags;
    }

    /**
     * The demo's rig file (the standard rig) in {@code dir}, with the embedded broker on {@code port} and,
     * when given, the telemetry rate; loaded with its data under {@code dir/data} (as the child's
     * {@code RIG_DATA_DIR}).
     */
    private static RigConfig writeRigFile(Path dir, int port, Integer hz) throws Exception {
        String yaml;
        try (InputStream in = BenchMqttCommand.class.getResourceAsStream("/demo/rig.yaml")) {
            if (in == null) {
                throw new BenchFailed("the demo rig file (/demo/rig.yaml) is not on the class path");
            }
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        yaml = yaml.replaceFirst("(?m)^(\\s+)port: \\d+", "$1port: " + port);
        if (hz != null) {
            yaml = yaml.replaceFirst("(?m)^(\\s+)telemetryHz: \\d+", "$1telemetryHz: " + hz);
        }
        Path file = dir.resolve("rig.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        RigConfig rig;
        try {
            rig = new RigConfigLoader(Map.of("RIG_DATA_DIR", dir.resolve("data").toString())).load(file);
        } catch (ConfigException e) {
            throw new BenchFailed("the demo rig file with port " + port + ": " + e.getMessage());
        }
        MqttConfig m = rig.mqtt();
        if (m.broker() != BrokerMode.EMBEDDED || m.port() != port || hz != null && m.telemetryHz() != hz) {
            throw new BenchFailed("the demo rig file's mqtt section changed shape: cannot set the embedded broker's port"
                    + " (and telemetryHz) in " + file);
        }
        return rig;
    }

    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.isEmpty()).map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static JsonNode parse(byte[] payload, String what) throws BenchFailed {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new BenchFailed(what + " is not JSON: " + new String(payload, StandardCharsets.UTF_8));
        }
    }

    private static void disconnectQuietly(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000);
            }
        } catch (MqttException e) {
            // measured already; the broker goes with the service
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left behind at worst
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    static double median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    /** Nearest-rank percentile of a sorted array. */
    static double pct(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
