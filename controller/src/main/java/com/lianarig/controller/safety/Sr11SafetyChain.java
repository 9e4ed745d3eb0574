package com.lianarig.controller.safety;

import com.lianarig.protocol.StopCategory;

/** SR-11: the safety chain's monitor contact reads tripped: ESTOP at once; no motion until healthy and reset. */
final class Sr11SafetyChain implements Protection {
    private final Tracks t;
    private final Reactions react;

    Sr11SafetyChain(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_11;
    }

    /** The monitor contact changed (GPIO thread). */
    void onChain(boolean healthy, long nowNanos) {
        t.chainHealthy = healthy;
        if (!healthy) {
            react.latch(SafetyRule.SR_11, "safety chain tripped (pendant, client or wall stop, or an ultimate limit)",
                    StopKind.CAT_0, ResetRole.TRAINER, nowNanos, StopCategory.CAT_0);
        }
    }

    @Override
    public String causePresent(long nowNanos) {
        return t.chainHealthy ? null : "safety chain still tripped";
    }
}
