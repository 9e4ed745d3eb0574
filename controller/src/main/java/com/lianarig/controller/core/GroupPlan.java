package com.lianarig.controller.core;

import com.lianarig.controller.motion.MotionLimits;
import com.lianarig.controller.motion.SCurveAxis;
import com.lianarig.controller.safety.MotionKind;

/** One motion group's planned motion (owner: the control thread), allocated once per group. */
final class GroupPlan {
    final int index;
    /** The jerk-limited profile of the group's lead winch, mm. */
    final SCurveAxis axis;
    /** A motion of this group was accepted and has not ended. */
    boolean active;
    /** The brakes released and the profile runs. */
    boolean following;
    Purpose purpose;
    MotionKind kind;
    /** The profile's position at the last admitted set-point, mm. */
    double lastAxisMm;
    /** Where a move goes, lead winch position, mm. */
    double targetMm;
    /** Hold-to-run: +1 up, -1 down. */
    int jogSign;
    long releaseAtNanos;
    /** How often the approach was resumed after the supervisor clamped set-points. */
    int approachRetries;

    GroupPlan(int index, MotionLimits limits) {
        this.index = index;
        this.axis = new SCurveAxis(limits, 0);
    }

    /** Forgets the motion (it ended or was aborted). */
    void clear() {
        active = false;
        following = false;
    }
}
