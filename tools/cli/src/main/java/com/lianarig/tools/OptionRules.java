package com.lianarig.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The rules an option's value must follow, checked before a command does anything. A value that breaks
 * one is a usage error: one line naming the option, the rule and the value given, then the command's
 * synopsis, exit code 2 ({@link ShortUsageErrorHandler}), never a stack trace.
 *
 * <p>Picocli already refuses a value of the wrong type ("'abc' is not an int"); these are the ranges.
 */
public final class OptionRules {
    /** The highest TCP port. */
    public static final int MAX_PORT = 65_535;

    private final CommandSpec spec;

    private OptionRules(CommandSpec spec) {
        this.spec = spec;
    }

    /** The rules for the command of {@code spec} (a command's, or a mixin's mixee's). */
    public static OptionRules of(CommandSpec spec) {
        return new OptionRules(spec);
    }

    /** The usage error for {@code option}: {@code "--x must be RULE (got VALUE)"}. */
    public ParameterException broken(String option, String rule, Object value) {
        return new ParameterException(spec.commandLine(), option + " must be " + rule + " (got " + text(value) + ")");
    }

    /** A TCP port, or 0 for any free one; null (not given) passes. */
    public OptionRules portOrAny(String option, Integer value) {
        if (value != null && (value < 0 || value > MAX_PORT)) {
            throw broken(option, "a TCP port, 1.." + MAX_PORT + ", or 0 for any free one", value);
        }
        return this;
    }

    /** A TCP port, 1..65535; null (not given) passes. */
    public OptionRules port(String option, Integer value) {
        if (value != null && (value < 1 || value > MAX_PORT)) {
            throw broken(option, "a TCP port, 1.." + MAX_PORT, value);
        }
        return this;
    }

    /** A whole number from {@code min} to {@code max}. */
    public OptionRules range(String option, long value, long min, long max, String unit) {
        if (value < min || value > max) {
            throw broken(option, min + ".." + max + suffix(unit), value);
        }
        return this;
    }

    /** A whole number of at least {@code min}. */
    public OptionRules atLeast(String option, long value, long min, String unit) {
        if (value < min) {
            throw broken(option, min + suffix(unit) + " or more", value);
        }
        return this;
    }

    /** A finite number above 0; null (not given) passes. */
    public OptionRules positive(String option, Double value, String unit) {
        if (value != null && !(value > 0 && Double.isFinite(value))) {
            throw broken(option, "a number above 0" + suffix(unit), value);
        }
        return this;
    }

    /** A number above 0 and at most {@code max}; null (not given) passes. */
    public OptionRules positiveAtMost(String option, Double value, double max, String unit) {
        if (value != null && !(value > 0 && value <= max)) {
            throw broken(option, "above 0" + suffix(unit) + " and at most " + number(max) + suffix(unit), value);
        }
        return this;
    }

    /** A finite number from {@code min} to {@code max}. */
    public OptionRules range(String option, double value, double min, double max, String unit) {
        if (!(value >= min && value <= max)) {
            throw broken(option, number(min) + ".." + number(max) + suffix(unit), value);
        }
        return this;
    }

    /** A file that exists, is a regular file (not a FIFO, device or directory) and can be read; null passes. */
    public OptionRules readableFile(String option, Path file) {
        if (file == null) {
            return this;
        }
        if (!Files.exists(file)) {
            throw broken(option, "an existing file", file);
        }
        if (!Files.isRegularFile(file)) {
            throw broken(option, "a regular file (not a directory, FIFO or device)", file);
        }
        if (!Files.isReadable(file)) {
            throw broken(option, "a file this user may read", file);
        }
        return this;
    }

    /** A directory, or a path where one can be made (not an existing file); null passes. */
    public OptionRules directory(String option, Path dir) {
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw broken(option, "a directory (it is a file)", dir);
        }
        return this;
    }

    private static String suffix(String unit) {
        return unit == null || unit.isEmpty() ? "" : " " + unit;
    }

    private static String text(Object value) {
        if (value instanceof Double d) {
            return number(d);
        }
        return String.valueOf(value);
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%s", d);
    }
}
