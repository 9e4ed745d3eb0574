package com.lianarig.controller.safety;

import com.lianarig.controller.motion.SCurveAxis;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetySupervisor.GroupState;

/**
 * One motion group (a pair, or one winch), allocated once: its drive state as the supervisor sees it,
 * its last admitted motion, and its entry in the motion gate's ledger (SAFETY-CORE: at most one live
 * motion per group, with its kind and direction).
 */
final class GroupTrack {
    final int index;
    final RigModel.Group model;
    final WinchTrack[] winches;

    GroupState state = GroupState.BRAKED;
    MotionKind kind = MotionKind.NORMAL;
    /** The velocity and acceleration of the last admitted set-point, mm/s and mm/s^2. */
    double velocityMmPerS;
    double accelMmPerS2;

    // the ledger entry (I-1, I-2)
    /** A live motion accounts for this group: an accepted command's, not yet ended. */
    boolean permitted;
    /** The live motion's direction: +1 up, -1 down. */
    int direction;
    /** Why the last motion ended (for the control logic and the journal). */
    String endedBecause = "";
    /** The gate's own jerk-limited stop of a motion that ended while the group moved ("stopping" in the ledger). */
    final SCurveAxis endStop;
    boolean ending;

    GroupTrack(RigModel.Group model, WinchTrack[] winches, SCurveAxis endStop) {
        this.index = model.index();
        this.model = model;
        this.winches = winches;
        this.endStop = endStop;
    }

    String name() {
        return model.name();
    }

    /** Forgets the motion's speed (a stop was sent or the brakes applied). */
    void atRest() {
        velocityMmPerS = 0;
        accelMmPerS2 = 0;
    }

    boolean moving() {
        return state == GroupState.FOLLOWING || state == GroupState.RELEASING;
    }

    WinchTrack lead() {
        return winches[0];
    }
}
