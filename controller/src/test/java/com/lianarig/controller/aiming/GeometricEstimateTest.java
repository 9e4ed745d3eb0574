package com.lianarig.controller.aiming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.profile.Landmark;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeometricEstimateTest {
    private static final StrapGeometry NO_OFFSET_STIFF = new StrapGeometry(0, 1e12, 2, 0);
    private static final StrapGeometry LEG_STRAPS = new StrapGeometry(0, 60, 2, 5);

    @Test
    void referenceClientAimedAtL4L5HangsTheStrapsAt999Point25Millimetres() {
        GeometricEstimate e = GeometricEstimate.of(ClientProfile.of("ref", 1750, 70), SpineSegment.L4_L5,
                NO_OFFSET_STIFF);
        assertEquals((0.61 - 0.039) * 1750, e.bodyDistanceMm(), 1e-9);
        assertEquals(999.25, e.strapHeightMm(), 0.01);
    }

    @Test
    void referenceClientAimedAtC7T1HangsTheStrapsAtCervicaleMinusAnkle() {
        GeometricEstimate e = GeometricEstimate.of(ClientProfile.of("ref", 1750, 70), SpineSegment.C7_T1,
                NO_OFFSET_STIFF);
        assertEquals((0.855 - 0.039) * 1750, e.strapHeightMm(), 0.01); // 1428.0 mm
    }

    @Test
    void interpolatedLevelsLieOnTheSpineLineByLength() {
        ClientProfile ref = ClientProfile.of("ref", 1750, 70);
        // T12-L1: 12 of 17.4 units from 0.855 H towards 0.61 H
        double t12 = (0.855 - 0.245 * 12 / 17.4 - 0.039) * 1750;
        assertEquals(t12, GeometricEstimate.of(ref, SpineSegment.T12_L1, NO_OFFSET_STIFF).strapHeightMm(), 0.01);
        // L5-S1: 18.75 units, just below the iliac crest
        double l5s1 = (0.855 - 0.245 * 18.75 / 17.4 - 0.039) * 1750;
        assertEquals(l5s1, GeometricEstimate.of(ref, SpineSegment.L5_S1, NO_OFFSET_STIFF).strapHeightMm(), 0.01);
    }

    @Test
    void strapHeightFallsDownTheSpine() {
        ClientProfile ref = ClientProfile.of("ref", 1750, 70);
        SpineSegment[] topDown = SpineSegment.values();
        for (int i = 1; i < topDown.length; i++) {
            assertTrue(GeometricEstimate.of(ref, topDown[i - 1], LEG_STRAPS).strapHeightMm()
                    > GeometricEstimate.of(ref, topDown[i], LEG_STRAPS).strapHeightMm(), topDown[i].id());
        }
    }

    @Test
    void personalAndStrapOffsetsAddAndTheSetPointAddsTheRopeStretch() {
        ClientProfile client = ClientProfile.of("ref", 1750, 70).withOffset(SpineSegment.L4_L5, 25);
        GeometricEstimate e = GeometricEstimate.of(client, SpineSegment.L4_L5, new StrapGeometry(-10, 60, 2, 5));
        // stretch per rope: (318.52 N / 2 + 5 N) / 60 N/mm = 2.7377 mm
        assertEquals(2.7377, e.ropeStretchMm(), 0.001);
        assertEquals(999.25 + 25 - 10, e.strapHeightMm(), 0.01);
        assertEquals(999.25 + 25 - 10 + 2.7377, e.setPointHeightMm(), 0.01);
    }

    @Test
    void measuredLandmarksReplaceTheProportions() {
        ClientProfile measured = new ClientProfile("m", 1750, 70,
                Map.of(Landmark.CERVICALE, 1500.0, Landmark.ILIOCRISTALE, 1050.0), Map.of(),
                OptionalDouble.empty(), List.of());
        assertEquals(1050 - 0.039 * 1750,
                GeometricEstimate.of(measured, SpineSegment.L4_L5, NO_OFFSET_STIFF).strapHeightMm(), 0.01);
        assertEquals(1500 - 0.039 * 1750,
                GeometricEstimate.of(measured, SpineSegment.C7_T1, NO_OFFSET_STIFF).strapHeightMm(), 0.01);
    }

    @Test
    void aSingleMeasuredLandmarkLeavesTheOtherToTheProportions() {
        ClientProfile measured = new ClientProfile("m", 1750, 70, Map.of(Landmark.ILIOCRISTALE, 1100.0), Map.of(),
                OptionalDouble.empty(), List.of());
        BodyGeometry body = BodyGeometry.of(measured);
        assertEquals(1100, body.iliocristaleHeightMm(), 0);
        assertEquals(0.855 * 1750, body.cervicaleHeightMm(), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(doubles = {999, 2301, Double.NaN})
    void bodyGeometryRejectsStatureOutside1000To2300Millimetres(double statureMm) {
        assertThrows(IllegalArgumentException.class, () -> BodyGeometry.fromStature(statureMm));
    }

    @Test
    void bodyGeometryRejectsLandmarksOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> new BodyGeometry(1750, 70, 1500, 1100));
        assertThrows(IllegalArgumentException.class, () -> new BodyGeometry(1750, 0, 1000, 1500));
        assertThrows(IllegalArgumentException.class, () -> new BodyGeometry(1750, 70, 1000, 1750));
    }

    @Test
    void strapGeometryRejectsNonPositiveStiffnessAndBadRopeCounts() {
        assertThrows(IllegalArgumentException.class, () -> new StrapGeometry(0, 0, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> new StrapGeometry(0, -60, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> new StrapGeometry(0, 60, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> new StrapGeometry(250, 60, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> new StrapGeometry(0, 60, 2, -1));
    }

    @Test
    void estimateRejectsMassOutside20To250Kilograms() {
        BodyGeometry body = BodyGeometry.fromStature(1750);
        assertThrows(IllegalArgumentException.class,
                () -> GeometricEstimate.of(body, 19, 0, SpineSegment.L3, LEG_STRAPS));
        assertThrows(IllegalArgumentException.class,
                () -> GeometricEstimate.of(body, 251, 0, SpineSegment.L3, LEG_STRAPS));
    }
}
