package com.lianarig.tools.mqtt;

/**
 * The broker could not be used: unreachable, refused the login, a bad TLS or password file. The
 * message is meant for the person at the terminal as it is.
 */
public final class BrokerException extends Exception {
    private static final long serialVersionUID = 1L;

    public BrokerException(String message) {
        super(message);
    }
}
