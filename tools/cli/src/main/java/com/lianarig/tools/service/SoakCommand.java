package com.lianarig.tools.service;

import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.loop.RealtimeScheduling;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.transport.PtyPort;
import com.lianarig.tools.OptionRules;
import com.lianarig.tools.RigCommand;
import com.lianarig.tools.RigVersion;
import com.lianarig.tools.mqtt.BrokerException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rig soak}: the availability soak. The virtual rig in a process of its own behind a socat pty
 * ({@code rig sim}, its node and the cable real-time as a microcontroller and a wire would be), the service
 * as on a rig ({@code rig run --gpio none} in a process of its own, its embedded broker), and a scripted
 * trainer over MQTT running whole sessions again and again ({@link SoakTrainer}), with {@code --load N} busy
 * processes beside them and no injected fault. Every fault, stop, late step and node shutdown is printed with
 * its cause as it comes ({@link SoakLedger}), a progress line every {@code --report-every}, the CPU the service
 * used (P-8), and one last line: {@code soak: H h, N sessions, F unexpected faults, S unexpected stops, L late
 * steps}. Exit 0 when F, S, L and the node shutdowns are all 0, else 1 (2 for a soak that could not run).
 */
@Command(name = "soak", mixinStandardHelpOptions = true, versionProvider = RigVersion.class,
        description = "R-8 availability soak: the service as on a rig, the virtual rig in another process over a pty,"
                + " a scripted trainer over MQTT running whole sessions, optional busy processes; reports every fault,"
                + " stop and late step, and the service's CPU.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  rig soak --duration 10m                 # ten minutes on a quiet machine",
            "  rig soak --duration 8h --load 2         # R-8: eight hours with two busy processes beside it",
        })
public final class SoakCommand implements Callable<Integer> {
    /** Exit code of a soak that saw an unexpected fault, stop, late step or node shutdown. */
    static final int FAILED = 1;
    /** Exit code of a soak that could not run (socat missing, a process that did not start). */
    static final int NOT_RUN = 2;
    /** The simulated node's real-time priority below the service's (its microcontroller is not the host's). */
    static final int SIM_PRIORITY_BELOW_SERVICE = 10;
    /** The trainer's tablet (its enable refresh) below the simulated node: another device, not the host. */
    static final int TRAINER_PRIORITY_BELOW_SERVICE = 20;
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "10m", paramLabel = "TIME",
            description = "How long: 90s, 10m, 8h (default ${DEFAULT-VALUE}). The session under way then ends first.")
    String durationText;

    @Option(names = "--load", defaultValue = "0", paramLabel = "N",
            description = "Busy processes (one spinning thread each) beside the soak, 0..16 (default ${DEFAULT-VALUE}).")
    int load;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "The virtual rig's and the script's seed.")
    long seed;

    @Option(names = "--data", paramLabel = "DIR", description = "Where the soak keeps its rig file, data and logs"
            + " (default: a new temporary directory, kept afterwards)")
    Path dataDir;

    @Option(names = "--realtime-priority", defaultValue = "40", paramLabel = "N",
            description = "The service's --realtime-priority, 0..49 (default ${DEFAULT-VALUE}); the virtual node runs "
                    + SIM_PRIORITY_BELOW_SERVICE + " below it (0: everything at normal priority).")
    int realtimePriority;

    @Option(names = "--report-every", defaultValue = "10m", paramLabel = "TIME",
            description = "A progress line this often (default ${DEFAULT-VALUE}).")
    String reportText;

    @Option(names = "--echo-baseline", defaultValue = "0", paramLabel = "SECONDS",
            description = "P-8's baseline first: a bare process echoing the virtual node's stream on the same pty for"
                    + " this long, its CPU measured (default 0: none).")
    int echoSeconds;

    private final PrintStream out = System.out;
    private final List<Process> children = new CopyOnWriteArrayList<>();

    @Override
    public Integer call() throws Exception {
        long durationNanos = duration("--duration", durationText);
        long reportNanos = duration("--report-every", reportText);
        OptionRules.of(spec).range("--load", load, 0, 16, "busy processes")
                .range("--realtime-priority", realtimePriority, 0, RealtimeScheduling.MAX_PRIORITY, "(0: normal scheduling)")
                .range("--echo-baseline", echoSeconds, 0, 3600, "s");
        if (!PtyPort.socatAvailable()) {
            System.err.println("rig soak: socat is needed for the virtual node's pty (apt-get install socat)");
            return NOT_RUN;
        }
        Path data = (dataDir != null ? dataDir : Files.createTempDirectory("rig-soak-")).toAbsolutePath();
        Files.createDirectories(data);
        Thread hook = new Thread(this::stopChildren, "soak-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return soak(data, durationNanos, reportNanos);
        } finally {
            stopChildren();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs
            }
        }
    }

    private int soak(Path data, long durationNanos, long reportNanos) throws Exception {
        int port = BenchMqttCommand.freePort();
        Path link = data.resolve("node");
        Path rigFile = writeRigFile(data, link, port);
        RigConfig rig = new RigConfigLoader(Map.of()).load(rigFile);
        prepareData(rig);
        out.println("rig soak: " + data + " (rig file, journal, logs); " + Duration.ofNanos(durationNanos).toString()
                .substring(2).toLowerCase(Locale.ROOT) + " with " + load + " busy process(es), seed " + seed);
        out.println("rig soak: " + machine());

        Process sim = start(data, "sim.out", List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:GuaranteedSafepointInterval=0"), "sim", "--link", link.toString(),
                "--steps-from-stdin", "--seed", Long.toString(seed), "--status-interval", "60000", "--realtime-priority",
                Integer.toString(realtimePriority == 0 ? 0 : Math.max(1, realtimePriority - SIM_PRIORITY_BELOW_SERVICE)));
        OutputStream simIn = sim.getOutputStream();
        if (!awaitLine(data.resolve("sim.out"), "connect the host to", 30_000)) {
            System.err.println("rig soak: the virtual rig did not come up: " + Files.readString(data.resolve("sim.out")));
            return NOT_RUN;
        }
        out.println("rig soak: virtual rig up (" + firstLine(data.resolve("sim.out"), "real-time") + ")");
        if (echoSeconds > 0) {
            echoBaseline(link);
        }
        List<Process> busy = BusyLoad.startProcesses(load);
        children.addAll(busy);
        Process service = start(data, "service.out", BenchMqttCommand.SERVICE_JVM_FLAGS, "run", "--config",
                rigFile.toString(), "--gpio", "none", "--realtime-priority", Integer.toString(realtimePriority),
                "--until-eof");
        SoakLedger ledger = new SoakLedger(out);
        long startNanos = System.nanoTime();
        Cpu serviceCpu = Cpu.of(service.pid());
        Cpu simCpu = Cpu.of(sim.pid());
        int sessions = 0;
        SplittableRandom random = new SplittableRandom(seed);
        try (SoakTrainer trainer = connect(rig, port, ledger, step -> simStep(simIn, step))) {
            trainer.prepare();
            serviceCpu = Cpu.of(service.pid()); // from the first session on: P-8's "a session running"
            simCpu = Cpu.of(sim.pid());
            long sessionsFrom = System.nanoTime();
            long nextReport = sessionsFrom + reportNanos;
            while (System.nanoTime() - startNanos < durationNanos && service.isAlive() && sim.isAlive()) {
                SoakTrainer.Client c = SoakTrainer.CLIENTS[sessions % SoakTrainer.CLIENTS.length];
                try {
                    trainer.session(sessions, c, random);
                } catch (SoakTrainer.ScriptFailed e) {
                    ledger.scriptProblem("session " + (sessions + 1) + " (" + c.id() + "): " + e.getMessage());
                    trainer.recover(c);
                }
                sessions++;
                if (System.nanoTime() - nextReport >= 0) {
                    nextReport += reportNanos;
                    ledger.nodeStops(nodeStops(data));
                    out.printf(Locale.ROOT, "rig soak: %.2f h: %s; service CPU %s; load average %s%n",
                            (System.nanoTime() - startNanos) / 3.6e12, ledger.progress(), serviceCpu.since(),
                            loadAverage());
                }
            }
            if (!service.isAlive()) {
                ledger.scriptProblem("the service exited (" + service.exitValue() + "): see " + data.resolve("service.out"));
            }
            if (!sim.isAlive()) {
                ledger.scriptProblem("the virtual rig exited: see " + data.resolve("sim.out"));
            }
            double hours = (System.nanoTime() - startNanos) / 3.6e12;
            ledger.nodeStops(nodeStops(data));
            out.println("rig soak: " + ledger.progress() + "; " + trainer.resumes() + " programs resumed by the trainer");
            out.println("rig soak: " + ledger.nuisanceRate(hours, loadAverage()));
            out.printf(Locale.ROOT, "rig soak: P-8 CPU over the sessions (%.0f s): service %s, virtual rig %s; %d enable"
                    + " refreshes refused by the rig; load average %s%n", (System.nanoTime() - sessionsFrom) / 1e9,
                    serviceCpu.since(), simCpu.since(), trainer.staleEnables(), loadAverage());
            out.println(ledger.summary(hours));
            return ledger.nuisanceTrips() + ledger.lateSteps() + ledger.nodeShutdowns() == 0 ? 0 : FAILED;
        } catch (BrokerException e) {
            System.err.println("rig soak: the service's broker: " + e.getMessage() + " (service output: "
                    + data.resolve("service.out") + ")");
            return NOT_RUN;
        } catch (SoakTrainer.ScriptFailed e) {
            System.err.println("rig soak: the rig could not be prepared: " + e.getMessage() + " (service output: "
                    + data.resolve("service.out") + ")");
            return NOT_RUN;
        }
    }

    /**
     * Stops the virtual node made by itself (its SETPOINT_GAP when set-points came too far apart, a limit): the
     * service does not journal them (the node's status shows them), it logs them, "node fault ... on winch".
     */
    static long nodeStops(Path data) {
        try (var lines = Files.lines(data.resolve("service.out"), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(": node fault ")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /** The trainer's connection, once the service's broker takes connections. */
    private SoakTrainer connect(RigConfig rig, int port, SoakLedger ledger, java.util.function.Consumer<String> simStep)
            throws BrokerException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return new SoakTrainer("tcp://127.0.0.1:" + port, rig.mqtt().topicRoot(), ledger, simStep,
                        realtimePriority == 0 ? 0 : Math.max(1, realtimePriority - TRAINER_PRIORITY_BELOW_SERVICE));
            } catch (BrokerException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    private static void simStep(OutputStream simIn, String step) {
        try {
            simIn.write((step + "\n").getBytes(StandardCharsets.UTF_8));
            simIn.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the virtual rig's input closed", e);
        }
    }

    /** The demo's rig file (the standard rig), its node on the pty, its broker on {@code port}, data here. */
    private static Path writeRigFile(Path data, Path link, int port) throws IOException {
        String text;
        try (var in = SoakCommand.class.getResourceAsStream("/demo/rig.yaml")) {
            if (in == null) {
                throw new IOException("the demo rig file (/demo/rig.yaml) is not on the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!text.contains("path: /dev/ttyACM0") || !text.contains("port: 1883")) {
            throw new IOException("the demo rig file changed: no 'path: /dev/ttyACM0' or 'port: 1883' to replace");
        }
        Path rigFile = data.resolve("rig.yaml");
        Files.writeString(rigFile, text.replace("path: /dev/ttyACM0", "path: " + link).replace("port: 1883",
                "port: " + port) + DemoRig.DATA_DIR_HERE, StandardCharsets.UTF_8);
        return rigFile;
    }

    /** The clients' profiles, and the ropes' calibrations from the virtual rig's true load cells (same seed). */
    private void prepareData(RigConfig rig) throws Exception {
        ProfileStore profiles = new ProfileStore(rig.paths().profilesDir(), new NioFileOps());
        for (SoakTrainer.Client c : SoakTrainer.CLIENTS) {
            profiles.save(new ClientProfile(c.id(), c.statureMm(), c.massKg(), Map.of(), Map.of(),
                    OptionalDouble.of(c.ceilingMm()), List.of()));
        }
        try (VirtualRig twin = VirtualRig.standardInProcess(seed)) {
            VirtualHardware.calibrate(twin, rig); // the physics draws its cells from the seed first, as rig sim's
        }
    }

    /** Starts {@code rig ARGS} in its own JVM (this one's java and class path), output to {@code file}. */
    private Process start(Path data, String file, List<String> jvmFlags, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classPath(), RigCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(data.toFile()).redirectErrorStream(true)
                .redirectOutput(data.resolve(file).toFile());
        pb.environment().put("RIG_LOG_FILE", data.resolve(file.replace(".out", ".log")).toString());
        Process p = pb.start();
        children.add(p);
        return p;
    }

    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static boolean awaitLine(Path file, String start, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() - deadline < 0) {
            if (Files.exists(file) && !firstLine(file, start).isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static String firstLine(Path file, String start) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith(start)) {
                return line;
            }
        }
        return "";
    }

    /**
     * P-8's baseline: a bare process on the host end of the same pty that reads whatever comes and writes it
     * straight back (the virtual node, unconfigured, ignores it: it sends its boot IDENTIFY and then waits), so its
     * CPU is what merely carrying such a link costs.
     */
    private void echoBaseline(Path link) throws IOException, InterruptedException {
        Process echo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+UseSerialGC", "-cp", classPath(), PtyEcho.class.getName(), link.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        children.add(echo);
        Thread.sleep(2_000); // its JVM's start-up is not the link's cost
        Cpu cpu = Cpu.of(echo.pid());
        Thread.sleep(echoSeconds * 1_000L);
        out.println("rig soak: P-8 baseline: a bare echo on the pty for " + echoSeconds + " s: " + cpu.since());
        echo.destroy();
        echo.waitFor(5, TimeUnit.SECONDS);
        children.remove(echo);
    }

    private void stopChildren() {
        for (Process p : children) {
            p.destroy(); // SIGTERM: the service's controlled stop; rig sim and the busy JVMs end
        }
        for (Process p : children) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        children.clear();
    }

    private long duration(String option, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + " " + text
                    + " is not a duration: a number with s, m or h, e.g. 90s, 10m, 8h");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double seconds = switch (unit) {
            case "ms" -> value / 1000;
            case "m", "min" -> value * 60;
            case "h" -> value * 3600;
            default -> value;
        };
        if (seconds < 1 || seconds > 7 * 24 * 3600) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + " " + text
                    + " is outside 1 s..7 days");
        }
        return (long) (seconds * 1e9);
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, load average " + loadAverage() + ", Java "
                + Runtime.version();
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A process's CPU time since a point ({@code /proc/PID/stat} user + system), as % of one core. */
    record Cpu(long pid, long startTicks, long startNanos) {
        /** Linux's clock tick for /proc times (USER_HZ). */
        static final double TICKS_PER_S = 100;

        static Cpu of(long pid) {
            return new Cpu(pid, ticks(pid), System.nanoTime());
        }

        static long ticks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]); // utime + stime
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** "2.1 % of one core (12.3 s CPU in 600 s)". */
        String since() {
            long now = ticks(pid);
            double wallS = (System.nanoTime() - startNanos) / 1e9;
            if (now < 0 || startTicks < 0 || wallS <= 0) {
                return "unknown (the process ended)";
            }
            double cpuS = (now - startTicks) / TICKS_PER_S;
            return String.format(Locale.ROOT, "%.2f %% of one core (%.1f s CPU in %.0f s)", 100 * cpuS / wallS, cpuS,
                    wallS);
        }
    }
}
