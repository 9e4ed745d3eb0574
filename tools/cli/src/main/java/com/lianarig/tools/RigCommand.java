package com.lianarig.tools;

import com.lianarig.tools.calibrate.CalibrateCommand;
import com.lianarig.tools.calibrate.CalibrateTareCommand;
import java.io.InputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code rig} command: the entry point of {@code rig.jar} and of the {@code ./rig} launcher.
 * Each subcommand is its own class; this one only dispatches.
 *
 * <p>Exit codes: 0 success, 1 unexpected failure, 2 bad usage or bad input (an unknown option or
 * subcommand prints the usage error on stderr).
 */
@Command(name = "rig",
        mixinStandardHelpOptions = true,
        versionProvider = RigVersion.class,
        description = "Tools for the liana rig controller (motorized rope rigs for gravity stretching).",
        subcommands = {HelpCommand.class, DecodeCommand.class, SimCommand.class, CalibrateCommand.class,
            com.lianarig.tools.service.RunCommand.class, com.lianarig.tools.service.DemoCommand.class,
            com.lianarig.tools.service.BenchServiceCommand.class,
            com.lianarig.tools.service.BenchMqttCommand.class,
            com.lianarig.tools.bench.BenchReactionCommand.class,
            com.lianarig.tools.journal.JournalCommand.class,
            com.lianarig.tools.doctor.DoctorCommand.class,
            com.lianarig.tools.panel.PanelCommand.class,
            com.lianarig.tools.pairing.PanelPairCommand.class,
            com.lianarig.tools.monitor.MonitorCommand.class,
            com.lianarig.tools.conformance.ConformanceCommand.class,
            com.lianarig.tools.commission.CommissionCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected failure (a bug: please report it with the output)",
            "2:bad usage or bad input",
            "3:the command ran and found a failure (doctor, commission, conformance: see its report), the broker is unreachable (panel, monitor), or the service could not start",
            "4:no rig answered at the topic root (panel, monitor)",
        },
        footerHeading = "%nSee:%n",
        footer = "  rig help COMMAND, and README.md in the source tree.")
public final class RigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.in).execute(args));
    }

    /**
     * The configured command line, its subcommands wired to {@code stdin}.
     *
     * @param stdin what commands read as standard input ({@code rig decode --file -}, {@code rig sim --until-eof},
     *     {@code rig calibrate}'s answers and batch commands)
     */
    public static CommandLine commandLine(InputStream stdin) {
        IFactory defaults = CommandLine.defaultFactory();
        IFactory factory = new IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == DecodeCommand.class) {
                    return cls.cast(new DecodeCommand(stdin));
                }
                if (cls == SimCommand.class) {
                    return cls.cast(new SimCommand(stdin));
                }
                if (cls == CalibrateCommand.class) {
                    return cls.cast(new CalibrateCommand(stdin));
                }
                if (cls == CalibrateTareCommand.class) {
                    return cls.cast(new CalibrateTareCommand(stdin));
                }
                if (cls == com.lianarig.tools.commission.CommissionCommand.class) {
                    return cls.cast(new com.lianarig.tools.commission.CommissionCommand(stdin));
                }
                return defaults.create(cls);
            }
        };
        CommandLine commandLine = new CommandLine(new RigCommand(), factory);
        commandLine.setParameterExceptionHandler(new ShortUsageErrorHandler());
        return commandLine;
    }
}
