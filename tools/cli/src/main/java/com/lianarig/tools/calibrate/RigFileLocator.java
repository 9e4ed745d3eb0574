package com.lianarig.tools.calibrate;

import com.lianarig.config.rig.DataPathDefaults;
import com.lianarig.tools.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which rig file a tool reads, in this order:
 *
 * <ol>
 *   <li>{@code --config FILE};</li>
 *   <li>the environment variable {@value #ENV};</li>
 *   <li>{@code /etc/liana-rig/rig.yaml}, where an installed rig keeps it, when it exists.</li>
 * </ol>
 *
 * In a source checkout none of these is there: the example {@code config/examples/rig.yaml} describes
 * the virtual rig, not the rig in front of the technician, so it is never taken by default.
 */
public final class RigFileLocator {
    /** The environment variable naming the rig file. */
    public static final String ENV = "RIG_FILE";
    /** The rig file of an installed rig. */
    public static final Path INSTALLED = DataPathDefaults.INSTALLED_CONFIG_DIR.resolve("rig.yaml");

    private RigFileLocator() {
    }

    /**
     * @param option {@code --config}, or null
     * @param env the environment
     * @param installed the installed rig file's path ({@link #INSTALLED}; another in tests)
     * @throws BadInputException when none is given and none is installed
     */
    public static Path locate(Path option, Map<String, String> env, Path installed) throws BadInputException {
        if (option != null) {
            return option;
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.strip());
        }
        if (Files.isRegularFile(installed)) {
            return installed;
        }
        throw new BadInputException("which rig? give --config FILE, or set " + ENV + "=FILE (an installed rig uses "
                + installed + ", which does not exist here; in a source checkout the virtual rig's file is"
                + " config/examples/rig.yaml)");
    }
}
