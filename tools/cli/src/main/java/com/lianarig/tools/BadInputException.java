package com.lianarig.tools;

/**
 * Input a command cannot use (unreadable file, malformed hex): the message names what was wrong and
 * where. Commands print the message alone (no stack trace) and exit with code 2.
 */
public final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
