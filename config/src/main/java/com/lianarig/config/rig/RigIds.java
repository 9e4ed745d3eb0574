package com.lianarig.config.rig;

import java.util.Objects;
import java.util.regex.Pattern;

/** The checks record constructors share. */
final class RigIds {
    /** An id: 1..32 letters, digits, '-' or '_', starting with a letter or digit (safe in MQTT topics). */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");

    private RigIds() {
    }

    static void require(String what, String id) {
        Objects.requireNonNull(id, what);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " \"" + id + "\" is not an id (1..32 letters, digits, '-' or"
                    + " '_', starting with a letter or digit)");
        }
    }

    static void range(String what, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
    }

    static void range(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
    }
}
