package com.lianarig.tools.monitor;

import com.lianarig.tools.OptionRules;
import com.lianarig.tools.mqtt.Ansi;
import com.lianarig.tools.mqtt.BrokerClient;
import com.lianarig.tools.mqtt.BrokerException;
import com.lianarig.tools.mqtt.BrokerOptions;
import com.lianarig.tools.mqtt.Topics;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rig monitor}: a live dashboard of every rig on a broker, for studio staff (read-only). */
@Command(name = "monitor", mixinStandardHelpOptions = true, versionProvider = com.lianarig.tools.RigVersion.class,
        description = {"A live terminal dashboard of the rigs on a broker, for studio staff (it only reads):",
            "online/offline, session, mode, faults, who is in command, loads with their bands, telemetry",
            "freshness (sequence gaps, stale) and recent events. Works against `./rig demo` as it is."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:unexpected failure", "2:bad usage",
            "3:cannot reach the broker (or it refused the login)", "4:no rig under --filter (nothing retained on a status)"})
public final class MonitorCommand implements Callable<Integer> {
    /** How long --once collects retained and live messages before printing, ms. */
    static final long ONCE_COLLECT_MS = 1000;
    /** How long to wait for any rig's retained status before giving up, ms. */
    static final long STATUS_WAIT_MS = 2000;
    /** Live mode: how long to let retained messages arrive after the first status, before drawing, ms. */
    static final long RETAINED_SETTLE_MS = 200;
    static final long REDRAW_MS = 500;
    static final long APPEND_MS = 2000;

    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOptions broker = new BrokerOptions();

    @Option(names = "--filter", paramLabel = "FILTER", defaultValue = "liana/v1/#",
            description = "topic filter covering the rigs' topics, usually ending in # (default: ${DEFAULT-VALUE})")
    String filter = "liana/v1/#";

    @Option(names = "--once", description = "print one snapshot (after ~1 s of messages) and exit")
    boolean once;

    @Option(names = "--events", paramLabel = "N", defaultValue = "5", description = "recent events shown per rig (default: ${DEFAULT-VALUE})")
    int eventsShown = 5;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "stop after this long (default: until Ctrl-C)")
    Double durationS;

    @Option(names = "--no-color", description = "no colours (also when the output is not a terminal, or NO_COLOR is set)")
    boolean noColor;

    private final PrintStream out;
    private final PrintStream err;

    public MonitorCommand() {
        this(System.out, System.err);
    }

    MonitorCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        OptionRules rules = OptionRules.of(spec);
        if (filter == null || filter.isEmpty() || filter.contains("#") && !filter.endsWith("#")) {
            throw rules.broken("--filter", "a topic filter (# may only come last)", filter);
        }
        rules.atLeast("--events", eventsShown, 0, "").positive("--duration", durationS, "s");
        BrokerClient client;
        try {
            client = BrokerClient.connect(broker, "rig-monitor");
        } catch (BrokerException e) {
            err.println("rig monitor: " + e.getMessage());
            return Topics.EXIT_NO_BROKER;
        }
        try (client) {
            return watch(client);
        }
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    private int watch(BrokerClient client) throws InterruptedException {
        MonitorModel model = new MonitorModel(eventsShown);
        client.onMessage(message -> model.accept(message.topic(), message.payload(), nowMs()));
        if (!client.subscribe(filter, 1)) {
            err.println("rig monitor: the broker refused the subscription to " + filter + " (not allowed for this user?)");
            return Topics.EXIT_NO_BROKER;
        }
        long startMs = nowMs();
        Thread.sleep(once ? ONCE_COLLECT_MS : 0);
        while (model.rigs(nowMs()).isEmpty() && nowMs() - startMs < STATUS_WAIT_MS) {
            Thread.sleep(20);
        }
        if (model.rigs(nowMs()).isEmpty()) {
            err.println("rig monitor: no rig at " + filter + ": nothing retained on .../status within "
                    + STATUS_WAIT_MS / 1000 + " s" + (client.brokerUri().equals(BrokerOptions.DEFAULT_BROKER)
                    ? " (is `./rig demo` running?)" : "")
                    + (broker.username() == null ? "" : " (or " + broker.username() + " may not read it)"));
            return Topics.EXIT_NO_RIG;
        }
        String heading = "rig monitor  " + client.brokerUri() + "  " + filter;
        boolean screen = !once && System.console() != null;
        MonitorRenderer renderer = new MonitorRenderer(Ansi.forTerminal(noColor));
        if (once) {
            out.print(renderer.render(heading, model.rigs(nowMs())));
            out.flush();
            return ExitCode.OK;
        }
        Thread.sleep(RETAINED_SETTLE_MS); // the retained state and telemetry right behind the first status
        Thread restoreScreen = new Thread(() -> {
            out.print("\u001b[?25h\u001b[?1049l");
            out.flush();
        }, "monitor-restore-screen");
        if (screen) {
            out.print("\u001b[?1049h\u001b[?25l");
            Runtime.getRuntime().addShutdownHook(restoreScreen);
        }
        long endMs = durationS == null ? Long.MAX_VALUE : startMs + (long) (durationS * 1000);
        while (nowMs() < endMs) {
            String text = renderer.render(heading + (client.isConnected() ? "" : "  (broker connection lost: reconnecting)"),
                    model.rigs(nowMs()));
            Ansi.drawFrame(out, text, screen);
            Thread.sleep(Math.min(screen ? REDRAW_MS : APPEND_MS, Math.max(1, endMs - nowMs())));
        }
        if (screen) {
            Runtime.getRuntime().removeShutdownHook(restoreScreen);
            restoreScreen.run();
        }
        return ExitCode.OK;
    }
}
