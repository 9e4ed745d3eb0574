package com.lianarig.protocol;

/** What was wrong with a frame's content; each maps to the NACK reason a node would answer with. */
public enum ProtocolError {
    /** The payload length does not fit the message's layout. */
    PAYLOAD_LENGTH(NackReason.MALFORMED),
    /** A field is outside its documented range. */
    FIELD_OUT_OF_RANGE(NackReason.OUT_OF_RANGE),
    /** The message id is not in this protocol definition. */
    UNKNOWN_MESSAGE(NackReason.UNKNOWN_MESSAGE);

    private final NackReason nackReason;

    ProtocolError(NackReason nackReason) {
        this.nackReason = nackReason;
    }

    public NackReason nackReason() {
        return nackReason;
    }
}
