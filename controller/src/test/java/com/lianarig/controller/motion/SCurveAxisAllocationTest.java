package com.lianarig.controller.motion;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** {@link SCurveAxis#step} runs in the control loop: it must not allocate (no garbage, no GC pauses). */
class SCurveAxisAllocationTest {
    private static final int STEPS = 100_000;

    @Test
    void stepAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes");
        threads.setThreadAllocatedMemoryEnabled(true);
        SCurveAxis axis = new SCurveAxis(MotionLimits.defaults(), 1000);
        exercise(axis, STEPS); // warm-up: let the JIT compile step and the commands

        long beforeBytes = threads.getCurrentThreadAllocatedBytes();
        double checksum = exercise(axis, STEPS);
        long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - beforeBytes;

        assertTrue(Double.isFinite(checksum));
        assertTrue(allocatedBytes < 1024, STEPS + " steps allocated " + allocatedBytes + " bytes");
    }

    /**
     * Steps the axis at 100 Hz through every path of the planner: long moves with a cruise, small moves
     * with a reduced peak speed, retargets and reversals, jogs, stops, and speed limits lowered (to 0
     * too) and raised mid-move. Returns a checksum so the work cannot be optimised away.
     */
    private static double exercise(SCurveAxis axis, int steps) {
        double sum = 0;
        long lcg = 12345;
        for (int i = 0; i < steps; i++) {
            if (i % 97 == 0) {
                lcg = lcg * 6364136223846793005L + 1442695040888963407L;
                int pick = (int) ((lcg >>> 33) % 7);
                double u = ((lcg >>> 11) & 0xFFFFF) / (double) 0xFFFFF;
                switch (pick) {
                    case 0 -> axis.moveTo(200 + 1600 * u);
                    case 1 -> axis.moveTo(axis.positionMm() + 4 * u - 2);
                    case 2 -> axis.jog(u < 0.5 ? Direction.UP : Direction.DOWN);
                    case 3 -> axis.stop();
                    case 4 -> axis.setSpeedLimits(80 * u, 50 * (1 - u));
                    case 5 -> axis.setSpeedLimits(80, 50);
                    default -> axis.moveTo(axis.stoppingPositionMm() + u - 0.5);
                }
            }
            if (axis.positionMm() < 100 || axis.positionMm() > 1900) {
                axis.setSpeedLimits(80, 50);
                axis.moveTo(1000);
            }
            axis.step(0.01);
            sum += axis.positionMm() + axis.distanceToSlowToMm(10);
        }
        return sum;
    }
}
