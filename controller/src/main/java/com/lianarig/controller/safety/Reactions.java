package com.lianarig.controller.safety;

import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.StopCategory;
import java.util.ArrayList;
import java.util.List;

/**
 * The one door through which rules act (SAFETY-CORE "reactions"): stops, latched faults, warnings.
 * A rule that trips calls {@link #trip} first, which sends the stop at once (in the call that decoded
 * the violating sample: P-2), and only then builds its words for {@link #record}.
 */
final class Reactions {
    private final Tracks t;
    private final Drives drives;
    private final SafetyListener listener;
    private final Fault[] latched = new Fault[SafetyRule.values().length];
    private DriveHold hold;

    Reactions(Tracks tracks, Drives drives, SafetyListener listener) {
        this.t = tracks;
        this.drives = drives;
        this.listener = listener;
    }

    void bind(DriveHold driveHold) {
        this.hold = driveHold;
    }

    Drives drives() {
        return drives;
    }

    SafetyListener listener() {
        return listener;
    }

    // ------------------------------------------------------------------ faults

    /**
     * A rule's fault condition holds: sends the stop it needs now, before any words are built. A rule
     * already latched sends nothing more unless a category 0 cause follows a category 1 fault (SR-13's
     * escalation).
     *
     * @return true when the caller must now describe the fault with {@link #record}
     */
    boolean trip(SafetyRule rule, StopCategory category) {
        Fault existing = latched[rule.ordinal()];
        if (existing != null) {
            if (category == StopCategory.CAT_0 && existing.stop() != StopKind.CAT_0) {
                drives.stopAll(category);
                return true;
            }
            return false;
        }
        stopEverything(category);
        return true;
    }

    /** Latches (or replaces) a rule's fault with its words and tells the listener. */
    void record(SafetyRule rule, String cause, StopKind stop, ResetRole resetBy, long nowNanos) {
        Fault f = new Fault(rule, cause, stop, resetBy, nowNanos);
        latched[rule.ordinal()] = f;
        listener.onFault(f);
    }

    /** {@link #trip} then {@link #record} for a cause already in words. */
    void latch(SafetyRule rule, String cause, StopKind stop, ResetRole resetBy, long nowNanos, StopCategory category) {
        if (trip(rule, category)) {
            record(rule, cause, stop, resetBy, nowNanos);
        }
    }

    Fault latched(SafetyRule rule) {
        return latched[rule.ordinal()];
    }

    boolean isLatched(SafetyRule rule) {
        return latched[rule.ordinal()] != null;
    }

    void clear(SafetyRule rule) {
        latched[rule.ordinal()] = null;
    }

    boolean any() {
        for (Fault f : latched) {
            if (f != null) {
                return true;
            }
        }
        return false;
    }

    List<Fault> faults() {
        List<Fault> out = new ArrayList<>();
        for (Fault f : latched) {
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** The latched faults in SR order, for loops that must not allocate. */
    Fault latchedAt(int ordinal) {
        return latched[ordinal];
    }

    // ------------------------------------------------------------------ stops

    /** Stops one group's winches in a category; its entry in the gate's ledger is gone (nothing more is admitted). */
    void stopGroup(GroupTrack g, StopCategory category) {
        for (WinchTrack w : g.winches) {
            drives.stop(w.index, category);
        }
        forget(g, category);
    }

    /** The group's drives were stopped: its ledger entry and motion are forgotten; SR-14's hold ends too. */
    private void forget(GroupTrack g, StopCategory category) {
        g.permitted = false;
        g.ending = false;
        g.endedBecause = category == StopCategory.CAT_0 ? "category 0 stop" : "category 1 stop";
        if (g.kind == MotionKind.HOLD) {
            g.kind = MotionKind.NORMAL;
        }
        if (g.state != GroupState.BRAKED) {
            g.state = GroupState.STOPPING;
        }
        g.atRest();
    }

    /** A group was stopped without a latched fault: the listener journals why. */
    void stopped(GroupTrack g, SafetyRule rule, String why) {
        listener.onStop(g.index, rule, why);
    }

    void warn(SafetyRule rule, String what) {
        listener.onWarning(rule, what);
    }

    /** SR-1: stops every group moving upward (category 1). */
    void stopAscending() {
        for (GroupTrack g : t.groups) {
            if (g.state == GroupState.FOLLOWING && g.velocityMmPerS > 0) {
                stopGroup(g, StopCategory.CAT_1);
            }
        }
    }

    /**
     * Stops every group (I-3): STOP from any panel or the pendant, and every latched fault's stop. A group
     * the drive holds after a brake slip (SR-14) stops too and rests on its brakes; if they slip again, SR-14
     * hands it back to the drive.
     */
    void stopEverything(StopCategory category) {
        drives.stopAll(category);
        for (GroupTrack g : t.groups) {
            forget(g, category);
        }
        hold.stopped();
    }
}
