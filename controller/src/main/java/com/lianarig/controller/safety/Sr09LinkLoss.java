package com.lianarig.controller.safety;

import com.lianarig.protocol.StopCategory;

/**
 * SR-9: a node's link failed (no valid frame for 100 ms while the host kept reading, a link fault): the host stops
 * everything (category 1, latched). When the host itself was late to read, the silence is its own: see
 * {@link #hostLate}.
 */
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

    /**
     * Nothing read from a node for the silence limit because the host itself was late (its reader or its
     * session thread stalled): not the node's silence, so nothing latches and the node is not blamed (SPEC v3).
     * The host has not seen the rig for that long, so every moving group stops (category 1, a new command moves
     * it again) and the stop names the host's delay; holding, a warning. A group the drive holds (SR-14) keeps
     * holding.
     */
    void hostLate(String why) {
        boolean stopped = false;
        for (GroupTrack g : t.groups) {
            if (g.moving() && g.kind != MotionKind.HOLD) {
                react.stopGroup(g, StopCategory.CAT_1);
                stopped = true;
                react.stopped(g, SafetyRule.SR_9, why + ": motion stopped, ask again");
            }
        }
        if (!stopped) {
            react.warn(SafetyRule.SR_9, why + " (holding: nothing stopped)");
        }
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
