package com.lianarig.controller.safety;

import com.lianarig.protocol.StopCategory;

/**
 * The winch drives as the safety supervisor commands them, by the rig model's winch index. Only the
 * supervisor holds this: it alone sends set-points and releases brakes (SPEC section 2).
 * Implementations send at once and never block; commands are answered by the node asynchronously and
 * the supervisor judges their effect from the winch status it receives.
 */
public interface Drives {

    /** Streams a set-point (allocation-free). */
    void setPoint(int winch, int positionCounts, int velocityCountsPerS);

    /** Stops one winch in a category. */
    void stop(int winch, StopCategory category);

    /** Stops every winch of every node in a category (link loss, e-stop, late loop). */
    void stopAll(StopCategory category);

    /** Releases both brakes of a winch to follow set-points (the node holds the current position). */
    void release(int winch);

    /** Applies both brakes of a winch (category 1 style for a moving winch). */
    void applyBrakes(int winch);

    /**
     * SR-18: drives torque against one brake of a winch and reports the movement through the
     * controller's brake-test events.
     */
    void brakeTest(int winch, com.lianarig.protocol.BrakeId brake, int torquePermille, int durationMs,
            int maxMovementCounts);

    /** SR-19: accepts {@code positionCounts} as the winch's current position (REFERENCE SET_POSITION). */
    void reference(int winch, int positionCounts);

    /** Clears the node's sticky shutdown and latched trips (CLEAR_SHUTDOWN) on every node that needs it. */
    void clearShutdowns();
}
