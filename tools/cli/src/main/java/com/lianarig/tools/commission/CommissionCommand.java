package com.lianarig.tools.commission;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RopeConfig;
import com.lianarig.config.rig.WinchConfig;
import com.lianarig.tools.BadInputException;
import com.lianarig.tools.OptionRules;
import com.lianarig.tools.RigFileOption;
import com.lianarig.tools.RigVersion;
import com.lianarig.tools.calibrate.Prompter;
import com.lianarig.tools.calibrate.RigContext;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rig commission}: the commissioning checks of SPEC section 7 for a newly wired rig, guided at
 * a terminal: (1) on each winch, motor and encoder directions agree (a small slow move up and back);
 * (2) each rope's load cell is on the channel the rig file says (the technician pulls the strap). A
 * summary table at the end names every fix; exit code 3 when any check did not pass.
 *
 * <p>Opens the nodes' serial ports itself, only when they are free (the service must not run).
 */
@Command(name = "commission",
        mixinStandardHelpOptions = true,
        versionProvider = RigVersion.class,
        sortOptions = false,
        description = {
            "Commissioning checks for a newly wired rig, guided step by step:",
            "  1. directions: on each winch, with the rope unloaded and your go, a small slow move UP (20 mm at"
                    + " 10 mm/s) and back down: the encoder must count the same way by about the commanded amount.",
            "  2. channels: for each rope you pull down on its strap, and the check watches which load channel"
                    + " answers: it must be the one the rig file says.",
            "Ends with a summary table naming every fix. Opens the nodes' ports itself: the rig service must be"
                    + " stopped (sudo systemctl stop liana-rig).",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every check passed",
            "1:unexpected failure (a bug: please report it with the output)",
            "2:bad usage or input: the rig file, a port in use or missing, a node that does not answer",
            "3:a check failed, was refused or skipped (the summary says which, and the fix)",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  rig commission --config /etc/liana-rig/rig.yaml",
            "  rig commission --config /etc/liana-rig/rig.yaml --winch left-leg-winch",
            "  rig commission --config rig.yaml --only channels --yes   # scripted: no questions",
            "The rig file comes from --config, $RIG_FILE or /etc/liana-rig/rig.yaml. See docs/commissioning.md.",
        })
public final class CommissionCommand implements Callable<Integer> {
    /** Exit code when a check did not pass. */
    public static final int CHECK_FAILED = 3;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Which steps run. */
    enum Steps {
        all, directions, channels
    }

    private final InputStream stdin;
    private final Map<String, String> env;

    @Spec
    CommandSpec spec;

    @Mixin
    RigFileOption rigFile = new RigFileOption();

    @Option(names = "--winch", paramLabel = "ID",
            description = "Check only this winch, and only the ropes on it.")
    String winchId;

    @Option(names = "--only", paramLabel = "directions|channels", defaultValue = "all",
            description = "Run only step 1 (directions) or step 2 (channels). Default: both.")
    Steps only;

    @Option(names = "--yes",
            description = "Answer every question yes, for scripted use: moves without asking (the rope is taken as"
                    + " unloaded where its channel is not calibrated), and does not ask which way the strap moved."
                    + " The pulls are still watched for.")
    boolean yes;

    @Option(names = "--pull-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to watch for a rope's pull, s (1..600). Default: ${DEFAULT-VALUE}.")
    long pullTimeoutS;

    /** Reads the process's standard input and environment. */
    public CommissionCommand() {
        this(System.in);
    }

    /** @param stdin the technician's answers */
    public CommissionCommand(InputStream stdin) {
        this(stdin, System.getenv());
    }

    CommissionCommand(InputStream stdin, Map<String, String> env) {
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() throws InterruptedException {
        OptionRules.of(spec).range("--pull-timeout", pullTimeoutS, 1, 600, "s");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Prompter prompter = new Prompter(new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)), out,
                System.console() == null);
        List<CheckResult> results = new ArrayList<>();
        try {
            RigContext ctx = load();
            RigConfig rig = ctx.rig();
            List<WinchConfig> winches = winches(rig);
            List<RopeConfig> ropes = winchId == null ? rig.ropes()
                    : rig.ropes().stream().filter(r -> r.winch().filter(winchId::equals).isPresent()).toList();
            out.println("rig commission: rig file " + ctx.rigFile());
            out.printf("  %d winch%s, %d rope%s to check; connecting to the nodes ...%n", winches.size(),
                    winches.size() == 1 ? "" : "es", ropes.size(), ropes.size() == 1 ? "" : "s");
            out.flush();
            try (RigConnection conn = RigConnection.open(rig, CONNECT_TIMEOUT, out)) {
                Thread hook = new Thread(conn::close, "rig-commission-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    for (var node : rig.nodes()) {
                        conn.session(node.id()).nodeInfo().ifPresent(info -> out.println("  node " + node.id() + ": "
                                + info.serial() + ", firmware " + info.firmwareVersion() + ", on "
                                + node.port().value()));
                    }
                    Calibrations calibrations = new Calibrations(rig, ctx.store());
                    try {
                        if (only != Steps.channels) {
                            directions(conn, rig, calibrations, prompter, out, winches, results);
                        }
                        if (only != Steps.directions) {
                            channels(conn, rig, calibrations, prompter, out, ropes, results);
                        }
                    } catch (Prompter.Abort a) {
                        out.println();
                        out.println(a.byUser() ? "Quit: the checks not done are not in the summary."
                                : "Standard input ended: the checks not done are not in the summary (scripts use --yes).");
                        results.add(CheckResult.notDone("commission", "-", a.byUser() ? "QUIT" : "INPUT ENDED",
                                "the technician quit before the end", ""));
                    }
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException e) {
                        // the JVM is shutting down: the hook closes the connection
                    }
                }
            }
        } catch (BadInputException e) {
            err.println("rig commission: " + e.getMessage());
            err.flush();
            return ExitCode.USAGE;
        }
        Summary.print(results, out);
        out.flush();
        return results.stream().allMatch(CheckResult::passed) && !results.isEmpty() ? ExitCode.OK : CHECK_FAILED;
    }

    /** The rig file and its calibrations. */
    private RigContext load() throws BadInputException {
        return RigContext.load(rigFile.given(), env);
    }

    private List<WinchConfig> winches(RigConfig rig) throws BadInputException {
        if (winchId == null) {
            return rig.winches();
        }
        WinchConfig w = rig.winch(winchId).orElseThrow(() -> new BadInputException("--winch " + winchId
                + ": no such winch in the rig file (its winches: " + String.join(", ", rig.winches().stream()
                        .map(WinchConfig::id).toList()) + ")"));
        return List.of(w);
    }

    private void directions(RigConnection conn, RigConfig rig, Calibrations calibrations, Prompter prompter,
            PrintWriter out, List<WinchConfig> winches, List<CheckResult> results)
            throws Prompter.Abort, InterruptedException {
        out.println();
        out.println("Step 1 of 2: motor and encoder directions");
        DirectionCheck check = new DirectionCheck(conn, rig, calibrations, prompter, out, yes);
        boolean faulted = false;
        for (WinchConfig w : winches) {
            if (faulted) {
                results.add(CheckResult.notDone("direction", w.id(), "NOT MOVED", "not moved after a fault on another"
                        + " winch", "fix the fault above, then run the check again"));
                continue;
            }
            CheckResult r = check.run(w);
            out.println("  => " + r.verdict() + ": " + r.detail());
            out.flush();
            results.add(r);
            faulted = r.verdict().startsWith("NODE FAULT") || r.verdict().equals("STOPPED")
                    || (r.verdict().equals("ENCODER INVERTED") && r.detail().contains("the node stopped it"));
        }
    }

    private void channels(RigConnection conn, RigConfig rig, Calibrations calibrations, Prompter prompter,
            PrintWriter out, List<RopeConfig> ropes, List<CheckResult> results)
            throws Prompter.Abort, InterruptedException {
        out.println();
        out.println("Step 2 of 2: which load channel answers to which rope (nothing moves)");
        ChannelCheck check = new ChannelCheck(conn, calibrations, prompter, out, yes, Duration.ofSeconds(pullTimeoutS));
        List<ChannelObservation> observed = new ArrayList<>();
        List<CheckResult> verdicts = new ArrayList<>();
        for (RopeConfig rope : ropes) {
            Optional<ChannelObservation> o = check.run(rope);
            if (o.isEmpty()) {
                results.add(CheckResult.notDone("channel", rope.id(), "SKIPPED", "skipped by the technician", ""));
                continue;
            }
            CheckResult r = ChannelVerdict.judge(o.get(), rig.ropes());
            out.println("  => " + r.verdict() + (r.passed() ? ": " + r.detail() : ": " + r.fix()));
            out.flush();
            observed.add(o.get());
            verdicts.add(r);
        }
        results.addAll(ChannelVerdict.withFixes(observed, verdicts, rig.ropes()));
    }
}
