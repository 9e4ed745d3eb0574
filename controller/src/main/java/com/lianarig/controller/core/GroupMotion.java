package com.lianarig.controller.core;

import com.lianarig.config.rig.Limits;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.motion.MotionLimits;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.MotionKind;
import com.lianarig.controller.safety.SafetySupervisor;
import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.controller.safety.TrackView;
import java.util.Locale;
import java.util.Optional;

/**
 * Each group's motion: jerk-limited profiles ({@code SCurveAxis}) from an accepted jog, move, aim, program
 * step or rescue descent to set-points through the supervisor's motion gate, slowed before the ends of
 * travel (SR-12) and while the client is loaded (SR-5). A motion is an entry in the gate's ledger: it lives
 * while its command and the enable do (SR-10); when the gate ends it (enable gone, STOP, a reaction) the
 * gate brings the group to rest and the plan is over: an enable never resumes it. Owner: the control thread.
 */
final class GroupMotion {
    /** How long a brake release may take before the motion is given up, ns. */
    static final long RELEASE_TIMEOUT_NANOS = 1_000_000_000L;
    /** A move counts as arrived within this of its target, mm. */
    static final double ARRIVAL_TOLERANCE_MM = 0.5;
    /** How often a move's approach is resumed after supervisor clamps before it ends where it is. */
    static final int MAX_APPROACH_RETRIES = 3;
    /** Velocity mode (SR-19 with positions void): the rescue's profile runs toward a target this far below, mm. */
    static final double VELOCITY_MODE_REACH_MM = 100_000;

    /** What the rest of the controller hears of motion. */
    interface Listener {
        /** A motion of group {@code g} was accepted and its brakes are being released. */
        void motionStarted(int g, Purpose why);

        /** The motion of group {@code g} ended (arrived, let go, stopped by the supervisor...). */
        void motionEnded(int g, Purpose was, String why);
    }

    private final RigModel model;
    private final Limits limits;
    private final SafetySupervisor safety;
    private final ModeMachine modes;
    private final double dtS;
    private final GroupPlan[] plans;
    private ClientSession client;
    private Listener listener;

    GroupMotion(RigModel model, SafetySupervisor safety, ModeMachine modes) {
        this.model = model;
        this.limits = model.limits();
        this.safety = safety;
        this.modes = modes;
        this.dtS = 1.0 / limits.controlRateHz();
        MotionLimits motionLimits = MotionLimits.of(limits);
        plans = new GroupPlan[model.groups().size()];
        for (int g = 0; g < plans.length; g++) {
            plans[g] = new GroupPlan(g, motionLimits);
        }
    }

    void bind(ClientSession clientSession, Listener motionListener) {
        this.client = clientSession;
        this.listener = motionListener;
    }

    GroupPlan plan(int g) {
        return plans[g];
    }

    boolean active(int g) {
        return plans[g].active;
    }

    boolean anyActive() {
        for (GroupPlan p : plans) {
            if (p.active) {
                return true;
            }
        }
        return false;
    }

    int groupIndex(String name) {
        for (RigModel.Group g : model.groups()) {
            if (g.name().equals(name)) {
                return g.index();
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ what a panel asks

    /**
     * A plan whose motion the gate has already ended (the same control period) is over: a new command starts
     * afresh, taking over from the gate's stop.
     */
    private void settle(int g) {
        GroupPlan p = plans[g];
        if (p.active && !safety.view().live(g)) {
            end(p, "stopped: " + safety.view().endedBecause(g));
        }
    }

    Decision jog(Command.Jog j, long now) {
        int g = groupIndex(j.group());
        if (g < 0) {
            return Decision.refuse(Refusal.UNKNOWN_TARGET, "no group " + j.group());
        }
        GroupPlan p = plans[g];
        if (j.direction() != Command.Jog.Direction.NONE) {
            settle(g);
        }
        if (j.direction() == Command.Jog.Direction.NONE) {
            letGo(g, "jog let go");
            return Decision.accept("jog ended");
        }
        Mode mode = modes.mode();
        if (mode != Mode.HOLDING && mode != Mode.ATTACHING && mode != Mode.READY
                && !(mode == Mode.MOVING && p.active && p.purpose == Purpose.JOG)) {
            return Decision.refuse(Refusal.WRONG_STATE, "jog needs HOLDING, ATTACHING or READY, not " + mode);
        }
        if (!safety.view().enableLive(now)) {
            return Decision.refuse(Refusal.NO_ENABLE, "hold enable to jog (SR-10)");
        }
        if (!trusted(g)) {
            return notTrusted(g);
        }
        int sign = j.direction() == Command.Jog.Direction.UP ? 1 : -1;
        if (sign > 0 && !safety.view().ascentAllowed(g)) {
            return Decision.refuse(Refusal.ASCENT_BLOCKED, "ascent is blocked now");
        }
        // I-2: a group at (or beyond) an end of travel does not move toward it, nor back (a jog away from it does)
        double lead = safety.view().admittedMm(model.group(g).winches()[0]);
        if (sign < 0 && lead <= lowEndMm(g) + ARRIVAL_TOLERANCE_MM) {
            return Decision.refuse(Refusal.OUT_OF_LIMITS, model.group(g).name()
                    + " is at its lower soft limit (SR-12): jog up only");
        }
        if (sign > 0 && lead >= highEndMm(g) - ARRIVAL_TOLERANCE_MM) {
            return Decision.refuse(Refusal.OUT_OF_LIMITS, model.group(g).name() + " is at its upper end ("
                    + (highEndMm(g) < softHighMm(g) ? client.ceilingName(g) : "soft limit, SR-12")
                    + "): jog down only");
        }
        MotionKind k = mode == Mode.READY || mode == Mode.MOVING ? MotionKind.NORMAL : MotionKind.ATTACH;
        if (p.active && p.purpose == Purpose.JOG) {
            if (sign != p.jogSign) {
                Optional<String> refused = safety.retarget(g, sign, now);
                if (refused.isPresent()) {
                    return Decision.refuse(Refusal.DRIVES_REFUSED, refused.get());
                }
                p.jogSign = sign;
                jogAxis(g, sign);
            }
            return Decision.accept("jogging " + j.direction());
        }
        p.jogSign = sign;
        return start(g, Purpose.JOG, k, sign, now);
    }

    Decision moveTo(Command.MoveTo m, long now) {
        int g = groupIndex(m.group());
        if (g < 0) {
            return Decision.refuse(Refusal.UNKNOWN_TARGET, "no group " + m.group());
        }
        Mode mode = modes.mode();
        if (mode != Mode.READY && !(mode == Mode.MOVING && plans[g].active)) {
            return Decision.refuse(Refusal.WRONG_STATE, "moves need READY, not " + mode);
        }
        if (!trusted(g)) {
            return notTrusted(g);
        }
        // SR-16: a panel's target outside the limits is refused (internal targets are clamped: SR-12, SR-20).
        double positionMm = m.heightMm() - baseHeightMm(g);
        if (positionMm < lowEndMm(g) || positionMm > highEndMm(g)) {
            boolean ceiling = positionMm > highEndMm(g) && highEndMm(g) < softHighMm(g);
            return Decision.refuse(Refusal.OUT_OF_LIMITS, String.format(Locale.ROOT,
                    "height %.1f mm is outside %.1f..%.1f mm (%s)", m.heightMm(), lowEndMm(g) + baseHeightMm(g),
                    highEndMm(g) + baseHeightMm(g), ceiling ? client.ceilingName(g) : "soft limits, SR-12"));
        }
        return moveGroup(g, positionMm, Purpose.MOVE, now);
    }

    /** Moves a group's lead winch to {@code positionMm} (clamped into its ends), starting or retargeting. */
    Decision moveGroup(int g, double positionMm, Purpose why, long now) {
        settle(g);
        if (!trusted(g)) {
            return notTrusted(g);
        }
        if (!safety.view().enableLive(now)) {
            return Decision.refuse(Refusal.NO_ENABLE, "hold enable to move (SR-10)");
        }
        String clampNote = "";
        double low = lowEndMm(g);
        double high = highEndMm(g);
        double target = Math.max(low, Math.min(high, positionMm));
        if (target != positionMm) {
            clampNote = String.format(Locale.ROOT, " (clamped from %.1f mm to %s %.1f mm)", positionMm,
                    positionMm > high ? (high < softHighMm(g) ? client.ceilingName(g) : "soft limit") : "soft limit", target);
        }
        double leadMm = safety.view().admittedMm(model.group(g).winches()[0]);
        if (target > safety.view().positionMm(model.group(g).winches()[0]) + 0.05 && !safety.view().ascentAllowed(g)) {
            return Decision.refuse(Refusal.ASCENT_BLOCKED, "ascent is blocked now");
        }
        int direction = target >= leadMm ? 1 : -1;
        GroupPlan p = plans[g];
        if (p.active && (p.purpose == Purpose.MOVE || p.purpose == Purpose.AIM || p.purpose == Purpose.PROGRAM)
                && p.following) {
            Optional<String> refused = safety.retarget(g, direction, now);
            if (refused.isPresent()) {
                return Decision.refuse(Refusal.DRIVES_REFUSED, refused.get());
            }
            p.purpose = why;
            p.targetMm = target;
            p.axis.moveTo(target);
            return Decision.accept(String.format(Locale.ROOT, "retargeted to %.1f mm%s", target, clampNote));
        }
        p.targetMm = target;
        Decision d = start(g, why, MotionKind.NORMAL, direction, now);
        return d.accepted() ? Decision.accept(String.format(Locale.ROOT, "moving to %.1f mm%s", target, clampNote)) : d;
    }

    /**
     * SR-19: the rescue descent of the leg pair, held (checks of who and when are the caller's); in velocity
     * mode when the pair's positions are void (SR-23).
     */
    Decision rescueHeld(int g, long now) {
        settle(g);
        GroupPlan p = plans[g];
        if (p.active && p.purpose == Purpose.RESCUE) {
            return Decision.accept("rescue descent");
        }
        p.jogSign = -1;
        Decision d = start(g, Purpose.RESCUE, MotionKind.RESCUE, -1, now);
        return d.accepted() ? Decision.accept(trusted(g) ? "rescue descent" : "rescue descent (velocity mode:"
                + " positions not trusted, SR-23)") : d;
    }

    /** Hold-to-run let go (jog NONE, rescue released): the gate brings the group to rest, whatever the enable. */
    void letGo(int g, String why) {
        if (plans[g].active && plans[g].purpose.holdToRun()) {
            safety.endMotion(g, why);
        }
    }

    /** Ends a group's motion now (program pause or stop), whatever the enable: the gate brings it to rest. */
    void endMotion(int g, String why) {
        if (plans[g].active) {
            safety.endMotion(g, why);
        }
    }

    private Decision start(int g, Purpose why, MotionKind k, int direction, long now) {
        GroupPlan p = plans[g];
        if (p.active) {
            return Decision.refuse(Refusal.WRONG_STATE, "group " + model.group(g).name() + " is already moving ("
                    + p.purpose.name().toLowerCase(Locale.ROOT) + ")");
        }
        Optional<String> refused = safety.begin(g, k, direction, now);
        if (refused.isPresent()) {
            return Decision.refuse(Refusal.DRIVES_REFUSED, refused.get());
        }
        p.active = true;
        p.approachRetries = 0;
        p.following = false;
        p.purpose = why;
        p.kind = k;
        p.releaseAtNanos = now;
        listener.motionStarted(g, why);
        return Decision.accept("releasing brakes of " + model.group(g).name());
    }

    /** Every motion forgotten at once (a STOP: the supervisor stops the drives). */
    void abortAll() {
        for (GroupPlan p : plans) {
            p.clear();
        }
    }

    /** Every motion but a rescue descent forgotten (a fault or an ESTOP: the supervisor stops the drives). */
    void abortAllButRescue() {
        for (GroupPlan p : plans) {
            if (p.active && p.purpose != Purpose.RESCUE) {
                p.clear();
            }
        }
    }

    // ------------------------------------------------------------------ the step

    void step(long now) {
        for (GroupPlan p : plans) {
            stepGroup(p, now);
        }
    }

    private void stepGroup(GroupPlan p, long now) {
        if (!p.active) {
            return;
        }
        int g = p.index;
        GroupState gs = safety.view().groupState(g);
        if (!safety.view().live(g)) {
            // the gate ended it (enable gone, let go, STOP, a reaction) and brings it to rest: the motion is over once
            // the brakes hold (or SR-14's drive holds it)
            if (gs == GroupState.BRAKED || safety.view().groupKind(g) == MotionKind.HOLD) {
                end(p, "stopped: " + safety.view().endedBecause(g));
            }
            return;
        }
        int lead = model.group(g).winches()[0];
        if (gs == GroupState.RELEASING) {
            if (now - p.releaseAtNanos > RELEASE_TIMEOUT_NANOS) {
                safety.endMotion(g, "brakes did not release within 1 s");
                end(p, "brakes did not release within 1 s");
            }
            return;
        }
        if (gs != GroupState.FOLLOWING) {
            end(p, "stopped by the supervisor or the node");
            return;
        }
        if (!p.following) {
            p.following = true;
            double pos = safety.view().admittedMm(lead);
            // from rest after a release; from the gate's stop or the drive's hold when it takes over
            p.axis.continueFrom(pos, safety.view().groupVelocityMmPerS(g), safety.view().groupAccelMmPerS2(g));
            p.lastAxisMm = pos;
            if (p.purpose.holdToRun()) {
                jogAxis(g, p.jogSign);
            } else {
                p.axis.moveTo(p.targetMm);
            }
        }
        boolean jogging = p.purpose.holdToRun();
        p.axis.setSpeedLimits(upCapMmPerS(p), downCapMmPerS(p));
        p.axis.step(dtS);
        double delta = p.axis.positionMm() - p.lastAxisMm;
        p.lastAxisMm = p.axis.positionMm();
        if (safety.admit(g, delta, now) && safety.view().groupVelocityMmPerS(g) != delta / dtS) {
            // The gate admitted less than the profile asked (I-2: a motion turned by a retarget may not speed up
            // against its new direction; a cap; the slow-down zone). The profile continues from what the drives
            // were sent: followed on from its own position it would run ahead of the set-points, and a move that
            // then turned would rest past its target by that much and come back (R-7, I-1 / I-2).
            TrackView t = safety.view();
            p.axis.continueFrom(t.admittedMm(lead), t.groupVelocityMmPerS(g), t.groupAccelMmPerS2(g));
            p.lastAxisMm = p.axis.positionMm();
            if (jogging) {
                jogAxis(g, p.jogSign);
            } else {
                p.axis.moveTo(p.targetMm);
            }
        }
        if (p.axis.atRest() && !jogging && p.approachRetries < MAX_APPROACH_RETRIES
                && Math.abs(safety.view().admittedMm(lead) - p.targetMm) > ARRIVAL_TOLERANCE_MM) {
            // the gate clamped some set-points (a slow-down zone): finish the approach from where they are
            p.approachRetries++;
            p.axis.reset(safety.view().admittedMm(lead));
            p.lastAxisMm = p.axis.positionMm();
            p.axis.moveTo(p.targetMm);
            return;
        }
        if (p.axis.atRest()) {
            safety.applyBrakes(g);
            end(p, jogging ? "reached the end of travel" : "arrived");
        }
    }

    private void end(GroupPlan p, String why) {
        p.clear();
        listener.motionEnded(p.index, p.purpose, why);
    }

    // ------------------------------------------------------------------ caps and ends

    private double upCapMmPerS(GroupPlan p) {
        int g = p.index;
        double cap = p.kind.ascentCapMmPerS(limits);
        double pos = p.axis.positionMm();
        // SR-12: slow before the slow-down zone so the gate never has to clamp.
        // (the distance to slow is signed: only an upward one counts here)
        double slowUpMm = Math.max(0, p.axis.distanceToSlowToMm(limits.slowZoneSpeedMmPerS()));
        if (highEndMm(g) - pos < limits.slowZoneMm() + slowUpMm + 2) {
            cap = Math.min(cap, limits.slowZoneSpeedMmPerS());
        }
        // SR-5: while the client is being loaded, the load may rise only so fast.
        return Math.min(cap, client.loadingCapMmPerS(g));
    }

    private double downCapMmPerS(GroupPlan p) {
        int g = p.index;
        double cap = p.kind.descentCapMmPerS(limits);
        double pos = p.axis.positionMm();
        // SR-12 on the way down: the signed distance to slow is negative while descending (it was added as it came,
        // so the profile reached the lower slow-down zone at full speed and the gate's clamp braked it unprofiled:
        // the servo then reversed by about 1 mm, an I-2 violation R-7's v3 oracle found)
        double slowDownMm = Math.max(0, -p.axis.distanceToSlowToMm(limits.slowZoneSpeedMmPerS()));
        if (pos - lowEndMm(g) < limits.slowZoneMm() + slowDownMm + 2) {
            cap = Math.min(cap, limits.slowZoneSpeedMmPerS());
        }
        // SR-5, upright hang: lowering the finger loops loads the client; the load may rise only so fast
        return Math.min(cap, client.loadingDownCapMmPerS(g));
    }

    /**
     * Hold-to-run (jog, rescue descent): runs toward the end of travel in that direction and comes to rest
     * there along the S-curve (SR-12), so the gate's clamp at the soft limit never cuts a moving set-point
     * short.
     */
    private void jogAxis(int g, int sign) {
        plans[g].axis.moveTo(sign > 0 ? highEndMm(g) : lowEndMm(g));
    }

    /**
     * The lowest position of the group's lead winch (the axis's coordinate) at which no winch of the group
     * is below its soft lower limit (the winches move by the same amount, each from its own position); with
     * positions void (SR-23) far below where it is: the rescue descent in velocity mode has no end of travel
     * but the mat and the lower limit switch.
     */
    double lowEndMm(int g) {
        int lead = model.group(g).winches()[0];
        if (!trusted(g)) {
            return safety.view().admittedMm(lead) - VELOCITY_MODE_REACH_MM;
        }
        double low = Double.NEGATIVE_INFINITY;
        for (int w : model.group(g).winches()) {
            low = Math.max(low, model.winch(w).config().softLowMm() + leadOffsetMm(g, w));
        }
        return low;
    }

    /**
     * As {@link #lowEndMm} upward: soft upper limits and the client's ceiling (SR-20's strap ceiling for the leg
     * pair; in the upright hang, the standing reach for the loop winch).
     */
    double highEndMm(int g) {
        double ceilingMm = client.ceilingPositionMm(g);
        double high = Double.POSITIVE_INFINITY;
        for (int w : model.group(g).winches()) {
            high = Math.min(high, Math.min(model.winch(w).config().softHighMm(), ceilingMm) + leadOffsetMm(g, w));
        }
        return high;
    }

    /** The lead winch's soft upper limit, mm. */
    double softHighMm(int g) {
        return model.winch(model.group(g).winches()[0]).config().softHighMm();
    }

    /** How far the group's lead winch's set-point is above this winch's, mm (0 for the lead itself). */
    private double leadOffsetMm(int g, int w) {
        return safety.view().admittedMm(model.group(g).winches()[0]) - safety.view().admittedMm(w);
    }

    double baseHeightMm(int g) {
        return model.winch(model.group(g).winches()[0]).config().baseHeightMm();
    }

    /** SR-23: every winch of the group has a trusted position. */
    boolean trusted(int g) {
        for (int w : model.group(g).winches()) {
            if (!safety.view().trusted(w)) {
                return false;
            }
        }
        return true;
    }

    private Decision notTrusted(int g) {
        return Decision.refuse(Refusal.NOT_REFERENCED, "the position of " + model.group(g).name()
                + " is not trusted (SR-23: a node restarted, the link was lost or an encoder failed): a technician"
                + " references it; to lower a client use the rescue descent");
    }
}
