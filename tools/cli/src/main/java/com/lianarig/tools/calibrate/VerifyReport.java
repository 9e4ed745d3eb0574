package com.lianarig.tools.calibrate;

import java.util.Objects;

/**
 * A verification against a known mass: what the new calibration reads with it hanging.
 *
 * @param knownMassKg the mass hung, kg
 * @param readKg what the calibration reads, kg
 * @param errorPercent (read - known) / known, %
 * @param allowedErrorKg the largest |read - known| that passes, kg
 * @param reading the averaged raw reading
 */
public record VerifyReport(double knownMassKg, double readKg, double errorPercent, double allowedErrorKg,
        PointReading reading) {
    public VerifyReport {
        Objects.requireNonNull(reading, "reading");
    }

    /** Whether the reading is within the allowed error. */
    public boolean passed() {
        return Math.abs(readKg - knownMassKg) <= allowedErrorKg;
    }
}
