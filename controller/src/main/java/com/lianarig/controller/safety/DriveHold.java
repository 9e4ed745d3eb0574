package com.lianarig.controller.safety;

import com.lianarig.controller.motion.SCurveAxis;
import com.lianarig.controller.safety.SafetySupervisor.GroupState;

/**
 * SR-14's drive hold: a group whose brakes slip is held by its drive instead, at a fixed position,
 * streamed every control period. Only for a trusted encoder (SR-23: referenced, trusted since its brakes
 * engaged on this node boot, no encoder jump); a STOP still stops it (I-3).
 */
final class DriveHold {
    private final Tracks t;
    private final Reactions react;
    private final Drives drives;
    private final Sr13EncoderJump sr13Jump;
    private final Sr23PositionIntegrity sr23;
    /** A group taken over while it moved first comes to rest along this jerk-limited stop, then holds. */
    private final SCurveAxis[] holdStop;
    private final boolean[] holdStopping;

    DriveHold(Tracks tracks, Reactions react, Sr13EncoderJump sr13Jump, Sr23PositionIntegrity sr23) {
        this.t = tracks;
        this.react = react;
        this.drives = react.drives();
        this.sr13Jump = sr13Jump;
        this.sr23 = sr23;
        holdStop = new SCurveAxis[tracks.groups.length];
        for (int g = 0; g < holdStop.length; g++) {
            holdStop[g] = new SCurveAxis(com.lianarig.controller.motion.MotionLimits.of(tracks.limits), 0);
        }
        holdStopping = new boolean[tracks.groups.length];
    }

    /** Whether the drive may hold this group: a trusted encoder (SR-23) that did not jump (SR-13). */
    boolean mayHold(GroupTrack g) {
        return t.chainHealthy && sr23.trusted(g) && !sr13Jump.suspect(g);
    }

    /**
     * The control tick: a group the drive holds gets its hold set-point every period (the control logic does
     * not move it; without set-points the node would stop it on SR-9's gap). While its brakes release, the hold
     * follows the winch as it still slips, so the drive takes it over where it is, not where the slip was seen
     * (a hold behind the winch would drive it back up).
     */
    void tick() {
        for (GroupTrack g : t.groups) {
            if (g.kind != MotionKind.HOLD) {
                continue;
            }
            if (g.state == GroupState.FOLLOWING) {
                admitHold(g);
            } else if (g.state == GroupState.RELEASING && !holdStopping[g.index]) {
                for (WinchTrack w : g.winches) {
                    w.holdMm = w.positionMm;
                    w.admittedMm = w.positionMm;
                }
            }
        }
    }

    /**
     * One set-point of a held group. A group taken over while it moved first comes to rest along a
     * jerk-limited stop and then holds where it rests: a hold at its last set-point would be a step the node
     * overshoots and drives back.
     */
    void admitHold(GroupTrack g) {
        double deltaMm = 0;
        double v = 0;
        double a = 0;
        if (holdStopping[g.index]) {
            SCurveAxis stop = holdStop[g.index];
            double beforeMm = stop.positionMm();
            stop.step(t.periodS);
            deltaMm = stop.positionMm() - beforeMm;
            v = stop.velocityMmPerS();
            a = stop.accelMmPerS2();
            holdStopping[g.index] = !stop.atRest();
        }
        g.velocityMmPerS = v;
        g.accelMmPerS2 = a;
        for (WinchTrack w : g.winches) {
            if (deltaMm != 0 || Double.isNaN(w.holdMm)) {
                w.admittedMm += deltaMm;
                w.holdMm = w.admittedMm;
            }
            w.admittedMm = w.holdMm;
            drives.setPoint(w.index, w.model.countsOf(w.holdMm), w.model.countsOf(v));
        }
    }

    /**
     * SR-14: the drive takes a braked group over from its slipping brakes, holding where it is now (driving
     * back to the brake reference would be a fast, unprofiled move in FAULT).
     */
    void holdBraked(GroupTrack g) {
        for (WinchTrack x : g.winches) {
            x.holdMm = x.positionMm;
            x.admittedMm = x.positionMm;
            drives.release(x.index);
        }
        g.state = GroupState.RELEASING;
        g.kind = MotionKind.HOLD;
        g.permitted = false;
        g.atRest();
    }

    /**
     * SR-14: at the end of a motion (a rescue descent) of a group whose brakes slipped, with SR-14 latched and
     * the hold allowed, the drive holds it where it comes to rest instead of its brakes; says whether it does.
     */
    boolean holdIfSlipping(GroupTrack g) {
        if (!react.isLatched(SafetyRule.SR_14) || g.state != GroupState.FOLLOWING || !mayHold(g) || !slipped(g)) {
            return false;
        }
        for (WinchTrack w : g.winches) {
            w.holdMm = w.admittedMm;
        }
        double v = g.velocityMmPerS;
        double a = g.accelMmPerS2;
        holdStopping[g.index] = v != 0 || a != 0;
        if (holdStopping[g.index]) {
            holdStop[g.index].continueFrom(g.lead().admittedMm, v, a);
        }
        g.kind = MotionKind.HOLD;
        g.permitted = false;
        return true;
    }

    /** A motion takes the group over from the drive's hold (the rescue descent). */
    void takenOver(GroupTrack g) {
        holdStopping[g.index] = false;
    }

    /**
     * Whether this group's brakes slipped (the drive was given a hold position for it). Only such a group
     * is held by the drive instead of braked; another group stops on its brakes as usual.
     */
    private boolean slipped(GroupTrack g) {
        for (WinchTrack w : g.winches) {
            if (!Double.isNaN(w.holdMm)) {
                return true;
            }
        }
        return false;
    }

    /** SR-14 reset: every drive hold ends on the brakes. */
    void endHolds(Sr14BrakeSlip sr14) {
        for (WinchTrack w : t.winches) {
            w.holdMm = Double.NaN;
        }
        for (GroupTrack g : t.groups) {
            if (g.kind == MotionKind.HOLD && g.state != GroupState.BRAKED) {
                for (WinchTrack w : g.winches) {
                    drives.applyBrakes(w.index);
                    sr14.forgetEngagement(w);
                }
                g.state = GroupState.STOPPING;
                holdStopping[g.index] = false;
            }
        }
    }

    /** A stop of every group: the holds stop too (I-3); where they held is kept for the next slip. */
    void stopped() {
        java.util.Arrays.fill(holdStopping, false);
    }
}
