package com.lianarig.controller.safety;

import com.lianarig.protocol.StopCategory;

/** SR-9: a node's link failed (no valid frame for 100 ms, a link fault): the host stops everything (category 1). */
final class Sr09LinkLoss implements Protection {
    private final Tracks t;
    private final Reactions react;

    Sr09LinkLoss(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_9;
    }

    /** A node that was ready is lost. */
    void linkLost(NodeTrack node, String why, long nowNanos) {
        react.latch(SafetyRule.SR_9, "node " + node.address + ": " + why, StopKind.CAT_1, ResetRole.TRAINER, nowNanos,
                StopCategory.CAT_1);
    }

    @Override
    public String causePresent(long nowNanos) {
        for (NodeTrack n : t.nodes) {
            if (!n.ready && !n.answering) {
                return "node " + n.address + " not ready";
            }
        }
        return null;
    }
}
