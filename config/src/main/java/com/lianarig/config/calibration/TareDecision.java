package com.lianarig.config.calibration;

import java.util.Objects;

/**
 * The answer to a tare request: accepted with the new zero, or refused with a reason.
 *
 * @param refusal null when accepted
 * @param message what to tell the technician, either way
 * @param offsetCounts the new zero (mean of the readings) when accepted; NaN when refused
 */
public record TareDecision(Refusal refusal, String message, double offsetCounts) {

    /** Why a tare is refused. */
    public enum Refusal {
        /** There is no valid calibration to judge the load by: a full calibration comes first. */
        NO_CALIBRATION,
        /** Too few readings to judge. */
        TOO_FEW_SAMPLES,
        /** A reading is not a finite value of a 24-bit ADC. */
        BAD_SAMPLE,
        /** The rope is loaded (SR-17). */
        LOADED,
        /** The reading is so far below zero that the zero has drifted beyond what tare may correct. */
        ZERO_TOO_FAR,
        /** The readings still move. */
        MOVING
    }

    public TareDecision {
        Objects.requireNonNull(message, "message");
        if ((refusal == null) == Double.isNaN(offsetCounts)) {
            throw new IllegalArgumentException("an accepted tare has an offset, a refused one has none");
        }
    }

    static TareDecision accept(double offsetCounts, String message) {
        return new TareDecision(null, message, offsetCounts);
    }

    static TareDecision refuse(Refusal why, String message) {
        return new TareDecision(why, message, Double.NaN);
    }

    /** Whether the tare may be applied. */
    public boolean accepted() {
        return refusal == null;
    }
}
