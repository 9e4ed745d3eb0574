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
            throw new FieldRangeException(index, name + UNDEFINED_CODE);
        }
        return value;
    }

    /**
     * Builds a decoded record and, if its constructor rejects a coded field that decoded to null,
     * reports that field with the byte that was on the wire.
     *
     * @param codeFields pairs of (layout index, payload offset) of the record's coded fields
     */
    static <R> R decoded(java.util.function.Supplier<R> build, byte[] b, int off, int... codeFields) {
        try {
            return build.get();
        } catch (FieldRangeException e) {
            for (int i = 0; i < codeFields.length; i += 2) {
                if (codeFields[i] == e.fieldIndex() && e.getMessage().endsWith(UNDEFINED_CODE)) {
                    String name = e.getMessage().substring(0, e.getMessage().length() - UNDEFINED_CODE.length());
                    throw new FieldRangeException(e.fieldIndex(), name + " = " + Wire.u8(b, off + codeFields[i + 1])
                            + " is not a defined code");
                }
            }
            throw e;
        }
    }

    private static final String UNDEFINED_CODE = " is not one of the codes this protocol defines";

    static final long U32_MAX = 0xFFFF_FFFFL;
}
