package com.lianarig.tools.calibrate;

import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationPolicy;
import com.lianarig.config.calibration.NodeCalibrations;
import com.lianarig.config.rig.RopeConfig;
import com.lianarig.config.yaml.Problems;
import com.lianarig.tools.OptionRules;
import com.lianarig.tools.RigFileOption;
import com.lianarig.protocol.NodeState;
import com.lianarig.tools.BadInputException;
import com.lianarig.tools.RigVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rig calibrate}: calibrates one load channel against reference masses (SPEC section 7) —
 * zero, reference masses, least-squares fit, verification, atomic save with history — guided at a
 * terminal, or driven line by line with {@code --batch}. Subcommands: {@code status} (SR-17's list
 * of channels without a valid calibration) and {@code tare}.
 *
 * <p>It opens the node's serial port itself, and only when the port is free (docs/calibration.md):
 * a port held by another process, the rig service if it runs, ends it with exit code 2 and says so.
 */
@Command(name = "calibrate",
        mixinStandardHelpOptions = true,
        versionProvider = RigVersion.class,
        sortOptions = false,
        subcommands = {CalibrateStatusCommand.class, CalibrateTareCommand.class},
        description = {
            "Calibrate a load cell against reference masses: zero (the strap hanging free), each reference mass,"
                    + " a least-squares fit (offset, scale, linearity, residuals), a verification with a known"
                    + " mass, then an atomic save to the rig's calibration files (the history is kept).",
            "Guided at a terminal (Enter to go on, q to abort without saving), or with --batch one command per"
                    + " line of standard input: zero, point KG, fit, verify KG, save, quit.",
            "Opens the node's serial port itself, only when it is free: a port held by another process (the"
                    + " rig service) is refused with exit code 2.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:calibrated and saved; or quit",
            "1:unexpected failure (a bug: please report it with the output)",
            "2:bad usage or input, a refused step, the port held by another process: nothing saved"
                    + " (unless the output says saved)",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  rig calibrate --rope left-leg --technician \"J. Tech\" --masses 10,20,50 --verify-mass 30",
            "  rig calibrate --rope left-leg --technician ci --batch < steps.txt",
            "  rig calibrate status",
            "  rig calibrate tare --rope left-leg",
            "The rig file comes from --config, $RIG_FILE or /etc/liana-rig/rig.yaml. See docs/calibration.md.",
        })
public final class CalibrateCommand implements Callable<Integer> {
    private final InputStream stdin;
    private final Map<String, String> env;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    @Mixin
    RigFileOption rigFile = new RigFileOption();

    @Mixin
    ChannelOptions channelOptions = new ChannelOptions();

    @Option(names = "--technician", paramLabel = "NAME",
            description = "Who calibrates (kept with the calibration). Asked for when absent, except with --batch.")
    String technician;

    @Option(names = "--masses", paramLabel = "KG,KG,...", converter = MassList.Converter.class,
            description = "Reference masses in kg, in the order they are hung, e.g. 10,20,50 (the largest at least"
                    + " 10 kg). Asked for when absent.")
    MassList masses;

    @Option(names = "--verify-mass", paramLabel = "KG",
            description = "The known mass of the verification, kg. Asked for when absent.")
    Double verifyMassKg;

    @Option(names = "--batch",
            description = "No prompts: read commands from standard input, one per line (zero, point KG, fit,"
                    + " verify KG, save, quit), print one key=value result line per command.")
    boolean batch;

    @Mixin
    SamplingOptions sampling = new SamplingOptions();

    /** Reads the process's standard input and environment, and the system clock. */
    public CalibrateCommand() {
        this(System.in);
    }

    /** @param stdin the technician's answers, or the batch commands */
    public CalibrateCommand(InputStream stdin) {
        this(stdin, System.getenv(), Clock.systemUTC());
    }

    CalibrateCommand(InputStream stdin, Map<String, String> env, Clock clock) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.env = Map.copyOf(env);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        Prompter prompter = new Prompter(in, out, System.console() == null);
        try {
            RigContext ctx = RigContext.load(rigFile.given(), env);
            ChannelTarget target = ctx.channel(channelOptions);
            CalibrationPolicy policy = ctx.store().policy();
            if (masses != null && masses.largestKg() < policy.minFullScaleKg()) {
                throw new BadInputException("--masses: the largest mass must be at least "
                        + Problems.number(policy.minFullScaleKg()) + " kg (a smaller span makes no valid calibration)");
            }
            NodeCalibrations existing = Feeds.checkStore(ctx, target);
            if (!batch) {
                out.println("rig calibrate: " + target.describe() + ", rig file " + ctx.rigFile());
                out.println("  current calibration: " + existing.current(target.channel(), policy)
                        .map(CalibrateCommand::summary).orElse("none valid"));
                if (technician == null) {
                    technician = GuidedFlow.askTechnician(prompter, out);
                }
                out.println("  connecting to " + target.node().port().value() + " ...");
                out.flush();
            }
            CalibrationRun run = new CalibrationRun(target.ref(), technician, policy);
            try (ChannelFeed feed = Feeds.open(ctx, target)) {
                Thread hook = new Thread(feed::close, "rig-calibrate-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    CalibrationSteps steps = new CalibrationSteps(run, new PointCollector(feed, sampling), ctx.store(),
                            clock);
                    if (batch) {
                        print(out, ResultLine.ok("connect").put("rig", ctx.rigFile().toString())
                                .put("rope", target.rope().map(RopeConfig::id).orElse(""))
                                .put("node", feed.nodeInfo().serial()).put("channel", target.channel())
                                .put("port", target.node().port().value())
                                .put("firmware", feed.nodeInfo().firmwareVersion())
                                .put("sampleRateHz", feed.sampleRateHz())
                                .put("nodeState", feed.nodeState().map(Enum::name).orElse("unknown"))
                                .put("calibrationFile", ctx.store().fileOf(target.node().serial()).toString()));
                        return new BatchFlow(steps, in, out, err).run();
                    }
                    out.printf(Locale.ROOT, "  node %s (firmware %s) streams channel %d at %d samples/s.%n",
                            feed.nodeInfo().serial(), feed.nodeInfo().firmwareVersion(), target.channel(),
                            feed.sampleRateHz());
                    printShutdownNote(feed, out);
                    return new GuidedFlow(steps, prompter, out, System.console() != null, masses, verifyMassKg).run();
                } finally {
                    removeHook(hook);
                }
            }
        } catch (BadInputException e) {
            if (batch) {
                print(out, ResultLine.refused("connect", "BAD_INPUT", e.getMessage()));
            }
            err.println("rig calibrate: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        } catch (Prompter.Abort a) {
            out.println();
            if (a.byUser()) {
                out.println("Aborted: nothing saved.");
                out.flush();
                return ExitCode.OK;
            }
            out.flush();
            err.println("rig calibrate: standard input ended before the calibration was done: nothing saved"
                    + " (scripts use --batch)");
            err.flush();
            return ExitCode.USAGE;
        }
    }

    private void checkOptions() {
        channelOptions.check(spec);
        sampling.check(OptionRules.of(spec));
        if (batch && technician == null) {
            throw new ParameterException(spec.commandLine(), "--batch needs --technician NAME");
        }
        if (technician != null && Calibration.technicianProblem(technician) != null) {
            throw new ParameterException(spec.commandLine(), "--technician \"" + technician + "\" "
                    + Calibration.technicianProblem(technician));
        }
        OptionRules.of(spec).positiveAtMost("--verify-mass", verifyMassKg, 2_000, "kg");
    }

    /** Says what a node in its sticky shutdown means here, so hal's warning about it does not alarm. */
    static void printShutdownNote(ChannelFeed feed, PrintWriter out) {
        if (feed.nodeState().orElse(null) == NodeState.SHUTDOWN) {
            out.println("  note: the node is in its sticky heartbeat shutdown (left by an earlier session): it"
                    + " keeps sampling, so calibration works; its winches stay braked until the rig is reset.");
        }
    }

    /** E.g. "fit 2025-03-14T09:30:00Z by J. Tech, linearity 0.0042 % up to 50 kg". */
    static String summary(Calibration c) {
        return String.format(Locale.ROOT, "%s %s by %s, linearity %.4f %% up to %s kg", c.kind().id(), c.at(),
                c.technician(), c.fit().linearityErrorPercent(), Problems.number(c.fit().fullScaleKg()));
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook closes the feed
        }
    }

    private static void print(PrintWriter out, ResultLine line) {
        out.println(line);
        out.flush();
    }
}
