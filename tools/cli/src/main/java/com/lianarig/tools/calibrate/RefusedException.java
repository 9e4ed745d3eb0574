package com.lianarig.tools.calibrate;

import java.util.Objects;

/**
 * A calibration step that cannot be done as asked (no zero point yet, a fit that is not valid, a
 * reading that never settled...): {@link #reason()} is a stable code for scripts, the message says
 * why in words and what to do. Nothing is saved when a step is refused.
 */
public final class RefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param reason an upper-case code, e.g. {@code NO_ZERO}, {@code NOT_VALID}, {@code MOVING}
     * @param message why, for the technician
     */
    public RefusedException(String reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The stable code of the refusal, e.g. {@code NOT_VALID}. */
    public String reason() {
        return reason;
    }
}
