package com.lianarig.controller.safety;

import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetySupervisor.GroupState;

/**
 * One motion group (a pair, or one winch), allocated once: its drive state as the supervisor sees it
 * and its last admitted motion.
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

    GroupTrack(RigModel.Group model, WinchTrack[] winches) {
        this.index = model.index();
        this.model = model;
        this.winches = winches;
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
}
