package com.lianarig.controller.aiming;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One proposal of {@link HeightRefiner}: the next strap height and why it is what it is.
 *
 * @param heightMm the proposed strap height, mm
 * @param currentHeightMm the strap height it was proposed from, mm
 * @param wantedCorrectionMm the correction the measured share asked for before any limit, mm
 *     (positive raises the straps)
 * @param bend the live estimate of the segment at the bend, from the measured share
 * @param clamps every limit that changed the proposal (empty when none did)
 */
public record HeightProposal(double heightMm, double currentHeightMm, double wantedCorrectionMm, BendEstimate bend,
        Set<Clamp> clamps) {

    /** A limit that cut the proposal short. */
    public enum Clamp {
        /** The per-proposal step ({@link RefinerSettings#maxStepMm}). */
        STEP,
        /** The total correction bound around the aimed height (SPEC section 5, default +-60 mm). */
        CORRECTION_BOUND,
        /** SR-20: the client's maximum strap height. */
        SR20_CAP,
        /** The rig's travel (soft) limits. */
        TRAVEL
    }

    public HeightProposal {
        Checks.finite("heightMm", heightMm);
        Checks.finite("currentHeightMm", currentHeightMm);
        Checks.finite("wantedCorrectionMm", wantedCorrectionMm);
        Objects.requireNonNull(bend, "bend");
        clamps = clamps.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(clamps));
    }

    /** The change this proposal makes, mm (positive raises the straps). */
    public double moveMm() {
        return heightMm - currentHeightMm;
    }

    /** Whether a limit other than the step stopped the proposal (the target may be out of reach). */
    public boolean heldByLimit() {
        return clamps.contains(Clamp.CORRECTION_BOUND) || clamps.contains(Clamp.SR20_CAP)
                || clamps.contains(Clamp.TRAVEL);
    }
}
