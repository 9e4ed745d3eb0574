package com.lianarig.controller.safety;

/**
 * What the supervisor reports: called on the thread whose input caused it (a node session's owner
 * thread for samples and status, the GPIO thread for the safety chain, the control thread for
 * ticks), while the supervisor's lock is held: implementations must only record and return (the
 * controller queues, the journal appends without blocking).
 */
public interface SafetyListener {

    /** A fault latched (and its stop was sent). */
    void onFault(Fault fault);

    /** A group was stopped without a latched fault (SR-7 ascent stop, SR-10 enable, SR-22, a node's own stop). */
    void onStop(int group, SafetyRule rule, String why);

    /** A warning without a stop (SR-7 imbalance seen, a set-point clamped). */
    void onWarning(SafetyRule rule, String what);

    /**
     * A group's brakes were released for motion (each release is one brake cycle: every motion ends
     * with the brakes applied again). For the maintenance counters; ignored by default.
     */
    default void onBrakesReleased(int group) {
    }
}
