package com.lianarig.controller.aiming;

/**
 * The rope share expected for a strap height, inverted hang (SPEC section 5, "expected rope load"):
 * the inverse of aiming. The hanging part runs from the strap (the ankle) along the body to where it
 * meets the mat, {@code strapHeight - strapOffset} away; the ropes carry the Dempster masses of that
 * part. Between the published band ends the mass is spread evenly: feet and legs from the ankle to
 * the trochanter (share 0 to 0.322), the pelvis to L4-L5 (0.464), the spine by
 * {@link SegmentMassTable#shareAtLevel}, and above C7-T1 the head and neck to the vertex (0.919 to 1).
 * Pure and allocation-free.
 */
public final class ShareModel {
    private ShareModel() {
    }

    /**
     * Expected fraction of body weight on the leg-strap ropes, 0..1.
     *
     * @param body the client's geometry
     * @param strapHeightMm loaded strap height above the mat, mm
     * @param strapOffsetMm the strap's offset from the ankle along the body, mm
     */
    public static double atStrapHeight(BodyGeometry body, double strapHeightMm, double strapOffsetMm) {
        double d = strapHeightMm - strapOffsetMm;
        if (!(d > 0)) {
            return 0;
        }
        double trochanterMm = BodyProportions.TROCHANTER * body.statureMm() - body.ankleHeightMm();
        if (d <= trochanterMm) {
            return SegmentMassTable.SHARE_TROCHANTER * d / trochanterMm;
        }
        double l4l5Level = SpineLevels.levelsBelowC7T1(com.lianarig.config.SpineSegment.L4_L5);
        double l4l5Mm = body.ankleToLevelMm(l4l5Level);
        if (d <= l4l5Mm) {
            return SegmentMassTable.SHARE_TROCHANTER + (SegmentMassTable.SHARE_L4_L5 - SegmentMassTable.SHARE_TROCHANTER)
                    * (d - trochanterMm) / (l4l5Mm - trochanterMm);
        }
        double c7Mm = body.ankleToLevelMm(0);
        if (d >= c7Mm) {
            double vertexMm = body.statureMm() - body.ankleHeightMm();
            double f = Math.min(1, (d - c7Mm) / (vertexMm - c7Mm));
            return SegmentMassTable.SHARE_C7_T1 + (1 - SegmentMassTable.SHARE_C7_T1) * f;
        }
        // Bisection on the level: the distance from the ankle grows as the level rises toward C7-T1 (level 0).
        double lo = 0;
        double hi = l4l5Level;
        for (int i = 0; i < 40; i++) {
            double mid = 0.5 * (lo + hi);
            if (body.ankleToLevelMm(mid) > d) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return SegmentMassTable.shareAtLevel(0.5 * (lo + hi));
    }
}
