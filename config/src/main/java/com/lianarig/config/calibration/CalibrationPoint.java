package com.lianarig.config.calibration;

/**
 * One calibration point: the averaged raw reading with a known mass on the rope.
 *
 * @param rawCounts averaged raw ADC counts (a 24-bit ADC: within +-2^23)
 * @param referenceMassKg the reference mass hanging on the rope, kg (0 for the unloaded point)
 */
public record CalibrationPoint(double rawCounts, double referenceMassKg) {
    /** Standard gravity, m/s^2: reference masses become loads with it. */
    public static final double STANDARD_GRAVITY_M_PER_S2 = 9.80665;
    /** The largest magnitude a 24-bit ADC reports, counts. */
    public static final double MAX_ABS_COUNTS = 1 << 23;
    /** The largest reference mass accepted, kg. */
    public static final double MAX_REFERENCE_MASS_KG = 2_000;

    public CalibrationPoint {
        if (!(Math.abs(rawCounts) <= MAX_ABS_COUNTS)) {
            throw new IllegalArgumentException("rawCounts " + rawCounts + " is outside +-2^23");
        }
        if (!(referenceMassKg >= 0 && referenceMassKg <= MAX_REFERENCE_MASS_KG)) {
            throw new IllegalArgumentException("referenceMassKg " + referenceMassKg + " is outside 0.."
                    + MAX_REFERENCE_MASS_KG);
        }
    }

    /** The reference load: mass x standard gravity, N. */
    public double referenceLoadN() {
        return referenceMassKg * STANDARD_GRAVITY_M_PER_S2;
    }
}
