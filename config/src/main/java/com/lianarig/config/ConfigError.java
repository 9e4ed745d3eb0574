package com.lianarig.config;

import java.util.Objects;

/**
 * One thing wrong with a user's file: where it is, what it says and which rule it breaks.
 *
 * <p>Rendered as {@code file:line:column: path: value rule}, for example
 * {@code rig.yaml:57:14: ropes[2].limitKg: 180 is above the rope's ratedWorkingLoadKg 150}.
 *
 * @param file the file as the user named it (or a description such as "environment")
 * @param path the place inside the file, e.g. {@code ropes[2].limitKg}; empty for the whole file
 * @param line 1-based line in the file, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param value the offending value as written (text quoted), or null when there is none (a missing key)
 * @param rule what is wrong, phrased to follow the value: "is above the rope's ratedWorkingLoadKg 150"
 */
public record ConfigError(String file, String path, int line, int column, String value, String rule) {

    public ConfigError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line " + line + " and column " + column + " must not be negative");
        }
    }

    /** The one-line message a user reads. */
    public String message() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (!path.isEmpty()) {
            sb.append(path).append(": ");
        }
        if (value != null) {
            sb.append(value).append(' ');
        }
        return sb.append(rule).toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
