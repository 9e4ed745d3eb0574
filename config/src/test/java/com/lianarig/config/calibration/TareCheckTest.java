package com.lianarig.config.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SR-17: tare is refused while a rope is loaded or still moving, with a specific reason. */
class TareCheckTest {
    private static final double G = CalibrationPoint.STANDARD_GRAVITY_M_PER_S2;
    private static final Calibration CAL = CalibrationTest.standard();
    private static final CalibrationPolicy POLICY = CalibrationPolicy.defaults();

    /** Ten readings at {@code kg} with a spread of {@code spreadKg}. */
    private static double[] readings(double kg, double spreadKg) {
        double[] r = new double[10];
        for (int i = 0; i < r.length; i++) {
            double at = kg + spreadKg * (i % 2 == 0 ? -0.5 : 0.5);
            r[i] = -120_000 + 2_100 * at * G;
        }
        return r;
    }

    @Test
    void aStillUnloadedRopeIsTaredToTheMeanReading() {
        TareDecision d = TareCheck.check(readings(0.3, 0.05), Optional.of(CAL), POLICY);
        assertTrue(d.accepted(), d.message());
        assertEquals(-120_000 + 2_100 * 0.3 * G, d.offsetCounts(), 1e-6);
    }

    @Test
    void aLoadedRopeIsRefused() {
        TareDecision d = TareCheck.check(readings(2.5, 0.05), Optional.of(CAL), POLICY);
        assertEquals(TareDecision.Refusal.LOADED, d.refusal());
        assertTrue(d.message().startsWith("the rope reads 2.50 kg, more than 2 kg"), d.message());
        assertTrue(Double.isNaN(d.offsetCounts()));
    }

    @Test
    void aMovingRopeIsRefused() {
        TareDecision d = TareCheck.check(readings(0.5, 0.8), Optional.of(CAL), POLICY);
        assertEquals(TareDecision.Refusal.MOVING, d.refusal());
        assertTrue(d.message().contains("spread 0.80 kg"), d.message());
    }

    @Test
    void aLoadedRopeIsReportedAsLoadedEvenWhileMoving() {
        assertEquals(TareDecision.Refusal.LOADED,
                TareCheck.check(readings(30, 3), Optional.of(CAL), POLICY).refusal());
    }

    @Test
    void aZeroThatDriftedFarBelowIsNotPaperedOverByATare() {
        TareDecision d = TareCheck.check(readings(-3, 0.05), Optional.of(CAL), POLICY);
        assertEquals(TareDecision.Refusal.ZERO_TOO_FAR, d.refusal());
    }

    @Test
    void withoutACalibrationThereIsNothingToJudgeTheLoadBy() {
        TareDecision d = TareCheck.check(readings(0, 0), Optional.empty(), POLICY);
        assertEquals(TareDecision.Refusal.NO_CALIBRATION, d.refusal());
        assertFalse(d.accepted());
    }

    @Test
    void tooFewOrBadReadingsAreRefused() {
        assertEquals(TareDecision.Refusal.TOO_FEW_SAMPLES,
                TareCheck.check(new double[3], Optional.of(CAL), POLICY).refusal());
        double[] bad = readings(0, 0);
        bad[4] = Double.NaN;
        assertEquals(TareDecision.Refusal.BAD_SAMPLE, TareCheck.check(bad, Optional.of(CAL), POLICY).refusal());
    }

    @Test
    void theThresholdsComeFromThePolicy() {
        CalibrationPolicy strict = new CalibrationPolicy(0.5, 10, 0.5, 0.5, 8);
        assertEquals(TareDecision.Refusal.LOADED,
                TareCheck.check(readings(1, 0.05), Optional.of(CAL), strict).refusal());
    }
}
