package com.lianarig.protocol;

/** Range checks for message fields; each failure names the field, its value and its range. */
final class Fields {
    private Fields() {
    }

    static int range(int index, String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new FieldRangeException(index, name + " = " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    static long range(int index, String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new FieldRangeException(index, name + " = " + value + " is outside " + min + ".." + max);
        }
        return value;
    }

    /**
     * A coded field: decoders pass null for a byte that names no value, so the constructor's checks,
     * made in layout order, report the first bad field (the NACK DETAIL), whatever its kind.
     */
    static <T> T notNull(int index, String name, T value) {
        if (value == null) {
            throw new FieldRangeException(index, name + " is not one of the codes this protocol defines");
        }
        return value;
    }

    static int u32Max31(int index, String name, int value) {
        return range(index, name, value, 1, Integer.MAX_VALUE);
    }

    static final long U32_MAX = 0xFFFF_FFFFL;
}
