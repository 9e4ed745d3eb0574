package com.lianarig.hal.serial;

/** Where a serial link stands; every change is reported with a reason. */
public enum SerialLinkState {
    /** Trying to open the port. */
    OPENING,
    /** Open: bytes flow both ways. */
    OPEN,
    /** The open port died (unplugged, read -1, write error or stall); it has been closed. */
    LOST,
    /** Waiting (backoff) before the next attempt to open. */
    RECONNECTING,
    /** Not started, or closed for good. */
    CLOSED
}
