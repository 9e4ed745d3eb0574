package com.lianarig.controller.safety;

import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.StopCategory;
import java.util.Locale;

/**
 * SR-20 from measurement (I-4): the leg ropes' measured share of the client's body weight above the
 * share the model expects at the client's ceiling + {@value #HEAD_LEAVING_MARGIN_SHARE} means the head
 * and shoulders are leaving the mat: an ascent of the leg pair stops (category 1) and no ascent is
 * admitted while it lasts. Not latched: lowering is what the trainer does next. The ceiling itself
 * (no target above it) is the motion gate's clamp; a ceiling above what the stature allows is refused
 * at attach.
 *
 * <p>It judges the load cells, not the positions: it works while positions are void (SR-23), and
 * whatever profile was typed, as long as its mass is the client's (SR-25 judges that).
 */
final class Sr20HeadOnMat implements Protection {
    /** SPEC SR-20: the measured share may exceed the ceiling's expected share by this much of body weight. */
    static final double HEAD_LEAVING_MARGIN_SHARE = 0.05;
    /** Below the threshold by this much again before ascent is admitted (noise must not toggle it). */
    static final double HYSTERESIS_SHARE = 0.02;

    private final Tracks t;
    private final Reactions react;
    /** The measured share is above the threshold (ascent blocked). */
    private boolean leaving;
    /** The last measured share, for the words. */
    private double shareNow;

    Sr20HeadOnMat(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_20;
    }

    @Override
    public void onSample(RopeTrack rope, long nowNanos) {
        GroupTrack legs = t.legGroup;
        if (!rope.model.legStrap() || legs == null) {
            return;
        }
        double limit = t.headOffMatShare;
        double legN = t.legLoadN();
        if (t.noClient() || Double.isNaN(limit) || Double.isNaN(legN)) {
            leaving = false;
            return;
        }
        shareNow = legN / (t.clientMassKg * RigModel.G_MPS2);
        if (leaving) {
            leaving = shareNow > limit - HYSTERESIS_SHARE;
            return;
        }
        if (!(shareNow > limit)) {
            return;
        }
        leaving = true;
        boolean ascending = legs.state == GroupState.FOLLOWING && legs.velocityMmPerS > 0;
        if (ascending) {
            react.stopGroup(legs, StopCategory.CAT_1);
        }
        react.warn(SafetyRule.SR_20, String.format(Locale.ROOT, "the leg ropes carry %.2f of the client's body weight,"
                + " above %.2f (the share at the ceiling + %.2f): head and shoulders leaving the mat", shareNow, limit,
                HEAD_LEAVING_MARGIN_SHARE));
        if (ascending) {
            react.stopped(legs, SafetyRule.SR_20, "ascent stopped: head and shoulders leaving the mat");
        }
    }

    @Override
    public String ascentBlock(GroupTrack group) {
        return leaving && group == t.legGroup
                ? "the leg ropes' load shows the head and shoulders leaving the mat (SR-20): lower the client" : null;
    }
}
