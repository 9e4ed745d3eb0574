package com.lianarig.tools;

import com.lianarig.tools.calibrate.RigFileLocator;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --config FILE}: the rig file, the one name every command gives it. {@code --rig FILE}, the
 * old spelling of some commands, still works but is not shown in the help.
 */
public final class RigFileOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The rig file (docs/rig-config.md). Default: $RIG_FILE, else /etc/liana-rig/rig.yaml"
                    + " when installed.")
    Path config;

    @Option(names = "--rig", paramLabel = "FILE", hidden = true, description = "The old spelling of --config.")
    Path oldSpelling;

    /**
     * The rig file given on the command line, or null.
     *
     * @throws ParameterException when --config and --rig name different files
     */
    public Path given() {
        if (config != null && oldSpelling != null && !config.equals(oldSpelling)) {
            throw new ParameterException(mixee.commandLine(), "--config and --rig (its old spelling) name"
                    + " different files (" + config + ", " + oldSpelling + "): give the rig file once, with --config");
        }
        return config != null ? config : oldSpelling;
    }

    /**
     * The rig file: given, else {@code $RIG_FILE}, else the installed one ({@link RigFileLocator}).
     *
     * @throws BadInputException when there is none, saying how to give one
     */
    public Path locate(Map<String, String> env) throws BadInputException {
        return RigFileLocator.locate(given(), env, RigFileLocator.INSTALLED);
    }
}
