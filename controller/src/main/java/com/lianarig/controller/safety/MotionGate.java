package com.lianarig.controller.safety;

import com.lianarig.config.rig.Limits;
import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import java.util.Locale;

/**
 * The motion gate (SAFETY-CORE; I-1, I-2, I-3): the ledger of live motions, at most one per group, and the
 * only way to the drives' motion. A command accepted by the control logic opens an entry ({@link #begin}:
 * the group, the motion's kind and direction) and releases the brakes; a set-point is admitted
 * ({@link #admit}) only while that entry is live (its command not ended, the enable live: SR-10), in its
 * direction (a step against it only while coming to rest from earlier motion), inside the soft limits and
 * SR-20's ceiling (clamps that never step against the motion), within the speed cap of its direction and
 * kind, the slow-down zone and the acceleration cap (SR-3, SR-4, SR-12), and not in a direction a rule
 * forbids (SR-1, SR-7, limit switches). An entry ends ({@link #end}) on STOP, a reaction, a lapsed enable,
 * program stop or pause, a hold-to-run let go, or arrival; a group still moving then comes to rest along
 * the gate's own jerk-limited stop ("stopping" in the ledger, direction fixed), on its brakes. Nothing but
 * a new accepted command opens an entry.
 */
final class MotionGate {
    /** Set-point speed and acceleration tolerance over the caps before the gate clamps (discretisation). */
    static final double CAP_TOLERANCE = 1.05;

    private final Tracks t;
    private final Reactions react;
    private final Drives drives;
    private final Protection[] ascentRules;
    private final Protection[] descentRules;
    private final Sr23PositionIntegrity sr23;
    private final DriveHold hold;
    private final Sr19RescueCheck sr19;
    private final double accelMmPerS2;
    private final double slowZoneMm;
    private final double slowZoneMmPerS;
    private final double followingErrorMm;
    private long clampedSetPoints;

    MotionGate(Tracks tracks, Reactions react, Protection[] ascentRules, Protection[] descentRules,
            Sr23PositionIntegrity sr23, DriveHold hold, Sr19RescueCheck sr19) {
        this.t = tracks;
        this.react = react;
        this.drives = react.drives();
        this.ascentRules = ascentRules;
        this.descentRules = descentRules;
        this.sr23 = sr23;
        this.hold = hold;
        this.sr19 = sr19;
        Limits l = tracks.limits;
        accelMmPerS2 = l.accelMmPerS2();
        slowZoneMm = l.slowZoneMm();
        slowZoneMmPerS = l.slowZoneSpeedMmPerS();
        followingErrorMm = l.followingErrorMm();
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

    // ------------------------------------------------------------------ the ledger

    /**
     * Opens the ledger entry of an accepted command and releases the group's brakes (the only way to release
     * them), or says why not.
     *
     * @param direction +1 up, -1 down: the only direction the motion may take (I-2)
     * @return null when the entry is open and the release sent; otherwise the refusal in words
     */
    String begin(GroupTrack g, MotionKind kind, int direction, long nowNanos) {
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("direction " + direction + ": +1 or -1");
        }
        if (!t.enableLive(nowNanos)) {
            return "no live enable (SR-10)";
        }
        if (kind == MotionKind.RESCUE && direction != -1) {
            return "the rescue descent only lowers (SR-19)";
        }
        if (g.state == GroupState.FOLLOWING && (g.kind == MotionKind.HOLD || g.ending)) {
            // a new command takes over from the gate's own stop (hold-to-run pressed again), or (SR-14 / SR-19: the
            // rescue descent) from the drive holding a slipping winch: it continues from their speed
            String why = releaseRefusal(g, kind, false);
            if (why == null && kind != MotionKind.RESCUE && !sr23.trusted(g)) {
                why = "the position of " + g.name() + " is not trusted (SR-23): only the rescue descent may move it";
            }
            if (why != null) {
                return why;
            }
            hold.takenOver(g);
            open(g, kind, direction);
            return null;
        }
        String why = releaseRefusal(g, kind, true);
        if (why != null) {
            return why;
        }
        for (WinchTrack w : g.winches) {
            w.admittedMm = w.positionMm;
            w.releaseMm = w.positionMm;
            drives.release(w.index);
        }
        g.state = GroupState.RELEASING;
        g.atRest();
        open(g, kind, direction);
        react.listener().onBrakesReleased(g.index);
        return null;
    }

    private void open(GroupTrack g, MotionKind kind, int direction) {
        g.kind = kind;
        g.permitted = true;
        g.direction = direction;
        g.ending = false;
        g.endedBecause = "";
        if (kind == MotionKind.RESCUE) {
            sr19.started(g);
        }
    }

    /**
     * A new accepted command for a group whose entry is live (a move retargeted): its direction may change;
     * the motion so far comes to rest before it turns (I-2).
     */
    String retarget(GroupTrack g, int direction, long nowNanos) {
        if (!g.permitted) {
            return "no live motion of " + g.name() + " to retarget";
        }
        if (!t.enableLive(nowNanos)) {
            return "no live enable (SR-10)";
        }
        if (g.kind == MotionKind.RESCUE && direction != -1) {
            return "the rescue descent only lowers (SR-19)";
        }
        g.direction = direction;
        return null;
    }

    /**
     * Ends the group's live motion: a group still moving comes to rest along the gate's own jerk-limited stop
     * and then on its brakes (or, SR-14, its drive); a group at rest has its brakes applied at once.
     */
    void end(GroupTrack g, String why) {
        if (!g.permitted) {
            return;
        }
        g.permitted = false;
        g.endedBecause = why;
        if (g.state == GroupState.FOLLOWING && (g.velocityMmPerS != 0 || g.accelMmPerS2 != 0)) {
            g.endStop.continueFrom(g.lead().admittedMm, g.velocityMmPerS, g.accelMmPerS2);
            // I-2: a motion caught decelerating hard at low speed rests where its speed reaches 0, never turns back
            g.endStop.halt();
            g.ending = true;
        } else if (g.moving()) {
            applyBrakes(g);
        }
    }

    /** Ends every live motion (the enable lapsed or was let go: SR-10). */
    void endAll(String why) {
        for (GroupTrack g : t.groups) {
            end(g, why);
        }
    }

    private String releaseRefusal(GroupTrack g, MotionKind kind, boolean fromBrakes) {
        if (!t.chainHealthy) {
            return "the safety chain is tripped (SR-11)";
        }
        Fault blocking = blockingFault(kind);
        if (blocking != null) {
            return kind == MotionKind.RESCUE ? "fault " + blocking + ": the drive or encoder is not to be trusted;"
                    + " lower the client with the manual brake-release procedure (SR-19)" : "fault " + blocking;
        }
        if (!fromBrakes) {
            return null;
        }
        for (NodeTrack n : t.nodes) {
            if (!n.ready) {
                return "node " + n.address + " is not ready (SR-9)";
            }
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
            if (!sr23.trusted(w) && kind != MotionKind.RESCUE) {
                return "the position of winch " + w.id() + " is not trusted (SR-23): a technician references it;"
                        + " until then only the rescue descent may move it";
            }
        }
        return null;
    }

    /** The latched fault that forbids motion of this kind, or null. Rescue descent passes most faults. */
    private Fault blockingFault(MotionKind kind) {
        for (int i = 0; i < SafetyRule.values().length; i++) {
            Fault f = react.latchedAt(i);
            if (f == null) {
                continue;
            }
            // SR-19: the rescue descent passes every fault but a tripped chain and a drive or encoder that has
            // already misbehaved (a category 0 SR-3 / SR-13 / SR-19: runaway, overspeed, following error, encoder
            // jump, a rescue that did not lower): driving it again would repeat the fault; the manual
            // brake-release procedure applies.
            if (kind == MotionKind.RESCUE && f.rule() != SafetyRule.SR_11 && !(f.stop() == StopKind.CAT_0
                    && (f.rule() == SafetyRule.SR_3 || f.rule() == SafetyRule.SR_13 || f.rule() == SafetyRule.SR_19))) {
                continue;
            }
            return f;
        }
        return null;
    }

    // ------------------------------------------------------------------ set-points

    /**
     * Admits one set-point of a group's live motion (both winches of a pair get the same motion, each from
     * its own position).
     *
     * @param deltaMm the group's motion this period, mm (positive = up)
     * @return false when nothing of it was sent (no live motion, not following, or stopped now)
     */
    boolean admit(GroupTrack g, double deltaMm, long nowNanos) {
        if (g.state != GroupState.FOLLOWING || g.kind == MotionKind.HOLD || !g.permitted) {
            return false;
        }
        if (!t.enableLive(nowNanos)) {
            end(g, "the enable lapsed (SR-10)");
            return false;
        }
        double periodS = t.periodS;
        double v = deltaMm / periodS;
        double vPrev = g.velocityMmPerS;
        MotionKind kind = g.kind;
        boolean trusted = sr23.trusted(g);
        // SR-3 / SR-4 / SR-19: the speed cap of the direction and of the motion kind.
        double cap = v >= 0 ? kind.ascentCapMmPerS(t.limits) : kind.descentCapMmPerS(t.limits);
        // SR-12: slow-down zone near each end of travel (void while positions are: SR-23).
        if (trusted) {
            for (WinchTrack w : g.winches) {
                if (v > 0 && w.admittedMm > upperEnd(w) - slowZoneMm) {
                    cap = Math.min(cap, slowZoneMmPerS);
                }
                if (v < 0 && w.admittedMm < w.model.config().softLowMm() + slowZoneMm) {
                    cap = Math.min(cap, slowZoneMmPerS);
                }
            }
        }
        double clamped = Math.max(-cap, Math.min(cap, v));
        double dv = accelMmPerS2 * periodS * CAP_TOLERANCE;
        clamped = Math.max(vPrev - dv, Math.min(vPrev + dv, clamped));
        // I-2: against the motion's direction only while coming to rest from earlier motion
        if (clamped * g.direction < 0) {
            clamped = clamped * vPrev > 0 ? Math.copySign(Math.min(Math.abs(clamped), Math.abs(vPrev)), clamped) : 0;
        }
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
            stopGroup(g, "ascent refused");
            react.stopped(g, ascentBlocker(g), "ascent refused: " + ascentBlock(g));
            return false;
        }
        if (v < -1e-6 && descentBlock(g) != null) {
            stopGroup(g, "descent refused");
            react.stopped(g, SafetyRule.SR_12, "descent refused: lower limit switch");
            return false;
        }
        send(g, v, trusted);
        return true;
    }

    /**
     * Sends one set-point of {@code vMmPerS} to every winch of the group, clamped into the soft limits and the
     * ceiling by clamps that only ever hold a winch back, never step it against the motion (I-2): a winch
     * already beyond a limit is not moved toward it, nor back.
     */
    private void send(GroupTrack g, double vMmPerS, boolean trusted) {
        double periodS = t.periodS;
        g.accelMmPerS2 = (vMmPerS - g.velocityMmPerS) / periodS;
        g.velocityMmPerS = vMmPerS;
        for (WinchTrack w : g.winches) {
            double targetMm = w.admittedMm + vMmPerS * periodS;
            if (trusted) {
                if (vMmPerS < 0) {
                    targetMm = Math.max(targetMm, Math.min(w.admittedMm, w.model.config().softLowMm()));
                } else if (vMmPerS > 0) {
                    targetMm = Math.min(targetMm, Math.max(w.admittedMm, upperEnd(w)));
                }
            }
            double stepVMmPerS = (targetMm - w.admittedMm) / periodS;
            w.admittedMm = targetMm;
            drives.setPoint(w.index, w.model.countsOf(targetMm), w.model.countsOf(stepVMmPerS));
        }
    }

    /**
     * The highest position a set-point of this winch may ask for: soft limit, SR-20 for the leg pair, and in the
     * upright hang the client's standing reach for a finger-loop winch.
     */
    double upperEnd(WinchTrack w) {
        double high = w.model.config().softHighMm();
        RopeTrack rope = t.ropeOf(w);
        if (rope != null && rope.model.legStrap()) {
            high = Math.min(high, t.strapCeilingMm);
        } else if (rope != null) {
            high = Math.min(high, t.loopCeilingHeightMm - w.model.config().baseHeightMm());
        }
        return high;
    }

    long clampedSetPoints() {
        return clampedSetPoints;
    }

    // ------------------------------------------------------------------ the tick: stops in the ledger, holds

    /** The control tick: every ending motion's stop moves on; SR-14's holds get their set-points. */
    void tick(long nowNanos) {
        for (GroupTrack g : t.groups) {
            if (g.ending) {
                stepEnding(g);
            }
        }
        hold.tick();
    }

    private void stepEnding(GroupTrack g) {
        if (g.state != GroupState.FOLLOWING) {
            g.ending = false;
            return;
        }
        double beforeMm = g.endStop.positionMm();
        g.endStop.step(t.periodS);
        double vMmPerS = (g.endStop.positionMm() - beforeMm) / t.periodS;
        send(g, vMmPerS, sr23.trusted(g));
        if (g.endStop.atRest()) {
            g.ending = false;
            g.atRest();
            applyBrakes(g);
        }
    }

    // ------------------------------------------------------------------ stops and brakes

    /** A category 1 stop of one group by its nodes; its entry is forgotten. */
    void stopGroup(GroupTrack g, String why) {
        react.stopGroup(g, StopCategory.CAT_1);
        g.endedBecause = why;
    }

    /** Applies a group's brakes at the end of a motion (category 1 style); SR-14 may hold it by the drive. */
    void applyBrakes(GroupTrack g) {
        g.permitted = false;
        g.ending = false;
        if (g.state == GroupState.BRAKED) {
            return;
        }
        if (hold.holdIfSlipping(g)) {
            return; // SR-14: the brakes slip: at the end of a motion (a rescue descent) the drive holds where it is
        }
        for (WinchTrack w : g.winches) {
            // I-2: a winch the load carried ahead of its set-point (the servo's lag, in the motion's direction) rests
            // where it is: a last set-point there, so the servo does not pull it back against the motion
            double aheadMm = (w.positionMm - w.admittedMm) * g.direction;
            if (g.state == GroupState.FOLLOWING && aheadMm > 0 && aheadMm <= followingErrorMm) {
                w.admittedMm = w.positionMm;
                drives.setPoint(w.index, w.model.countsOf(w.positionMm), 0);
            }
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
            stopGroup(g, "a winch stopped by itself");
            react.stopped(g, SafetyRule.SR_9, "a winch of " + g.name() + " stopped by itself: the group stops together");
        } else if (s == GroupState.STOPPING && allBraked) {
            g.state = GroupState.BRAKED;
        }
    }
}
