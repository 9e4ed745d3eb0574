package com.lianarig.controller.safety;

import com.lianarig.config.rig.Limits;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.StopCategory;
import java.util.Arrays;
import java.util.Locale;

/** SR-7: paired ropes differing by more than 30 % of their sum for 500 ms stop ascent and warn (category 1). */
final class Sr07Imbalance implements Protection {
    private final Tracks t;
    private final Reactions react;
    /** Per group: since when its ropes are off balance (MIN_VALUE: balanced), and whether SR-7 acted. */
    private final long[] imbalanceSinceNanos;
    private final boolean[] imbalanced;

    Sr07Imbalance(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
        imbalanceSinceNanos = new long[tracks.groups.length];
        Arrays.fill(imbalanceSinceNanos, Long.MIN_VALUE);
        imbalanced = new boolean[tracks.groups.length];
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_7;
    }

    @Override
    public void onSample(RopeTrack rope, long nowNanos) {
        RopeTrack p = rope.partner;
        if (p == null || Double.isNaN(p.loadN)) {
            return;
        }
        GroupTrack g = rope.winch.group;
        Limits l = t.limits;
        double sum = rope.loadN + p.loadN;
        double diff = Math.abs(rope.loadN - p.loadN);
        boolean off = sum > l.imbalanceMinSumKg() * RigModel.G_MPS2 && diff > l.imbalancePercentOfSum() / 100 * sum;
        if (!off) {
            imbalanceSinceNanos[g.index] = Long.MIN_VALUE;
            imbalanced[g.index] = false;
            return;
        }
        if (imbalanceSinceNanos[g.index] == Long.MIN_VALUE) {
            imbalanceSinceNanos[g.index] = nowNanos;
        }
        if (!imbalanced[g.index] && nowNanos - imbalanceSinceNanos[g.index] >= l.imbalanceHoldMs() * 1_000_000L) {
            imbalanced[g.index] = true;
            boolean ascending = g.state == GroupState.FOLLOWING && g.velocityMmPerS > 0;
            if (ascending) {
                react.stopGroup(g, StopCategory.CAT_1);
            }
            react.warn(SafetyRule.SR_7, String.format(Locale.ROOT,
                    "paired ropes %s %.1f kg and %s %.1f kg differ by %.0f %% of their sum", rope.id(),
                    rope.loadN / RigModel.G_MPS2, p.id(), p.loadN / RigModel.G_MPS2, 100 * diff / sum));
            if (ascending) {
                react.stopped(g, SafetyRule.SR_7, "ascent stopped: paired ropes imbalanced");
            }
        }
    }

    @Override
    public String ascentBlock(GroupTrack group) {
        return imbalanced[group.index] ? "paired ropes imbalanced (SR-7)" : null;
    }
}
