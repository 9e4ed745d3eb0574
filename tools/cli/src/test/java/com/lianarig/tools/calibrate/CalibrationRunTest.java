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

    /** A channel whose reading does not change with the load is refused at the first reference mass. */
    @Test
    void readingsThatDoNotFollowTheLoadAreRefused() throws RefusedException {
        CalibrationRun r = run();
        r.addPoint(0, reading(OFFSET));
        RefusedException e = assertThrows(RefusedException.class, () -> r.addPoint(20, reading(OFFSET)));
        assertEquals("NO_LOAD_SEEN", e.reason());
        assertTrue(e.getMessage().contains("is the load cell connected?"), e.getMessage());
    }

    /** A reference mass not hung (pressed on by habit) reads as the zero: refused at its point, named. */
    @Test
    void aForgottenReferenceMassIsRefusedAtItsPoint() throws RefusedException {
        CalibrationRun r = run();
        r.addPoint(0, at(0));
        RefusedException e = assertThrows(RefusedException.class, () -> r.addPoint(20, reading(OFFSET + 30)));
        assertEquals("NO_LOAD_SEEN", e.reason());
        assertTrue(e.getMessage().startsWith("the reading with 20 kg hanging is the zero point's (point 1, 30 counts"
                + " apart): is the mass hanging free on the strap"), e.getMessage());
        assertEquals(1, r.points().size(), "nothing added");
    }

    @Test
    void aZeroWithTheLoadLeftOnIsRefused() throws RefusedException {
        CalibrationRun r = run();
        r.addPoint(20, at(20));
        RefusedException e = assertThrows(RefusedException.class, () -> r.addPoint(0, at(20)));
        assertEquals("NO_LOAD_SEEN", e.reason());
        assertTrue(e.getMessage().startsWith("the zero reads as the 20 kg of point 1"), e.getMessage());
    }

    /** After a fit that is not valid, the one bad point is taken again and the fit is valid. */
    @Test
    void retakingTheBadPointMakesTheFitValid() throws RefusedException {
        CalibrationRun r = run();
        r.addPoint(0, at(0));
        r.addPoint(10, at(10));
        r.addPoint(20, at(24)); // 24 kg hung for the 20 kg point
        r.addPoint(50, at(50));
        assertFalse(r.fit(AT).valid());

        r.retake(3, at(20));

        assertAll(
                () -> assertEquals(20, r.points().get(2).referenceMassKg()),
                () -> assertTrue(r.fit().isEmpty(), "the fit is dropped by the retake"),
                () -> assertEquals(4, r.points().size()));
        FitReport f = r.fit(AT);
        assertTrue(f.valid(), f.invalidity().orElse(""));
        assertEquals(COUNTS_PER_N, f.countsPerN(), 1e-9);
    }

    @Test
    void aRetakeDropsTheVerificationAndChecksThePointNumber() throws RefusedException {
        CalibrationRun r = fitted();
        r.verify(30, at(30));
        r.retake(1, at(0));
        assertTrue(r.verification().isEmpty());
        assertEquals("NO_FIT", assertThrows(RefusedException.class, r::toSave).reason());
        RefusedException e = assertThrows(RefusedException.class, () -> r.retake(5, at(0)));
        assertEquals("NO_SUCH_POINT", e.reason());
        assertEquals("there is no point 5: the points taken are 1..4, numbered in the order taken", e.getMessage());
        assertEquals("NO_SUCH_POINT", assertThrows(RefusedException.class, () -> run().retake(1, at(0))).reason());
    }

    @Test
    void aRetakeIsCheckedAgainstTheZeroLikeANewPoint() throws RefusedException {
        CalibrationRun r = fitted();
        assertEquals("NO_LOAD_SEEN", assertThrows(RefusedException.class, () -> r.retake(2, at(0))).reason());
        assertEquals(at(10).meanCounts(), r.points().get(1).rawCounts(), 1e-9, "the point is kept");
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
