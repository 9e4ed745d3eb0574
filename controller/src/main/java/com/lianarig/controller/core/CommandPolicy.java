package com.lianarig.controller.core;

import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.safety.ResetRole;
import com.lianarig.controller.safety.SafetySupervisor;
import com.lianarig.protocol.StopCategory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command model's decisions (SPEC sections 1 and 4, SR-10, SR-16): who may ask what, in which
 * state, and why not; an accepted command is handed to the part that carries it out. STOP is accepted
 * from any panel in any state.
 *
 * <p>SR-24, who is in command: one panel at a time. It takes and releases command; its command lapses
 * when it sends nothing for the lease ({@code commandLeaseS}, default 3 s: panels send a heartbeat every
 * second), and the enable it gave goes with it; a technician panel may take command from a trainer
 * panel, and the wired pendant may always take it (it is at the rig). Every change of hands is
 * journalled ("control"). Owner: the control thread.
 */
final class CommandPolicy {
    /** The answers to a hold-to-run enable refresh (10 Hz from a panel): shared, nothing allocated per refresh. */
    private static final Decision ENABLE_LIVE = Decision.accept("enable live");
    private static final Decision ENABLE_RELEASED = Decision.accept("enable released");
    private static final Decision ALIVE = Decision.accept("heard");

    private final SafetySupervisor safety;
    private final ModeMachine modes;
    private final EventLog log;
    private final ClientSession session;
    private final Aiming aiming;
    private final GroupMotion motion;
    private final ProgramRunner program;
    private final PreUseCheck check;

    private final long leaseNanos;
    /** SR-21's alarm and the trainers' notes ({@link #bind}). */
    private AlarmEscalation alarm;
    private Notes notes;
    /** The panel in command, or null. */
    private String owner;
    private boolean ownerIsTechnician;
    /** When the panel in command was last heard (any command), controller clock. */
    private long ownerHeardNanos;
    /** An ESTOP was reset and the legs have not moved normally since: the rescue descent is available (SR-19). */
    private boolean afterEstop;

    CommandPolicy(SafetySupervisor safety, ModeMachine modes, EventLog log, ClientSession session, Aiming aiming,
            GroupMotion motion, ProgramRunner program, PreUseCheck check, int commandLeaseS) {
        this.leaseNanos = commandLeaseS * 1_000_000_000L;
        this.safety = safety;
        this.modes = modes;
        this.log = log;
        this.session = session;
        this.aiming = aiming;
        this.motion = motion;
        this.program = program;
        this.check = check;
    }

    String owner() {
        return owner;
    }

    void bind(AlarmEscalation inverted, Notes sessionNotes) {
        this.alarm = inverted;
        this.notes = sessionNotes;
    }

    /** A normal motion of the leg pair started: the rescue descent is for FAULT and void positions again. */
    void legsMoved() {
        afterEstop = false;
    }

    /** SR-24: the command of a panel that has sent nothing for the lease lapses (every step). */
    void step(long now) {
        if (owner != null && now - ownerHeardNanos > leaseNanos) {
            String silent = owner;
            handOver(null, false, "lapsed: nothing heard from " + silent + " for "
                    + String.format(Locale.ROOT, "%.1f s", (now - ownerHeardNanos) / 1e9));
        }
    }

    Decision decide(Command c, Issuer who, long now) {
        boolean fromOwner = owner != null && owner.equals(who.panelId());
        if (fromOwner) {
            ownerHeardNanos = now; // SR-24: any command keeps the lease
        }
        if (c instanceof Command.Stop) {
            stopEverything("STOP from " + who.panelId());
            return Decision.accept("stopping");
        }
        if (c instanceof Command.Heartbeat) {
            return ALIVE; // SR-24's lease is kept by the command model's panel tracking (nothing moves)
        }
        if (c instanceof Command.AcknowledgeAlarm) {
            return alarm.acknowledge(who, now); // SR-21: any configured panel or the pendant, any state; moves nothing
        }
        if (c instanceof Command.TakeControl) {
            return take(who, now);
        }
        if (!fromOwner) {
            return Decision.refuse(Refusal.NOT_IN_COMMAND, owner == null ? "no panel is in command: take control first"
                    : "panel " + owner + " is in command");
        }
        if (c instanceof Command.ReleaseControl) {
            handOver(null, false, "released by " + who.panelId());
            return Decision.accept("control released");
        }
        if (c instanceof Command.Enable e) {
            if (e.held()) {
                safety.enable(now);
            } else {
                safety.disable();
            }
            return e.held() ? ENABLE_LIVE : ENABLE_RELEASED;
        }
        if (c instanceof Command.Reset) {
            return reset(who, now);
        }
        if (c instanceof Command.Note n) {
            return notes.take(n, who, now); // the session history (SPEC section 5); moves nothing, any state
        }
        Mode mode = modes.mode();
        if (mode == Mode.STARTING) {
            return Decision.refuse(Refusal.WRONG_STATE, "starting: " + modes.reason());
        }
        if (c instanceof Command.RescueDescent r) {
            return rescue(r.held(), now);
        }
        if (c instanceof Command.Jog j && Issuer.PENDANT_ID.equals(who.panelId()) && rescueOnly(j.group())) {
            // SR-19: at the rig, the wired pendant's DOWN (with ENABLE) is the rescue descent when that is the only
            // motion left; UP does nothing
            if (j.direction() == Command.Jog.Direction.UP) {
                return Decision.refuse(Refusal.WRONG_STATE, "only the rescue descent (DOWN) is available now (SR-19)");
            }
            return rescue(j.direction() == Command.Jog.Direction.DOWN, now);
        }
        if (c instanceof Command.PreUseCheckWaive w) {
            if (!who.technician()) {
                return Decision.refuse(Refusal.TECHNICIAN_ONLY, "only a technician may waive the pre-use check");
            }
            return check.waive(who, w.reason());
        }
        if (c instanceof Command.Reference r) {
            if (!who.technician()) {
                return Decision.refuse(Refusal.TECHNICIAN_ONLY, "only a technician may reference a winch");
            }
            return reference(r, now);
        }
        if (mode == Mode.ESTOP) {
            return Decision.refuse(Refusal.ESTOP, "the safety chain is tripped: no motion until it is healthy and reset");
        }
        if (mode == Mode.FAULT) {
            return Decision.refuse(Refusal.FAULT, "latched: " + safety.faults());
        }
        if (c instanceof Command.Attach a) {
            return session.attach(a.clientId(), a.exercise());
        }
        if (c instanceof Command.ClientReady) {
            return session.clientReady();
        }
        if (c instanceof Command.Detach) {
            return session.detach();
        }
        if (c instanceof Command.Jog j) {
            return motion.jog(j, now);
        }
        if (c instanceof Command.MoveTo m) {
            return motion.moveTo(m, now);
        }
        if (c instanceof Command.AimAt a) {
            if (mode == Mode.PROGRAM) {
                return Decision.refuse(Refusal.WRONG_STATE, "a program runs: pause or stop it before aiming elsewhere");
            }
            return aiming.aim(a.segment(), now, Purpose.AIM);
        }
        if (c instanceof Command.AimShare a) {
            if (mode == Mode.PROGRAM) {
                return Decision.refuse(Refusal.WRONG_STATE, "a program runs: pause or stop it before aiming elsewhere");
            }
            return aiming.aimShare(a.loadSharePercent() / 100, now, Purpose.AIM);
        }
        if (c instanceof Command.SaveOffset) {
            return aiming.saveOffset();
        }
        if (c instanceof Command.ProgramStart p) {
            return program.start(p, now);
        }
        if (c instanceof Command.ProgramPause) {
            return program.pause();
        }
        if (c instanceof Command.ProgramResume) {
            return program.resume(now);
        }
        if (c instanceof Command.ProgramStop) {
            return program.stop("stopped by " + who.panelId());
        }
        if (c instanceof Command.PreUseCheckStart) {
            return check.start(now);
        }
        return Decision.refuse(Refusal.INVALID, "unknown command " + c.name());
    }

    /** SR-24: take command; from another panel only a technician (from a trainer) or the pendant may. */
    private Decision take(Issuer who, long now) {
        String id = who.panelId();
        if (id.equals(owner)) {
            return Decision.accept(id + " in command");
        }
        String was = owner;
        if (was != null) {
            boolean pendant = Issuer.PENDANT_ID.equals(id);
            boolean technicianOverTrainer = who.technician() && !ownerIsTechnician && !Issuer.PENDANT_ID.equals(was);
            if (!pendant && !technicianOverTrainer) {
                return Decision.refuse(Refusal.CONTROL_HELD, "panel " + was + " is in command"
                        + (who.technician() ? " (a technician panel takes command only from a trainer panel)"
                                : " (it releases command, or its command lapses after " + leaseNanos / 1_000_000_000L
                                        + " s without a word from it)"));
            }
        }
        handOver(who, now, was == null ? "taken by " + id : "taken from " + was + " by " + id);
        return Decision.accept(was == null ? id + " in command" : id + " in command (taken from " + was + ")");
    }

    private void handOver(Issuer to, long now, String why) {
        handOver(to == null ? null : to.panelId(), to != null && to.technician(), why);
        ownerHeardNanos = now;
    }

    /**
     * Command changes hands (or lapses): the enable of the panel that had it goes with it, so motion under
     * it pauses with a controlled stop (SR-10) and nothing resumes until the new panel asks.
     */
    private void handOver(String to, boolean technician, String why) {
        String was = owner;
        if (was != null) {
            safety.disable();
        }
        owner = to;
        ownerIsTechnician = technician;
        log.record("control", Json.of("panel", to, "from", was, "why", why));
    }

    private Decision reset(Issuer who, long now) {
        List<String> remaining = safety.reset(who.technician() ? ResetRole.TECHNICIAN : ResetRole.TRAINER, now);
        if (!remaining.isEmpty()) {
            return Decision.refuse(Refusal.CAUSE_PRESENT, String.join("; ", remaining));
        }
        if (modes.is(Mode.FAULT) || modes.is(Mode.ESTOP)) {
            afterEstop |= modes.is(Mode.ESTOP);
            modes.enter(session.restingMode(), "reset by " + who.panelId());
        }
        return Decision.accept("reset");
    }

    private Decision rescue(boolean held, long now) {
        int g = session.legGroup;
        if (g < 0) {
            return Decision.refuse(Refusal.UNKNOWN_TARGET, "this rig has no leg-strap pair");
        }
        if (!held) {
            motion.letGo(g, "rescue descent let go");
            return Decision.accept("rescue descent released");
        }
        Mode mode = modes.mode();
        if (mode == Mode.ESTOP) {
            return Decision.refuse(Refusal.ESTOP, "the safety chain is tripped");
        }
        if (!rescueAvailable(g)) {
            return Decision.refuse(Refusal.WRONG_STATE, "the rescue descent is for FAULT, positions not trusted after"
                    + " a node restart or link loss, or after an ESTOP (SR-19); lower the legs normally");
        }
        if (!safety.view().enableLive(now)) {
            return Decision.refuse(Refusal.NO_ENABLE, "hold enable for the rescue descent (SR-10)");
        }
        if (mode == Mode.FAULT && !motion.active(g)) {
            // a node's heartbeat shutdown is cleared for it, never a node's latched trip (SR-19)
            Optional<String> refused = safety.clearForRescue();
            if (refused.isPresent()) {
                return Decision.refuse(Refusal.DRIVES_REFUSED, refused.get());
            }
        }
        return motion.rescueHeld(g, now);
    }

    /** SR-19: whether the rescue descent is available for the leg pair now. */
    private boolean rescueAvailable(int g) {
        return modes.is(Mode.FAULT) || !motion.trusted(g) || afterEstop;
    }

    /** Whether, for this group, the only motion left is the rescue descent (the pendant's DOWN becomes it). */
    private boolean rescueOnly(String group) {
        int g = session.legGroup;
        return g >= 0 && motion.groupIndex(group) == g && (modes.is(Mode.FAULT) || !motion.trusted(g));
    }

    private Decision reference(Command.Reference r, long now) {
        int g = motion.groupIndex(r.group());
        if (g < 0) {
            return Decision.refuse(Refusal.UNKNOWN_TARGET, "no group " + r.group());
        }
        if (motion.active(g)) {
            return Decision.refuse(Refusal.WRONG_STATE, "group " + r.group() + " is moving");
        }
        safety.reference(g, r.positionMm(), now);
        return Decision.accept(String.format(Locale.ROOT, "group %s referenced at %.1f mm", r.group(), r.positionMm()));
    }

    /** A STOP: every group stops (category 1), every motion and the program end. */
    void stopEverything(String why) {
        safety.stopAll(StopCategory.CAT_1);
        motion.abortAll();
        aiming.stopRefining();
        program.abort(why);
        if (modes.is(Mode.MOVING) || modes.is(Mode.PROGRAM)) {
            modes.enter(session.restingMode(), why);
        }
        log.record("stop", Json.of("why", why));
    }
}
