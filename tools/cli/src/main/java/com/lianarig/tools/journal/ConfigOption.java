package com.lianarig.tools.journal;

import com.lianarig.config.ConfigException;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.tools.BadInputException;
import com.lianarig.tools.RigFileOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The rig file a read-only tool reads ({@code rig journal}, {@code rig doctor}): {@code --config FILE}
 * ({@link RigFileOption}), else {@code $RIG_FILE}, else the installed {@code /etc/liana-rig/rig.yaml}.
 */
public final class ConfigOption {
    private ConfigOption() {
    }

    /**
     * The rig file, located and loaded.
     *
     * @throws BadInputException naming the file and every problem in it
     */
    public static Loaded load(RigFileOption option, Map<String, String> env) throws BadInputException {
        Path rigFile = option.locate(env);
        if (!Files.exists(rigFile)) {
            throw new BadInputException("rig file " + rigFile + " does not exist");
        }
        try {
            return new Loaded(rigFile, new RigConfigLoader(env).load(rigFile));
        } catch (ConfigException e) {
            throw new BadInputException("the rig file cannot be used: " + e.getMessage());
        }
    }

    /** The rig file's path, given or found, and its contents. */
    public record Loaded(Path file, RigConfig rig) {
    }
}
