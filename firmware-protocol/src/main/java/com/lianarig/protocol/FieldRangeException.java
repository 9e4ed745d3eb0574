package com.lianarig.protocol;

/** A message field outside its documented range; thrown by the message records' constructors. */
public final class FieldRangeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int fieldIndex;

    FieldRangeException(int fieldIndex, String message) {
        super(message);
        this.fieldIndex = fieldIndex;
    }

    /** Index of the field in its message's layout (PROTOCOL.md), from 0. */
    public int fieldIndex() {
        return fieldIndex;
    }
}
