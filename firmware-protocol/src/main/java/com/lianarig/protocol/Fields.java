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

    static <T> T present(int index, String name, T value, int wireCode) {
        if (value == null) {
            throw new FieldRangeException(index, name + " = " + wireCode + " is not a defined code");
        }
        return value;
    }

    static <T> T notNull(int index, String name, T value) {
        if (value == null) {
            throw new FieldRangeException(index, name + " is missing");
        }
        return value;
    }

    static int u32Max31(int index, String name, int value) {
        return range(index, name, value, 1, Integer.MAX_VALUE);
    }

    static final long U32_MAX = 0xFFFF_FFFFL;
}
