package com.lianarig.controller.aiming;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.ClientProfile;
import java.util.Objects;

/**
 * What a refinement aims at and the limits it must respect. All heights are strap heights above the
 * mat in one coordinate (the caller's), mm.
 *
 * @param segment the target segment
 * @param body the client's geometry, to turn spine levels into millimetres
 * @param aimedHeightMm the height the aim started from (preset or geometric estimate): the centre of
 *     the bounded correction, mm
 * @param sr20MaxStrapHeightMm SR-20: the client's maximum strap height, mm, not below the lower travel
 *     limit
 * @param minTravelMm lowest strap height the rig allows (soft limit), mm
 * @param maxTravelMm highest strap height the rig allows (soft limit), mm, above minTravelMm
 */
public record RefinementTarget(SpineSegment segment, BodyGeometry body, double aimedHeightMm,
        double sr20MaxStrapHeightMm, double minTravelMm, double maxTravelMm) {

    public RefinementTarget {
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(body, "body");
        Checks.finite("aimedHeightMm", aimedHeightMm);
        Checks.finite("sr20MaxStrapHeightMm", sr20MaxStrapHeightMm);
        Checks.finite("minTravelMm", minTravelMm);
        Checks.finite("maxTravelMm", maxTravelMm);
        if (!(minTravelMm < maxTravelMm)) {
            throw new IllegalArgumentException("travel " + minTravelMm + ".." + maxTravelMm + " mm is empty");
        }
        if (sr20MaxStrapHeightMm < minTravelMm) {
            throw new IllegalArgumentException("SR-20 max strap height " + sr20MaxStrapHeightMm
                    + " mm is below the lower travel limit " + minTravelMm + " mm: no height is allowed");
        }
    }

    /**
     * The target for a client profile; SR-20's cap comes from the profile.
     *
     * @throws IllegalArgumentException when the profile has no SR-20 max strap height (an inverted hang
     *     without one is refused)
     */
    public static RefinementTarget of(ClientProfile profile, SpineSegment segment, double aimedHeightMm,
            double minTravelMm, double maxTravelMm) {
        if (profile.maxStrapHeightMm().isEmpty()) {
            throw new IllegalArgumentException("client " + profile.id()
                    + " has no SR-20 max strap height: an inverted hang cannot be refined");
        }
        return new RefinementTarget(segment, BodyGeometry.of(profile), aimedHeightMm,
                profile.maxStrapHeightMm().getAsDouble(), minTravelMm, maxTravelMm);
    }
}
