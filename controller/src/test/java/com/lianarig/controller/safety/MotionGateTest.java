package com.lianarig.controller.safety;

import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The motion gate's own checks (SAFETY-CORE, I-1 and I-2) against a planner that misbehaves: the control
 * logic never asks the gate for a set-point without a live entry or against the entry's direction, so
 * these are only reachable from a rogue planner that calls {@link SafetySupervisor#admit} directly
 * ({@link SrRig#roguePlanner}). Judged on the virtual rig's true state.
 */
class MotionGateTest {
    @TempDir
    Path dir;

    /**
     * I-1: once the entry has ended (here as a program stop or arrival ends it, with the enable still live),
     * the planner's set-points are no longer admitted: the legs come to rest along the gate's own stop, never
     * faster than when it ended, and stay on their brakes.
     */
    @Test
    void setPointsAfterTheEntryEndedAreNotAdmitted() throws Exception {
        try (RigHarness h = RigHarness.standard(701, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 700);
            SafetySupervisor s = h.controller.safety();
            int legs = SrRig.legs(h);
            SrRig.roguePlanner(h, legs, () -> 30);
            h.step(1_500);
            double v0 = h.trueVelocityMmPerS(LEFT);
            assertTrue(v0 > 25, "ascending at " + v0 + " mm/s");
            double[] fastest = {0};
            h.everyStep(x -> fastest[0] = Math.max(fastest[0], x.trueVelocityMmPerS(LEFT)));
            s.endMotion(legs, "the entry ends (test)"); // the planner goes on asking for 30 mm/s
            SrRig.msUntil(h, () -> SrRig.pairBraked(h), 2_000, "braked");
            assertTrue(fastest[0] <= v0 * 1.05 + 1, "after the entry ended the legs rose at up to " + fastest[0]
                    + " mm/s (at " + v0 + " mm/s when it ended)");
            double restedMm = h.truePositionMm(LEFT);
            h.step(1_000);
            assertEquals(restedMm, h.truePositionMm(LEFT), 0.5, "moved after coming to rest");
        }
    }

    /**
     * I-2: a set-point against the accepted direction is not admitted from rest: an entry opened upward
     * whose planner asks for a descent moves nothing down.
     */
    @Test
    void noStepAgainstTheAcceptedDirection() throws Exception {
        try (RigHarness h = RigHarness.standard(702, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 700);
            double startMm = Math.min(h.truePositionMm(LEFT), h.truePositionMm(RIGHT));
            double[] askMmPerS = {20};
            SrRig.roguePlanner(h, SrRig.legs(h), () -> askMmPerS[0]); // the entry: upward
            askMmPerS[0] = -20; // the planner asks for a descent
            double[] lowest = {startMm};
            h.everyStep(x -> lowest[0] = Math.min(lowest[0], Math.min(x.truePositionMm(LEFT), x.truePositionMm(RIGHT))));
            h.step(1_500);
            assertTrue(lowest[0] >= startMm - 0.5, "an upward entry lowered the legs by " + (startMm - lowest[0]) + " mm");
        }
    }
}
