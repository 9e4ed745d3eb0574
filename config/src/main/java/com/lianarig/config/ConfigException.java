package com.lianarig.config;

import java.util.List;

/**
 * A user's file (rig file, client profile, calibration file) cannot be used: carries every error
 * found, not only the first. Its message lists them all, one per line, ready to print as it is.
 */
public final class ConfigException extends Exception {
    private final List<ConfigError> errors;

    /** @param errors at least one error */
    public ConfigException(List<ConfigError> errors) {
        super(render(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** A single error. */
    public ConfigException(ConfigError error) {
        this(List.of(error));
    }

    /** Every error, in the order of the file. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String render(List<ConfigError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).message();
        }
        StringBuilder sb = new StringBuilder().append(errors.size()).append(" errors:");
        for (ConfigError e : errors) {
            sb.append("\n  ").append(e.message());
        }
        return sb.toString();
    }
}
