package com.lianarig.tools.mqtt;

/** A payload on a rig topic that does not follow docs/mqtt.md: what was wrong, for the display. */
public final class MalformedPayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedPayloadException(String message) {
        super(message);
    }
}
