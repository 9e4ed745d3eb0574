package com.lianarig.tools.conformance;

import com.lianarig.hal.serial.JSerialCommLink;
import com.lianarig.hal.serial.SerialLinkState;
import com.lianarig.hal.serial.SerialSettings;
import com.lianarig.tools.OptionRules;
import com.lianarig.tools.RigVersion;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rig conformance PORT}: exercises a node (real or virtual) over its serial port against
 * firmware-protocol/PROTOCOL.md and prints a pass/fail table, one row per check. For firmware
 * engineers; docs/conformance.md says what each check does and what the motion checks move.
 *
 * <p>Exit codes: 0 every check passed (skipped ones aside), 3 at least one failed, 2 bad usage or a
 * port that cannot be opened, 1 an unexpected failure.
 */
@Command(name = "conformance",
        mixinStandardHelpOptions = true,
        versionProvider = RigVersion.class,
        sortOptions = false,
        description = {
            "Exercise a node over its serial port against the protocol document (firmware-protocol/PROTOCOL.md):"
                    + " identify and definition hash, every message and its NACKs, CRC and resynchronisation,"
                    + " duplicate SEQs, the heartbeat watchdog and sticky shutdown, and (with"
                    + " --i-understand-winches-move) the set-point gap stop and the node-side limits.",
            "Prints one row per check: id, PASS/FAIL/SKIP, PROTOCOL.md section, what, measured / limit.",
            "Stop the rig service first (it holds the port). The node ends in SHUTDOWN (its watchdog) with"
                    + " positions referenced to test values: restart it before use.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every check passed (skipped ones aside)",
            "3:at least one check failed",
            "2:bad usage, or the port cannot be opened",
            "1:unexpected failure",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  rig conformance /dev/ttyACM0            # only the checks that move nothing",
            "  rig conformance /dev/ttyACM0 --winch 1 --i-understand-winches-move",
            "  rig conformance /tmp/rig --allowance-ms 50   # after: rig sim --link /tmp/rig",
            "  rig conformance --list",
        })
public final class ConformanceCommand implements Callable<Integer> {
    /** Exit code when a check failed. */
    public static final int EXIT_FAILED = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PORT",
            description = "The node's serial port: a device path (/dev/ttyACM0, /dev/serial/by-id/...) or a pty.")
    Path port;

    @Option(names = "--address", defaultValue = "1", paramLabel = "N",
            description = "The node's address, 1..127. Default: ${DEFAULT-VALUE}.")
    int address;

    @Option(names = "--winch", defaultValue = "0", paramLabel = "N",
            description = "The winch the checks use, 0..7. Default: ${DEFAULT-VALUE}.")
    int winch;

    @Option(names = "--baud", defaultValue = "1000000", paramLabel = "BAUD",
            description = "Baud rate, 8N1. Default: ${DEFAULT-VALUE}.")
    int baud;

    @Option(names = "--i-understand-winches-move",
            description = "Also run the checks that move the winch (brake release, set-points, brake test):"
                    + " a little and slowly, see --move-counts and --max-speed-counts-per-s. Keep people clear.")
    boolean motion;

    @Option(names = "--max-speed-counts-per-s", defaultValue = "200", paramLabel = "COUNTS_PER_S",
            description = "The speed limit configured on the winch and the fastest it is moved. Default:"
                    + " ${DEFAULT-VALUE} (10 mm/s at 20 counts/mm).")
    int maxSpeedCountsPerS;

    @Option(names = "--move-counts", defaultValue = "100", paramLabel = "COUNTS",
            description = "How far the motion checks move the winch from where it stands. Default: ${DEFAULT-VALUE}"
                    + " (5 mm at 20 counts/mm).")
    int moveCounts;

    @Option(names = "--allowance-ms", defaultValue = "5", paramLabel = "MS",
            description = "Added to every time limit for the path between node and tester (USB, pty, scheduling)."
                    + " Default: ${DEFAULT-VALUE}.")
    long allowanceMs;

    @Option(names = "--only", split = ",", paramLabel = "ID",
            description = "Run only these checks (e.g. I2,W1); their preparation (identify, configure) still happens.")
    List<String> only;

    @Option(names = "--list", description = "List the checks and exit.")
    boolean list;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (list) {
            for (Check c : ConformanceRun.catalogue()) {
                out.printf("%-4s %-16s %s%s%n", c.id(), c.section(), c.what(), c.moves() ? "  [moves]" : "");
            }
            out.flush();
            return ExitCode.OK;
        }
        ConformanceSettings settings = settings();
        Set<String> selected = selected();
        if (!Files.exists(port)) {
            err.println("rig conformance: no serial port at " + port + " (is the node plugged in? ls /dev/serial/by-id/)");
            err.flush();
            return ExitCode.USAGE;
        }
        JSerialCommLink link = JSerialCommLink.byPath(port.toString(), SerialSettings.defaults().withBaudRate(baud));
        AtomicReference<String> refusal = new AtomicReference<>();
        CountDownLatch decided = new CountDownLatch(1);
        NodeProbe probe = new NodeProbe(link, address, NanoClock.system());
        try {
            probe.start((state, reason) -> {
                if (state == SerialLinkState.OPEN) {
                    decided.countDown();
                } else if (state == SerialLinkState.RECONNECTING && decided.getCount() > 0) {
                    refusal.compareAndSet(null, reason);
                    decided.countDown();
                }
            });
            if (!decided.await(5, TimeUnit.SECONDS) || refusal.get() != null) {
                err.println("rig conformance: cannot open " + port + ": " + (refusal.get() == null
                        ? "no answer from the port within 5 s" : plain(refusal.get())));
                err.flush();
                return ExitCode.USAGE;
            }
            out.println("rig conformance: node " + address + " on " + port + " at " + baud + " baud, winch " + winch);
            if (motion) {
                out.println("WARNING: winch " + winch + " WILL MOVE: up to " + moveCounts + " counts from where it"
                        + " stands, at most " + maxSpeedCountsPerS + " counts/s; its brakes are released and tested."
                        + " Keep people and loads clear.");
            } else {
                out.println("motion checks (X1-X10) are skipped: add --i-understand-winches-move to run them");
            }
            out.flush();
            List<ConformanceRun.Result> results = new ConformanceRun(probe, settings, selected).run(out);
            boolean failed = results.stream().anyMatch(r -> r.verdict().status() == Verdict.Status.FAIL);
            return failed ? EXIT_FAILED : ExitCode.OK;
        } finally {
            probe.close();
        }
    }

    /** The link's retry reason without its own prefix and the retry it plans ("; next attempt in 100 ms"). */
    private String plain(String reason) {
        String r = reason.replaceFirst("; next attempt in \\d+ ms$", "");
        String prefix = "cannot open " + port + ": ";
        return r.startsWith(prefix) ? r.substring(prefix.length()) : r;
    }

    private ConformanceSettings settings() {
        if (port == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'PORT'");
        }
        OptionRules.of(spec).range("--address", address, 1, 127, "")
                .range("--winch", winch, 0, 7, "")
                .range("--baud", baud, 1_200, 12_000_000, "baud")
                .range("--max-speed-counts-per-s", maxSpeedCountsPerS, 1, 100_000, "counts/s")
                .range("--move-counts", moveCounts, 2, 100_000, "counts")
                .range("--allowance-ms", allowanceMs, 0, 10_000, "ms");
        try {
            new SerialSettings(baud, 100, 2_000, 4096, 250, SerialSettings.defaultLockDirectory());
            return new ConformanceSettings(address, winch, motion, allowanceMs, maxSpeedCountsPerS, moveCounts);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Set<String> selected() {
        if (only == null) {
            return Set.of();
        }
        Set<String> known = ConformanceRun.catalogue().stream().map(Check::id).collect(Collectors.toSet());
        Set<String> ids = new LinkedHashSet<>();
        for (String id : only) {
            String upper = id.trim().toUpperCase(java.util.Locale.ROOT);
            if (!known.contains(upper)) {
                throw new ParameterException(spec.commandLine(), "--only " + id + ": no such check (see --list)");
            }
            ids.add(upper);
        }
        return ids;
    }
}
