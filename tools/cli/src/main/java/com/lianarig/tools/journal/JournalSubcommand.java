package com.lianarig.tools.journal;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.tools.BadInputException;
import com.lianarig.tools.RigFileOption;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What {@code rig journal}'s reports ({@code clients}, {@code maintenance}) share: the rig file (their
 * own {@code --config}, else {@code rig journal}'s), a {@code --format} of text or json, and bad input
 * reported as {@code rig journal NAME: ...} with exit code 2.
 */
abstract class JournalSubcommand implements Callable<Integer> {
    final Map<String, String> env;
    final Clock clock;

    @Spec
    CommandSpec spec;

    @ParentCommand
    JournalCommand parent;

    @Mixin
    RigFileOption rigFile = new RigFileOption();

    JournalSubcommand() {
        this(System.getenv(), Clock.systemDefaultZone());
    }

    JournalSubcommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    /**
     * Prints the report.
     *
     * @throws BadInputException naming what is wrong with the options, the rig file or the journal
     */
    abstract void report(PrintWriter out) throws BadInputException;

    @Override
    public final Integer call() {
        try {
            PrintWriter out = spec.commandLine().getOut();
            report(out);
            out.flush();
            return 0;
        } catch (BadInputException e) {
            spec.commandLine().getErr().println("rig journal " + spec.name() + ": " + e.getMessage());
            return 2;
        }
    }

    /**
     * True for {@code --format json}, false for text; csv is for records only.
     *
     * @param what what the report is, as the refusal says it ("clients are", "maintenance is")
     */
    static boolean wantsJson(String format, String what) throws BadInputException {
        RecordFormat fmt = JournalCommand.format(format);
        if (fmt == RecordFormat.CSV) {
            throw new BadInputException("--format csv is for records; " + what + " text or json");
        }
        return fmt == RecordFormat.JSON;
    }

    /** The rig file: this subcommand's {@code --config}, else {@code rig journal}'s ({@code rig journal --config FILE clients}). */
    RigConfig rig() throws BadInputException {
        return ConfigOption.load(rigFile.given() == null && parent != null ? parent.rigFile : rigFile, env).rig();
    }
}
