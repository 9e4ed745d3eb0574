package com.lianarig.controller.safety;

import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;

/**
 * One winch's measured and admitted state, allocated once: written by the supervisor as each winch
 * status is decoded and by the motion gate as it admits set-points; read by the rules.
 */
final class WinchTrack {
    final int index;
    final RigModel.WinchModel model;
    /** The node that drives it. */
    NodeTrack node;
    /** Its motion group, set once the groups are built. */
    GroupTrack group;
    /** The other winch of a pair, or null. */
    WinchTrack partner;

    // measured, from the newest WINCH_STATUS
    WinchState state = WinchState.BRAKED;
    double positionMm;
    double velocityMmPerS;
    /** The set-point the node says it follows, mm (its own clamps applied). */
    double setpointEchoMm;
    int flags;
    /** The node's fault code for the winch (a latched trip's, or the last stop's cause). */
    NodeFault fault = NodeFault.NONE;
    boolean haveStatus;
    /** The position in the status before the newest, mm (SR-13's encoder jump). */
    double lastPositionMm;

    // admitted, by the motion gate
    /** Where the host's set-points are, mm. */
    double admittedMm;
    /** Where the winch was when its brakes were last released, mm (SR-13's pair check while positions are void). */
    double releaseMm;
    /** SR-14: where the drive holds this winch instead of its slipping brakes, mm; NaN when it does not. */
    double holdMm = Double.NaN;

    WinchTrack(RigModel.WinchModel model) {
        this.index = model.index();
        this.model = model;
    }

    String id() {
        return model.config().id();
    }

    boolean referenced() {
        return (flags & WinchStatus.FLAG_REFERENCED) != 0;
    }

    boolean upperLimit() {
        return (flags & WinchStatus.FLAG_UPPER_LIMIT) != 0;
    }

    boolean lowerLimit() {
        return (flags & WinchStatus.FLAG_LOWER_LIMIT) != 0;
    }

    /** A node-side trip is latched on the winch (TRIPPED, or a trip kept under the heartbeat SHUTDOWN). */
    boolean nodeTripLatched() {
        return state == WinchState.TRIPPED || (state == WinchState.SHUTDOWN && fault != NodeFault.NONE
                && fault != NodeFault.HEARTBEAT_TIMEOUT);
    }

    /** Both brakes report engaged. */
    boolean brakeFlagsEngaged() {
        return (flags & WinchStatus.FLAG_MOTOR_BRAKE_ENGAGED) != 0 && (flags & WinchStatus.FLAG_DRUM_BRAKE_ENGAGED) != 0;
    }
}
