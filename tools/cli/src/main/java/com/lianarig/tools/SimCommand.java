package com.lianarig.tools;

import com.lianarig.protocol.BrakeId;
import com.lianarig.sim.RealTimeRunner;
import com.lianarig.sim.fault.Scenario;
import com.lianarig.sim.fault.ScenarioException;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.miswire.Miswiring;
import com.lianarig.sim.node.VirtualNode;
import com.lianarig.sim.physics.WinchSim;
import com.lianarig.sim.transport.NodePort;
import com.lianarig.sim.transport.PtyPort;
import com.lianarig.sim.transport.TcpPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rig sim}: runs the standard virtual rig in real time behind a pseudo-terminal (a host opens
 * it exactly as a USB serial port) or TCP on 127.0.0.1, prints where to connect, then a live status
 * line until Ctrl-C, {@code --duration} or (with {@code --until-eof}) the end of standard input.
 *
 * <pre>
 * $ rig sim --client 70,1750,inverted
 * virtual rig: node 1 VR-0001 (3 winches, 4 load channels), seed 1, client 70 kg 1750 mm INVERTED_HANG
 * connect the host to /tmp/virtual-rig-123/rig-host
 * t=0.5s heights 80/80/1600 mm, loads 5/5/5/5 N, brakes on/on/on, node UNIDENTIFIED, chain closed, faults none
 * </pre>
 *
 * <p>Every way out closes the rig and its port (socat stopped, links removed): the normal return,
 * and a shutdown hook for Ctrl-C and other signals.
 */
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        versionProvider = RigVersion.class,
        sortOptions = false,
        description = {
            "Run the virtual rig (one simulated node with 3 winches and 4 load cells, speaking the real protocol)"
                    + " in real time, behind a pseudo-terminal pair that a host opens like a USB serial port"
                    + " (needs socat), or behind TCP on 127.0.0.1.",
            "Prints the device path or address to connect to, then a status line every interval: each winch's"
                    + " strap height (mm), each rope's load (N), the brakes, the node's state, open safety-chain stops"
                    + " and faults. Stops on Ctrl-C, after --duration, or at the end of stdin with --until-eof.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  rig sim                              # then open the printed path",
            "  rig sim --transport tcp --port 5760  # then connect to 127.0.0.1:5760",
            "  rig sim --client 70,1750,inverted --status-interval 250",
        })
public final class SimCommand implements Callable<Integer> {

    /** Where the virtual node's cable ends. */
    enum Transport {
        pty, tcp
    }

    private final InputStream stdin;

    @Spec
    CommandSpec spec;

    @Option(names = "--transport", defaultValue = "pty", paramLabel = "pty|tcp",
            description = "pty: a socat pseudo-terminal pair (default); tcp: a socket on 127.0.0.1.")
    Transport transport;

    @Option(names = "--port", paramLabel = "PORT",
            description = "With --transport tcp: the TCP port on 127.0.0.1 (default: a free one).")
    Integer tcpPort;

    @Option(names = "--link", paramLabel = "PATH",
            description = "With --transport pty: the host's device path (default: rig-host in a new temporary"
                    + " directory); the node's end is PATH-node.")
    Path link;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "Seed of every random thing in the rig (noise, offsets, boot ids). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--client", paramLabel = "MASS_KG,STATURE_MM,POSE", converter = SimClient.Converter.class,
            description = "Put a client on the rig (the tables' body): POSE inverted (leg straps), upright"
                    + " (finger loops) or none. E.g. 70,1750,inverted.")
    SimClient client;

    @Option(names = "--status-interval", defaultValue = "500", paramLabel = "MS",
            description = "Status line period, ms (50..60000). Default: ${DEFAULT-VALUE}.")
    long statusIntervalMs;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Stop by itself after this many seconds.")
    Double durationS;

    @Option(names = "--until-eof", description = "Stop when standard input reaches its end.")
    boolean untilEof;

    @Option(names = "--realtime-priority", defaultValue = "0", paramLabel = "N",
            description = "Run the virtual node's threads (its clock, its serial reader and writer) and socat, which stands"
                    + " for the cable, SCHED_FIFO at N (1..49; needs root or LimitRTPRIO), so that a busy machine delays"
                    + " them no more than it would a node's microcontroller; 0: normal scheduling (default).")
    int realtimePriority;

    @Option(names = "--steps-from-stdin",
            description = "Read scenario steps from standard input, one per line without 'at SECONDS' (e.g. 'client"
                    + " 70 1750 inverted', 'client 70 1750 none'), each applied as it arrives and answered on standard"
                    + " output ('step applied: ...' or 'step refused: ...'); stops at the end of standard input. For a"
                    + " program that plays the people at the rig (rig soak).")
    boolean stepsFromStdin;

    @Option(names = "--report-brakes",
            description = "Also print a line at each change of a winch's brakes, on the monotonic clock (System.nanoTime,"
                    + " CLOCK_MONOTONIC on Linux): 'brakes-applied winch=N monoNanos=T' once the node has dropped both"
                    + " of its brakes (coils off), 'brakes-engaged ...' once both hold (the brakes' engage time later),"
                    + " 'brakes-released ...' once either is let go. T is the rig's time at the step that showed the"
                    + " change (watched every 1 ms); the first lines give the start state.")
    boolean reportBrakes;

    @Option(names = "--miswire", paramLabel = "MISTAKE",
            description = "Wire the virtual rig wrongly, for rig commission to find (repeatable): "
                    + Miswiring.FORMS + ". Default: none.")
    List<String> miswire = List.of();

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "A fault-injection scenario to play from the start (format: docs/virtual-rig.md;"
                    + " example: tools/virtual-rig/scenarios/example.scenario).")
    Path scenarioFile;

    @Option(names = "--protocol-fault", defaultValue = "NONE", paramLabel = "FAULT",
            description = "Make the virtual node break one protocol rule on purpose, to see `rig conformance`"
                    + " catch it: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    com.lianarig.sim.node.ProtocolFault protocolFault;

    /** Reads {@code --until-eof}'s standard input from the process's. */
    public SimCommand() {
        this(System.in);
    }

    /** @param stdin what {@code --until-eof} watches */
    SimCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        checkOptions();
        miswiring(); // a bad --miswire is a usage error before anything starts
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario = null;
        if (scenarioFile != null) {
            try {
                scenario = Scenario.parse(scenarioFile);
            } catch (ScenarioException e) {
                err.println("rig sim: the scenario has errors:");
                e.problems().forEach(p -> err.println("  " + p));
                err.flush();
                return ExitCode.USAGE;
            }
        }
        VirtualRig rig;
        try {
            rig = VirtualRig.standard(seed, portFactory(), miswiring());
        } catch (IllegalStateException | UncheckedIOException | IllegalArgumentException e) {
            err.println("rig sim: " + e.getMessage() + (transport == Transport.pty && !PtyPort.socatAvailable()
                    ? " (or use --transport tcp)" : ""));
            err.flush();
            return ExitCode.USAGE;
        }
        rig.node(0).injectProtocolFault(protocolFault);
        if (client != null) {
            rig.physics().client(client.virtualClient(), client.exercise());
        }
        Session session = new Session(rig, scenario);
        Thread hook = new Thread(session::interrupted, "rig-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            session.run(out);
        } finally {
            session.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook runs, and finds the session closed
            }
        }
        return ExitCode.OK;
    }

    private Miswiring miswiring() {
        Miswiring m = Miswiring.NONE;
        for (String text : miswire) {
            try {
                m = m.and(Miswiring.parse(text));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--miswire: " + e.getMessage());
            }
        }
        return m;
    }

    private void checkOptions() {
        if (tcpPort != null && transport != Transport.tcp) {
            throw new ParameterException(spec.commandLine(), "--port needs --transport tcp");
        }
        OptionRules rules = OptionRules.of(spec);
        if (tcpPort != null) {
            rules.range("--port", tcpPort, 0, OptionRules.MAX_PORT, "(0: a free one)");
        }
        if (link != null && transport != Transport.pty) {
            throw new ParameterException(spec.commandLine(), "--link needs --transport pty");
        }
        if (link != null && !Files.isDirectory(link.toAbsolutePath().getParent())) {
            throw new ParameterException(spec.commandLine(), "--link " + link + ": no directory "
                    + link.toAbsolutePath().getParent());
        }
        rules.range("--status-interval", statusIntervalMs, 50, 60_000, "ms");
        rules.range("--realtime-priority", realtimePriority, 0, com.lianarig.controller.loop.RealtimeScheduling.MAX_PRIORITY,
                "(0: normal scheduling)");
        rules.positiveAtMost("--duration", durationS, 30 * 24 * 3600, "s");
        rules.readableFile("--scenario", scenarioFile);
    }

    private Function<VirtualRig.NodeSpec, NodePort> portFactory() {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        return switch (transport) {
            case pty -> spec -> link == null ? PtyPort.open(random.split())
                    : PtyPort.open(Path.of(link + "-node"), link, random.split());
            case tcp -> spec -> TcpPort.open(tcpPort == null ? 0 : tcpPort, random.split());
        };
    }

    /** One run: the rig in real time, the status loop, and the way out. */
    private final class Session {
        private final VirtualRig rig;
        private final Scenario scenario;
        private final RealTimeRunner runner;
        private final CountDownLatch stop = new CountDownLatch(1);
        private final CountDownLatch loopDone = new CountDownLatch(1);
        private final boolean terminal = System.console() != null;
        private boolean closed;

        Session(VirtualRig rig, Scenario scenario) {
            this.rig = rig;
            this.scenario = scenario;
            this.runner = new RealTimeRunner(rig);
        }

        void run(PrintWriter out) {
            try {
                runner.start();
                if (realtimePriority > 0) {
                    out.println(realtime());
                }
                if (scenario != null) {
                    scenario.applyTo(rig, rig.nowNanos());
                }
                out.println(banner());
                if (protocolFault != com.lianarig.sim.node.ProtocolFault.NONE) {
                    out.println("protocol fault injected: " + protocolFault + ": " + protocolFault.meaning());
                }
                if (scenario != null) {
                    out.println("playing scenario " + scenario.name() + " (" + scenario.steps().size() + " steps)");
                }
                for (int n = 0; n < rig.nodeSpecs().size(); n++) {
                    out.println("connect the host to " + rig.port(n).describe());
                }
                out.flush();
                if (untilEof || stepsFromStdin) {
                    watchStdin(out);
                }
                if (reportBrakes) {
                    watchBrakes(out);
                }
                loop(out);
            } finally {
                loopDone.countDown();
            }
        }

        /**
         * {@code --realtime-priority}: the rig's clock thread, the pty's reader and writer threads (by their names:
         * the JVM names its threads in the kernel too) and the socat processes this run started.
         */
        private String realtime() {
            java.util.List<String> done = new java.util.ArrayList<>();
            java.util.List<String> refused = new java.util.ArrayList<>();
            java.nio.file.Path tasks = java.nio.file.Path.of("/proc/self/task");
            try (java.util.stream.Stream<java.nio.file.Path> list = java.nio.file.Files.list(tasks)) {
                for (java.nio.file.Path task : list.toList()) {
                    String name;
                    try {
                        name = java.nio.file.Files.readString(task.resolve("comm")).strip();
                    } catch (IOException e) {
                        continue; // the thread ended
                    }
                    if (name.equals("virtual-rig") || name.startsWith("pty-port-reade") || name.startsWith("pty-port-write")
                            || name.startsWith("tcp-port")
                            || com.lianarig.controller.loop.RealtimeScheduling.isStopTheWorld(name)) {
                        com.lianarig.controller.loop.RealtimeScheduling.makeFifo(Long.parseLong(
                                task.getFileName().toString()), false, realtimePriority)
                                .ifPresentOrElse(refused::add, () -> done.add(name));
                    }
                }
            } catch (IOException e) {
                refused.add("cannot list " + tasks + ": " + e.getMessage());
            }
            ProcessHandle.current().descendants().filter(p -> p.info().command().map(c -> c.endsWith("/socat"))
                    .orElse(false)).forEach(p -> com.lianarig.controller.loop.RealtimeScheduling.makeFifo(p.pid(), true,
                            realtimePriority).ifPresentOrElse(refused::add, () -> done.add("socat " + p.pid())));
            return refused.isEmpty() ? "real-time: SCHED_FIFO " + realtimePriority + " for " + String.join(", ", done)
                    : "real-time refused: " + refused.get(0) + " (" + done.size() + " thread(s) done)";
        }

        private String banner() {
            VirtualNode node = rig.node(0);
            String who = client == null || client.exercise() == com.lianarig.sim.physics.Exercise.NONE
                    ? "no client"
                    : String.format(java.util.Locale.ROOT, "client %.0f kg %.0f mm %s", client.massKg(),
                            client.statureMm(), client.exercise());
            return String.format(java.util.Locale.ROOT,
                    "virtual rig: node %d %s (%d winches, %d load channels), seed %d, %s%s",
                    node.identity().address(), node.identity().serial(), node.winchCount(),
                    rig.nodeSpecs().get(0).ropes().size(), seed, who,
                    miswire.isEmpty() ? "" : ", miswired: " + miswiring());
        }

        private void loop(PrintWriter out) {
            long startNanos = System.nanoTime();
            long endNanos = durationS == null ? Long.MAX_VALUE : startNanos + (long) (durationS * 1e9);
            int shown = 0;
            boolean stopping = false;
            while (!stopping) {
                long now = System.nanoTime();
                long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(statusIntervalMs), endNanos - now);
                try {
                    stopping = stop.await(Math.max(0, wait), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
                stopping |= System.nanoTime() - endNanos >= 0;
                String line = SimStatusLine.of(rig, System.nanoTime() - startNanos);
                if (terminal) {
                    out.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
                    shown = line.length();
                } else {
                    out.println(line);
                }
                out.flush();
            }
            if (terminal) {
                out.println();
            }
            out.println("virtual rig stopped");
            out.flush();
        }

        /** A daemon thread that prints each change of a winch's brakes (--report-brakes) until the run ends. */
        private void watchBrakes(PrintWriter out) {
            Thread watcher = new Thread(() -> {
                String[] shown = new String[rig.physics().winches().size()];
                while (loopDone.getCount() > 0) {
                    long[] atNanos = new long[1];
                    String[] now = rig.locked(() -> {
                        atNanos[0] = rig.nowNanos();
                        String[] b = new String[shown.length];
                        for (int w = 0; w < b.length; w++) {
                            WinchSim winch = rig.physics().winch(w);
                            b[w] = winch.brakeEngaged(BrakeId.MOTOR) && winch.brakeEngaged(BrakeId.DRUM) ? "engaged"
                                    : winch.brakeApplied(BrakeId.MOTOR) && winch.brakeApplied(BrakeId.DRUM) ? "applied"
                                    : "released";
                        }
                        return b;
                    });
                    for (int w = 0; w < shown.length; w++) {
                        if (!now[w].equals(shown[w])) {
                            shown[w] = now[w];
                            out.println("brakes-" + now[w] + " winch=" + w + " monoNanos=" + atNanos[0]);
                            out.flush();
                        }
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rig-sim-brakes");
            watcher.setDaemon(true);
            watcher.start();
        }

        /**
         * A daemon thread that ends the run at the end of standard input; with {@code --steps-from-stdin} it
         * applies each line as a scenario step first.
         */
        private void watchStdin(PrintWriter out) {
            Thread watcher = new Thread(() -> {
                try {
                    if (stepsFromStdin) {
                        java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(stdin,
                                java.nio.charset.StandardCharsets.UTF_8));
                        String line;
                        while ((line = lines.readLine()) != null) {
                            applyStep(line, out);
                        }
                    } else {
                        byte[] sink = new byte[1024];
                        while (stdin.read(sink) >= 0) {
                            // discard: only the end matters
                        }
                    }
                } catch (IOException e) {
                    // an unreadable stdin ends the run as its end does
                }
                stop.countDown();
            }, "rig-sim-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }

        /** One step from standard input, applied at once (the scenario's own syntax, without the time). */
        private void applyStep(String line, PrintWriter out) {
            String step = line.strip();
            if (step.isEmpty() || step.startsWith("#")) {
                return;
            }
            String answer;
            try {
                Scenario.parse("stdin", "at 0 " + step).applyTo(rig, rig.nowNanos());
                answer = "step applied: " + step;
            } catch (ScenarioException e) {
                answer = "step refused: " + String.join("; ", e.problems());
            }
            synchronized (out) {
                out.println(answer);
                out.flush();
            }
        }

        /** The shutdown hook (Ctrl-C): ends the status loop, then closes everything. */
        void interrupted() {
            stop.countDown();
            try {
                loopDone.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        }

        /** Stops the rig's thread and closes its ports (socat stopped). Idempotent. */
        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            runner.close();
            rig.close();
        }
    }
}
