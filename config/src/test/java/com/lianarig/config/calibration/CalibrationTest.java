package com.lianarig.config.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.ChannelRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Converting readings, re-zeroing, verifying, and what makes a calibration valid (SR-17). */
class CalibrationTest {
    static final ChannelRef CH = new ChannelRef("VR-0001", 2);
    static final Instant T0 = Instant.parse("2025-03-14T09:30:00Z");
    static final double G = CalibrationPoint.STANDARD_GRAVITY_M_PER_S2;

    /** A clean calibration: offset -120,000 counts, 2,100 counts/N, points at 0, 20, 50 kg. */
    static Calibration standard() {
        return Calibration.fromPoints(CH, T0, "J. Tech", List.of(point(0), point(20), point(50)));
    }

    static CalibrationPoint point(double kg) {
        return new CalibrationPoint(-120_000 + 2_100 * kg * G, kg);
    }

    @Test
    void rawCountsBecomeNewtonsAndKilograms() {
        Calibration c = standard();
        assertEquals(0, c.loadN(-120_000), 1e-6);
        assertEquals(70 * G, c.loadN(-120_000 + 2_100 * 70 * G), 1e-6);
        assertEquals(70, c.loadKg(-120_000 + 2_100 * 70 * G), 1e-9);
        assertEquals(1 / 2_100.0, c.newtonsPerCount(), 1e-15);
        assertEquals(List.of(0.0, 20.0, 50.0), c.referenceMassesKg());
    }

    @Test
    void aTareMovesTheZeroAndKeepsTheScale() {
        Calibration tared = standard().tared(T0.plusSeconds(3600), "A. Trainer", -119_000);
        assertEquals(CalibrationKind.TARE, tared.kind());
        assertEquals(2_100, tared.countsPerN(), 1e-9);
        assertEquals(0, tared.loadN(-119_000), 1e-9);
        assertEquals(standard().fit(), tared.fit());
    }

    @Test
    void verificationReportsTheErrorAsAPercentOfTheKnownMass() {
        Calibration c = standard();
        assertEquals(1, c.errorPercent(-120_000 + 2_100 * 20.2 * G, 20), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> c.errorPercent(0, 0));
    }

    @Test
    void aFitWithTooMuchLinearityErrorIsNotValid() {
        Calibration bent = Calibration.fromPoints(CH, T0, "J. Tech", List.of(point(0),
                new CalibrationPoint(point(20).rawCounts() + 2_100 * 0.5 * G, 20), point(50)));
        String why = bent.invalidity(CalibrationPolicy.defaults()).orElseThrow();
        assertTrue(why.startsWith("its linearity error"), why);
        assertTrue(standard().invalidity(CalibrationPolicy.defaults()).isEmpty());
    }

    @Test
    void aFitOverTooSmallASpanIsNotValid() {
        Calibration tiny = Calibration.fromPoints(CH, T0, "J. Tech", List.of(point(0), point(2)));
        assertEquals("its largest reference mass 2 kg is below 10 kg",
                tiny.invalidity(CalibrationPolicy.defaults()).orElseThrow());
    }

    @Test
    void aFitsZeroIsItsIntercept() {
        Calibration c = standard();
        assertThrows(IllegalArgumentException.class, () -> new Calibration(CH, CalibrationKind.FIT, T0, "x",
                c.offsetCounts() + 100, c.fit()));
    }

    @Test
    void theTechnicianIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> Calibration.fromPoints(CH, T0, " ",
                List.of(point(0), point(20))));
        assertThrows(IllegalArgumentException.class, () -> Calibration.fromPoints(CH, T0, "a\nb",
                List.of(point(0), point(20))));
    }
}
