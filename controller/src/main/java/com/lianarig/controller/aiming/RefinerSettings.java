package com.lianarig.controller.aiming;

/**
 * Limits of the live height refinement (SPEC section 5).
 *
 * @param maxStepMm largest change of the strap height one proposal makes, positive, mm
 * @param maxCorrectionMm largest total correction away from the aimed (preset) height, either way,
 *     positive, at most 150 mm (SPEC section 5 default: 60 mm)
 * @param deadbandMm a wanted correction this small or smaller is not made, 0 or more, below maxStepMm
 */
public record RefinerSettings(double maxStepMm, double maxCorrectionMm, double deadbandMm) {
    /** SPEC section 5: the refinement stays within +-60 mm of the aimed height. */
    public static final double DEFAULT_MAX_CORRECTION_MM = 60;
    /** Default step per proposal, mm. */
    public static final double DEFAULT_MAX_STEP_MM = 10;
    /** Default dead band, mm. */
    public static final double DEFAULT_DEADBAND_MM = 1;

    public RefinerSettings {
        Checks.positive("maxStepMm", maxStepMm);
        Checks.positive("maxCorrectionMm", maxCorrectionMm);
        Checks.range("maxCorrectionMm", maxCorrectionMm, 0, 150);
        Checks.range("deadbandMm", deadbandMm, 0, maxStepMm);
        if (deadbandMm >= maxStepMm) {
            throw new IllegalArgumentException("deadbandMm " + deadbandMm + " is not below maxStepMm " + maxStepMm);
        }
    }

    /** Step 10 mm, correction +-60 mm, dead band 1 mm. */
    public static RefinerSettings defaults() {
        return new RefinerSettings(DEFAULT_MAX_STEP_MM, DEFAULT_MAX_CORRECTION_MM, DEFAULT_DEADBAND_MM);
    }
}
