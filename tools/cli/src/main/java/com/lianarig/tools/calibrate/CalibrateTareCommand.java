package com.lianarig.tools.calibrate;

import com.lianarig.tools.OptionRules;
import com.lianarig.tools.RigFileOption;
import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.NodeCalibrations;
import com.lianarig.config.calibration.TareCheck;
import com.lianarig.config.calibration.TareDecision;
import com.lianarig.tools.BadInputException;
import com.lianarig.tools.RigVersion;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rig calibrate tare}: re-zeroes a channel that has a valid calibration, keeping its scale.
 * Refused while the rope is loaded or moving (SR-17, judged by {@link TareCheck}: the message names
 * the load measured), and on a channel without a valid calibration. Same port rule as
 * {@link CalibrateCommand}.
 */
@Command(name = "tare",
        mixinStandardHelpOptions = true,
        versionProvider = RigVersion.class,
        sortOptions = false,
        description = {
            "Re-zero a load channel with a valid calibration, keeping its scale: reads the channel with nothing on"
                    + " the rope (the strap hanging free) and saves the new zero (the history is kept).",
            "Refused while the rope reads more than the rig's tareMaxLoadKg either way, while the readings spread"
                    + " more than tareMaxSpreadKg, or without a valid calibration (SR-17).",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:tared and saved; or aborted with q",
            "1:unexpected failure (a bug)",
            "2:bad usage or input, tare refused, the port held by another process: nothing saved",
        })
public final class CalibrateTareCommand implements Callable<Integer> {
    private final InputStream stdin;
    private final Map<String, String> env;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    @ParentCommand
    CalibrateCommand parent;

    @Mixin
    RigFileOption rigFile = new RigFileOption();

    @Mixin
    ChannelOptions channelOptions = new ChannelOptions();

    @Option(names = "--technician", paramLabel = "NAME",
            description = "Who tares (kept with the calibration). Asked for when absent, except with --batch.")
    String technician;

    @Option(names = "--batch", description = "No prompt: tare at once and print one key=value result line.")
    boolean batch;

    @Option(names = "--average", paramLabel = "SECONDS", defaultValue = "2",
            description = "Read the channel for this long. 0.1..60, default ${DEFAULT-VALUE}.")
    double averageS;

    public CalibrateTareCommand() {
        this(System.in);
    }

    public CalibrateTareCommand(InputStream stdin) {
        this(stdin, System.getenv(), Clock.systemUTC());
    }

    CalibrateTareCommand(InputStream stdin, Map<String, String> env, Clock clock) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.env = Map.copyOf(env);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Integer call() throws InterruptedException {
        channelOptions.check(spec);
        OptionRules.of(spec).range("--average", averageS, 0.1, 60, "s");
        if (batch && technician == null) {
            throw new ParameterException(spec.commandLine(), "--batch needs --technician NAME");
        }
        if (technician != null && Calibration.technicianProblem(technician) != null) {
            throw new ParameterException(spec.commandLine(), "--technician \"" + technician + "\" "
                    + Calibration.technicianProblem(technician));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Prompter prompter = new Prompter(new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)), out,
                System.console() == null);
        try {
            RigContext ctx = RigContext.load(rigFile.given() != null || parent == null ? rigFile.given() : parent.rigFile.given(), env);
            ChannelTarget target = ctx.channel(channelOptions);
            NodeCalibrations node = Feeds.checkStore(ctx, target);
            Optional<Calibration> current = node.current(target.channel(), ctx.store().policy());
            if (current.isEmpty()) {
                TareDecision d = TareCheck.check(new double[0], current, ctx.store().policy());
                return refused(out, err, d.refusal().name(), "no tare for " + target.describe() + ": " + d.message());
            }
            if (!batch) {
                out.println("rig calibrate tare: " + target.describe() + ", rig file " + ctx.rigFile());
                out.println("  current calibration: " + CalibrateCommand.summary(current.get()));
                if (technician == null) {
                    technician = GuidedFlow.askTechnician(prompter, out);
                }
                out.println("  connecting to " + target.node().port().value() + " ...");
                out.flush();
            }
            try (ChannelFeed feed = Feeds.open(ctx, target)) {
                Thread hook = new Thread(feed::close, "rig-calibrate-tare-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    if (!batch) {
                        CalibrateCommand.printShutdownNote(feed, out);
                        out.println("  Take everything off the rope: the strap hangs free.");
                        prompter.enter("to tare");
                    }
                    return tare(ctx, target, current.get(), feed, out, err);
                } finally {
                    CalibrateCommand.removeHook(hook);
                }
            }
        } catch (BadInputException e) {
            return refused(out, err, "BAD_INPUT", e.getMessage());
        } catch (Prompter.Abort a) {
            out.println();
            out.println(a.byUser() ? "Aborted: nothing saved." : "Standard input ended: nothing saved.");
            out.flush();
            return a.byUser() ? ExitCode.OK : ExitCode.USAGE;
        }
    }

    private int tare(RigContext ctx, ChannelTarget target, Calibration current, ChannelFeed feed, PrintWriter out,
            PrintWriter err) throws InterruptedException {
        SamplingOptions sampling = new SamplingOptions();
        sampling.averageS = averageS;
        PointTaker window;
        try {
            window = new PointCollector(feed, sampling).takeAnyWindow(batch ? Progress.none()
                    : Progress.on(out, System.console() != null));
        } catch (RefusedException e) {
            return refused(out, err, e.reason(), "tare refused: " + e.getMessage());
        }
        TareDecision d = TareCheck.check(window.windowCounts(), Optional.of(current), ctx.store().policy());
        if (!d.accepted()) {
            return refused(out, err, d.refusal().name(), "tare refused: " + d.message());
        }
        Calibration tared = current.tared(clock.instant().truncatedTo(ChronoUnit.SECONDS), technician,
                d.offsetCounts());
        NodeCalibrations after;
        try {
            after = ctx.store().append(tared);
        } catch (com.lianarig.config.ConfigException | java.io.IOException e) {
            return refused(out, err, "SAVE_FAILED", "the tare could not be saved (" + e.getMessage()
                    + "); the previous calibration file is left whole");
        }
        int history = after.history(target.channel()).size();
        java.nio.file.Path file = ctx.store().fileOf(target.node().serial());
        double movedKg = current.loadKg(d.offsetCounts());
        if (batch) {
            out.println(ResultLine.ok("tare").put("node", target.node().serial()).put("channel", target.channel())
                    .put("offsetCounts", d.offsetCounts(), 1).put("previousOffsetCounts", current.offsetCounts(), 1)
                    .put("movedKg", movedKg, 4).put("at", tared.at().toString()).put("technician", technician)
                    .put("file", file.toString()).put("channelHistory", history));
        } else {
            out.printf(Locale.ROOT, "  %s.%n  Saved: tare of %s by %s at %s, in %s (%d calibrations of this channel"
                    + " kept).%n", capitalised(d.message()), tared.channel(), technician, tared.at(), file, history);
        }
        out.flush();
        return ExitCode.OK;
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private int refused(PrintWriter out, PrintWriter err, String reason, String message) {
        if (batch) {
            out.println(ResultLine.refused("tare", reason, message));
            out.flush();
        } else {
            out.println("  " + message);
            out.flush();
        }
        err.println("rig calibrate tare: " + message);
        err.flush();
        return ExitCode.USAGE;
    }
}
