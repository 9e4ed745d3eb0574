package com.lianarig.controller.safety;

import com.lianarig.config.rig.Limits;
import com.lianarig.controller.motion.MotionLimits;
import com.lianarig.controller.motion.SCurveAxis;
import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import java.util.Locale;

/**
 * The only way to the drives' motion: brake release ({@link #release}), set-points ({@link #admit}),
 * brakes applied ({@link #applyBrakes}), and SR-14's drive hold. A set-point is clamped into the soft
 * limits and the SR-20 ceiling (SR-12, SR-20), the speed cap of its direction and motion kind, the
 * slow-down zone and the acceleration cap (SR-3, SR-4, SR-12), and a motion a rule forbids (SR-1,
 * SR-7, limit switches, SR-10) is stopped instead.
 */
final class MotionGate {
    /** Set-point speed and acceleration tolerance over the caps before the gate clamps (discretisation). */
    static final double CAP_TOLERANCE = 1.05;

    private final Tracks t;
    private final Reactions react;
    private final Drives drives;
    private final Protection[] ascentRules;
    private final Protection[] descentRules;
    private final Sr10Enable sr10;
    private final Sr13EncoderJump sr13Jump;
    private final double accelMmPerS2;
    private final double slowZoneMm;
    private final double slowZoneMmPerS;
    private final double unreferencedMmPerS;
    /**
     * SR-14: the stop a group the drive takes over while it moves runs along (jerk-limited, cat 1), before it
     * holds where it rests; {@link #holdStopping} says which are under way.
     */
    private final SCurveAxis[] holdStop;
    private final boolean[] holdStopping;
    private long clampedSetPoints;

    MotionGate(Tracks tracks, Reactions react, Protection[] ascentRules, Protection[] descentRules, Sr10Enable sr10,
            Sr13EncoderJump sr13Jump) {
        this.t = tracks;
        this.react = react;
        this.drives = react.drives();
        this.ascentRules = ascentRules;
        this.descentRules = descentRules;
        this.sr10 = sr10;
        this.sr13Jump = sr13Jump;
        Limits l = tracks.limits;
        accelMmPerS2 = l.accelMmPerS2();
        slowZoneMm = l.slowZoneMm();
        slowZoneMmPerS = l.slowZoneSpeedMmPerS();
        unreferencedMmPerS = l.unreferencedJogMmPerS();
        holdStop = new SCurveAxis[tracks.groups.length];
        MotionLimits motionLimits = MotionLimits.of(l);
        for (int g = 0; g < holdStop.length; g++) {
            holdStop[g] = new SCurveAxis(motionLimits, 0);
        }
        holdStopping = new boolean[tracks.groups.length];
    }

    // ------------------------------------------------------------------ what the rules forbid

    /** Why upward motion of the group is forbidden now (SR-1, SR-7, upper limit switch), or null. */
    String ascentBlock(GroupTrack g) {
        for (Protection p : ascentRules) {
            String why = p.ascentBlock(g);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private SafetyRule ascentBlocker(GroupTrack g) {
        for (Protection p : ascentRules) {
            if (p.ascentBlock(g) != null) {
                return p.rule();
            }
        }
        return SafetyRule.SR_12;
    }

    /** Why downward motion of the group is forbidden now (lower limit switch), or null. */
    String descentBlock(GroupTrack g) {
        for (Protection p : descentRules) {
            String why = p.descentBlock(g);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ release

    /**
     * Releases a group's brakes for motion of a kind, or says why not. The only way to release brakes.
     *
     * @return null when the release was sent; otherwise the refusal in words
     */
    String release(GroupTrack g, MotionKind kind) {
        if (g.state == GroupState.FOLLOWING && g.kind == MotionKind.HOLD && kind != MotionKind.HOLD) {
            // SR-14 / SR-19: a motion (e.g. the rescue descent) takes over from the drive holding a slipping winch.
            Fault blocking = blockingFault(kind);
            if (!t.chainHealthy || blocking != null) {
                return t.chainHealthy ? "fault " + blocking : "the safety chain is tripped (SR-11)";
            }
            // the motion continues from the hold's stop if one still runs: the group's velocity and acceleration
            // stay, the control logic takes them over (a step to rest would overshoot)
            g.kind = kind;
            holdStopping[g.index] = false;
            return null;
        }
        String why = releaseRefusal(g, kind);
        if (why != null) {
            return why;
        }
        for (WinchTrack w : g.winches) {
            w.admittedMm = w.positionMm;
            drives.release(w.index);
        }
        g.state = GroupState.RELEASING;
        g.kind = kind;
        g.atRest();
        react.listener().onBrakesReleased(g.index);
        return null;
    }

    private String releaseRefusal(GroupTrack g, MotionKind kind) {
        if (!t.chainHealthy) {
            return "the safety chain is tripped (SR-11)";
        }
        for (NodeTrack n : t.nodes) {
            if (!n.ready) {
                return "node " + n.address + " is not ready (SR-9)";
            }
        }
        Fault blocking = blockingFault(kind);
        if (blocking != null) {
            return kind == MotionKind.RESCUE ? "fault " + blocking + ": the drive or encoder is not to be trusted;"
                    + " lower the client with the manual brake-release procedure (SR-19)" : "fault " + blocking;
        }
        if (g.state != GroupState.BRAKED) {
            return "group " + g.name() + " is " + g.state.name().toLowerCase(Locale.ROOT);
        }
        for (WinchTrack w : g.winches) {
            if (!w.haveStatus) {
                return "no status yet from winch " + w.id();
            }
            if (w.state != WinchState.BRAKED) {
                return "winch " + w.id() + " is " + w.state;
            }
            if (!w.referenced() && kind != MotionKind.UNREFERENCED && kind != MotionKind.RESCUE) {
                return "winch " + w.id() + " is not referenced: jog at " + unreferencedMmPerS
                        + " mm/s only until referenced (SR-19)";
            }
        }
        return null;
    }

    /** The latched fault that forbids motion of this kind, or null. Rescue descent passes every fault but SR-11. */
    private Fault blockingFault(MotionKind kind) {
        for (int i = 0; i < SafetyRule.values().length; i++) {
            Fault f = react.latchedAt(i);
            if (f == null) {
                continue;
            }
            // SR-19: the rescue descent passes every fault but a tripped chain and a drive or encoder that has
            // already misbehaved (a category 0 SR-3 / SR-13: runaway, overspeed, following error, encoder
            // jump): driving it again would repeat the fault; the manual brake-release procedure applies.
            if (kind == MotionKind.RESCUE && f.rule() != SafetyRule.SR_11
                    && !(f.stop() == StopKind.CAT_0 && (f.rule() == SafetyRule.SR_3 || f.rule() == SafetyRule.SR_13))) {
                continue;
            }
            if (kind == MotionKind.HOLD && f.rule() == SafetyRule.SR_14) {
                continue;
            }
            return f;
        }
        return null;
    }

    // ------------------------------------------------------------------ set-points

    /**
     * Admits one set-point of a group (both winches of a pair get the same motion, each from its own
     * position).
     *
     * @param deltaMm the group's motion this period, mm (positive = up)
     * @return false when the group is not following (nothing was sent)
     */
    boolean admit(GroupTrack g, double deltaMm, long nowNanos) {
        if (g.state != GroupState.FOLLOWING) {
            return false;
        }
        MotionKind kind = g.kind;
        if (kind == MotionKind.HOLD) {
            admitHold(g);
            return true;
        }
        double periodS = t.periodS;
        double v = deltaMm / periodS;
        double vPrev = g.velocityMmPerS;
        // SR-3 / SR-4 / SR-19: the speed cap of the direction and of the motion kind.
        double cap = v >= 0 ? kind.ascentCapMmPerS(t.limits) : kind.descentCapMmPerS(t.limits);
        // SR-12: slow-down zone near each end of travel.
        for (WinchTrack w : g.winches) {
            if (v > 0 && w.admittedMm > upperEnd(w) - slowZoneMm) {
                cap = Math.min(cap, slowZoneMmPerS);
            }
            if (v < 0 && w.admittedMm < w.model.config().softLowMm() + slowZoneMm) {
                cap = Math.min(cap, slowZoneMmPerS);
            }
        }
        double clamped = Math.max(-cap, Math.min(cap, v));
        double dv = accelMmPerS2 * periodS * CAP_TOLERANCE;
        clamped = Math.max(vPrev - dv, Math.min(vPrev + dv, clamped));
        if (Math.abs(clamped - v) > cap * (CAP_TOLERANCE - 1) + 1e-6) {
            clampedSetPoints++;
            if (clampedSetPoints == 1 || clampedSetPoints % 1000 == 0) {
                react.warn(SafetyRule.SR_4, String.format(Locale.ROOT,
                        "set-point of %s clamped from %.1f to %.1f mm/s (%d so far)", g.name(), v, clamped,
                        clampedSetPoints));
            }
        }
        v = clamped;
        // SR-1, SR-7, SR-12 limit switches: a forbidden direction stops the group (category 1).
        if (v > 1e-6 && ascentBlock(g) != null) {
            react.stopGroup(g, StopCategory.CAT_1);
            react.stopped(g, ascentBlocker(g), "ascent refused: " + ascentBlock(g));
            return false;
        }
        if (v < -1e-6 && descentBlock(g) != null) {
            react.stopGroup(g, StopCategory.CAT_1);
            react.stopped(g, SafetyRule.SR_12, "descent refused: lower limit switch");
            return false;
        }
        // SR-10: motion needs a live enable; without one only slowing down is admitted.
        if (sr10.refusesSpeed(g, v, vPrev, nowNanos)) {
            react.stopGroup(g, StopCategory.CAT_1);
            react.stopped(g, SafetyRule.SR_10, "motion without a live enable");
            return false;
        }
        g.accelMmPerS2 = (v - vPrev) / periodS;
        g.velocityMmPerS = v;
        for (WinchTrack w : g.winches) {
            double target = Math.max(w.model.config().softLowMm(), Math.min(upperEnd(w), w.admittedMm + v * periodS));
            w.admittedMm = target;
            drives.setPoint(w.index, w.model.countsOf(target), w.model.countsOf(v));
        }
        return true;
    }

    /** The highest position a set-point of this winch may ask for: soft limit, and SR-20 for the leg pair. */
    double upperEnd(WinchTrack w) {
        double high = w.model.config().softHighMm();
        RopeTrack rope = t.ropeOf(w);
        if (rope != null && rope.model.legStrap()) {
            high = Math.min(high, t.strapCeilingMm);
        }
        return high;
    }

    long clampedSetPoints() {
        return clampedSetPoints;
    }

    // ------------------------------------------------------------------ SR-14: the drive holds

    /** The control tick: a group the drive holds after brake slip gets its hold set-point every period. */
    void tickHolds(long nowNanos) {
        for (GroupTrack g : t.groups) {
            // the control logic does not move it; without set-points the node would stop it on SR-9's gap
            if (g.kind == MotionKind.HOLD && g.state == GroupState.FOLLOWING) {
                admit(g, 0, nowNanos);
            }
        }
    }

    /**
     * SR-14: a set-point of a group the drive holds because its brakes slip. A group taken over while it
     * moved first comes to rest along a jerk-limited stop (cat 1) and then holds where it rests: a hold at
     * its last set-point would be a step the node overshoots and drives back.
     */
    private void admitHold(GroupTrack g) {
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
     * back to the brake reference would be a fast, unprofiled move in FAULT, and after an encoder glitch a
     * long one).
     */
    void holdBraked(GroupTrack g) {
        for (WinchTrack x : g.winches) {
            x.holdMm = x.positionMm;
            x.admittedMm = x.positionMm;
            drives.release(x.index);
        }
        g.state = GroupState.RELEASING;
        g.kind = MotionKind.HOLD;
        g.atRest();
    }

    /**
     * SR-14: a moving group whose brakes slipped, with SR-14 latched, a healthy chain and a trusted encoder,
     * is handed to the drive holding it instead of its brakes; says whether it was.
     */
    private boolean holdIfSlipping(GroupTrack g) {
        if (!react.isLatched(SafetyRule.SR_14) || !t.chainHealthy || g.state != GroupState.FOLLOWING
                || sr13Jump.suspect(g) || !slipped(g)) {
            return false;
        }
        holdByDrive(g);
        return true;
    }

    /** SR-14: from now on the drive holds this group instead of its brakes; a moving group first comes to rest. */
    private void holdByDrive(GroupTrack g) {
        for (WinchTrack w : g.winches) {
            w.holdMm = w.admittedMm;
        }
        double v = g.velocityMmPerS;
        double a = g.accelMmPerS2;
        holdStopping[g.index] = v != 0 || a != 0;
        if (holdStopping[g.index]) {
            holdStop[g.index].continueFrom(g.winches[0].admittedMm, v, a);
        }
        g.kind = MotionKind.HOLD;
    }

    /**
     * SR-14: whether a category 1 stop leaves this group to the drive holding it (brakes that slip must not
     * be relied on); a group moving while SR-14 is latched (a rescue descent) is switched to holding where its
     * set-points are.
     */
    boolean keepHoldingAfterSlip(GroupTrack g) {
        if (!g.moving()) {
            return false;
        }
        if (g.kind == MotionKind.HOLD) {
            return true;
        }
        return holdIfSlipping(g);
    }

    /**
     * SR-14: whether this group's brakes slipped (the drive was given a hold position for it). Only such a
     * group is held by the drive instead of braked; another group moving when SR-14 latched stops on its
     * brakes as usual.
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

    // ------------------------------------------------------------------ brakes

    /** Applies a group's brakes at the end of a motion (category 1 style). */
    void applyBrakes(GroupTrack g) {
        if (g.state == GroupState.BRAKED) {
            return;
        }
        if (holdIfSlipping(g)) {
            return; // SR-14: the brakes slip: at the end of a motion (a rescue descent) the drive holds where it is
        }
        for (WinchTrack w : g.winches) {
            drives.applyBrakes(w.index);
        }
        g.state = GroupState.STOPPING;
        g.atRest();
    }

    /** Follows the group's drive state from its winches' states (status frames). */
    void followGroupState(GroupTrack g) {
        boolean allFollowing = true;
        boolean allBraked = true;
        for (WinchTrack w : g.winches) {
            allFollowing &= w.state == WinchState.FOLLOWING;
            allBraked &= w.state != WinchState.FOLLOWING && w.state != WinchState.STOPPING
                    && w.state != WinchState.HOMING;
        }
        GroupState s = g.state;
        if (s == GroupState.RELEASING && allFollowing) {
            g.state = GroupState.FOLLOWING;
        } else if (s == GroupState.FOLLOWING && !allFollowing) {
            // one winch left FOLLOWING by itself (node set-point gap, limit switch, trip): the pair stops together.
            react.stopGroup(g, StopCategory.CAT_1);
            react.stopped(g, SafetyRule.SR_9, "a winch of " + g.name() + " stopped by itself: the group stops together");
        } else if (s == GroupState.STOPPING && allBraked) {
            g.state = GroupState.BRAKED;
        }
    }
}
