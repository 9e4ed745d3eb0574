package com.lianarig.tools.calibrate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.ChannelStatus;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The averager and stability judge of a calibration point, on synthetic sample streams (80 Hz, 40 counts rms). */
class PointTakerTest {
    private static final int WINDOW = 160;
    private static final double RATE_HZ = 80;
    private static final double NOISE = StabilityCriteria.DEFAULT_NOISE_COUNTS;
    private static final double LEVEL = -123_456.0;

    private static PointTaker taker(int maxSamples) {
        return new PointTaker(WINDOW, maxSamples, StabilityCriteria.defaults(), RATE_HZ);
    }

    /** Offers sample i = round(signal(i) + noise) until the taker is done or {@code limit} samples went in. */
    private static PointTaker.State feed(PointTaker taker, IntToDoubleFunction signal, long seed, int limit) {
        SplittableRandom random = new SplittableRandom(seed);
        PointTaker.State state = taker.state();
        for (int i = 0; i < limit && state != PointTaker.State.TAKEN && state != PointTaker.State.FAILED; i++) {
            state = taker.offer((int) Math.round(signal.applyAsDouble(i) + NOISE * gaussian(random)), ChannelStatus.OK);
        }
        return state;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void aStillReadingIsTakenFromTheFirstFullWindowOverManySeeds() {
        for (long seed = 0; seed < 300; seed++) {
            PointTaker t = taker(WINDOW * 5);
            PointTaker.State s = feed(t, i -> LEVEL, seed, Integer.MAX_VALUE);
            long seedShown = seed;
            assertEquals(PointTaker.State.TAKEN, s, () -> "seed " + seedShown + ": " + t.movingReason());
            PointReading r = t.reading();
            assertEquals(0, r.samplesWaited(), "seed " + seed);
            assertEquals(WINDOW, r.samples());
            // the mean of 160 samples: standard error 40 / sqrt(160) = 3.2 counts; 5 of them is never reached by chance here
            assertEquals(LEVEL, r.meanCounts(), 5 * NOISE / Math.sqrt(WINDOW), "seed " + seed);
            assertEquals(NOISE, r.stdDevCounts(), 0.25 * NOISE, "seed " + seed);
        }
    }

    @Test
    void fillsThenReportsProgress() {
        PointTaker t = taker(WINDOW * 2);
        assertEquals(0, t.fillFraction());
        feed(t, i -> LEVEL, 1, WINDOW / 4);
        assertEquals(PointTaker.State.FILLING, t.state());
        assertEquals(0.25, t.fillFraction(), 1e-9);
        assertTrue(Double.isNaN(t.stdDevCounts()));
        assertThrows(IllegalStateException.class, t::reading);
    }

    @Test
    void aStepInsideTheWindowIsWaitedOutAndTheNewLevelTaken() {
        double step = 20 * 9.80665 * 2_100; // 20 kg hung on a 2,100 counts/N cell
        int stepAt = 100;
        PointTaker t = taker(WINDOW * 4);
        boolean[] settling = new boolean[1];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; t.state() != PointTaker.State.TAKEN && t.state() != PointTaker.State.FAILED; i++) {
            double v = LEVEL + (i >= stepAt ? step : 0) + NOISE * gaussian(random);
            settling[0] |= t.offer((int) Math.round(v), ChannelStatus.OK) == PointTaker.State.SETTLING;
        }
        assertEquals(PointTaker.State.TAKEN, t.state(), t.movingReason());
        assertTrue(settling[0], "waited while the step was in the window");
        PointReading r = t.reading();
        // taken only once the whole window lies after the step
        assertTrue(r.samplesWaited() >= stepAt, "waited " + r.samplesWaited());
        assertEquals(LEVEL + step, r.meanCounts(), 5 * NOISE / Math.sqrt(WINDOW));
    }

    @Test
    void whileSettlingItSaysWhatMoves() {
        PointTaker t = taker(WINDOW * 4);
        feed(t, i -> LEVEL + (i >= WINDOW / 2 ? 50_000 : 0), 3, WINDOW);
        assertEquals(PointTaker.State.SETTLING, t.state());
        assertTrue(t.movingReason().contains("standard deviation"), t.movingReason());
        assertTrue(t.movingReason().contains("halves differ by"), t.movingReason());
    }

    @Test
    void aReadingThatKeepsRampingIsRefusedWhenTheWaitRunsOut() {
        // a mass still being lowered onto the strap: 5,000 counts per second
        PointTaker t = taker(WINDOW + 400);
        PointTaker.State s = feed(t, i -> LEVEL + 5_000 * i / RATE_HZ, 11, Integer.MAX_VALUE);
        assertAll(
                () -> assertEquals(PointTaker.State.FAILED, s),
                () -> assertEquals(PointTaker.Failure.MOVING, t.failure()),
                () -> assertEquals(WINDOW + 400, t.samplesSeen()),
                () -> assertTrue(t.failureMessage().startsWith("the reading is still moving after 7.0 s: "),
                        t.failureMessage()),
                () -> assertTrue(t.failureMessage().contains("halves differ by"), t.failureMessage()));
    }

    @Test
    void aSlowCreepTheStandardDeviationLetsThroughIsCaughtByTheHalves() {
        // 200 counts across the window: std about 70 counts (under 160), halves 100 counts apart (over 80)
        PointTaker t = taker(WINDOW * 3);
        PointTaker.State s = feed(t, i -> LEVEL + 200.0 * i / WINDOW, 5, Integer.MAX_VALUE);
        assertEquals(PointTaker.State.FAILED, s);
        assertTrue(t.stdDevCounts() < StabilityCriteria.DEFAULT_MAX_STD_DEV_COUNTS, "std " + t.stdDevCounts());
        assertTrue(t.failureMessage().contains("halves differ by"), t.failureMessage());
        assertTrue(!t.failureMessage().contains("standard deviation"), t.failureMessage());
    }

    @Test
    void aTemperatureDriftOfAFewCountsPerSecondIsStill() {
        // the virtual rig's load cells drift up to 2 counts/s: 4 counts across a 2 s window
        for (long seed = 0; seed < 50; seed++) {
            PointTaker t = taker(WINDOW);
            assertEquals(PointTaker.State.TAKEN, feed(t, i -> LEVEL + 2.0 * i / RATE_HZ, seed, Integer.MAX_VALUE),
                    "seed " + seed);
        }
    }

    @Test
    void aNoisyChannelIsRefusedForItsStandardDeviation() {
        PointTaker t = taker(WINDOW * 2);
        SplittableRandom random = new SplittableRandom(2);
        PointTaker.State s = t.state();
        while (s != PointTaker.State.FAILED && s != PointTaker.State.TAKEN) {
            s = t.offer((int) Math.round(LEVEL + 10 * NOISE * gaussian(random)), ChannelStatus.OK);
        }
        assertEquals(PointTaker.State.FAILED, s);
        assertTrue(t.failureMessage().contains("standard deviation"), t.failureMessage());
    }

    @Test
    void aSaturatedSampleFailsThePointAtOnceNamingTheStatus() {
        PointTaker t = taker(WINDOW * 2);
        feed(t, i -> LEVEL, 4, 50);
        assertEquals(PointTaker.State.FAILED, t.offer(8_388_607, ChannelStatus.SATURATED));
        assertEquals(PointTaker.Failure.SATURATED, t.failure());
        assertTrue(t.failureMessage().contains("SATURATED"), t.failureMessage());
        assertEquals(PointTaker.State.FAILED, t.offer(1, ChannelStatus.OK), "stays failed");
    }

    @Test
    void aDisconnectedSampleFailsThePointNamingTheStatus() {
        PointTaker t = taker(WINDOW * 2);
        assertEquals(PointTaker.State.FAILED, t.offer(0, ChannelStatus.DISCONNECTED));
        assertEquals(PointTaker.Failure.DISCONNECTED, t.failure());
        assertTrue(t.failureMessage().contains("DISCONNECTED"), t.failureMessage());
    }

    @Test
    void notReadyEmptiesTheWindowWhichFillsAgain() {
        PointTaker t = taker(WINDOW * 3);
        feed(t, i -> LEVEL + 1_000_000, 8, WINDOW - 1); // a stale level, about to be taken
        t.offer(0, ChannelStatus.NOT_READY);
        assertEquals(PointTaker.State.FILLING, t.state());
        assertEquals(0, t.fillFraction());
        assertEquals(PointTaker.State.TAKEN, feed(t, i -> LEVEL, 9, Integer.MAX_VALUE));
        assertEquals(LEVEL, t.reading().meanCounts(), 5 * NOISE / Math.sqrt(WINDOW));
    }

    @Test
    void aChannelThatStaysNotReadyFailsWhenTheWaitRunsOut() {
        PointTaker t = taker(WINDOW);
        for (int i = 0; i < WINDOW; i++) {
            t.offer(0, ChannelStatus.NOT_READY);
        }
        assertEquals(PointTaker.State.FAILED, t.state());
        assertEquals(PointTaker.Failure.NOT_READY, t.failure());
        assertTrue(t.failureMessage().contains("NOT_READY"), t.failureMessage());
    }

    @Test
    void rejectsASettingThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new PointTaker(3, 10, StabilityCriteria.defaults(), 80));
        assertThrows(IllegalArgumentException.class, () -> new PointTaker(160, 100, StabilityCriteria.defaults(), 80));
        assertThrows(IllegalArgumentException.class, () -> new StabilityCriteria(0, 80));
        assertThrows(IllegalArgumentException.class, () -> new StabilityCriteria(160, Double.NaN));
    }
}
