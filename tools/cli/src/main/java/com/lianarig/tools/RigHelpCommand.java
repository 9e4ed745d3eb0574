package com.lianarig.tools;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/**
 * {@code rig help [COMMAND [SUBCOMMAND...]]}: the help of any command, nested ones included
 * ({@code rig help calibrate status}); picocli's own help command takes one level only.
 */
@Command(name = "help", helpCommand = true,
        description = "Show the help of a command: rig help COMMAND [SUBCOMMAND], e.g. rig help calibrate status.")
final class RigHelpCommand implements IHelpCommandInitializable2, Runnable {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommands, to describe.")
    List<String> commands = new ArrayList<>();

    private CommandLine self;
    private Help.ColorScheme colorScheme;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter outWriter,
            PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colorScheme = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        StringBuilder path = new StringBuilder(target.getCommandName());
        for (String name : commands) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                throw new ParameterException(self, "Unknown command: '" + name + "' (" + path + "'s commands: "
                        + String.join(", ", target.getSubcommands().keySet()) + ")");
            }
            target = sub;
            path.append(' ').append(name);
        }
        target.usage(out, colorScheme);
        out.flush();
    }
}
