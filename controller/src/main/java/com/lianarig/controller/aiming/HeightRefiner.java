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
 * A share outside the spine's range (flagged in the proposal's {@link BendEstimate}) is placed with
 * the neighbouring published band (pelvis to the trochanter, head and neck to the vertex), not by
 * extending the spine's curve; beyond those bands the wanted correction adds one step.
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
        if (!bend.withinSpine()) {
            wantedMm -= beyondSpineMm(measuredShare, body.statureMm());
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

    /**
     * How far a bend outside the spine lies beyond the nearer spine end, mm, positive above C7-T1: from
     * the neighbouring published band (Dempster via Winter: the pelvis band down to the greater
     * trochanter, 0.322 of body weight at 0.530 H; the head and neck band up to the vertex, 1.0 at
     * 1.0 H), in the reference proportions of the stature; a share beyond those bands adds one step.
     * This keeps the wanted correction continuous across the spine ends, so a target at C7-T1 or
     * L5-S1 settles instead of hunting a step either side.
     */
    private double beyondSpineMm(double share, double statureMm) {
        double l5s1Fraction = BodyProportions.spineLevelHeightFraction(SpineLevels.LOWEST_LEVEL);
        if (share < SegmentMassTable.SHARE_C7_T1) {
            double bendFraction = BodyProportions.TROCHANTER + (BodyProportions.ILIOCRISTALE - BodyProportions.TROCHANTER)
                    * Math.max(0, share - SegmentMassTable.SHARE_TROCHANTER)
                    / (SegmentMassTable.SHARE_L4_L5 - SegmentMassTable.SHARE_TROCHANTER);
            double extraMm = share < SegmentMassTable.SHARE_TROCHANTER ? settings.maxStepMm() : 0;
            return (bendFraction - l5s1Fraction) * statureMm - extraMm;
        }
        double headBand = 1.0 - BodyProportions.CERVICALE;
        double bendFraction = BodyProportions.CERVICALE + headBand
                * Math.min(1, (share - SegmentMassTable.SHARE_C7_T1) / (1.0 - SegmentMassTable.SHARE_C7_T1));
        double extraMm = share > 1.0 ? settings.maxStepMm() : 0;
        return (bendFraction - BodyProportions.CERVICALE) * statureMm + extraMm;
    }
}
