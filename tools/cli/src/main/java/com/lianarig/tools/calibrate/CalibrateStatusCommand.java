package com.lianarig.tools.calibrate;

import com.lianarig.tools.RigFileOption;
import com.lianarig.config.ChannelRef;
import com.lianarig.config.ConfigException;
import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.MissingCalibration;
import com.lianarig.config.calibration.NodeCalibrations;
import com.lianarig.config.rig.RopeConfig;
import com.lianarig.tools.BadInputException;
import com.lianarig.tools.RigVersion;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code rig calibrate status}: every rope's load channel with its current calibration (kind, date,
 * technician, linearity, span, age) or {@code NOT CALIBRATED} and why: SR-17's query
 * ({@code CalibrationStore.missingCalibrations}), the list a READY refusal names. Reads files only;
 * never opens a port.
 *
 * <pre>
 * rope        channel             calibration
 * left-leg    VR-0001 channel 0   fit 2025-03-14T09:30:00Z by J. Tech, linearity 0.0042 % up to 50 kg, 3 days old
 * right-leg   VR-0001 channel 1   NOT CALIBRATED: no calibration on record
 * </pre>
 */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = RigVersion.class,
        description = "List each rope's load channel with its current calibration (date, technician, linearity,"
                + " age), or NOT CALIBRATED and why (SR-17: such a channel cannot carry a client).")
public final class CalibrateStatusCommand implements Callable<Integer> {
    private final Map<String, String> env;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    @ParentCommand
    CalibrateCommand parent;

    @Mixin
    RigFileOption rigFile = new RigFileOption();

    public CalibrateStatusCommand() {
        this(System.getenv(), Clock.systemUTC());
    }

    CalibrateStatusCommand(Map<String, String> env, Clock clock) {
        this.env = Map.copyOf(env);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RigContext ctx;
        try {
            ctx = RigContext.load(rigFile.given() != null || parent == null ? rigFile.given() : parent.rigFile.given(), env);
        } catch (BadInputException e) {
            spec.commandLine().getErr().println("rig calibrate status: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCode.USAGE;
        }
        List<ChannelRef> channels = ctx.rig().loadChannels();
        List<MissingCalibration> missing = ctx.store().missingCalibrations(channels);
        Instant now = clock.instant();
        out.println("calibrations of " + ctx.rigFile() + ", kept in " + ctx.rig().paths().calibrationDir());
        int ropeWidth = Math.max(4, ctx.rig().ropes().stream().mapToInt(r -> r.id().length()).max().orElse(4));
        String format = "%-" + ropeWidth + "s  %-" + channelWidth(channels) + "s  %s%n";
        out.printf(Locale.ROOT, format, "rope", "channel", "calibration");
        for (RopeConfig rope : ctx.rig().ropes()) {
            ChannelRef ref = ctx.rig().loadChannel(rope);
            Optional<MissingCalibration> m = missing.stream().filter(x -> x.channel().equals(ref)).findFirst();
            String state = m.map(x -> "NOT CALIBRATED: " + x.reason())
                    .orElseGet(() -> current(ctx, ref).map(c -> CalibrateCommand.summary(c) + ", " + age(c.at(), now))
                            .orElse("NOT CALIBRATED"));
            out.printf(Locale.ROOT, format, rope.id(), ref, state);
        }
        if (missing.isEmpty()) {
            out.println("All " + channels.size() + " channels have a valid calibration.");
        } else {
            out.println(missing.size() + " of " + channels.size() + " channels have no valid calibration: the rig"
                    + " cannot take a client until they are calibrated (SR-17).");
        }
        out.flush();
        return ExitCode.OK;
    }

    private static int channelWidth(List<ChannelRef> channels) {
        return Math.max(7, channels.stream().mapToInt(c -> c.toString().length()).max().orElse(7));
    }

    private static Optional<Calibration> current(RigContext ctx, ChannelRef ref) {
        try {
            NodeCalibrations node = ctx.store().load(ref.nodeSerial());
            return node.current(ref.channel(), ctx.store().policy());
        } catch (ConfigException e) {
            return Optional.empty(); // listed as missing, with the file's problem
        }
    }

    /** "3 days old", "5 hours old", "12 minutes old", or "dated in the future" (a Pi without a real-time clock). */
    static String age(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        if (d.isNegative()) {
            return "dated " + Duration.between(now, at).toMinutes() + " minutes in the future (check the clock)";
        }
        if (d.toDays() >= 1) {
            return plural(d.toDays(), "day") + " old";
        }
        if (d.toHours() >= 1) {
            return plural(d.toHours(), "hour") + " old";
        }
        return plural(d.toMinutes(), "minute") + " old";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
