package com.lianarig.controller.safety;

/**
 * One safety rule of SPEC section 4 (a class named after its id, e.g. {@code Sr14BrakeSlip}), owning
 * only its own state over the shared tracks. Every hook does nothing unless the rule needs it. The
 * supervisor calls the hooks in the order written down once in {@link SafetySupervisor}, under its
 * lock, allocation-free; a rule that trips acts through {@link Reactions}, the stop first.
 */
interface Protection {

    /** The requirement this class implements. */
    SafetyRule rule();

    /** A load sample of {@code rope} was just decoded and written to its track. */
    default void onSample(RopeTrack rope, long nowNanos) {
    }

    /** A winch status was just decoded and written to the winch's track. */
    default void onStatus(WinchTrack winch, long nowNanos) {
    }

    /** The control thread's tick: time-based checks. */
    default void onTick(long nowNanos) {
    }

    /** Why upward motion of the group is forbidden now, or null. */
    default String ascentBlock(GroupTrack group) {
        return null;
    }

    /** Why downward motion of the group is forbidden now, or null. */
    default String descentBlock(GroupTrack group) {
        return null;
    }

    /** For a reset: why this rule's latched fault may not be reset yet (its cause is still there), or null. */
    default String causePresent(long nowNanos) {
        return null;
    }

    /** This rule's latched fault was reset: forget what only mattered while it was latched. */
    default void onReset(long nowNanos) {
    }
}
