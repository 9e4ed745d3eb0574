package com.lianarig.controller.safety;

import com.lianarig.protocol.StopCategory;

/**
 * SR-26: journal and storage. A journal write failure, a full write queue, free space below 2 x the
 * journal's segment size (or writes that stall), as {@link StorageHealth} reports them, latch a fault:
 * every running motion ends with a category 1 stop, and no new motion starts (the gate refuses
 * {@code begin} naming the fault; the controller, in FAULT, refuses READY and motion commands naming
 * it). Latched so that the rig never resumes by itself and someone has seen it: a trainer resets it
 * once the storage is healthy again (its cause is gone). A problem that came and went between two
 * ticks is caught by the count of incidents. The rescue descent stays available (SR-19 passes this
 * fault). With {@link BrakeReleaseBarrier}: never a motion without its journal record.
 *
 * <p>On the control thread's tick, allocation-free while the storage is healthy.
 */
final class Sr26Storage implements Protection {
    private final Reactions react;
    private final BrakeReleaseBarrier barrier;
    private StorageHealth health = StorageHealth.NONE;
    private long seenIncidents;

    Sr26Storage(Reactions react, BrakeReleaseBarrier barrier) {
        this.react = react;
        this.barrier = barrier;
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_26;
    }

    /** Watches this storage from now on (problems that begin from now; one present now is seen at the next tick). */
    void watch(StorageHealth storage) {
        this.health = storage;
        this.seenIncidents = storage.incidents();
        barrier.watch(storage);
    }

    @Override
    public void onTick(long nowNanos) {
        String problem = health.problem();
        long incidents = health.incidents();
        if (problem != null || incidents != seenIncidents) {
            seenIncidents = incidents;
            if (!react.isLatched(SafetyRule.SR_26) && react.trip(SafetyRule.SR_26, StopCategory.CAT_1)) {
                String cause = problem != null ? problem : health.lastIncident() + "; it has passed";
                react.record(SafetyRule.SR_26, cause, StopKind.CAT_1, ResetRole.TRAINER, nowNanos);
            }
        }
        barrier.tick();
    }

    @Override
    public String causePresent(long nowNanos) {
        return health.problem();
    }
}
