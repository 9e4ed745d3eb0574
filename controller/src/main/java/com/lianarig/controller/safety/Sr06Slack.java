package com.lianarig.controller.safety;

import com.lianarig.config.rig.Limits;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.StopCategory;
import java.util.Locale;

/**
 * SR-6: one rope of a pair far below its expected load (< 25 % of expected, when expected > 5 kg) while
 * its partner stays loaded: both winches stop, category 1, latched (a foot slipping out of its strap).
 */
final class Sr06Slack implements Protection {
    /** Consecutive slack samples before the rule acts (25 ms at 80 samples/s: a noise spike is not a slipped foot). */
    static final int SLACK_SAMPLES = 2;

    private final Tracks t;
    private final Reactions react;
    /** Per rope: slack samples in a row. */
    private final int[] slackCount;

    Sr06Slack(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
        this.slackCount = new int[tracks.ropes.length];
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_6;
    }

    @Override
    public void onSample(RopeTrack rope, long nowNanos) {
        if (!slackNow(rope)) {
            slackCount[rope.index] = 0;
            return;
        }
        if (++slackCount[rope.index] >= SLACK_SAMPLES && react.trip(SafetyRule.SR_6, StopCategory.CAT_1)) {
            RopeTrack p = rope.partner;
            react.record(SafetyRule.SR_6, String.format(Locale.ROOT,
                    "rope %s carries %.1f kg, expected %.1f kg, while %s carries %.1f kg", rope.id(),
                    rope.loadN / RigModel.G_MPS2, rope.expectedN / RigModel.G_MPS2, p.id(), p.loadN / RigModel.G_MPS2),
                    StopKind.CAT_1, ResetRole.TRAINER, nowNanos);
        }
    }

    @Override
    public String causePresent(long nowNanos) {
        for (RopeTrack r : t.ropes) {
            if (slackNow(r)) {
                return "rope " + r.id() + " still slack while its partner is loaded";
            }
        }
        return null;
    }

    /** Whether a paired rope is now far below its expected load while its partner stays loaded. */
    private boolean slackNow(RopeTrack rope) {
        RopeTrack p = rope.partner;
        if (p == null || Double.isNaN(p.loadN) || Double.isNaN(rope.loadN)) {
            return false;
        }
        Limits l = t.limits;
        double minExpectedN = l.slackMinExpectedKg() * RigModel.G_MPS2;
        double fraction = l.slackPercentOfExpected() / 100;
        return rope.expectedN > minExpectedN && rope.loadN < fraction * rope.expectedN && p.loadN >= 0.5 * p.expectedN;
    }
}
