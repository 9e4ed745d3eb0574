package com.lianarig.controller.safety;

import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.StopCategory;

/**
 * SR-12: a limit switch stops motion in its direction (the node does it too) and allows reverse only.
 * The soft limits and the slow-down zone are the motion gate's clamps.
 */
final class Sr12LimitSwitch implements Protection {
    private final Reactions react;

    Sr12LimitSwitch(Reactions react) {
        this.react = react;
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_12;
    }

    @Override
    public void onStatus(WinchTrack w, long nowNanos) {
        GroupTrack g = w.group;
        if (g.state != GroupState.FOLLOWING) {
            return;
        }
        boolean up = w.upperLimit();
        boolean down = w.lowerLimit();
        if ((up && g.velocityMmPerS > 0) || (down && g.velocityMmPerS < 0)) {
            react.stopGroup(g, StopCategory.CAT_1);
            react.stopped(g, SafetyRule.SR_12, (up ? "upper" : "lower") + " limit switch of " + w.id());
        }
    }

    @Override
    public String ascentBlock(GroupTrack group) {
        for (WinchTrack w : group.winches) {
            if (w.upperLimit()) {
                return "upper limit switch of " + w.id();
            }
        }
        return null;
    }

    @Override
    public String descentBlock(GroupTrack group) {
        for (WinchTrack w : group.winches) {
            if (w.lowerLimit()) {
                return "lower limit switch of " + w.id();
            }
        }
        return null;
    }
}
