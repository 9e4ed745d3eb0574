package com.lianarig.controller.safety;

import static com.lianarig.controller.safety.SrRig.G;
import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.LEGS;
import static com.lianarig.controller.safety.SrRig.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-1: a rope above its limit (150 kg) stops ascent within one sample; only descent until reset. */
class Sr01RopeOverloadTest {
    static final double LIMIT_KG = 150;

    @TempDir
    Path dir;

    @Test
    void overloadStopsAscentWithinOneSample() throws Exception {
        try (RigHarness h = RigHarness.standard(11, dir)) {
            SrRig.ready(h);
            h.holdEnable(true);
            h.must(RigHarness.TRAINER, new Command.MoveTo(LEGS, 1300));
            h.step(1_500); // full ascent speed
            double v0 = Math.min(h.trueVelocityMmPerS(LEFT), h.trueVelocityMmPerS(RIGHT));
            assertTrue(v0 > 70, "ascending at " + v0);

            // Someone hangs on the left leg rope: above its limit at once.
            h.rig.locked(() -> {
                h.rig.physics().extraLoad(LEFT, 155 * G);
                return null;
            });
            h.step(1);
            assertTrue(SrRig.kgOnRope(h, LEFT) > LIMIT_KG, "overloaded: " + SrRig.kgOnRope(h, LEFT));
            double p0 = h.truePositionMm(LEFT);
            long t0 = h.now;

            // The stop goes out on the first sample above the limit: the true winch decelerates within
            // one sample period plus the frame's way to the node and the drive's lag.
            // (the node follows with a little speed headroom, so cruise speed wanders by a few hundredths of
            // a mm/s: a deceleration is 0.3 mm/s below the speed at the overload, 3 ms of a 100 mm/s^2 stop)
            long decelMs = SrRig.msUntil(h, () -> h.trueVelocityMmPerS(LEFT) < v0 - 0.3
                    && h.trueVelocityMmPerS(RIGHT) < v0 - 0.3, 2_000, "pair decelerating");
            assertTrue(decelMs <= SrRig.SAMPLE_MS + SrRig.LATENCY_MS + 3, "deceleration began after " + decelMs + " ms");
            assertTrue(SrRig.latched(h, SafetyRule.SR_1).atNanos() - t0 <= (long) (SrRig.SAMPLE_MS * RigHarness.MS),
                    "SR-1 latched later than one sample after the overload");

            // Category 1: the pair stops together and brakes, and rises no more than its stopping distance.
            long stopMs = SrRig.msUntil(h, () -> SrRig.pairBraked(h) && SrRig.pairStill(h), 3_000, "pair braked");
            double rise = h.truePositionMm(LEFT) - p0;
            assertTrue(rise < 40, "rose " + rise + " mm after the overload");
            assertTrue(stopMs <= SrRig.SAMPLE_MS + SrRig.CAT1_STOP_MS, "braked after " + stopMs + " ms");
            assertEquals(h.truePositionMm(LEFT), h.truePositionMm(RIGHT), 2, "pair stopped together");

            // Latched, journalled, reset by the trainer; ascent is refused while it is latched.
            Fault f = SrRig.latched(h, SafetyRule.SR_1);
            assertEquals(ResetRole.TRAINER, f.resetBy());
            assertEquals(StopKind.ASCENT_STOP, f.stop());
            assertTrue(SrRig.journalledFault(h, "SR-1", "trainer"), h.journal.toString());
            assertFalse(h.controller.safety().view().ascentAllowed(0));
            assertEquals(Mode.FAULT, h.mode());
            double held = h.truePositionMm(LEFT);
            assertFalse(h.decide(RigHarness.TRAINER, new Command.Jog(LEGS, Command.Jog.Direction.UP)).accepted());
            assertFalse(h.decide(RigHarness.TRAINER, new Command.MoveTo(LEGS, 1300)).accepted());
            h.step(500);
            assertEquals(held, h.truePositionMm(LEFT), 0.5, "no ascent after the trip");

            // Descent of the pair stays available (rescue descent, hold-to-run).
            h.must(RigHarness.TRAINER, new Command.RescueDescent(true));
            h.step(1_500);
            assertTrue(h.truePositionMm(LEFT) < held - 3, "descended from " + held + " to " + h.truePositionMm(LEFT));
            h.must(RigHarness.TRAINER, new Command.RescueDescent(false));
            SrRig.msUntil(h, () -> SrRig.pairBraked(h), 3_000, "braked after rescue");

            // Reset refused while the rope is still overloaded; accepted once the load is gone.
            assertEquals(Refusal.CAUSE_PRESENT, h.decide(RigHarness.TRAINER, new Command.Reset()).refusal());
            h.rig.locked(() -> {
                h.rig.physics().extraLoad(LEFT, 0);
                return null;
            });
            h.step(200);
            h.must(RigHarness.TRAINER, new Command.Reset());
            assertEquals(Mode.READY, h.mode());
            assertTrue(h.controller.safety().view().ascentAllowed(0));
        }
    }

    /**
     * The supervisor's own ascent block, independent of the control logic and of the overload still being
     * there: a group still descending when SR-1 latched (only ascent is stopped) may not turn upward while
     * SR-1 is latched, whatever a planner asks, even after the extra load is gone. Both leg ropes are
     * overloaded alike (no SR-7 imbalance).
     */
    @Test
    void supervisorRefusesAscentWhileLatchedAfterTheOverloadIsGone() throws Exception {
        try (RigHarness h = RigHarness.standard(12, dir)) {
            h.boot();
            h.must(RigHarness.TRAINER, new Command.TakeControl());
            h.holdEnable(true);
            SafetySupervisor s = h.controller.safety();
            double[] askMmPerS = {-20};
            SrRig.roguePlanner(h, SrRig.legs(h), () -> askMmPerS[0]);
            h.step(1_000);
            assertTrue(h.trueVelocityMmPerS(LEFT) < -15, "descending: " + h.trueVelocityMmPerS(LEFT));
            SrRig.extraKg(h, LEFT, 155);
            SrRig.extraKg(h, RIGHT, 155);
            SrRig.msUntil(h, () -> s.latched(SafetyRule.SR_1), 100, "SR-1 latched");
            SrRig.extraKg(h, LEFT, 0);
            SrRig.extraKg(h, RIGHT, 0);
            h.step(30);
            assertEquals(SafetySupervisor.GroupState.FOLLOWING, s.view().groupState(SrRig.legs(h)), "still descending");
            double[] lowest = {h.truePositionMm(LEFT)};
            double[] rise = {0};
            h.everyStep(x -> {
                lowest[0] = Math.min(lowest[0], x.truePositionMm(LEFT));
                rise[0] = Math.max(rise[0], x.truePositionMm(LEFT) - lowest[0]);
            });
            askMmPerS[0] = 20; // the planner turns upward
            h.step(1_000);
            assertTrue(s.latched(SafetyRule.SR_1), "still latched");
            assertTrue(rise[0] < 0.5, "rose " + rise[0] + " mm with SR-1 latched");
        }
    }
}
