package com.lianarig.controller.core;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.ExercisePreset;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetySupervisor;
import java.util.Optional;

/**
 * A session program (SPEC section 5): holds starting at 3 s and growing, about 3 repetitions, lowering
 * between them; every motion step needs the trainer's enable (SR-10); limits always win. Owner: the
 * control thread.
 */
final class ProgramRunner {
    /** Rest between repetitions, s. */
    static final double REST_S = 3;

    private final RigModel model;
    private final SafetySupervisor safety;
    private final ModeMachine modes;
    private final EventLog log;
    private final ClientSession session;
    private final Aiming aiming;
    private final GroupMotion motion;

    private boolean running;
    private boolean paused;
    private String pausedBecause = "";
    private String phase = "done";
    private SpineSegment segment;
    private int repetition;
    private int repetitions;
    private double holdS;
    private double holdIncreaseS;
    private double holdElapsedS;
    /** The loaded strap height when the current hold began, mm (the session history's "heights"). */
    private double holdStrapHeightMm = Double.NaN;
    /** A hold began and is not journalled yet. */
    private boolean holdOpen;
    private double restPositionMm;
    private long phaseStartNanos;
    private long lastNanos;

    ProgramRunner(RigModel model, SafetySupervisor safety, ModeMachine modes, EventLog log, ClientSession session,
            Aiming aiming, GroupMotion motion) {
        this.model = model;
        this.safety = safety;
        this.modes = modes;
        this.log = log;
        this.session = session;
        this.aiming = aiming;
        this.motion = motion;
    }

    Decision start(Command.ProgramStart p, long now) {
        if (modes.mode() != Mode.READY) {
            return Decision.refuse(Refusal.WRONG_STATE, "a program starts from READY, not " + modes.mode());
        }
        ExercisePreset preset = null;
        if (!p.presetId().isEmpty()) {
            preset = session.client().preset(p.presetId()).orElse(null);
            if (preset == null) {
                return Decision.refuse(Refusal.UNKNOWN_TARGET, "client " + session.client().id() + " has no preset "
                        + p.presetId());
            }
        }
        if (session.exercise() != com.lianarig.config.profile.Exercise.INVERTED_HANG
                || preset != null && preset.exercise() != com.lianarig.config.profile.Exercise.INVERTED_HANG) {
            // a program steps the leg pair; the upright hang's program (holds at the preset's share) is not built yet
            return Decision.refuse(Refusal.WRONG_STATE, "programs run the inverted hang only: for the upright hang,"
                    + " aim at the preset's load share (aim-share) and hold");
        }
        int g = session.legGroup;
        restPositionMm = safety.view().positionMm(model.group(g).winches()[0]);
        segment = p.segment();
        repetitions = preset == null ? 3 : preset.repetitions();
        holdS = preset == null ? 3 : preset.firstHoldS();
        holdIncreaseS = preset == null ? 2 : preset.holdIncreaseS();
        repetition = 1;
        Decision d = aiming.aim(segment, now, Purpose.PROGRAM);
        if (!d.accepted()) {
            return d;
        }
        running = true;
        paused = false;
        pausedBecause = "";
        phase = "moving-up";
        log.record("program", Json.of("event", "start", "segment", segment.id(), "presetId", p.presetId(), "exercise",
                preset == null ? "inverted-hang" : preset.exercise().id(), "repetitions", repetitions, "firstHoldS",
                holdS, "client", session.client().id()));
        modes.enter(Mode.PROGRAM, "program on " + segment.id());
        return Decision.accept("program started: " + repetitions + " repetitions, first hold " + holdS + " s");
    }

    /** SR-10: pausing ends the program's motion at once (a controlled stop), whatever the enable. */
    Decision pause() {
        if (!running || paused) {
            return Decision.refuse(Refusal.WRONG_STATE, running ? "already paused" : "no program runs");
        }
        pause("paused by the trainer");
        return Decision.accept("program paused");
    }

    private void pause(String why) {
        paused = true;
        pausedBecause = why;
        motion.endMotion(session.legGroup, "program paused");
        log.record("program", Json.of("event", "paused", "why", why, "repetition", repetition));
    }

    /** A new command: the program goes on from where it paused, with the enable held (SR-10). */
    Decision resume(long now) {
        if (!running || !paused) {
            return Decision.refuse(Refusal.WRONG_STATE, running ? "not paused" : "no program runs");
        }
        if (!safety.view().enableLive(now)) {
            return Decision.refuse(Refusal.NO_ENABLE, "hold enable to resume the program (SR-10)");
        }
        paused = false;
        pausedBecause = "";
        return Decision.accept("program resumed");
    }

    /** SR-10: stopping ends the program's motion at once (a controlled stop), whatever the enable. */
    Decision stop(String why) {
        if (!running) {
            return Decision.refuse(Refusal.WRONG_STATE, "no program runs");
        }
        motion.endMotion(session.legGroup, "program stopped");
        finish(why);
        return Decision.accept("program stopped");
    }

    void abort(String why) {
        if (running) {
            finish(why);
        }
    }

    private void finish(String why) {
        holdEnded();
        running = false;
        phase = "done";
        log.record("program", Json.of("event", "end", "why", why, "repetition", repetition));
        if (modes.mode() == Mode.PROGRAM) {
            modes.enter(session.restingMode(), "program ended: " + why);
        }
    }

    /**
     * A program step's motion ended. Before it arrived (a lost enable, a protection) the program pauses: an
     * enable never resumes it by itself (SR-10), the trainer resumes it.
     */
    void motionEnded(String why) {
        if (running && !"arrived".equals(why) && !paused) {
            pause(why);
        }
    }

    /** The next step's motion, or a pause when it cannot start (no enable: SR-10; a refusal). */
    private void next(int g, double positionMm, long now) {
        if (!safety.view().enableLive(now)) {
            pause("the enable was not held for the next step (SR-10)");
            return;
        }
        Decision d = motion.moveGroup(g, positionMm, Purpose.PROGRAM, now);
        if (!d.accepted()) {
            pause("the next step was refused: " + d.detail());
        }
    }

    void step(long now) {
        double dt = lastNanos == 0 ? 0 : (now - lastNanos) / 1e9;
        lastNanos = now;
        if (!running || paused) {
            return;
        }
        if (!safety.view().enableLive(now)) {
            // SR-10 / I-1: the program is motion under the trainer's live enable: once it goes (even during a hold,
            // where nothing moves) the program pauses, and only the trainer's program-resume goes on
            pause("the enable was let go or lapsed (SR-10)");
            return;
        }
        int g = session.legGroup;
        boolean moving = motion.active(g);
        double leadMm = safety.view().positionMm(model.group(g).winches()[0]);
        switch (phase) {
            case "moving-up" -> {
                if (!moving) {
                    if (Math.abs(leadMm - motion.plan(g).targetMm) < 1) {
                        phase = "holding";
                        holdElapsedS = 0;
                        holdStrapHeightMm = session.strapHeightMm(g, session.legLoadN());
                        holdOpen = true;
                    } else {
                        next(g, motion.plan(g).targetMm, now);
                    }
                }
            }
            case "holding" -> {
                holdElapsedS += dt;
                if (holdElapsedS >= holdS) {
                    holdEnded();
                    phase = "lowering";
                    next(g, restPositionMm, now);
                }
            }
            case "lowering" -> {
                if (!moving) {
                    if (Math.abs(leadMm - restPositionMm) < 1) {
                        phase = "resting";
                        phaseStartNanos = now;
                    } else {
                        next(g, restPositionMm, now);
                    }
                }
            }
            case "resting" -> {
                if (now - phaseStartNanos >= (long) (REST_S * 1e9)) {
                    if (repetition >= repetitions) {
                        finish("all " + repetitions + " repetitions done");
                        return;
                    }
                    repetition++;
                    holdS += holdIncreaseS;
                    phase = "moving-up";
                    next(g, aiming.heightMm() - motion.baseHeightMm(g), now);
                }
            }
            default -> {
            }
        }
    }

    /**
     * A hold is over (held to its end, or cut short when the program ended during it; a pause is not an end: the
     * hold goes on after the resume): journalled with its planned and held time and the strap height when it
     * began (the session history's holds). Once per hold.
     */
    private void holdEnded() {
        if (!holdOpen) {
            return;
        }
        holdOpen = false;
        log.record("program", Json.of("event", "hold", "segment", segment.id(), "repetition", repetition,
                "repetitions", repetitions, "holdS", holdS, "heldS", Math.min(holdElapsedS, holdS), "strapHeightMm",
                holdStrapHeightMm, "client", session.client() == null ? null : session.client().id()));
    }

    // The progress, field by field, for the control thread's status snapshot (no allocation per step).

    boolean running() {
        return running;
    }

    /** The phase as {@link RigStatus.ProgramStatus#phase} says it. */
    String phaseWord() {
        return paused ? "paused" : phase;
    }

    int repetition() {
        return repetition;
    }

    int repetitions() {
        return repetitions;
    }

    double holdS() {
        return holdS;
    }

    double holdElapsedS() {
        return holdElapsedS;
    }

    Optional<RigStatus.ProgramStatus> status() {
        if (!running) {
            return Optional.empty();
        }
        return Optional.of(new RigStatus.ProgramStatus(paused ? "paused" : phase, repetition, repetitions, holdS,
                holdElapsedS));
    }
}
