package com.lianarig.tools.calibrate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.ChannelRef;
import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationPolicy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The calibration flow's rules: what a fit needs, when it is valid, what a verification allows, what may be saved. */
class CalibrationRunTest {
    private static final double G = 9.80665;
    private static final double OFFSET = -120_000;
    private static final double COUNTS_PER_N = 2_100;
    private static final ChannelRef CH = new ChannelRef("VR-0001", 0);
    private static final Instant AT = Instant.parse("2025-03-14T09:30:00Z");

    private static PointReading at(double kg) {
        return reading(OFFSET + COUNTS_PER_N * kg * G);
    }

    private static PointReading reading(double counts) {
        return new PointReading(counts, 40, 1, 160, 0);
    }

    private static CalibrationRun run() {
        return new CalibrationRun(CH, "J. Tech", CalibrationPolicy.defaults());
    }

    private static CalibrationRun fitted() throws RefusedException {
        CalibrationRun r = run();
        r.addPoint(0, at(0));
        r.addPoint(10, at(10));
        r.addPoint(20, at(20));
        r.addPoint(50, at(50));
        r.fit(AT);
        return r;
    }

    @Test
    void aLinearCellIsFittedExactlyAndSavedOnceVerified() throws RefusedException {
        CalibrationRun r = fitted();
        FitReport f = r.fit().orElseThrow();
        assertAll(
                () -> assertTrue(f.valid()),
                () -> assertEquals(OFFSET, f.offsetCounts(), 1e-6),
                () -> assertEquals(COUNTS_PER_N, f.countsPerN(), 1e-9),
                () -> assertEquals(0, f.linearityErrorPercent(), 1e-9),
                () -> assertEquals(4, f.residualsKg().size()));
        VerifyReport v = r.verify(30, at(30.05));
        assertAll(
                () -> assertEquals(30.05, v.readKg(), 1e-9),
                () -> assertEquals(0.05 / 30 * 100, v.errorPercent(), 1e-9),
                () -> assertEquals(0.25, v.allowedErrorKg(), 1e-12), // 0.5 % of the 50 kg full scale
                () -> assertTrue(v.passed()));
        Calibration saved = r.toSave();
        assertEquals(AT, saved.at());
        assertEquals("J. Tech", saved.technician());
    }

    @Test
    void aFitNeedsAZeroPoint() throws RefusedException {
        CalibrationRun r = run();
        r.addPoint(10, at(10));
        r.addPoint(20, at(20));
        RefusedException e = assertThrows(RefusedException.class, () -> r.fit(AT));
        assertEquals("NO_ZERO", e.reason());
        assertTrue(e.getMessage().contains("strap hanging free"), e.getMessage());
    }

    @Test
    void aFitNeedsAReferenceMass() throws RefusedException {
        CalibrationRun r = run();
        r.addPoint(0, at(0));
        r.addPoint(0, at(0));
        assertEquals("NO_REFERENCE_MASS", assertThrows(RefusedException.class, () -> r.fit(AT)).reason());
    }

    @Test
    void readingsThatDoNotFollowTheLoadAreRefused() throws RefusedException {
        CalibrationRun r = run();
        r.addPoint(0, reading(OFFSET));
        r.addPoint(20, reading(OFFSET));
        RefusedException e = assertThrows(RefusedException.class, () -> r.fit(AT));
        assertEquals("NO_RESPONSE", e.reason());
        assertTrue(e.getMessage().contains("is the load cell connected?"), e.getMessage());
    }

    @Test
    void aNonLinearFitIsShownButNeitherVerifiedNorSaved() throws RefusedException {
        CalibrationRun r = run();
        r.addPoint(0, at(0));
        r.addPoint(10, at(10));
        r.addPoint(20, at(20.5)); // 2.5 % of the 20 kg span off the line
        r.addPoint(50, at(50));
        FitReport f = r.fit(AT);
        assertFalse(f.valid());
        assertTrue(f.invalidity().get().contains("linearity error"), f.invalidity().get());
        assertTrue(f.linearityErrorPercent() > 0.5);
        assertEquals("NOT_VALID", assertThrows(RefusedException.class, () -> r.verify(30, at(30))).reason());
        RefusedException e = assertThrows(RefusedException.class, r::toSave);
        assertEquals("NOT_VALID", e.reason());
        assertTrue(e.getMessage().contains("linearity error"), e.getMessage());
    }

    @Test
    void tooSmallASpanIsNotValid() throws RefusedException {
        CalibrationRun r = run();
        r.addPoint(0, at(0));
        r.addPoint(5, at(5));
        FitReport f = r.fit(AT);
        assertFalse(f.valid());
        assertTrue(f.invalidity().get().contains("largest reference mass 5 kg is below 10 kg"), f.invalidity().get());
    }

    @Test
    void saveNeedsAFitAndAPassedVerification() throws RefusedException {
        CalibrationRun r = run();
        assertEquals("NO_FIT", assertThrows(RefusedException.class, r::toSave).reason());
        r.addPoint(0, at(0));
        r.addPoint(20, at(20));
        assertEquals("NO_FIT", assertThrows(RefusedException.class, r::toSave).reason());
        r.fit(AT);
        assertEquals("NOT_VERIFIED", assertThrows(RefusedException.class, r::toSave).reason());
        VerifyReport v = r.verify(30, at(30.5)); // 0.5 kg off, 0.15 kg allowed (0.5 % of 30 kg)
        assertFalse(v.passed());
        RefusedException e = assertThrows(RefusedException.class, r::toSave);
        assertEquals("VERIFY_FAILED", e.reason());
        assertTrue(e.getMessage().startsWith("the verification failed: 30.500 kg read for 30 kg (allowed error 0.150 kg)"),
                e.getMessage());
    }

    @Test
    void aPointAddedAfterTheFitDropsFitAndVerification() throws RefusedException {
        CalibrationRun r = fitted();
        r.verify(30, at(30));
        r.addPoint(40, at(40));
        assertTrue(r.fit().isEmpty());
        assertTrue(r.verification().isEmpty());
        assertEquals("NO_FIT", assertThrows(RefusedException.class, r::toSave).reason());
        r.fit(AT);
        assertEquals("NOT_VERIFIED", assertThrows(RefusedException.class, r::toSave).reason(),
                "fitting again needs a new verification");
    }

    @Test
    void massesOutsideTheirRangeAreRefused() {
        CalibrationRun r = run();
        assertEquals("BAD_MASS", assertThrows(RefusedException.class, () -> r.addPoint(-1, at(0))).reason());
        assertEquals("BAD_MASS", assertThrows(RefusedException.class, () -> r.addPoint(2_001, at(0))).reason());
        assertEquals("BAD_MASS", assertThrows(RefusedException.class, () -> r.addPoint(Double.NaN, at(0))).reason());
    }

    @Test
    void pointsAndVerificationsAreCheckedBeforeTheirSamplesAreTaken() throws RefusedException {
        CalibrationRun r = run();
        assertEquals("NO_FIT", assertThrows(RefusedException.class, () -> r.checkVerify(30)).reason());
        for (int i = 0; i < 50; i++) {
            r.checkPoint(i);
            r.addPoint(i, at(i));
        }
        assertEquals("TOO_MANY_POINTS", assertThrows(RefusedException.class, () -> r.checkPoint(10)).reason());
        r.fit(AT);
        r.checkVerify(30);
        assertEquals("BAD_MASS", assertThrows(RefusedException.class, () -> r.checkVerify(0)).reason());
    }

    @Test
    void aBlankTechnicianIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CalibrationRun(CH, " ", CalibrationPolicy.defaults()));
    }
}
