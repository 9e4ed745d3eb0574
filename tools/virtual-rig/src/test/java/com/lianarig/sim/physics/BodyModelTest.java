package com.lianarig.sim.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The reference body against SPEC section 5's numbers (Dempster via Winter). */
class BodyModelTest {
    private final BodyModel body = BodyModel.reference();

    private double massBelow(SpineSegment s) {
        return body.massBelow(body.heightFraction(s));
    }

    @Test
    void massBelowTheSpecSegmentsIsTheSpecShare() {
        assertEquals(0.464, massBelow(SpineSegment.L4_L5), 1e-9, "feet, legs, thighs and pelvis below L4-L5");
        assertEquals(0.603, massBelow(SpineSegment.T12_L1), 1e-9, "plus the abdomen below T12-L1");
        assertEquals(0.919, massBelow(SpineSegment.C7_T1), 1e-9, "plus thorax and both arms below C7-T1");
        assertEquals(1.0, body.massBelow(1.0), 1e-12, "the whole body");
        assertEquals(0.0, body.massBelow(0.0), 1e-12, "nothing below the soles");
    }

    @Test
    void referenceBandsAreTheTableSegmentsAndSumToOne() {
        double sum = 0;
        for (BodyModel.Band b : BodyModel.Band.values()) {
            assertEquals(BodyModel.tableBandMass(b), body.bandMass(b), 1e-12, b.toString());
            sum += body.bandMass(b);
        }
        assertEquals(1.0, sum, 1e-12, "Dempster's segments cover the body");
        assertEquals(0.322, BodyModel.tableBandMass(BodyModel.Band.FEET) + BodyModel.tableBandMass(BodyModel.Band.LEGS)
                + BodyModel.tableBandMass(BodyModel.Band.THIGHS), 1e-12, "two lower extremities of 0.161");
    }

    @Test
    void segmentsSitInOrderBetweenIliocristaleAndCervicale() {
        assertEquals(BodyModel.ILIOCRISTALE, body.heightFraction(SpineSegment.L4_L5), 1e-12);
        assertEquals(BodyModel.CERVICALE, body.heightFraction(SpineSegment.C7_T1), 1e-12);
        SpineSegment[] topDown = SpineSegment.values();
        for (int i = 1; i < topDown.length; i++) {
            assertTrue(body.heightFraction(topDown[i]) < body.heightFraction(topDown[i - 1]),
                    topDown[i] + " below " + topDown[i - 1]);
        }
    }

    @Test
    void massBelowRisesMonotonicallyFromSolesToVertex() {
        double previous = -1;
        for (int i = 0; i <= 1000; i++) {
            double m = body.massBelow(i / 1000.0);
            assertTrue(m >= previous, "massBelow(" + i / 1000.0 + ") = " + m + " < " + previous);
            previous = m;
        }
    }

    @Test
    void heightWithMassBelowInvertsMassBelow() {
        for (int i = 1; i < 1000; i++) {
            double z = i / 1000.0;
            assertEquals(z, body.heightWithMassBelow(body.massBelow(z)), 1e-9, "at height fraction " + z);
        }
        assertEquals(body.heightFraction(SpineSegment.T12_L1), body.heightWithMassBelow(0.603), 1e-9);
    }

    @Test
    void aVariedBodyStillInverts() {
        BodyModel varied = new BodyModel(new double[] {1.1, 0.9, 1.15, 0.85, 1.05, 0.95, 1.1, 0.9}, 0.01, -0.01);
        for (int i = 1; i < 1000; i++) {
            double z = i / 1000.0;
            assertEquals(z, varied.heightWithMassBelow(varied.massBelow(z)), 1e-9, "at height fraction " + z);
        }
    }
}
