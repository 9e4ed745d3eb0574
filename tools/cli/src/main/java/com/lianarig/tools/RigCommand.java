package com.lianarig.tools;

import com.lianarig.tools.calibrate.CalibrateCommand;
import com.lianarig.tools.calibrate.CalibrateTareCommand;
import java.io.InputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
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
        subcommands = {RigHelpCommand.class, DecodeCommand.class, SimCommand.class, CalibrateCommand.class,
            com.lianarig.tools.service.RunCommand.class, com.lianarig.tools.service.DemoCommand.class,
            com.lianarig.tools.service.BenchServiceCommand.class,
            com.lianarig.tools.service.BenchMqttCommand.class,
            com.lianarig.tools.service.SoakCommand.class,
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

    /**
     * Runs the parsed command, after refusing words the parser could not place. Picocli lets them pass
     * when {@code --help} is given ({@code rig no-such-command --help} would print the top-level help and
     * exit 0): here they are a usage error, as without {@code --help}.
     */
    private static int execute(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) {
                throw new UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    public static void main(String[] args) {
        LogFile.choose(); // before anything logs: logback-service.xml reads it
        int exit = commandLine(System.in).execute(args);
        LogFile.stopLogging(); // the service's asynchronous appenders: their last lines before the exit
        System.exit(exit);
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
        commandLine.setExecutionStrategy(RigCommand::execute);
        return commandLine;
    }
}
