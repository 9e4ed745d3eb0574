package com.lianarig.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@link MessageType#layout()} strings independently of the codec, so tests can check the
 * table against the records: {@code u8 u16 i16 i24 u32 i32} fields; {@code n x {..}} a group
 * repeated n times; {@code n x char name} n ASCII bytes. Field indexes count the fields of a group
 * once, in order (LOAD_SAMPLES: nodeTimeUs 0, firstChannel 1, count 2, rawCounts 3, status 4).
 */
final class Layouts {
    private Layouts() {
    }

    /**
     * One field of a layout.
     *
     * @param name the field's name
     * @param bytes its size in bytes (one element, for a repeated field)
     * @param repeatedBy the count field's name for a repeated field, or null
     */
    record Field(String name, int bytes, String repeatedBy) {
    }

    private static final Pattern GROUP = Pattern.compile("(\\w+) x \\{(.*)\\}");
    private static final Pattern CHARS = Pattern.compile("(\\w+) x char (\\w+)");
    private static final Pattern SCALAR = Pattern.compile("(u8|u16|i16|i24|u32|i32) (\\w+)");

    static List<Field> parse(String layout) {
        List<Field> fields = new ArrayList<>();
        for (String part : splitTopLevel(layout)) {
            Matcher m;
            if ((m = GROUP.matcher(part)).matches()) {
                for (String inner : splitTopLevel(m.group(2))) {
                    Field f = scalar(inner);
                    fields.add(new Field(f.name(), f.bytes(), m.group(1)));
                }
            } else if ((m = CHARS.matcher(part)).matches()) {
                fields.add(new Field(m.group(2), 1, m.group(1)));
            } else {
                fields.add(scalar(part));
            }
        }
        return fields;
    }

    static List<String> fieldNames(MessageType type) {
        List<String> names = new ArrayList<>();
        for (Field f : parse(type.layout())) {
            names.add(f.name());
        }
        return names;
    }

    /** The layout index of {@code name} in {@code type}'s layout. */
    static int indexOf(MessageType type, String name) {
        int i = fieldNames(type).indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(type + " has no field " + name + ": " + type.layout());
        }
        return i;
    }

    /** Bytes of the fields that are not repeated. */
    static int fixedBytes(List<Field> fields) {
        int n = 0;
        for (Field f : fields) {
            if (f.repeatedBy() == null) {
                n += f.bytes();
            }
        }
        return n;
    }

    /** Bytes of one repetition of the repeated fields (0 for a fixed layout). */
    static int bytesPerRepetition(List<Field> fields) {
        int n = 0;
        for (Field f : fields) {
            if (f.repeatedBy() != null) {
                n += f.bytes();
            }
        }
        return n;
    }

    static int sizeOf(String fieldType) {
        switch (fieldType) {
            case "u8":
                return 1;
            case "u16":
            case "i16":
                return 2;
            case "i24":
                return 3;
            case "u32":
            case "i32":
                return 4;
            default:
                throw new IllegalArgumentException("unknown field type " + fieldType);
        }
    }

    private static Field scalar(String part) {
        Matcher m = SCALAR.matcher(part);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a field: '" + part + "'");
        }
        return new Field(m.group(2), sizeOf(m.group(1)), null);
    }

    /** Splits at commas outside braces; trims; drops empty parts. */
    private static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ',';
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String p = s.substring(start, i).trim();
                if (!p.isEmpty()) {
                    parts.add(p);
                }
                start = i + 1;
            }
        }
        return parts;
    }
}
