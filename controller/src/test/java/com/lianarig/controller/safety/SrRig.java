package com.lianarig.controller.safety;

import com.lianarig.controller.RigHarness;
import java.util.function.DoubleSupplier;

/** Shared pieces of the SR tests on the virtual rig: group and winch indices, and a rogue planner. */
final class SrRig {
    /** The leg pair's winches and ropes on the standard rig. */
    static final int LEFT = 0;
    static final int RIGHT = 1;
    static final int LOOP_WINCH = 2;

    private SrRig() {
    }

    static int legs(RigHarness h) {
        return h.model.legPair().orElseThrow().index();
    }

    static long periodMs(RigHarness h) {
        return 1000L / h.model.limits().controlRateHz();
    }

    /**
     * A planner that ignores every limit: releases the group and, each control period, asks the
     * supervisor for {@code velocityMmPerS} whatever the position. What reaches the drives is only
     * what {@link SafetySupervisor#admit} lets through.
     */
    static void roguePlanner(RigHarness h, int group, DoubleSupplier velocityMmPerS) {
        SafetySupervisor s = h.controller.safety();
        if (s.release(group, MotionKind.NORMAL, h.now).isPresent()) {
            throw new AssertionError("release refused: " + s.release(group, MotionKind.NORMAL, h.now));
        }
        long periodNanos = periodMs(h) * RigHarness.MS;
        h.everyStep(x -> {
            if (x.now % periodNanos == 0) {
                s.admit(group, velocityMmPerS.getAsDouble() * periodNanos / 1e9, x.now);
            }
        });
    }

    static boolean bothBraked(RigHarness h) {
        return h.trueBrakesEngaged(LEFT) && h.trueBrakesEngaged(RIGHT);
    }
}
