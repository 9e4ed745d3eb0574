package com.lianarig.controller.aiming;

/**
 * The rig's part of the geometric estimate: where the measured strap point sits relative to the
 * client's ankle, and how much the ropes stretch under load.
 *
 * @param strapOffsetMm height of the rig's strap reference point (the height the winch positions
 *     describe) above the ankle in the inverted hang, -200..200 mm; added to the strap height
 * @param ropeStiffnessNPerMm stiffness of each rope, positive, N/mm (stretch mm = load N / stiffness)
 * @param ropeCount ropes sharing the load (2 for the leg straps), 1..4
 * @param strapWeightN weight hanging on each rope besides the client (strap, shackle, load cell), 0..200 N
 */
public record StrapGeometry(double strapOffsetMm, double ropeStiffnessNPerMm, int ropeCount, double strapWeightN) {

    public StrapGeometry {
        Checks.range("strapOffsetMm", strapOffsetMm, -200, 200);
        Checks.positive("ropeStiffnessNPerMm", ropeStiffnessNPerMm);
        if (ropeCount < 1 || ropeCount > 4) {
            throw new IllegalArgumentException("ropeCount " + ropeCount + " is outside 1..4");
        }
        Checks.range("strapWeightN", strapWeightN, 0, 200);
    }

    /**
     * Stretch of each rope under a total client load, mm.
     *
     * @param clientLoadN the client's load on all the ropes together, 0 or more, N
     */
    public double ropeStretchMm(double clientLoadN) {
        Checks.range("clientLoadN", clientLoadN, 0, Double.MAX_VALUE);
        return (clientLoadN / ropeCount + strapWeightN) / ropeStiffnessNPerMm;
    }
}
