package com.lianarig.controller.aiming;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.profile.Landmark;

/**
 * One client's standing heights of the landmarks aiming needs: the ankle (where the leg straps sit)
 * and the two spine ends, cervicale (C7-T1) and iliocristale (L4-L5); the levels between (and L5-S1
 * just below) lie on the line between them by spine length ({@link SpineLevels}).
 *
 * @param statureMm standing height, 1000..2300 mm
 * @param ankleHeightMm ankle height above the floor, mm, above 0 and below the iliocristale
 * @param iliocristaleHeightMm iliac-crest height (L4-L5), mm, below the cervicale
 * @param cervicaleHeightMm C7 spinous process height (C7-T1), mm, below the stature
 */
public record BodyGeometry(double statureMm, double ankleHeightMm, double iliocristaleHeightMm,
        double cervicaleHeightMm) {

    public BodyGeometry {
        Checks.statureMm(statureMm);
        if (!(ankleHeightMm > 0 && ankleHeightMm < iliocristaleHeightMm && iliocristaleHeightMm < cervicaleHeightMm
                && cervicaleHeightMm < statureMm)) {
            throw new IllegalArgumentException("landmarks must rise 0 < ankle " + ankleHeightMm + " < iliocristale "
                    + iliocristaleHeightMm + " < cervicale " + cervicaleHeightMm + " < stature " + statureMm + " mm");
        }
    }

    /** The reference proportions of {@link BodyProportions} for a stature, mm. */
    public static BodyGeometry fromStature(double statureMm) {
        Checks.statureMm(statureMm);
        return new BodyGeometry(statureMm, BodyProportions.ANKLE * statureMm,
                BodyProportions.ILIOCRISTALE * statureMm, BodyProportions.CERVICALE * statureMm);
    }

    /**
     * The client's geometry: the profile's measured cervicale and iliocristale heights where present,
     * the published proportions of its stature otherwise; the ankle always from the proportions (the
     * profile has no ankle landmark; its trochanterion is not needed here).
     */
    public static BodyGeometry of(ClientProfile profile) {
        BodyGeometry reference = fromStature(profile.statureMm());
        return new BodyGeometry(profile.statureMm(), reference.ankleHeightMm(),
                profile.landmarkHeightsMm().getOrDefault(Landmark.ILIOCRISTALE, reference.iliocristaleHeightMm()),
                profile.landmarkHeightsMm().getOrDefault(Landmark.CERVICALE, reference.cervicaleHeightMm()));
    }

    /**
     * Standing height above the floor of a spine level, mm.
     *
     * @param levelsBelowC7T1 levels below C7-T1, 0..17
     */
    public double spineLevelHeightMm(double levelsBelowC7T1) {
        Checks.range("levelsBelowC7T1", levelsBelowC7T1, 0, SpineLevels.LOWEST_LEVEL);
        return cervicaleHeightMm - (cervicaleHeightMm - iliocristaleHeightMm)
                * SpineLevels.unitsBelowC7T1(levelsBelowC7T1) / SpineLevels.c7ToL4L5Units();
    }

    /** Standing height above the floor of a segment, mm. */
    public double segmentHeightMm(SpineSegment segment) {
        return spineLevelHeightMm(SpineLevels.levelsBelowC7T1(segment));
    }

    /** Distance along the body from the ankle (the strap) to a spine level, mm. */
    public double ankleToLevelMm(double levelsBelowC7T1) {
        return spineLevelHeightMm(levelsBelowC7T1) - ankleHeightMm;
    }
}
