package com.lianarig.config.calibration;

import com.lianarig.config.rig.LimitSpec;
import com.lianarig.config.rig.Limits;

/**
 * What makes a calibration valid and a tare acceptable (SR-17), from the rig file's limits.
 *
 * @param maxLinearityErrorPercent a fit worse than this, % of full scale, is not valid
 * @param minFullScaleKg a fit whose largest reference mass is below this is not valid: too small a
 *     span to extrapolate to a hanging client from
 * @param tareMaxLoadKg tare is refused while a rope reads more than this (either way), kg
 * @param tareMaxSpreadKg tare is refused while readings spread more than this, kg: still moving
 * @param minTareSamples tare needs at least this many readings
 */
public record CalibrationPolicy(double maxLinearityErrorPercent, double minFullScaleKg, double tareMaxLoadKg,
        double tareMaxSpreadKg, int minTareSamples) {
    /** The smallest span of a valid fit, kg. */
    public static final double DEFAULT_MIN_FULL_SCALE_KG = 10;
    /** Readings a tare averages at least (0.1 s at 80 samples/s). */
    public static final int DEFAULT_MIN_TARE_SAMPLES = 8;

    public CalibrationPolicy {
        if (!(maxLinearityErrorPercent > 0 && minFullScaleKg > 0 && tareMaxLoadKg > 0 && tareMaxSpreadKg > 0)
                || minTareSamples < 2) {
            throw new IllegalArgumentException("calibration policy values must be positive (and 2+ samples)");
        }
    }

    /** The policy of a rig's limits. */
    public static CalibrationPolicy from(Limits limits) {
        return new CalibrationPolicy(limits.maxLinearityErrorPercent(), DEFAULT_MIN_FULL_SCALE_KG,
                limits.tareMaxLoadKg(), limits.tareMaxSpreadKg(), DEFAULT_MIN_TARE_SAMPLES);
    }

    /** The policy of SPEC section 4's defaults. */
    public static CalibrationPolicy defaults() {
        return new CalibrationPolicy(LimitSpec.MAX_LINEARITY_ERROR_PERCENT.defaultValue(), DEFAULT_MIN_FULL_SCALE_KG,
                LimitSpec.TARE_MAX_LOAD_KG.defaultValue(), LimitSpec.TARE_MAX_SPREAD_KG.defaultValue(),
                DEFAULT_MIN_TARE_SAMPLES);
    }
}
