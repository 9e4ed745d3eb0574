package com.lianarig.controller.aiming;

import java.util.EnumSet;
import java.util.Objects;

/**
 * Refines the strap height on the live rope share (SPEC section 5): the measured share says where
 * the bend is ({@link SegmentMassTable#segmentAtShare}); the next height moves the bend toward the
 * target segment by at most a step, within a bounded total correction around the aimed height, never
 * above the client's SR-20 maximum strap height and never outside the travel limits. Pure and
 * deterministic: the same inputs give the same proposal.
 *
 * <p>Order of limits: step, then the correction bound, then SR-20, then travel; SR-20 and travel
 * always win (a current height outside the bound is brought back to it, even if by more than a step).
 * A share outside the spine's range moves one step in the direction it shows (up when below L5-S1,
 * down when above C7-T1), never by an extrapolated distance.
 */
public final class HeightRefiner {
    private final RefinerSettings settings;

    /** A refiner with these limits. */
    public HeightRefiner(RefinerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The limits this refiner applies. */
    public RefinerSettings settings() {
        return settings;
    }

    /**
     * The next strap height (SR-20: never above the target's cap).
     *
     * @param target the target segment and limits
     * @param currentHeightMm the strap height now, mm
     * @param measuredShare measured leg-rope load (net of straps) / body weight, finite
     */
    public HeightProposal propose(RefinementTarget target, double currentHeightMm, double measuredShare) {
        Objects.requireNonNull(target, "target");
        Checks.finite("currentHeightMm", currentHeightMm);
        BendEstimate bend = SegmentMassTable.segmentAtShare(measuredShare);
        BodyGeometry body = target.body();
        double targetLevelHeightMm = body.segmentHeightMm(target.segment());
        double bendHeightMm = body.spineLevelHeightMm(bend.levelsBelowC7T1());
        double wantedMm = targetLevelHeightMm - bendHeightMm;
        switch (bend.range()) {
            case BELOW_L5_S1 -> wantedMm += settings.maxStepMm();
            case ABOVE_C7_T1 -> wantedMm -= settings.maxStepMm();
            case WITHIN_SPINE -> { }
        }
        EnumSet<HeightProposal.Clamp> clamps = EnumSet.noneOf(HeightProposal.Clamp.class);
        double moveMm = Math.abs(wantedMm) <= settings.deadbandMm() ? 0 : wantedMm;
        if (Math.abs(moveMm) > settings.maxStepMm()) {
            moveMm = Math.copySign(settings.maxStepMm(), moveMm);
            clamps.add(HeightProposal.Clamp.STEP);
        }
        double heightMm = currentHeightMm + moveMm;
        double lowMm = target.aimedHeightMm() - settings.maxCorrectionMm();
        double highMm = target.aimedHeightMm() + settings.maxCorrectionMm();
        if (heightMm > highMm || heightMm < lowMm) {
            heightMm = Math.max(lowMm, Math.min(highMm, heightMm));
            clamps.add(HeightProposal.Clamp.CORRECTION_BOUND);
        }
        if (heightMm > target.sr20MaxStrapHeightMm()) { // SR-20
            heightMm = target.sr20MaxStrapHeightMm();
            clamps.add(HeightProposal.Clamp.SR20_CAP);
        }
        if (heightMm > target.maxTravelMm() || heightMm < target.minTravelMm()) {
            heightMm = Math.max(target.minTravelMm(), Math.min(target.maxTravelMm(), heightMm));
            clamps.add(HeightProposal.Clamp.TRAVEL);
        }
        return new HeightProposal(heightMm, currentHeightMm, wantedMm, bend, clamps);
    }
}
