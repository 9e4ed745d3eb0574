package com.lianarig.controller.core;

import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetyRule;
import com.lianarig.controller.safety.SafetySupervisor;
import com.lianarig.controller.safety.TrackView;
import java.util.Locale;

/**
 * The modes the safety supervisor's state forces on the mode machine, once per control step: STARTING until
 * every input is seen (SR-15: the nodes' sticky shutdowns cleared first, nothing moves), then HOLDING, FAULT
 * or ESTOP; ESTOP while SR-11 is latched and FAULT while any other fault is, each ending every motion but a
 * rescue descent, the aim's refinement and the program.
 *
 * <p>Owner (control) thread only.
 */
final class SafetyModes {
    private final RigModel model;
    private final SafetySupervisor safety;
    private final TrackView tracks;
    private final ModeMachine modes;
    private final GroupMotion motion;
    private final Aiming aiming;
    private final ProgramRunner program;
    private boolean clearedStartupShutdown;

    SafetyModes(RigModel model, SafetySupervisor safety, ModeMachine modes, GroupMotion motion, Aiming aiming,
            ProgramRunner program) {
        this.model = model;
        this.safety = safety;
        this.tracks = safety.view();
        this.modes = modes;
        this.motion = motion;
        this.aiming = aiming;
        this.program = program;
    }

    /** STARTING until every input is seen (SR-15); FAULT or ESTOP as the supervisor latches. */
    void step() {
        Mode mode = modes.mode();
        if (mode == Mode.STARTING) {
            if (tracks.allInputsSeen()) {
                if (!clearedStartupShutdown) {
                    clearedStartupShutdown = true;
                    safety.clearNodeShutdowns();
                    return;
                }
                if (!tracks.chainHealthy()) {
                    modes.enter(Mode.ESTOP, "safety chain tripped at start");
                    return;
                }
                StringBuilder where = new StringBuilder("positions read:");
                for (RigModel.WinchModel w : model.winches()) {
                    where.append(String.format(Locale.ROOT, " %s %.1f mm%s", w.config().id(),
                            tracks.positionMm(w.index()), tracks.referenced(w.index()) ? "" : " (unreferenced)"));
                }
                modes.enter(safety.faulted() ? Mode.FAULT : Mode.HOLDING, where.toString());
            }
            return;
        }
        if (safety.latched(SafetyRule.SR_11)) {
            if (mode != Mode.ESTOP) {
                abortMotion("safety chain tripped");
                modes.enter(Mode.ESTOP, "safety chain tripped (SR-11)");
            }
            return;
        }
        if (safety.faulted() && mode != Mode.FAULT && mode != Mode.ESTOP) {
            abortMotion("fault");
            modes.enter(Mode.FAULT, safety.faults().toString());
        }
    }

    private void abortMotion(String why) {
        motion.abortAllButRescue();
        aiming.stopRefining();
        program.abort(why);
    }
}
