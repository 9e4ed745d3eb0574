package com.lianarig.config.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.lianarig.config.Identified;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads one mapping of a user's file, reporting every problem into {@link Problems} instead of
 * stopping at the first.
 *
 * <p>Each getter names a key; a missing, empty, mistyped or out-of-range value is reported with its
 * path, value and rule, and the getter returns a neutral value (null, NaN, 0, empty) that the caller
 * must not use: a body passed to {@link #build} checks {@link #clean()} before constructing its
 * record. The keys asked for are the mapping's known keys: {@link #finish()} reports every other key
 * as unknown, with a "did you mean" when one is close. So a body asks for every key it knows before
 * it returns, whatever it found.
 *
 * <p>Owned by the thread that reads the file.
 */
public final class ObjectReader {
    private final Problems problems;
    private final String path;
    private final JsonNode node;
    private final String what;
    private int mark;
    private final Set<String> known = new LinkedHashSet<>();

    private ObjectReader(Problems problems, String path, JsonNode node, String what) {
        this.problems = problems;
        this.path = path;
        this.node = node;
        this.what = what;
        this.mark = problems.count();
    }

    /**
     * The reader of a file's root mapping.
     *
     * @param what the file described for messages, e.g. "a rig file"
     * @return null when the root is not a mapping (reported)
     */
    public static ObjectReader root(Problems problems, JsonNode root, String what) {
        if (root == null) {
            return null;
        }
        if (!root.isObject()) {
            problems.add("", root, "is not a mapping of keys to values: " + what + " is one");
            return null;
        }
        return new ObjectReader(problems, "", root, what);
    }

    /**
     * Runs {@code body} on this mapping, then reports unknown keys.
     *
     * @return the body's result, or null when anything in this mapping (or below) was reported
     */
    public <T> T build(Function<ObjectReader, T> body) {
        mark = problems.count();
        T value = body.apply(this);
        finish();
        return clean() ? value : null;
    }

    /** This mapping's path, e.g. {@code ropes[2]}; empty for the root. */
    public String path() {
        return path;
    }

    /** The path of {@code key} in this mapping. */
    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The problem sink, for checks across keys. */
    public Problems problems() {
        return problems;
    }

    /**
     * Whether nothing has been reported since {@link #build} started on this mapping (or since it was
     * made): its own keys and everything below.
     */
    public boolean clean() {
        return problems.count() == mark;
    }

    /** Reports an error about this mapping's {@code key} (after its value was read). */
    public void error(String key, String rule) {
        JsonNode v = node.get(key);
        problems.add(path(key), v, rule);
    }

    /** Reports an error about this mapping as a whole. */
    public void error(String rule) {
        problems.add(path, null, rule);
    }

    /**
     * Constructs a value from checked fields, reporting a constructor's rejection (which the checks
     * before it should have made unreachable) at this mapping instead of throwing.
     */
    public <T> T construct(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add(path, null, "is not valid: " + e.getMessage());
            return null;
        }
    }

    /** Whether {@code key} is present (with any value, even an empty one). */
    public boolean has(String key) {
        known.add(key);
        return node.get(key) != null;
    }

    private JsonNode present(String key, String required) {
        known.add(key);
        JsonNode v = node.get(key);
        if (v == null) {
            if (required != null) {
                problems.add(path(key), null, "is required: " + required);
            }
            return null;
        }
        if (v.isNull() || (v.isTextual() && v.textValue().isEmpty())) {
            problems.add(path(key), null, "has no value: give " + (required == null ? "one" : required)
                    + " or remove the key");
            return null;
        }
        return v;
    }

    // ---- text

    /** Required text that passes {@code rule}; null when missing or bad (reported). */
    public String text(String key, TextRule rule, String expected) {
        return textValue(key, present(key, expected), rule, expected);
    }

    /** Optional text that passes {@code rule}; empty when missing, or bad (reported). */
    public Optional<String> optionalText(String key, TextRule rule, String expected) {
        return Optional.ofNullable(textValue(key, present(key, null), rule, expected));
    }

    private String textValue(String key, JsonNode v, TextRule rule, String expected) {
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(path(key), v, "is not text: " + expected + (v.isNumber() ? " (quote it)" : ""));
            return null;
        }
        String why = rule.problem(v.textValue());
        if (why != null) {
            problems.add(path(key), v, why);
            return null;
        }
        return v.textValue();
    }

    // ---- numbers

    /** Required number in [min, max]; NaN when missing or bad (reported). */
    public double number(String key, double min, double max, String unit) {
        return checkRange(key, numberValue(key, present(key, describe(min, max, unit))), min, max, unit);
    }

    /** Optional number in [min, max], or {@code defaultValue} when absent; NaN when bad (reported). */
    public double number(String key, double defaultValue, double min, double max, String unit) {
        known.add(key);
        if (node.get(key) == null) {
            return defaultValue;
        }
        return number(key, min, max, unit);
    }

    /** Optional number in [min, max]; empty when absent, or bad (reported). */
    public OptionalDouble optionalNumber(String key, double min, double max, String unit) {
        known.add(key);
        if (node.get(key) == null) {
            return OptionalDouble.empty();
        }
        double v = number(key, min, max, unit);
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * A number with no range check (the caller checks it with its own rule); empty when missing (and
     * reported when {@code required} is not null) or not a finite number (reported).
     */
    public OptionalDouble rawNumber(String key, String required) {
        double v = numberValue(key, present(key, required));
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /**
     * The file's required {@code formatVersion}: reported when missing or not {@code expected}.
     *
     * @param required how a missing key is described, e.g. "the rig file format, 1"
     */
    public void formatVersion(int expected, String required) {
        OptionalDouble v = rawNumber("formatVersion", required);
        if (v.isPresent() && v.getAsDouble() != expected) {
            error("formatVersion", "is not a format this software reads: it reads formatVersion " + expected);
        }
    }

    /** Required whole number in [min, max]; 0 when missing or bad (reported). */
    public long integer(String key, long min, long max, String unit) {
        known.add(key);
        double v = number(key, min, max, unit);
        if (Double.isNaN(v)) {
            return 0;
        }
        if (v != Math.rint(v)) {
            problems.add(path(key), node.get(key), "is not a whole number: " + describe(min, max, unit));
            return 0;
        }
        return (long) v;
    }

    /** Optional whole number in [min, max], or {@code defaultValue} when absent; 0 when bad (reported). */
    public long integer(String key, long defaultValue, long min, long max, String unit) {
        known.add(key);
        if (node.get(key) == null) {
            return defaultValue;
        }
        return integer(key, min, max, unit);
    }

    private double numberValue(String key, JsonNode v) {
        if (v == null) {
            return Double.NaN;
        }
        if (!v.isNumber()) {
            String hint = v.isTextual() && looksNumeric(v.textValue()) ? " (remove the quotes)" : "";
            problems.add(path(key), v, "is not a number" + hint);
            return Double.NaN;
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            problems.add(path(key), v, "is not a finite number");
            return Double.NaN;
        }
        return d;
    }

    private double checkRange(String key, double v, double min, double max, String unit) {
        if (Double.isNaN(v)) {
            return v;
        }
        if (v < min) {
            problems.add(path(key), node.get(key), "is below the minimum " + Problems.number(min) + units(unit));
            return Double.NaN;
        }
        if (v > max) {
            problems.add(path(key), node.get(key), "is above the maximum " + Problems.number(max) + units(unit));
            return Double.NaN;
        }
        return v;
    }

    private static boolean looksNumeric(String s) {
        try {
            Double.parseDouble(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** "a number 1..127 mm" for messages. */
    static String describe(double min, double max, String unit) {
        return "a number " + Problems.number(min) + ".." + Problems.number(max) + units(unit);
    }

    private static String units(String unit) {
        return unit == null || unit.isEmpty() ? "" : " " + unit;
    }

    // ---- booleans and choices

    /** Optional true/false, or {@code defaultValue} when absent; {@code defaultValue} when bad (reported). */
    public boolean bool(String key, boolean defaultValue) {
        JsonNode v = present(key, null);
        if (v == null) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            problems.add(path(key), v, "is not true or false");
            return defaultValue;
        }
        return v.booleanValue();
    }

    /** A required choice among {@code type}'s ids; null when missing or bad (reported). */
    public <E extends Enum<E> & Identified> E choice(String key, Class<E> type) {
        return choiceValue(key, present(key, "one of " + ids(type)), type);
    }

    /** An optional choice, or {@code defaultValue} when absent; null when bad (reported). */
    public <E extends Enum<E> & Identified> E choice(String key, Class<E> type, E defaultValue) {
        known.add(key);
        if (node.get(key) == null) {
            return defaultValue;
        }
        return choice(key, type);
    }

    private <E extends Enum<E> & Identified> E choiceValue(String key, JsonNode v, Class<E> type) {
        if (v == null) {
            return null;
        }
        if (v.isTextual()) {
            for (E e : type.getEnumConstants()) {
                if (e.id().equals(v.textValue())) {
                    return e;
                }
            }
            String near = Suggest.closest(v.textValue(),
                    Arrays.stream(type.getEnumConstants()).map(Identified::id).toList());
            problems.add(path(key), v, "is not one of " + ids(type) + (near == null ? "" : " (did you mean " + near
                    + "?)"));
            return null;
        }
        problems.add(path(key), v, "is not one of " + ids(type));
        return null;
    }

    private static <E extends Enum<E> & Identified> String ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Identified::id).collect(Collectors.joining(", "));
    }

    // ---- structure

    /** A required nested mapping; null when missing or not a mapping (reported). */
    public ObjectReader object(String key, String what) {
        return objectValue(key, present(key, what), what);
    }

    /** An optional nested mapping; empty when absent, or not a mapping (reported). */
    public Optional<ObjectReader> optionalObject(String key, String what) {
        known.add(key);
        if (node.get(key) == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(object(key, what));
    }

    private ObjectReader objectValue(String key, JsonNode v, String what) {
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            problems.add(path(key), v, "is not a mapping of keys to values: " + what + " is one");
            return null;
        }
        return new ObjectReader(problems, path(key), v, what);
    }

    /**
     * A list of mappings with {@code min..max} entries, one reader per entry in order; an entry that
     * is not a mapping is reported and stands as null, so indices match the file's.
     *
     * @param required whether an absent key is an error (else it reads as an empty list)
     * @param what one entry described for messages, e.g. "a rope"
     */
    public List<ObjectReader> objects(String key, boolean required, int min, int max, String what) {
        known.add(key);
        String expected = "a list of " + min + ".." + max + " entries, each " + what;
        JsonNode v = present(key, required ? expected : null);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            problems.add(path(key), v, "is not a list: " + expected + " (entries start with \"- \")");
            return List.of();
        }
        if (v.size() < min || v.size() > max) {
            problems.add(path(key), v, "has " + v.size() + " entries: " + expected);
        }
        List<ObjectReader> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = path(key) + "[" + i + "]";
            if (e.isObject()) {
                out.add(new ObjectReader(problems, p, e, what));
            } else {
                problems.add(p, e, "is not a mapping of keys to values: " + what + " is one");
                out.add(null);
            }
        }
        return out;
    }

    /**
     * Which one of {@code keys} is present: reports none or several (at this mapping) and returns
     * null then.
     */
    public String exactlyOne(String... keys) {
        List<String> present = new ArrayList<>();
        for (String k : keys) {
            if (has(k)) {
                present.add(k);
            }
        }
        if (present.size() == 1) {
            return present.get(0);
        }
        String choices = String.join(", ", keys);
        if (present.isEmpty()) {
            problems.add(path, null, "needs exactly one of " + choices);
        } else {
            problems.add(path(present.get(1)), node.get(present.get(1)),
                    "cannot be given with " + present.get(0) + ": give exactly one of " + choices);
        }
        return null;
    }

    /** Reports every key of this mapping that no getter asked for. */
    public void finish() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!known.contains(k)) {
                String near = Suggest.closest(k, known);
                problems.add(path(k), null, "is not a key of " + what
                        + (near == null ? "" : " (did you mean " + near + "?)")
                        + (known.isEmpty() ? "" : "; its keys are " + String.join(", ", known)));
            }
        }
    }
}
