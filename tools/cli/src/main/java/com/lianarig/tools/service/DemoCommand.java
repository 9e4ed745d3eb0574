package com.lianarig.tools.service;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.core.RigController;
import com.lianarig.controller.core.RigStatus;
import com.lianarig.controller.service.RigService;
import com.lianarig.controller.web.PairingStore;
import com.lianarig.controller.web.WebPanel;
import com.lianarig.sim.physics.Exercise;
import com.lianarig.sim.physics.VirtualClient;
import com.lianarig.tools.LogFile;
import com.lianarig.tools.RigVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;

/**
 * {@code rig demo}: the whole service on the in-process virtual rig (nothing installed but a JDK),
 * with a scripted trainer session (reference, pre-use check waived for the simulation, a 70 kg client
 * strapped in, a program aimed at L4-L5, lowering, strapping out), showing the live state.
 */
@picocli.CommandLine.Command(name = "demo", mixinStandardHelpOptions = true,
        versionProvider = com.lianarig.tools.RigVersion.class, description = "Run the whole service on the in-process virtual rig with a scripted session, showing live state.")
public final class DemoCommand implements Callable<Integer> {
    static final Issuer TRAINER = new Issuer("trainer-tablet", PanelRole.TRAINER);
    static final Issuer TECHNICIAN = new Issuer("tech-laptop", PanelRole.TECHNICIAN);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this long (default: run until Ctrl-C)")
    Double durationS;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default: a new temporary one)")
    Path dataDir;

    @Option(names = "--mqtt-port", paramLabel = "PORT", description = "the embedded broker's port (default: the rig file's, 1883)")
    Integer mqttPort;

    @Option(names = "--web-port", paramLabel = "PORT", description = "the trainers' web panel's port on 127.0.0.1 (default: 8080, or a free one when 8080 is taken; 0: a free one)")
    Integer webPort;

    @Option(names = "--web-socket-port", paramLabel = "PORT", description = "the embedded broker's MQTT-over-WebSocket port for the web panel (default: 8081, or a free one; 0: a free one)")
    Integer webSocketPort;

    @Option(names = "--idle", description = "no scripted session: prepare the rig (referenced, pre-use check waived) and wait for a panel (./rig panel)")
    boolean idle;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "virtual rig seed")
    long seed;

    @Option(names = "--status-interval", defaultValue = "500", paramLabel = "MS", description = "status line period, ms")
    long statusMs;

    @Option(names = "--realtime-priority", defaultValue = "40", paramLabel = "N",
            description = "SCHED_FIFO priority for the service's control loop (its node session, serial threads and the"
                    + " JVM's stop-the-world threads as rig run gives them), and 10 below it for the in-process virtual"
                    + " rig's clock, so that a busy machine does not starve them; 1..49, 0 for normal scheduling (default"
                    + " ${DEFAULT-VALUE}; where real time is not allowed the demo says so once and runs at normal"
                    + " priority).")
    int realtimePriority;

    private final PrintStream out = System.out;
    private volatile boolean running = true;

    @Override
    public Integer call() throws Exception {
        com.lianarig.tools.OptionRules.of(spec)
                .positive("--duration", durationS, "s")
                .port("--mqtt-port", mqttPort)
                .portOrAny("--web-port", webPort)
                .portOrAny("--web-socket-port", webSocketPort)
                .range("--status-interval", statusMs, 10, 60_000, "ms")
                .range("--realtime-priority", realtimePriority, 0,
                        com.lianarig.controller.loop.RealtimeScheduling.MAX_PRIORITY, "(0: normal scheduling)")
                .directory("--data", dataDir);
        Path data = (dataDir != null ? dataDir : Files.createTempDirectory("rig-demo-")).toAbsolutePath();
        DemoRig demo;
        try {
            demo = DemoRig.open(data, mqttPort, webPort, webSocketPort, seed, (kind, body) -> {
                if (!kind.equals("command") && !kind.equals("calibration-use")) {
                    out.println("  journal " + kind + " " + body);
                }
            }, RigVersion.buildVersion());
        } catch (IOException e) {
            System.err.println("rig demo: " + e.getMessage());
            return RunCommand.EXIT_START_FAILED;
        }
        RigConfig rig = demo.rig();
        VirtualHardware.Started started = demo.hardware();
        ServiceStack stack = demo.stack();
        RigService service = stack.service();
        out.println("rig demo: the service on the virtual rig; data in " + data + " (Ctrl-C stops: controlled stop and brakes)");
        out.println("rig demo: MQTT on " + rig.mqtt().host() + ":" + rig.mqtt().port() + ", topic root "
                + rig.mqtt().topicRoot() + " (try ./rig panel or ./rig monitor in another terminal)");
        out.println("rig demo: its journal: " + journalCommand(demo.rigFile(), rig));
        LogFile.active().ifPresent(f -> out.println("rig demo: log file " + f));
        if (stack.web().isPresent()) {
            WebPanel web = stack.web().get();
            PairingStore.NewCode code = web.pairing().newCode(PanelRole.TECHNICIAN, Optional.empty(), "rig demo",
                    PairingStore.DEFAULT_CODE_LIFETIME);
            out.println("rig demo: the trainers' web panel: " + web.url() + "  (pair this browser with the code "
                    + code.code() + ", valid 10 minutes, once; another: " + launcher() + " panel-pair --data " + data
                    + ")");
        }
        Thread shutdown = new Thread(() -> {
            running = false;
            stack.close();
            LogFile.stopLogging(); // the asynchronous appenders' last lines
        }, "controlled-stop");
        Runtime.getRuntime().addShutdownHook(shutdown);
        service.realtime(realtimePriority);
        stack.start();
        if (realtimePriority > 0) {
            virtualRigRealtime(Math.max(1, realtimePriority - SoakCommand.SIM_PRIORITY_BELOW_SERVICE));
        }
        Thread status = new Thread(() -> printStatus(service.controller()), "demo-status");
        status.setDaemon(true);
        status.start();
        long endNanos = durationS == null ? Long.MAX_VALUE : System.nanoTime() + (long) (durationS * 1e9);
        Thread enable = new Thread(() -> {
            while (running) {
                service.controller().submit(new com.lianarig.controller.command.Command.Enable(true), TRAINER);
                sleep(100);
            }
        }, "demo-enable");
        enable.setDaemon(true);
        try {
            if (idle) {
                prepare(demo);
                await(() -> false, endNanos);
            } else {
                script(demo, started, enable, endNanos);
            }
        } finally {
            running = false;
            if (durationS != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdown);
                    stack.close();
                } catch (IllegalStateException e) {
                    // a signal came first: the hook is making the controlled stop
                }
            }
        }
        return ExitCode.OK;
    }

    /**
     * The in-process virtual rig's clock thread ("virtual-rig") at SCHED_FIFO {@code priority}: it stands for the
     * node's microcontroller, which no program of the host delays. Silent when refused (the service has said so).
     */
    private static void virtualRigRealtime(int priority) {
        Path tasks = Path.of("/proc/self/task");
        try (java.util.stream.Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals("virtual-rig")) {
                        com.lianarig.controller.loop.RealtimeScheduling.makeFifo(
                                Long.parseLong(task.getFileName().toString()), false, priority);
                    }
                } catch (IOException e) {
                    // the thread ended
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // not on Linux: nothing to do
        }
    }

    private void script(DemoRig demo, VirtualHardware.Started started, Thread enable, long endNanos)
            throws Exception {
        RigController c = demo.controller();
        if (!await(() -> c.mode() != Mode.STARTING, endNanos)) {
            return;
        }
        prepare(demo);
        ask(c, TRAINER, new com.lianarig.controller.command.Command.TakeControl());
        enable.start();
        while (running && System.nanoTime() < endNanos) {
            if (c.mode() == Mode.FAULT || c.mode() == Mode.ESTOP) {
                ask(c, TRAINER, new com.lianarig.controller.command.Command.Reset());
                sleep(500);
            }
            ask(c, TRAINER, new com.lianarig.controller.command.Command.Attach("demo-client"));
            started.rig().locked(() -> {
                started.rig().physics().client(VirtualClient.reference(70, 1750), Exercise.INVERTED_HANG);
                return null;
            });
            sleep(1000);
            ask(c, TRAINER, new com.lianarig.controller.command.Command.ClientReady());
            ask(c, TRAINER, new com.lianarig.controller.command.Command.ProgramStart(SpineSegment.L4_L5, ""));
            if (!await(() -> programOver(c), endNanos)) {
                return;
            }
            ask(c, TRAINER, new com.lianarig.controller.command.Command.AimAt(SpineSegment.T12_L1));
            if (!await(() -> c.mode() == Mode.READY, endNanos)) {
                return;
            }
            sleep(3000);
            ask(c, TRAINER, new com.lianarig.controller.command.Command.MoveTo("legs", 300));
            if (!await(() -> c.mode() == Mode.READY, endNanos)) {
                return;
            }
            ask(c, TRAINER, new com.lianarig.controller.command.Command.Detach());
            ask(c, TRAINER, new com.lianarig.controller.command.Command.Detach());
            started.rig().locked(() -> {
                started.rig().physics().client(null, Exercise.NONE);
                return null;
            });
            sleep(2000);
        }
    }

    /** The launcher the user ran ({@code RIG_LAUNCHER}, set by {@code ./rig} and {@code /usr/bin/rig}). */
    static String launcher() {
        return System.getenv().getOrDefault("RIG_LAUNCHER", "rig");
    }

    /**
     * The command that reads this demo's journal, as the user can type it: the launcher they ran
     * and the demo's rig file; {@code RIG_DATA_DIR} in front only when the rig file alone does not lead
     * to the journal (a rig file of an older demo in {@code --data DIR}).
     */
    static String journalCommand(Path rigFile, RigConfig rig) {
        String command = launcher() + " journal --config " + rigFile;
        try {
            Path alone = new RigConfigLoader(Map.of()).load(rigFile).paths().journalDir();
            if (alone.equals(rig.paths().journalDir())) {
                return command;
            }
        } catch (com.lianarig.config.ConfigException e) {
            // the file loaded a moment ago with RIG_DATA_DIR: say it
        }
        return "RIG_DATA_DIR=" + rig.paths().dataDir() + " " + command;
    }

    /**
     * The port asked for; without one, {@code preferred} when it is free, else any free port (a demo
     * still running elsewhere does not stop this one). 0 means any free port.
     */
    static int port(Integer asked, int preferred) throws IOException {
        if (asked != null && asked != 0) {
            return asked;
        }
        if (asked == null) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new java.net.InetSocketAddress("127.0.0.1", preferred));
                return preferred;
            } catch (IOException taken) {
                // fall through to a free one
            }
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private void prepare(DemoRig demo) throws Exception {
        demo.prepare(out::println);
    }

    private void ask(RigController c, Issuer who, com.lianarig.controller.command.Command command) throws Exception {
        Decision d = c.submit(command, who).get(2, TimeUnit.SECONDS);
        out.println("  " + who.panelId() + " " + command.name() + ": " + d);
    }

    private boolean await(BooleanSupplier condition, long endNanos) {
        while (running && System.nanoTime() < endNanos) {
            if (condition.getAsBoolean()) {
                return true;
            }
            sleep(50);
        }
        return false;
    }

    private void printStatus(RigController c) {
        while (running) {
            RigStatus s = c.status();
            double[] p = s.positionsMm();
            double[] kg = s.loadsKg();
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%-9s legs %7.1f/%7.1f mm  loop %7.1f mm  loads", s.mode(), p[0], p[1],
                    p.length > 2 ? p[2] : Double.NaN));
            for (double k : kg) {
                b.append(String.format(Locale.ROOT, " %6.1f", k));
            }
            b.append(" kg");
            s.aimedSegment().ifPresent(a -> b.append("  aimed ").append(a.id()));
            s.liveSegment().ifPresent(a -> b.append("  live ").append(a.id()));
            s.program().ifPresent(pr -> b.append(String.format(Locale.ROOT, "  %s rep %d/%d hold %.1f/%.1f s",
                    pr.phase(), pr.repetition(), pr.repetitions(), pr.holdElapsedS(), pr.holdS())));
            if (!s.faults().isEmpty()) {
                b.append("  FAULTS ").append(s.faults());
            }
            out.println(b);
            sleep(statusMs);
        }
    }

    /**
     * Whether the program has ended. One the rig paused (a stop nobody asked for: a host delay is journalled as one)
     * the trainer resumes a second later, once the client is fine, as the v3 command model asks (the enable never
     * resumes anything); a fault ends the program and is not hidden.
     */
    private boolean programOver(RigController c) {
        if (c.status().program().map(p -> p.phase().equals("paused")).orElse(false)) {
            sleep(1000);
            try {
                ask(c, TRAINER, new com.lianarig.controller.command.Command.ProgramResume());
            } catch (Exception e) {
                out.println("rig demo: program-resume: " + e.getMessage());
            }
        }
        return c.mode() != Mode.PROGRAM;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
