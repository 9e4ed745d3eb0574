package com.lianarig.controller.safety;

import static com.lianarig.controller.safety.SrRig.G;
import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import com.lianarig.sim.fault.Faults;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-8: a load sample older than 2.5 sample periods, an ADC saturated, a channel disconnected, a
 * reading below -5 kg, or a raw value frozen while its winch moves: category 1 stop, latched for the
 * trainer. A moving winch with normal noisy samples is not frozen.
 */
class Sr08SensorFaultTest {
    /** Identical raw values in a row that make a frozen channel (default). */
    static final int FROZEN_SAMPLES = 8;

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

    /**
     * The fault injected at {@code t0} must be latched as SR-8 within {@code detectMs}, and the true
     * pair braked and still within that plus a category 1 stop; then nothing moves while latched.
     */
    private static void assertStoppedAndLatched(RigHarness h, long t0, double detectMs, String causeFragment) {
        long stopMs = (h.now - t0) / RigHarness.MS
                + SrRig.msUntil(h, () -> SrRig.pairBraked(h) && SrRig.pairStill(h), 3_000, "pair braked");
        Fault f = SrRig.latched(h, SafetyRule.SR_8);
        double latchMs = (f.atNanos() - t0) / 1e6;
        assertTrue(latchMs <= detectMs, "SR-8 latched " + latchMs + " ms after the fault (max " + detectMs + ")");
        assertTrue(stopMs <= detectMs + SrRig.LATENCY_MS + SrRig.CAT1_STOP_MS, "braked " + stopMs + " ms after the fault");
        assertEquals(h.truePositionMm(LEFT), h.truePositionMm(RIGHT), 2, "the pair stopped together");
        assertEquals(StopKind.CAT_1, f.stop());
        assertEquals(ResetRole.TRAINER, f.resetBy());
        assertTrue(f.cause().contains(causeFragment), f.cause());
        assertTrue(SrRig.journalledFault(h, "SR-8", "trainer"), h.journal.toString());
        h.step(50);
        assertEquals(Mode.FAULT, h.mode());
        double held = h.truePositionMm(LEFT);
        assertFalse(h.decide(RigHarness.TRAINER, new Command.MoveTo(SrRig.LEGS, 1300)).accepted());
        h.step(500);
        assertEquals(held, h.truePositionMm(LEFT), 0.5, "stays stopped while latched");
    }

    @Test
    void frozenRawValueWhileItsWinchMovesStops() throws Exception {
        try (RigHarness h = RigHarness.standard(81, dir)) {
            ascending(h);
            long t0 = h.now;
            Faults.channelStuck(h.rig, LEFT);
            // the frozen value repeats on the next FROZEN_SAMPLES samples (one sample of phase)
            assertStoppedAndLatched(h, t0, (FROZEN_SAMPLES + 1) * SrRig.SAMPLE_MS + 1, "frozen");
            // reset once the channel converts again
            Faults.channelOk(h.rig, LEFT);
            h.step(200);
            h.must(RigHarness.TRAINER, new Command.Reset());
            assertEquals(Mode.READY, h.mode());
        }
    }

    @Test
    void disconnectedChannelStopsWithinOneSample() throws Exception {
        try (RigHarness h = RigHarness.standard(82, dir)) {
            ascending(h);
            long t0 = h.now;
            Faults.channelDisconnected(h.rig, RIGHT);
            assertStoppedAndLatched(h, t0, SrRig.SAMPLE_MS + 1, "disconnected");
        }
    }

    @Test
    void saturatedAdcStopsWithinOneSample() throws Exception {
        try (RigHarness h = RigHarness.standard(83, dir)) {
            ascending(h);
            long t0 = h.now;
            Faults.channelSaturated(h.rig, LEFT);
            assertStoppedAndLatched(h, t0, SrRig.SAMPLE_MS + 1, "saturated");
        }
    }

    @Test
    void readingBelowMinusFiveKgStops() throws Exception {
        try (RigHarness h = RigHarness.standard(84, dir)) {
            ascending(h);
            // the finger-loop rope carries no load in the inverted hang (no slack check there): its zero jumps to -8 kg
            int loopRope = h.model.ropeOfWinch(SrRig.LOOP_WINCH);
            double countsPerKg = h.rig.locked(() -> h.rig.physics().cell(loopRope).countsPerN()) * G;
            long t0 = h.now;
            Faults.channelDrift(h.rig, loopRope, -8 * countsPerKg / 0.002);
            h.step(2);
            Faults.channelDrift(h.rig, loopRope, 0);
            assertStoppedAndLatched(h, t0, SrRig.SAMPLE_MS + 2, "below -5");
        }
    }

    @Test
    void samplesOlderThanTwoAndAHalfPeriodsStop() throws Exception {
        try (RigHarness h = RigHarness.standard(85, dir)) {
            ascending(h);
            double v0 = h.trueVelocityMmPerS(LEFT);
            // The node's frames do not reach the host for 50 ms: too short for SR-9 (100 ms), too long for samples.
            long t0 = h.now;
            h.rig.locked(() -> {
                h.rig.port(0).toHostFaults().unplugged(true);
                return null;
            });
            // v3: nothing comes from the node either, so the host cannot blame the sensor yet: the motion stops at
            // 2.5 sample periods (a control tick later at most), without a latch
            long decelMs = SrRig.msUntil(h, () -> h.trueVelocityMmPerS(LEFT) < v0 - 1, 100, "decelerating");
            assertTrue(decelMs <= 2.5 * SrRig.SAMPLE_MS + 10 + SrRig.LATENCY_MS + 5, "stopping after " + decelMs + " ms");
            h.step(50 - decelMs);
            h.rig.locked(() -> {
                h.rig.port(0).toHostFaults().unplugged(false);
                return null;
            });
            // the first sample after the gap carries the node's time: 50 ms since the last one seen is a gap in the
            // sensor's data as the host received it: latched
            assertStoppedAndLatched(h, t0, 50 + SrRig.SAMPLE_MS + 10 + 1, "apart");
            assertFalse(h.controller.safety().latched(SafetyRule.SR_9), "no link loss: " + h.controller.safety().faults());
        }
    }

    @Test
    void movingWinchWithNormalNoisySamplesIsNotFrozen() throws Exception {
        try (RigHarness h = RigHarness.standard(86, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 1300);
            SrRig.moveLegs(h, 500);
            SrRig.moveLegs(h, 1100);
            assertFalse(h.controller.safety().latched(SafetyRule.SR_8), h.controller.safety().faults().toString());
            assertFalse(h.journalHas("\"SR-8\""), h.journal.toString());
            assertEquals(Mode.READY, h.mode());
        }
    }
}
