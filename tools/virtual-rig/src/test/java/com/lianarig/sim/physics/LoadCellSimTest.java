package com.lianarig.sim.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.ChannelStatus;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The 24-bit load-cell model: offset + scale x load + noise + drift, saturation and faults. */
class LoadCellSimTest {
    private static final double OFFSET = 123_456;
    private static final double COUNTS_PER_N = 2_100;
    private static final double NOISE = 40;
    private static final int N = 10_000;

    private double loadN = 300;

    private LoadCellSim cell(double driftCountsPerS) {
        return new LoadCellSim(OFFSET, COUNTS_PER_N, NOISE, driftCountsPerS, () -> loadN, new SplittableRandom(7));
    }

    private static double mean(LoadCellSim c, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            c.convert();
            sum += c.rawCounts();
        }
        return sum / n;
    }

    @Test
    void meanOfManyConversionsIsOffsetPlusScaleTimesLoadWithinNoiseOverRootN() {
        LoadCellSim c = cell(0);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            c.convert();
            assertEquals(ChannelStatus.OK, c.status());
            sum += c.rawCounts();
            sumSq += (double) c.rawCounts() * c.rawCounts();
        }
        double mean = sum / N;
        double sd = Math.sqrt(sumSq / N - mean * mean);
        double expected = OFFSET + COUNTS_PER_N * loadN;
        assertEquals(expected, mean, 4 * NOISE / Math.sqrt(N), "mean counts (4 sigma of the mean)");
        assertEquals(NOISE, sd, 0.05 * NOISE, "conversion noise, counts rms");
    }

    @Test
    void saturatesAtTheAdcRangeWithStatusSaturated() {
        LoadCellSim c = cell(0);
        loadN = 10_000;
        c.convert();
        assertEquals((1 << 23) - 1, c.rawCounts());
        assertEquals(ChannelStatus.SATURATED, c.status());
        loadN = -10_000;
        c.convert();
        assertEquals(-(1 << 23), c.rawCounts());
        assertEquals(ChannelStatus.SATURATED, c.status());
        loadN = 300;
        c.convert();
        assertEquals(ChannelStatus.OK, c.status(), "back in range");
    }

    @Test
    void zeroDriftAccumulatesOverTime() {
        double driftCountsPerS = 2;
        LoadCellSim c = cell(driftCountsPerS);
        double before = mean(c, N);
        for (int i = 0; i < 100_000; i++) {
            c.step(0.001); // 100 s
        }
        double after = mean(c, N);
        assertEquals(driftCountsPerS * 100, after - before, 6 * NOISE / Math.sqrt(N), "drift over 100 s, counts");
    }

    @Test
    void injectedDriftAddsToTheNaturalDriftAndWhatDriftedStays() {
        LoadCellSim c = cell(0);
        double before = mean(c, N);
        c.drift(500);
        for (int i = 0; i < 2_000; i++) {
            c.step(0.001);
        }
        c.drift(0);
        for (int i = 0; i < 2_000; i++) {
            c.step(0.001);
        }
        assertEquals(1_000, mean(c, N) - before, 6 * NOISE / Math.sqrt(N), "2 s at 500 counts/s, then stopped");
    }

    @Test
    void stuckRepeatsTheLastConversionWhateverTheLoad() {
        LoadCellSim c = cell(0);
        c.convert();
        int frozen = c.rawCounts();
        c.stuck(true);
        loadN = 900;
        for (int i = 0; i < 100; i++) {
            c.convert();
            assertEquals(frozen, c.rawCounts());
        }
        c.stuck(false);
        c.convert();
        assertTrue(c.rawCounts() > frozen + COUNTS_PER_N * 500, "follows the load again");
    }

    @Test
    void disconnectedAndForcedSaturationReportTheirStatus() {
        LoadCellSim c = cell(0);
        c.disconnected(true);
        c.convert();
        assertEquals(ChannelStatus.DISCONNECTED, c.status());
        c.disconnected(false);
        c.saturated(true);
        c.convert();
        assertEquals(ChannelStatus.SATURATED, c.status());
        assertEquals((1 << 23) - 1, c.rawCounts());
        c.saturated(false);
        c.convert();
        assertEquals(ChannelStatus.OK, c.status());
    }
}
