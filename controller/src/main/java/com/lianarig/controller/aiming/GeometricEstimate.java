package com.lianarig.controller.aiming;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.ClientProfile;
import java.util.Objects;

/**
 * The geometric estimate of SPEC section 5: the strap height above the mat that puts the bend of the
 * inverted hang at a segment, from the client's body and the rig's geometry.
 *
 * <p>Strap height = distance along the body from the ankle (the leg strap, 0.039 H, Drillis and Contini
 * via Winter fig. 4.1) to the segment's standing height ({@link BodyGeometry}: cervicale 0.855 H and
 * iliocristale 0.61 H from ANSUR II 2012, or the client's measured landmarks) + the client's personal
 * offset for the segment + the rig's strap offset. The winch set-point adds the rope stretch under the
 * expected load ({@link SegmentMassTable#expectedRopeLoadN}), since a loaded rope hangs lower by it.
 * No SR-20 cap is applied here: every target passes {@link HeightRefiner} or the caller's SR-20 check.
 *
 * @param segment the target segment
 * @param bodyDistanceMm ankle to the segment along the body, mm
 * @param personalOffsetMm the client's saved offset for the segment, mm
 * @param strapOffsetMm the rig's strap reference point above the ankle, mm
 * @param ropeStretchMm each rope's stretch under the expected load, mm, 0 or more
 */
public record GeometricEstimate(SpineSegment segment, double bodyDistanceMm, double personalOffsetMm,
        double strapOffsetMm, double ropeStretchMm) {

    public GeometricEstimate {
        Objects.requireNonNull(segment, "segment");
        Checks.positive("bodyDistanceMm", bodyDistanceMm);
        Checks.finite("personalOffsetMm", personalOffsetMm);
        Checks.finite("strapOffsetMm", strapOffsetMm);
        Checks.range("ropeStretchMm", ropeStretchMm, 0, 1000);
    }

    /** The estimate for a client profile aimed at a segment on a rig. */
    public static GeometricEstimate of(ClientProfile profile, SpineSegment segment, StrapGeometry strap) {
        return of(BodyGeometry.of(profile), profile.massKg(), profile.offsetMm(segment), segment, strap);
    }

    /**
     * The estimate for a body aimed at a segment on a rig.
     *
     * @param massKg body mass, 20..250 kg
     * @param personalOffsetMm the client's offset for the segment, mm
     */
    public static GeometricEstimate of(BodyGeometry body, double massKg, double personalOffsetMm,
            SpineSegment segment, StrapGeometry strap) {
        double loadN = SegmentMassTable.expectedRopeLoadN(massKg, segment);
        return new GeometricEstimate(segment, body.ankleToLevelMm(SpineLevels.levelsBelowC7T1(segment)),
                personalOffsetMm, strap.strapOffsetMm(), strap.ropeStretchMm(loadN));
    }

    /** Loaded strap height above the mat, mm: body distance + personal offset + strap offset. */
    public double strapHeightMm() {
        return bodyDistanceMm + personalOffsetMm + strapOffsetMm;
    }

    /** Winch set-point height (the unloaded strap height), mm: the strap height + the rope stretch. */
    public double setPointHeightMm() {
        return strapHeightMm() + ropeStretchMm;
    }
}
