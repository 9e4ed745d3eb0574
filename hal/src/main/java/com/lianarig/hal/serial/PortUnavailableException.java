package com.lianarig.hal.serial;

/** A serial port could not be found, locked or opened; the message says which and why. */
public final class PortUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public PortUnavailableException(String message) {
        super(message);
    }
}
