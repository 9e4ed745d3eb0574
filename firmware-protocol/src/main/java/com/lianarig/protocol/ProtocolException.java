package com.lianarig.protocol;

/**
 * A frame whose CRC was good but whose content breaks the protocol: the reason, and for a field out
 * of range the field's index in the message layout (the NACK DETAIL byte).
 */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ProtocolError error;
    private final int fieldIndex;

    public ProtocolException(ProtocolError error, int fieldIndex, String message) {
        super(message);
        this.error = error;
        this.fieldIndex = fieldIndex;
    }

    public ProtocolError error() {
        return error;
    }

    /** Index of the offending field in the message layout, or 0 when the error is not about a field. */
    public int fieldIndex() {
        return fieldIndex;
    }
}
