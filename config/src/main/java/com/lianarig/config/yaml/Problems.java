package com.lianarig.config.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.lianarig.config.ConfigError;
import com.lianarig.config.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The errors found in one file, collected so they can be reported all at once. Each error gets the
 * line and column of its path (or of the nearest enclosing value that has one: a missing key points
 * at its mapping), taken from the positions {@link Documents} recorded.
 *
 * <p>Owned by the thread that reads the file.
 */
public final class Problems {
    private static final int MAX_VALUE_CHARS = 60;

    private final String file;
    private final Map<String, Position> positions = new HashMap<>();
    private final List<ConfigError> errors = new ArrayList<>();
    private final Set<String> refused = new HashSet<>();
    private int suppressed;

    /** @param file the file as the user should read it in messages */
    public Problems(String file) {
        this.file = file;
    }

    /** The file name used in messages. */
    public String file() {
        return file;
    }

    /** Records where the value at {@code path} sits (a later record wins). */
    void position(String path, Position p) {
        positions.put(path, p);
    }

    /** Records where {@code path} starts unless already known (a key before its value). */
    void positionIfAbsent(String path, Position p) {
        if (p != null) {
            positions.putIfAbsent(path, p);
        }
    }

    /**
     * Reports an error about a value in the file.
     *
     * @param path e.g. {@code ropes[2].limitKg}
     * @param value the offending value, or null for a missing one
     * @param rule what is wrong, phrased to follow the value
     */
    public void add(String path, JsonNode value, String rule) {
        addRendered(path, value == null ? null : render(value), rule);
    }

    /**
     * Reports a value refused as written (before it is read: a number in a notation YAML versions read
     * differently) and keeps further errors about the same value out: it gets one error, the one that
     * says how to write it.
     */
    void refuse(Position p, String path, String written, String rule) {
        if (refused.add(path)) {
            addAt(p, path, written, rule);
        }
    }

    /** Reports an error about a value already rendered (text quoted, see {@link #quote}). */
    public void addRendered(String path, String renderedValue, String rule) {
        if (refused.contains(path)) {
            suppressed++; // refused as written already: one error per value (still a problem for count())
            return;
        }
        Position p = positionOf(path);
        errors.add(new ConfigError(file, path, p == null ? 0 : p.line(), p == null ? 0 : p.column(), renderedValue,
                rule));
    }

    /** Reports an error about a number computed or read earlier. */
    public void add(String path, double value, String rule) {
        addRendered(path, number(value), rule);
    }

    /** Reports an error about the file as a whole, at a known position or none. */
    void addAt(Position p, String rule) {
        addAt(p, "", null, rule);
    }

    /** Reports an error at a known position (one that differs from the path's recorded one). */
    void addAt(Position p, String path, String renderedValue, String rule) {
        errors.add(new ConfigError(file, path, p == null ? 0 : p.line(), p == null ? 0 : p.column(), renderedValue,
                rule));
    }

    /** How many errors so far: a reader compares counts to tell whether a part of the file was clean. */
    public int count() {
        return errors.size() + suppressed;
    }

    /** The errors so far, in the order of the file (errors without a line last). */
    public List<ConfigError> errors() {
        List<ConfigError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt((ConfigError e) -> e.line() == 0 ? Integer.MAX_VALUE : e.line())
                .thenComparingInt(ConfigError::column));
        return sorted;
    }

    /** Throws every error collected so far, if there is any. */
    public void throwIfAny() throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors());
        }
    }

    /** The recorded position of {@code path} or of its nearest ancestor that has one. */
    Position positionOf(String path) {
        String p = path;
        while (true) {
            Position found = positions.get(p);
            if (found != null || p.isEmpty()) {
                return found;
            }
            p = parent(p);
        }
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** A value as written: text quoted, whole numbers without a fraction, containers by kind. */
    public static String render(JsonNode v) {
        if (v.isTextual()) {
            return quote(v.textValue());
        }
        if (v.isFloatingPointNumber()) {
            return number(v.doubleValue());
        }
        if (v.isNumber()) {
            return v.asText();
        }
        if (v.isNull()) {
            return "(empty)";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return v.asText();
    }

    /** A number as a user would write it: {@code 180}, {@code 79.5775}. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Text in double quotes, shortened when long, control characters escaped. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), MAX_VALUE_CHARS);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > n) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
