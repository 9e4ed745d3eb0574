package com.lianarig.tools.panel;

import com.lianarig.tools.OptionRules;
import com.lianarig.tools.mqtt.Ansi;
import com.lianarig.tools.mqtt.BrokerClient;
import com.lianarig.tools.mqtt.BrokerException;
import com.lianarig.tools.mqtt.BrokerOptions;
import com.lianarig.tools.mqtt.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rig panel}: a terminal handheld panel for trainers over MQTT (docs/panel.md, docs/mqtt.md).
 */
@Command(name = "panel", mixinStandardHelpOptions = true, versionProvider = com.lianarig.tools.RigVersion.class,
        description = {"A terminal handheld panel for trainers over MQTT: take control, attach, aim, hold a key to jog,",
            "stop, reset, rescue descent, programs, the pre-use check; load bars with their bands.",
            "Works against `./rig demo` as it is; keys and the hold-to-run limits: docs/panel.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:quit", "1:unexpected failure", "2:bad usage, or no terminal",
            "3:cannot reach the broker (or it refused the login)", "4:no rig at --root (nothing retained on its status)"})
public final class PanelCommand implements Callable<Integer> {
    /** How long to wait for the rig's retained status, ms. */
    static final long STATUS_WAIT_MS = 2000;

    @Spec
    CommandSpec spec;

    @Mixin
    BrokerOptions broker = new BrokerOptions();

    @Option(names = "--root", paramLabel = "TOPIC", defaultValue = Topics.DEMO_ROOT,
            description = "the rig's topic root (mqtt.topicRoot in its rig file; default: ${DEFAULT-VALUE})")
    String root = Topics.DEMO_ROOT;

    @Option(names = "--panel", paramLabel = "ID", defaultValue = "trainer-tablet",
            description = "this panel's id: one of the rig file's panels (default: ${DEFAULT-VALUE})")
    String panelId = "trainer-tablet";

    @Option(names = "--jog-group", paramLabel = "GROUP", defaultValue = "legs",
            description = "the group the jog keys move (default: ${DEFAULT-VALUE}, the leg pair)")
    String jogGroup = "legs";

    @Option(names = "--no-color", description = "no colours (also when the output is not a terminal, or NO_COLOR is set)")
    boolean noColor;

    @Option(names = "--repeat-delay", paramLabel = "MS", defaultValue = "" + HoldTracker.INITIAL_REPEAT_DELAY_MS,
            description = "the terminal's initial key-repeat delay allowed for before a held key counts as released (default: ${DEFAULT-VALUE})")
    long repeatDelayMs = HoldTracker.INITIAL_REPEAT_DELAY_MS;

    @Option(names = "--repeat-gap", paramLabel = "MS", defaultValue = "" + HoldTracker.REPEAT_GAP_MS,
            description = "a held key counts as released when no repeat arrives within this (default: ${DEFAULT-VALUE})")
    long repeatGapMs = HoldTracker.REPEAT_GAP_MS;

    private final KeyInput injectedKeys;
    private final PrintStream out;
    private final PrintStream err;

    public PanelCommand() {
        this(null, System.out, System.err);
    }

    /** For tests: keys from {@code keys} instead of the terminal, the screen appended to {@code out}. */
    PanelCommand(KeyInput keys, PrintStream out, PrintStream err) {
        this.injectedKeys = keys;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        String problem = Topics.rootProblem(root);
        if (problem == null) {
            problem = Topics.levelProblem("--panel", panelId);
        }
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
        OptionRules.of(spec).range("--repeat-delay", repeatDelayMs, 1, 10_000, "ms")
                .range("--repeat-gap", repeatGapMs, 1, 10_000, "ms");
        BrokerClient client;
        try {
            client = BrokerClient.connect(broker, "rig-panel");
        } catch (BrokerException e) {
            err.println("rig panel: " + e.getMessage());
            return Topics.EXIT_NO_BROKER;
        }
        try (client) {
            return withBroker(client);
        } catch (IOException e) {
            err.println("rig panel: reading the keys failed (" + e.getMessage() + ")");
            return ExitCode.SOFTWARE;
        }
    }

    private int withBroker(BrokerClient client) throws IOException, InterruptedException {
        PanelModel model = new PanelModel(root, panelId);
        client.onMessage(message -> model.accept(message.topic(), message.payload()));
        client.onConnection(model::connection);
        for (String topic : new String[] {"/status", "/state", "/telemetry", "/reply/" + panelId}) {
            if (!client.subscribe(root + topic, topic.equals("/telemetry") ? 0 : 1)) {
                err.println("rig panel: the broker refused the subscription to " + root + topic
                        + " (not allowed for this user?)");
                return Topics.EXIT_NO_BROKER;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STATUS_WAIT_MS);
        while (model.view().status() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (model.view().status() == null) {
            err.println("rig panel: no rig at " + root + ": nothing retained on " + root + "/status within "
                    + STATUS_WAIT_MS / 1000 + " s" + (root.equals(Topics.DEMO_ROOT) ? "" : " (is --root right?)")
                    + (broker.username() == null ? "" : " (or " + broker.username() + " may not read it)"));
            return Topics.EXIT_NO_RIG;
        }
        LongSupplier nowMs = () -> System.nanoTime() / 1_000_000;
        // Counters must rise across restarts of this panel within one rig session: start from the wall clock.
        Commander commander = new Commander(model, (topic, payload) -> client.publish(topic, payload, 0, false),
                panelId, jogGroup, nowMs, System.currentTimeMillis());
        PanelControls controls = new PanelControls(commander, new HoldTracker(repeatDelayMs, repeatGapMs), nowMs, jogGroup);
        if (injectedKeys != null) {
            PanelRenderer renderer = new PanelRenderer(Ansi.forTerminal(noColor), panelId, root, client.brokerUri());
            new PanelLoop(injectedKeys, controls, () -> renderer.render(model.view(), controls.ui()), out, false, nowMs,
                    () -> false).run();
            return ExitCode.OK;
        }
        return inTerminal(client, model, controls, nowMs);
    }

    private int inTerminal(BrokerClient client, PanelModel model, PanelControls controls, LongSupplier nowMs)
            throws IOException, InterruptedException {
        RawTerminal terminal;
        try {
            terminal = RawTerminal.enter();
        } catch (IOException e) {
            err.println("rig panel: " + e.getMessage());
            return ExitCode.USAGE;
        }
        boolean screen = System.console() != null;
        PanelRenderer renderer = new PanelRenderer(Ansi.forTerminal(noColor), panelId, root, client.brokerUri());
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch loopDone = new CountDownLatch(1);
        // Ctrl-C: the loop releases any hold (enable not held, jog none), then the terminal is restored.
        Thread onSignal = new Thread(() -> {
            interrupted.set(true);
            try {
                loopDone.await(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            leaveScreen(screen);
            terminal.close();
        }, "panel-restore-terminal");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try (KeyInput keys = new StreamKeyInput(terminal.input())) {
            if (screen) {
                out.print("\u001b[?1049h\u001b[?25l"); // the alternate screen, cursor hidden
            }
            new PanelLoop(keys, controls, () -> renderer.render(model.view(), controls.ui()), out, screen, nowMs,
                    interrupted::get).run();
        } finally {
            loopDone.countDown();
            leaveScreen(screen);
            terminal.close();
            if (!interrupted.get()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway; restoring twice is harmless
                }
            }
        }
        return ExitCode.OK;
    }

    private void leaveScreen(boolean screen) {
        if (screen) {
            out.print("\u001b[?25h\u001b[?1049l");
            out.flush();
        }
    }
}
