package com.lianarig.config.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.ChannelRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The least-squares fit: slope, intercept, residuals and linearity error. */
class LinearFitTest {
    private static final double G = CalibrationPoint.STANDARD_GRAVITY_M_PER_S2;

    private static CalibrationPoint exact(double offset, double countsPerN, double massKg) {
        return new CalibrationPoint(offset + countsPerN * massKg * G, massKg);
    }

    @Test
    void pointsOnALineGiveThatLineWithZeroResiduals() {
        LinearFit fit = new LinearFit(List.of(exact(-120_000, 2_100, 0), exact(-120_000, 2_100, 20),
                exact(-120_000, 2_100, 50)));
        assertEquals(2_100, fit.countsPerN(), 1e-9);
        assertEquals(-120_000, fit.offsetCounts(), 1e-6);
        fit.residualsN().forEach(r -> assertEquals(0, r, 1e-9));
        assertEquals(0, fit.linearityErrorPercent(), 1e-9);
        assertEquals(50 * G, fit.fullScaleN(), 1e-9);
    }

    @Test
    void residualsAndLinearityErrorAreInNewtonsAndPercentOfFullScale() {
        // Three points at 0, 10, 20 kg; the middle one reads 210 counts (0.1 N at 2100 counts/N) high.
        double s = 2_100;
        LinearFit fit = new LinearFit(List.of(new CalibrationPoint(0, 0),
                new CalibrationPoint(s * 10 * G + 210, 10), new CalibrationPoint(s * 20 * G, 20)));
        // The line keeps the slope and lifts by 70 counts: residuals -1/30, +2/30 x ... in N.
        List<Double> r = fit.residualsN();
        assertEquals(3, r.size());
        assertEquals(0, r.get(0) + r.get(1) + r.get(2), 1e-9);
        assertEquals(r.get(0), r.get(2), 1e-9);
        assertEquals(2 * -r.get(0), r.get(1), 1e-9);
        double worstN = Math.abs(r.get(1));
        assertEquals(worstN / (20 * G) * 100, fit.linearityErrorPercent(), 1e-12);
    }

    @Test
    void aFitNeedsTwoDifferentMassesAndAResponsiveChannel() {
        assertThrows(IllegalArgumentException.class, () -> new LinearFit(List.of(new CalibrationPoint(5, 10))));
        assertThrows(IllegalArgumentException.class, () -> new LinearFit(List.of(new CalibrationPoint(5, 10),
                new CalibrationPoint(9, 10))));
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> new LinearFit(List.of(new CalibrationPoint(5, 0), new CalibrationPoint(5, 20))));
        assertTrue(flat.getMessage().contains("do not change with the load"), flat.getMessage());
    }

    @Test
    void pointsAreBoundedByTheAdcAndSensibleMasses() {
        assertThrows(IllegalArgumentException.class, () -> new CalibrationPoint(1 << 24, 0));
        assertThrows(IllegalArgumentException.class, () -> new CalibrationPoint(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> new CalibrationPoint(0, -1));
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /**
     * The fit recovers a random true offset and scale within 0.1 % from noisy points (SPEC section 7).
     * The offset's tolerance is 0.1 % of the full-scale reading span (an offset near 0 has no useful
     * relative error). Each point carries the virtual rig's single-sample noise (40 counts; a real point
     * averages many samples, so this is pessimistic), with reference masses of 10..150 kg (a valid fit
     * spans at least 10 kg).
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void theFitRecoversARandomTrueOffsetAndScaleWithinATenthOfAPercent(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double trueOffset = random.nextDouble(-300_000, 300_000);
        double trueCountsPerN = random.nextDouble(1_900, 2_300);
        double noiseCounts = 40;
        List<CalibrationPoint> points = new ArrayList<>();
        points.add(noisy(random, trueOffset, trueCountsPerN, 0, noiseCounts));
        int more = 2 + random.nextInt(6);
        for (int i = 0; i < more; i++) {
            points.add(noisy(random, trueOffset, trueCountsPerN, random.nextDouble(10, 150), noiseCounts));
        }
        Calibration c = Calibration.fromPoints(new ChannelRef("VR-0001", 0), Instant.EPOCH, "property test", points);
        double fullScaleCounts = trueCountsPerN * c.fit().fullScaleN();
        assertEquals(trueCountsPerN, c.countsPerN(), trueCountsPerN * 0.001, "scale, seed " + seed);
        assertEquals(trueOffset, c.offsetCounts(), fullScaleCounts * 0.001, "offset, seed " + seed);
        double loadN = c.fit().fullScaleN();
        assertEquals(loadN, c.loadN(trueOffset + trueCountsPerN * loadN), loadN * 0.001, "reading, seed " + seed);
    }

    private static CalibrationPoint noisy(SplittableRandom random, double offset, double countsPerN, double massKg,
            double noiseCounts) {
        double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                * Math.cos(2 * Math.PI * random.nextDouble());
        return new CalibrationPoint(offset + countsPerN * massKg * G + noiseCounts * gaussian, massKg);
    }
}
