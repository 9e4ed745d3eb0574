package com.lianarig.controller.safety;

import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.StopCategory;

/**
 * SR-26, "never a motion without its journal record": the drives as the rest of the safety core sees
 * them, except that a brake release for a motion waits until the journal is durable up to the records
 * of the control step that accepted it. The mark is taken at the first tick after the release was asked
 * for (the control step decides its commands, journals them, then ticks: the command's record is in
 * it), and the release goes out once {@link StorageHealth#durableSeq} reaches it with no storage problem
 * begun since. Normally that is the next step or the one after (one fdatasync); a journal that cannot
 * write never gets there, {@link Sr26Storage} latches, and the group's motion times out braked
 * ({@code GroupMotion}'s 1 s). A stop or a brake application for a winch cancels its waiting release.
 *
 * <p>The rescue descent (SR-19) does not wait: a client stuck in the air is lowered whatever the disk
 * does; its records are written when they can be. Storage that is {@link StorageHealth#synchronous}
 * (a test's event list) has nothing to wait for: releases pass at once, as without this class.
 *
 * <p>Owner: the supervisor's lock (every call comes with it held). Allocation-free.
 */
final class BrakeReleaseBarrier implements Drives {
    private final Drives drives;
    private final Tracks t;
    private final boolean[] waiting;
    private final long[] markSeq;
    private final long[] markIncidents;
    private StorageHealth health = StorageHealth.NONE;

    BrakeReleaseBarrier(Drives drives, Tracks tracks) {
        this.drives = drives;
        this.t = tracks;
        int n = tracks.winches.length;
        waiting = new boolean[n];
        markSeq = new long[n];
        markIncidents = new long[n];
    }

    void watch(StorageHealth storage) {
        this.health = storage;
    }

    /** Whether the winch's brake release waits for the journal. */
    boolean waiting(int winch) {
        return waiting[winch];
    }

    /** The control tick: sends the releases whose records are durable (or that are a rescue). */
    void tick() {
        for (int w = 0; w < waiting.length; w++) {
            if (!waiting[w]) {
                continue;
            }
            if (markSeq[w] < 0) {
                markSeq[w] = health.appendedSeq();
                markIncidents[w] = health.incidents();
            }
            boolean rescue = t.winches[w].group.kind == MotionKind.RESCUE;
            if (rescue || (health.problem() == null && health.incidents() == markIncidents[w]
                    && health.durableSeq() >= markSeq[w])) {
                waiting[w] = false;
                drives.release(w);
            }
        }
    }

    @Override
    public void release(int winch) {
        if (health.synchronous()) {
            drives.release(winch);
            return;
        }
        waiting[winch] = true;
        markSeq[winch] = -1;
    }

    @Override
    public void setPoint(int winch, int positionCounts, int velocityCountsPerS) {
        drives.setPoint(winch, positionCounts, velocityCountsPerS);
    }

    @Override
    public void stop(int winch, StopCategory category) {
        waiting[winch] = false;
        drives.stop(winch, category);
    }

    @Override
    public void stopAll(StopCategory category) {
        for (int w = 0; w < waiting.length; w++) {
            waiting[w] = false;
        }
        drives.stopAll(category);
    }

    @Override
    public void applyBrakes(int winch) {
        waiting[winch] = false;
        drives.applyBrakes(winch);
    }

    @Override
    public void brakeTest(int winch, BrakeId brake, int torquePermille, int durationMs, int maxMovementCounts) {
        drives.brakeTest(winch, brake, torquePermille, durationMs, maxMovementCounts);
    }

    @Override
    public void reference(int winch, int positionCounts) {
        drives.reference(winch, positionCounts);
    }

    @Override
    public void clearShutdowns() {
        drives.clearShutdowns();
    }
}
