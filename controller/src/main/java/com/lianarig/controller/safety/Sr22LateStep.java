package com.lianarig.controller.safety;

import com.lianarig.protocol.StopCategory;
import java.util.Locale;

/** SR-22: a control step more than 50 ms late stops motion (category 1) and is journalled. */
final class Sr22LateStep implements Protection {
    private final Tracks t;
    private final Reactions react;

    Sr22LateStep(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_22;
    }

    void lateStep(long lateNanos) {
        boolean stopped = false;
        for (GroupTrack g : t.groups) {
            if (g.moving()) {
                react.stopGroup(g, StopCategory.CAT_1);
                stopped = true;
                react.stopped(g, SafetyRule.SR_22, String.format(Locale.ROOT, "control step %.1f ms late", lateNanos / 1e6));
            }
        }
        if (!stopped) {
            react.warn(SafetyRule.SR_22, String.format(Locale.ROOT, "control step %.1f ms late (holding)", lateNanos / 1e6));
        }
    }
}
