package com.lianarig.tools.doctor;

import com.lianarig.config.ConfigException;
import com.lianarig.config.rig.NodeConfig;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.hal.gpio.GpioBackend;
import com.lianarig.tools.BadInputException;
import com.lianarig.tools.GpioChoice;
import com.lianarig.tools.OptionRules;
import com.lianarig.tools.RigFileOption;
import com.lianarig.tools.RigVersion;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rig doctor}: checks that the rig controller can run here, each printed as PASS, WARN or FAIL
 * with what was found and, for WARN and FAIL, the fix. Changes nothing. Every check has a time-out.
 */
@Command(name = "doctor",
        mixinStandardHelpOptions = true,
        versionProvider = RigVersion.class,
        sortOptions = false,
        description = {
            "Check this machine and the rig: Java, the rig file, each node's serial port and the node on it"
                    + " (identify, protocol definition hash), GPIO and the safety chain, every load channel's"
                    + " calibration and its age, today's pre-use check, the MQTT broker and its login, the journal,"
                    + " disk space and the clock.",
            "Each line says PASS, WARN or FAIL and what was found; WARN and FAIL lines are followed by the fix."
                    + " Changes nothing. A node's port held by the running service is a WARN: stop the service to"
                    + " check the node from here.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every check passed or warned",
            "1:unexpected failure (a bug: please report it with the output)",
            "2:bad usage (no rig file given or found)",
            "3:at least one check failed",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  rig doctor                                  (installed: /etc/liana-rig/rig.yaml)",
            "  rig doctor --config /etc/liana-rig/rig.yaml",
            "See docs/operations.md.",
        })
public final class DoctorCommand implements Callable<Integer> {
    /** The exit code when a check failed. */
    public static final int FAILED = 3;

    private final Map<String, String> env;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    @Mixin
    RigFileOption rigFile = new RigFileOption();

    @Option(names = "--calibration-max-age-days", paramLabel = "DAYS", defaultValue = "180",
            description = "Warn about calibrations older than this (default ${DEFAULT-VALUE} days).")
    int calibrationMaxAgeDays;

    @Option(names = "--gpio", paramLabel = "CHIP", defaultValue = "gpiod", converter = GpioChoice.Converter.class,
            description = "gpiod (default: the Pi's GPIO chip) or none: a bench without GPIO, where the service runs"
                    + " with rig run --gpio none (its safety chain is simulated)")
    GpioChoice gpio;

    /** Where the GPIO chips would be (a field for tests). */
    Path devDirectory = Path.of("/dev");

    public DoctorCommand() {
        this(System.getenv(), Clock.systemDefaultZone());
    }

    DoctorCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        OptionRules.of(spec).atLeast("--calibration-max-age-days", calibrationMaxAgeDays, 1, "days");
        PrintWriter out = spec.commandLine().getOut();
        Path rigFile;
        try {
            rigFile = this.rigFile.locate(env);
        } catch (BadInputException e) {
            spec.commandLine().getErr().println("rig doctor: " + e.getMessage());
            return 2;
        }
        Doctor doctor = new Doctor(out);
        out.println("rig doctor: " + rigFile);
        out.println();
        doctor.report(javaVersion());
        RigConfig rig = loadConfig(doctor, rigFile);
        if (rig != null) {
            for (NodeConfig node : rig.nodes()) {
                CheckResult port = doctor.run(SerialChecks.port(rig, rigFile, node));
                if (port.status() == Status.PASS) {
                    java.util.List<CheckResult> link = new java.util.ArrayList<>(1);
                    doctor.run(SerialChecks.node(rig, node, link::add));
                    link.forEach(doctor::report);
                }
            }
            doctor.run(GpioCheck.of(rig, gpio, devDirectory));
            CalibrationChecks.calibrations(rig, rigFile, clock, Duration.ofDays(calibrationMaxAgeDays))
                    .forEach(doctor::report);
            doctor.report(CalibrationChecks.preUse(rig, clock));
            java.util.List<CheckResult> serviceLinks = new java.util.ArrayList<>();
            doctor.run(BrokerCheck.withServiceLinks(rig, rigFile, serviceLinks::add));
            serviceLinks.forEach(doctor::report);
            doctor.run(StorageChecks.journal(rig, rigFile));
            doctor.run(StorageChecks.damage(rig));
            doctor.run(StorageChecks.disk(rig));
            doctor.run(StorageChecks.clock(rig, clock, buildTime()));
        } else {
            out.println("      (the other checks need a rig file that loads)");
        }
        doctor.summary();
        return doctor.count(Status.FAIL) > 0 ? FAILED : 0;
    }

    private static CheckResult javaVersion() {
        Runtime.Version v = Runtime.version();
        String found = "Java " + v + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")";
        if (v.feature() < 17) {
            return CheckResult.fail("Java version", found, "install Java 17 or newer: sudo apt-get install"
                    + " openjdk-17-jre-headless");
        }
        return CheckResult.pass("Java version", found);
    }

    private RigConfig loadConfig(Doctor doctor, Path rigFile) {
        String name = "rig file";
        if (!Files.exists(rigFile)) {
            doctor.report(CheckResult.fail(name, rigFile + " does not exist", "give the rig file with --config FILE;"
                    + " an installed rig keeps it in /etc/liana-rig/rig.yaml (the package's example to start from)"));
            return null;
        }
        try {
            RigConfig rig = new RigConfigLoader(env).load(rigFile);
            doctor.report(CheckResult.pass(name, rigFile + " is valid: " + rig.nodes().size() + " node(s), "
                    + rig.winches().size() + " winch(es), " + rig.ropes().size() + " rope(s)"));
            return rig;
        } catch (ConfigException e) {
            doctor.report(CheckResult.fail(name, rigFile + " has " + e.errors().size() + " problem(s): "
                    + e.getMessage().replace('\n', ' '), "edit " + rigFile + " where each problem says (every key is"
                    + " documented in docs/rig-config.md), then run rig doctor again"));
            return null;
        }
    }

    /** When this program was built: the modification time of the jar (or class directory) it runs from. */
    static Instant buildTime() {
        try {
            Path p = Path.of(DoctorCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) ? Files.getLastModifiedTime(p).toInstant() : null;
        } catch (URISyntaxException | java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
