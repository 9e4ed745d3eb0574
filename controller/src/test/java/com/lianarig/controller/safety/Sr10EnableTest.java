package com.lianarig.controller.safety;

import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.core.Mode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-10: every motion needs a live enable, refreshed at least every 250 ms; letting go pauses with a
 * controlled stop (category 1); holding still needs no enable.
 */
class Sr10EnableTest {
    static final long REFRESH_MS = 250;
    /** A jerk-limited stop from 80 mm/s at 100 mm/s^2 and 500 mm/s^3: v/a + a/j, ms. */
    static final long STOP_MS = 80 * 1000 / 100 + 100 * 1000 / 500;
    /** Deceleration cap with the supervisor's tolerance and the true drive's lag, mm/s^2. */
    static final double MAX_DECEL_MM_PER_S2 = 100 * 1.05 * 1.2;

    @TempDir
    Path dir;

    /** Ascends at full speed from 900 mm toward 1,300 mm; returns the true speed. */
    private static double ascending(RigHarness h) throws Exception {
        SrRig.ready(h);
        SrRig.moveLegs(h, 900);
        SrRig.startMove(h, 1300);
        h.step(1_500);
        double v0 = h.trueVelocityMmPerS(LEFT);
        assertTrue(v0 > 70, "ascending at " + v0);
        return v0;
    }

    /** Records the steepest true deceleration of the left winch over 10 ms windows, mm/s^2. */
    private static double[] watchDeceleration(RigHarness h) {
        double[] worst = {0};
        double[] window = new double[10];
        long[] n = {0};
        h.everyStep(x -> {
            int i = (int) (n[0]++ % window.length);
            double v = x.trueVelocityMmPerS(LEFT);
            if (n[0] > window.length) {
                worst[0] = Math.max(worst[0], (window[i] - v) / (window.length / 1000.0));
            }
            window[i] = v;
        });
        return worst;
    }

    @Test
    void lettingGoOfEnableMidMoveEndsItWithAControlledStopAndTheEnableAloneResumesNothing() throws Exception {
        try (RigHarness h = RigHarness.standard(101, dir)) {
            ascending(h);
            double[] decel = watchDeceleration(h);
            h.holdEnable(false);
            long stillMs = SrRig.msUntil(h, () -> SrRig.pairStill(h), 3_000, "pair still");
            assertTrue(stillMs <= STOP_MS + REFRESH_MS, "still " + stillMs + " ms after enable was let go");
            assertTrue(decel[0] <= MAX_DECEL_MM_PER_S2, "a controlled stop, not a jolt: " + decel[0] + " mm/s^2");
            SrRig.msUntil(h, () -> SrRig.pairBraked(h), 500, "braked");
            assertEquals(h.truePositionMm(LEFT), h.truePositionMm(RIGHT), 2, "the pair stopped together");
            assertTrue(SrRig.journalled(h, "stop", "SR-10"), "the stop is journalled with its reason");

            // Stopped, not faulted; it stays put without enable.
            assertFalse(h.controller.safety().faulted(), h.controller.safety().faults().toString());
            double stopped = h.truePositionMm(LEFT);
            assertTrue(stopped < 1250, "stopped short of the target at " + stopped);
            h.step(3_000);
            assertEquals(stopped, h.truePositionMm(LEFT), 0.5, "moved without enable");

            // Enable again: nothing resumes by itself (SR-10, I-1); a new move is a new command.
            h.holdEnable(true);
            h.step(3_000);
            assertEquals(stopped, h.truePositionMm(LEFT), 0.5, "the enable alone resumed the move");
            assertEquals(Mode.READY, h.mode(), h.controller.status().modeReason());
            h.must(RigHarness.TRAINER, new com.lianarig.controller.command.Command.MoveTo(SrRig.LEGS, 1300));
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY && SrRig.pairBraked(h), 20_000),
                    h.controller.status().toString());
            assertTrue(h.truePositionMm(LEFT) > stopped + 20, "arrived higher: " + h.truePositionMm(LEFT));
            assertFalse(h.controller.safety().faulted());
        }
    }

    @Test
    void enableThatIsNoLongerRefreshedEndsTheMove() throws Exception {
        try (RigHarness h = RigHarness.standard(102, dir)) {
            ascending(h);
            // The panel crashes: no release, the last enable simply goes stale after 250 ms.
            long lastEnable = h.now;
            h.stopRefreshingEnable();
            long stillMs = SrRig.msUntil(h, () -> SrRig.pairStill(h), 3_000, "pair still");
            // the last refresh may have gone out up to 100 ms before
            assertTrue(stillMs <= REFRESH_MS + STOP_MS + 100, "still " + stillMs + " ms after the last enable");
            assertTrue(stillMs > REFRESH_MS - 100 - 1, "stopped before the enable was stale");
            SrRig.msUntil(h, () -> SrRig.pairBraked(h), 500, "braked");
            assertFalse(h.controller.safety().faulted());
            assertTrue(SrRig.journalled(h, "stop", "SR-10"), h.journal.toString());
            double stopped = h.truePositionMm(LEFT);
            h.step(2_000);
            assertEquals(stopped, h.truePositionMm(LEFT), 0.5, "moved on a stale enable");
            assertTrue(lastEnable > 0);
        }
    }

    /**
     * A planner that keeps asking for motion after the enable is let go (it bypasses the control logic): the
     * gate ends the motion in its ledger at once and brings the group to rest along its own jerk-limited stop;
     * none of the planner's set-points reach the drives after that.
     */
    @Test
    void theGateStopsAPlannerThatIgnoresALostEnable() throws Exception {
        try (RigHarness h = RigHarness.standard(103, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 700);
            h.holdEnable(true);
            double[] askMmPerS = {50};
            SrRig.roguePlanner(h, SrRig.legs(h), () -> askMmPerS[0] -= 0.001);
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(LEFT) > 45, 3_000), "rising");
            h.step(500);
            h.holdEnable(false);
            long stopMs = SrRig.msUntil(h, () -> SrRig.pairBraked(h) && SrRig.pairStill(h), 5_000, "pair braked");
            // the gate's own stop from 50 mm/s (v/a + a/j) and the brakes' engage time
            long allowance = 50 * 1000 / 100 + 100 * 1000 / 500 + 200;
            assertTrue(stopMs <= allowance, "braked " + stopMs + " ms after enable was let go");
            assertTrue(SrRig.journalled(h, "stop", "SR-10"), h.journal.toString());
            double held = h.truePositionMm(LEFT);
            h.step(1_000);
            assertEquals(held, h.truePositionMm(RIGHT), 2);
            assertEquals(held, h.truePositionMm(LEFT), 0.5, "the rogue planner moves it no more");
        }
    }

    @Test
    void theGateOpensNoMotionWithoutEnable() throws Exception {
        try (RigHarness h = RigHarness.standard(104, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 700);
            h.holdEnable(false);
            h.step(REFRESH_MS + 50);
            double p = h.truePositionMm(LEFT);
            SafetySupervisor s = h.controller.safety();
            var refused = s.begin(SrRig.legs(h), MotionKind.NORMAL, 1, h.now);
            assertTrue(refused.isPresent() && refused.get().contains("SR-10"), refused.toString());
            long periodNanos = SrRig.periodMs(h) * RigHarness.MS;
            h.everyStep(x -> {
                if (x.now % periodNanos == 0) {
                    assertFalse(s.admit(SrRig.legs(h), 0.5, x.now), "a set-point admitted with no live motion");
                }
            });
            h.step(2_000);
            assertEquals(p, h.truePositionMm(LEFT), 0.5, "moved without enable");
            assertTrue(SrRig.pairBraked(h));
        }
    }

    @Test
    void holdingStillNeedsNoEnable() throws Exception {
        try (RigHarness h = RigHarness.standard(105, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 1200);
            h.holdEnable(false);
            double left = h.truePositionMm(LEFT);
            double right = h.truePositionMm(RIGHT);
            h.step(150_000); // two and a half minutes hanging, nobody touching the panel
            assertTrue(SrRig.pairBraked(h));
            assertEquals(left, h.truePositionMm(LEFT), 0.5);
            assertEquals(right, h.truePositionMm(RIGHT), 0.5);
            assertFalse(h.controller.safety().faulted(), h.controller.safety().faults().toString());
            assertFalse(SrRig.journalled(h, "stop", "SR-10"), h.journal.toString());
            assertEquals(Mode.READY, h.mode(), h.controller.status().modeReason());
        }
    }

    /**
     * A move asked for without a live enable is refused (NO_ENABLE), not kept: pressing enable later does not
     * start it.
     */
    @Test
    void aMoveAskedWithoutEnableIsRefusedAndNotStartedByALaterEnable() throws Exception {
        try (RigHarness h = RigHarness.standard(106, dir)) {
            SrRig.ready(h);
            h.holdEnable(false);
            h.step(REFRESH_MS + 50);
            double left = h.truePositionMm(LEFT);
            var d = h.decide(RigHarness.TRAINER, new com.lianarig.controller.command.Command.MoveTo(SrRig.LEGS, 1_000));
            assertEquals(com.lianarig.controller.command.Refusal.NO_ENABLE, d.refusal(), d.toString());
            h.step(500);
            h.holdEnable(true);
            h.step(3_000);
            assertEquals(left, h.truePositionMm(LEFT), 0.5, "moved on a refused move");
            assertEquals(Mode.READY, h.mode());
        }
    }

    /** As for a move: a jog asked without a live enable is refused NO_ENABLE, and a later enable starts nothing. */
    @Test
    void aJogAskedWithoutEnableIsRefusedAndNotStartedByALaterEnable() throws Exception {
        try (RigHarness h = RigHarness.standard(107, dir)) {
            SrRig.ready(h);
            h.holdEnable(false);
            h.step(REFRESH_MS + 50);
            double left = h.truePositionMm(LEFT);
            var d = h.decide(RigHarness.TRAINER, new com.lianarig.controller.command.Command.Jog(SrRig.LEGS,
                    com.lianarig.controller.command.Command.Jog.Direction.UP));
            assertEquals(com.lianarig.controller.command.Refusal.NO_ENABLE, d.refusal(), d.toString());
            h.step(500);
            h.holdEnable(true);
            h.step(3_000);
            assertEquals(left, h.truePositionMm(LEFT), 0.5, "moved on a refused jog");
            assertEquals(Mode.READY, h.mode());
        }
    }

    /**
     * I-1 (R-7 seed 7004344): an aim arrives, and before its refinement reads the settled loads the trainer jogs
     * the legs and lets go. The jog replaced the aim: after the jog has come to rest nothing moves again, although
     * the enable is still held (before, the aim's refinement started a move of its own 1.5 s after the arrival).
     */
    @Test
    void anAimReplacedByAJogDoesNotRefineByItselfAfterwards() throws Exception {
        try (RigHarness h = RigHarness.standard(108, dir)) {
            SrRig.ready(h);
            h.holdEnable(true);
            h.must(RigHarness.TRAINER, new com.lianarig.controller.command.Command.AimAt(
                    com.lianarig.config.SpineSegment.L4_L5));
            // arrived and on its brakes, well before the refinement would read the settled loads (1.5 s)
            assertTrue(h.stepUntil(() -> h.journalHas("legs arrived"), 30_000), h.controller.status().toString());
            assertTrue(h.stepUntil(() -> h.controller.safety().view().groupState(SrRig.legs(h))
                    == SafetySupervisor.GroupState.BRAKED, 1_000), h.controller.status().toString());
            h.must(RigHarness.TRAINER, new com.lianarig.controller.command.Command.Jog(SrRig.LEGS,
                    com.lianarig.controller.command.Command.Jog.Direction.DOWN));
            h.step(300);
            h.must(RigHarness.TRAINER, new com.lianarig.controller.command.Command.Jog(SrRig.LEGS,
                    com.lianarig.controller.command.Command.Jog.Direction.NONE));
            assertTrue(h.stepUntil(() -> SrRig.pairBraked(h), 3_000), "the jog came to rest");
            double left = h.truePositionMm(LEFT);
            h.step(6_000);
            assertEquals(left, h.truePositionMm(LEFT), 0.5, "the legs moved after the jog, nothing asked: "
                    + h.controller.status().modeReason());
            assertEquals(Mode.READY, h.mode());
        }
    }
}
