package com.lianarig.controller.safety;

import com.lianarig.controller.rig.RigModel;
import java.util.Locale;

/** SR-1: a rope above its limit stops ascent within one sample; only descent until a trainer resets. */
final class Sr01RopeOverload implements Protection {
    private final Tracks t;
    private final Reactions react;

    Sr01RopeOverload(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_1;
    }

    @Override
    public void onSample(RopeTrack rope, long nowNanos) {
        if (rope.loadN > rope.model.limitN()) {
            react.stopAscending(); // the STOP goes out first; the fault's words and journal after (P-2)
            if (!react.isLatched(SafetyRule.SR_1)) {
                react.record(SafetyRule.SR_1, String.format(Locale.ROOT, "rope %s carries %.1f kg, limit %.1f kg",
                        rope.id(), rope.loadN / RigModel.G_MPS2, rope.model.config().limitKg()),
                        StopKind.ASCENT_STOP, ResetRole.TRAINER, nowNanos);
            }
        }
    }

    @Override
    public String ascentBlock(GroupTrack group) {
        Fault f = react.latched(SafetyRule.SR_1);
        return f == null ? null : f.cause();
    }

    @Override
    public String causePresent(long nowNanos) {
        for (RopeTrack r : t.ropes) {
            if (r.loadN > r.model.limitN()) {
                return "rope " + r.id() + " still above its limit";
            }
        }
        return null;
    }
}
