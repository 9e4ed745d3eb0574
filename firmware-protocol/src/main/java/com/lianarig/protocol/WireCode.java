package com.lianarig.protocol;

/** A value coded as one byte on the wire. */
public interface WireCode {
    /** The byte on the wire. */
    int code();

    /** The value's name, as PROTOCOL.md spells it. */
    String name();
}
