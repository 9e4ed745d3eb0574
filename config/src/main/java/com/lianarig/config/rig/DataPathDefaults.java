package com.lianarig.config.rig;

import java.nio.file.Path;
import java.util.Map;

/**
 * The default data directory when the rig file does not set {@code paths.dataDir}, chosen so that a
 * developer checkout and an installed Pi both work without editing:
 *
 * <ol>
 *   <li>the environment variable {@value #ENV}, when set (it must be an absolute path);</li>
 *   <li>{@code /var/lib/liana-rig} when the service runs installed, which is decided by where the rig
 *       file is: directly in {@code /etc/liana-rig/} (where the package installs it);</li>
 *   <li>else {@code data/} next to the rig file (a checkout: {@code config/examples/data}).</li>
 * </ol>
 *
 * <p>No I/O: the rig file's path is taken as given (made absolute and normalised), links are not
 * followed.
 */
public final class DataPathDefaults {
    /** The environment variable that overrides the default data directory. */
    public static final String ENV = "RIG_DATA_DIR";
    /** Where an installed service's rig file lives. */
    public static final Path INSTALLED_CONFIG_DIR = Path.of("/etc/liana-rig");
    /** An installed service's data directory. */
    public static final Path INSTALLED_DATA_DIR = Path.of("/var/lib/liana-rig");
    /** The data directory's name next to a rig file outside {@link #INSTALLED_CONFIG_DIR}. */
    public static final String LOCAL_DATA_DIR_NAME = "data";

    private DataPathDefaults() {
    }

    /** Where the default came from, for messages and docs. */
    public enum Source {
        ENVIRONMENT, INSTALLED, NEXT_TO_RIG_FILE
    }

    /**
     * The chosen default.
     *
     * @param dataDir absolute
     * @param source why it was chosen
     */
    public record Choice(Path dataDir, Source source) {
    }

    /**
     * The default data directory for a rig file.
     *
     * @param env the environment ({@code System.getenv()} in the service)
     * @throws IllegalArgumentException when {@value #ENV} is set but not an absolute path
     */
    public static Choice choose(Path rigFile, Map<String, String> env) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            Path p = Path.of(fromEnv);
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("is not an absolute path");
            }
            return new Choice(p.normalize(), Source.ENVIRONMENT);
        }
        Path dir = rigDirectory(rigFile);
        if (dir.equals(INSTALLED_CONFIG_DIR)) {
            return new Choice(INSTALLED_DATA_DIR, Source.INSTALLED);
        }
        return new Choice(dir.resolve(LOCAL_DATA_DIR_NAME), Source.NEXT_TO_RIG_FILE);
    }

    /** The absolute, normalised directory of a rig file: relative paths in it are resolved against this. */
    public static Path rigDirectory(Path rigFile) {
        Path parent = rigFile.toAbsolutePath().normalize().getParent();
        return parent == null ? rigFile.toAbsolutePath().getRoot() : parent;
    }
}
