package com.lianarig.tools.service;

import com.lianarig.config.ConfigException;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.controller.loop.RealtimeScheduling;
import com.lianarig.controller.service.RigService;
import com.lianarig.hal.Buzzer;
import com.lianarig.hal.Pendant;
import com.lianarig.hal.SafetyChainMonitor;
import com.lianarig.hal.StatusLight;
import com.lianarig.hal.gpio.BenchSafetyChain;
import com.lianarig.hal.gpio.GpioBackend;
import com.lianarig.hal.gpio.OutputPin;
import com.lianarig.hal.gpio.Pi4jBuzzer;
import com.lianarig.hal.gpio.Pi4jPendant;
import com.lianarig.hal.gpio.Pi4jSafetyChainMonitor;
import com.lianarig.hal.gpio.Pi4jStatusLight;
import com.lianarig.hal.serial.JSerialCommLink;
import com.lianarig.hal.serial.PortSelector;
import com.lianarig.hal.serial.SerialSettings;
import com.lianarig.tools.GpioChoice;
import com.lianarig.tools.LogFile;
import com.lianarig.tools.OptionRules;
import com.lianarig.tools.RigFileOption;
import com.lianarig.tools.RigVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code rig run --config FILE}: the service on the rig file's hardware (jSerialComm ports, Pi4J
 * gpiod for the safety chain), or with {@code --virtual} on the in-process virtual rig, or with
 * {@code --gpio none} on a bench without GPIO (real serial ports, a simulated safety chain). Runs until
 * SIGTERM or Ctrl-C, which stop all motion, apply the brakes, then exit.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = RigVersion.class,
        description = "Run the rig controller service until stopped (SIGTERM: controlled stop and brakes).")
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    RigFileOption rigFile = new RigFileOption();

    @Option(names = "--virtual", description = "drive the in-process virtual rig instead of the hardware (standard rig only)")
    boolean virtual;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "virtual rig seed (with --virtual)")
    long seed;

    @Option(names = "--realtime-priority", defaultValue = "40", paramLabel = "N",
            description = "SCHED_FIFO priority of the control loop, 1..49 (needs root or systemd's LimitRTPRIO, which the packaged unit sets); 0: normal scheduling (default: ${DEFAULT-VALUE})")
    int realtimePriority;

    /**
     * {@code none} runs the hardware service where the machine has no GPIO chip (a firmware engineer's bench,
     * the soak): real serial links, a simulated safety chain that always reads healthy ({@link BenchSafetyChain}),
     * no wired pendant (docs/hal.md). {@code mock} (unlisted) is the tests' seam: Pi4J's mock plugin, only on a
     * test's class path. Both are refused where a GPIO chip exists: that machine may be a rig.
     */
    @Option(names = "--gpio", paramLabel = "CHIP", defaultValue = "gpiod", converter = GpioChoice.Converter.class,
            description = "gpiod (default: the Pi's GPIO chip) or none: a bench without GPIO (a firmware engineer's"
                    + " desk, the soak), where the safety chain is simulated and always healthy, so emergency stops are"
                    + " NOT monitored; refused on a machine with a GPIO chip")
    GpioChoice gpio;

    /**
     * For a program that runs the service as its child (rig soak): the controlled stop also when standard input
     * ends, so the service never outlives its parent, whatever killed it.
     */
    @Option(names = "--until-eof", hidden = true, description = "Also stop (controlled) at the end of standard input.")
    boolean untilEof;

    /** Where the GPIO chips would be ({@code gpiochip*}): their presence forbids {@code --gpio none} (a field for tests). */
    Path devDirectory = Path.of("/dev");

    @Override
    public Integer call() throws Exception {
        OptionRules.of(spec).range("--realtime-priority", realtimePriority, 0, RealtimeScheduling.MAX_PRIORITY,
                "(0: normal scheduling)");
        RigConfig rig;
        try {
            rig = RigConfigLoader.fromEnvironment().load(rigFile.locate(System.getenv()));
        } catch (com.lianarig.tools.BadInputException | ConfigException e) {
            spec.commandLine().getErr().println("rig run: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCode.USAGE;
        }
        String option = "--gpio " + gpio.name().toLowerCase(java.util.Locale.ROOT);
        if (gpio != GpioChoice.GPIOD && virtual) {
            System.err.println("rig run: " + option + " is for the hardware service; --virtual has its own safety chain");
            return ExitCode.USAGE;
        }
        List<Path> chips = GpioChoice.chips(devDirectory);
        if (gpio != GpioChoice.GPIOD && !chips.isEmpty()) {
            System.err.println("rig run: " + option + " refused: this machine has GPIO (" + chips.get(0) + "), so it"
                    + " may be a rig, and a simulated safety chain on a rig would hide a real emergency stop. "
                    + option + " is for machines without GPIO only (a bench, the soak).");
            return ExitCode.USAGE;
        }
        RigService.Hardware hw;
        if (virtual) {
            VirtualHardware.Started started = VirtualHardware.start(seed);
            VirtualHardware.calibrate(started.rig(), rig);
            hw = started.hardware();
        } else {
            try {
                hw = hardware(rig, gpio);
            } catch (IllegalStateException e) {
                System.err.println("rig run: " + e.getMessage());
                return EXIT_START_FAILED;
            }
        }
        ServiceStack stack;
        try {
            stack = ServiceStack.open(rig, hw, ServiceJournal.LOG_MIRROR, RigVersion.buildVersion());
        } catch (IOException e) {
            closeQuietly(hw);
            System.err.println("rig run: " + e.getMessage());
            return EXIT_START_FAILED;
        }
        stack.service().realtime(realtimePriority);
        LogFile.active().ifPresent(f -> System.out.println("rig run: log file " + f));
        if (gpio == GpioChoice.NONE) {
            System.out.println("rig run: gpio: " + gpio.description() + ": the safety chain is simulated (always"
                    + " healthy), emergency stops are NOT monitored, no wired pendant");
        }
        if (untilEof) {
            Thread watch = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // nothing is sent: the end is the signal
                    }
                } catch (IOException e) {
                    // an unreadable stdin ends as its end does
                }
                System.exit(ExitCode.OK); // the shutdown hook makes the controlled stop
            }, "stdin-watch");
            watch.setDaemon(true);
            watch.start();
        }
        return runUntilStopped(stack);
    }

    /** Exit code when the service cannot start (journal, broker address, MQTT password or TLS files). */
    static final int EXIT_START_FAILED = 3;

    static void closeQuietly(RigService.Hardware hw) {
        try {
            hw.resources().close();
        } catch (Exception e) {
            log.warn("closing the hardware failed: {}", e.toString());
        }
    }

    /** Starts the service and blocks until SIGTERM/Ctrl-C; the shutdown hook does the controlled stop. */
    static int runUntilStopped(ServiceStack stack) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            LogFile.stopLogging(); // the asynchronous appenders' last lines
            done.countDown();
        }, "controlled-stop"));
        stack.start();
        done.await();
        return ExitCode.OK;
    }

    private static RigService.Hardware hardware(RigConfig rig, GpioChoice choice) {
        SerialSettings settings = SerialSettings.defaults();
        java.util.function.Function<com.lianarig.config.rig.NodeConfig, com.lianarig.hal.serial.SerialLink> links =
                node -> new JSerialCommLink(selector(node.port()), settings.withBaudRate(node.baud()),
                        new com.lianarig.hal.serial.JSerialCommPortDiscovery(), System::nanoTime);
        if (choice == GpioChoice.NONE) {
            log.warn("=== --gpio none: no GPIO on this machine (a bench): the SAFETY CHAIN IS SIMULATED (always"
                    + " healthy), emergency stops are NOT monitored{}. Never on a rig. ===",
                    unusedOutputs(rig));
            SafetyChainMonitor chain = new BenchSafetyChain();
            return new RigService.Hardware(links, chain, false, choice.description(), Optional.empty(), chain);
        }
        GpioBackend gpio;
        if (choice == GpioChoice.MOCK) {
            gpio = GpioBackend.openMock(java.util.Set.of(rig.gpio().safetyChainMonitorPin()));
            log.warn("=== --gpio mock: the SAFETY CHAIN IS SIMULATED (always healthy): emergency stops are NOT"
                    + " monitored. For tests and development machines only, never on a rig. ===");
        } else {
            gpio = GpioBackend.open(GpioBackend.Kind.GPIOD);
        }
        Pi4jSafetyChainMonitor chain = new Pi4jSafetyChainMonitor(gpio, rig.gpio().safetyChainMonitorPin(), 500);
        Optional<Pendant> pendant = rig.gpio().pendant().map(p -> new Pi4jPendant(gpio,
                new com.lianarig.hal.gpio.PendantPins(p.upPin(), p.downPin(), p.enablePin()), rig.gpio().debounceMs()));
        // the status light and buzzer: active high (HIGH = on), their shutdown level as the rig file says
        Optional<StatusLight> light = rig.gpio().statusLight().map(p -> new Pi4jStatusLight(gpio, outputPin(p)));
        Optional<Buzzer> buzzer = rig.gpio().buzzer().map(p -> new Pi4jBuzzer(gpio, outputPin(p)));
        return new RigService.Hardware(links, chain, choice == GpioChoice.MOCK, choice.description(), pendant, light,
                buzzer, () -> {
                    pendant.ifPresent(Pendant::close);
                    light.ifPresent(StatusLight::close);
                    buzzer.ifPresent(Buzzer::close);
                    chain.close();
                    gpio.close();
                });
    }

    /** What of the rig file's GPIO devices --gpio none leaves unused, for its warning ("" when none). */
    private static String unusedOutputs(RigConfig rig) {
        List<String> unused = new java.util.ArrayList<>();
        rig.gpio().pendant().ifPresent(p -> unused.add("wired pendant"));
        rig.gpio().statusLight().ifPresent(p -> unused.add("status light"));
        rig.gpio().buzzer().ifPresent(p -> unused.add("buzzer"));
        return unused.isEmpty() ? "" : ", and the rig file's " + String.join(", ", unused) + " "
                + (unused.size() == 1 ? "is" : "are") + " not used";
    }

    /** hal's output pin for the rig file's: active high, on at shutdown when its shutdown state is high. */
    static OutputPin outputPin(com.lianarig.config.rig.OutputPin p) {
        return new OutputPin(p.pin(), true, p.shutdownState() == com.lianarig.config.rig.PinState.HIGH);
    }

    /** hal's port selector for the rig file's. */
    public static PortSelector selector(com.lianarig.config.rig.PortSelector p) {
        if (p instanceof com.lianarig.config.rig.PortSelector.DevicePath d) {
            return new PortSelector.ByPath(d.path());
        }
        if (p instanceof com.lianarig.config.rig.PortSelector.UsbSerial u) {
            return new PortSelector.ByUsbSerial(u.serial());
        }
        com.lianarig.config.rig.PortSelector.VidPid v = (com.lianarig.config.rig.PortSelector.VidPid) p;
        return new PortSelector.ByVidPid(v.vendorId(), v.productId());
    }
}
