package com.lianarig.controller.aiming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.ClientProfile;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeightRefinerTest {
    private static final HeightRefiner REFINER = new HeightRefiner(RefinerSettings.defaults());
    private static final BodyGeometry REF_BODY = BodyGeometry.fromStature(1750);
    private static final double L4_L5_MM = 999.25;

    private static RefinementTarget l4l5(double capMm) {
        return new RefinementTarget(SpineSegment.L4_L5, REF_BODY, L4_L5_MM, capMm, 205, 1795);
    }

    @Test
    void theTablesShareAtTheTargetProposesNoMove() {
        HeightProposal p = REFINER.propose(l4l5(1500), L4_L5_MM, 0.464);
        assertEquals(L4_L5_MM, p.heightMm(), 1e-9);
        assertEquals(0, p.wantedCorrectionMm(), 1e-9);
        assertEquals(Set.of(), p.clamps());
        assertEquals(SpineSegment.L4_L5, p.bend().nearest());
    }

    @Test
    void aShareAsAtT12L1LowersTheStrapsByOneStepTowardL4L5() {
        HeightProposal p = REFINER.propose(l4l5(1500), L4_L5_MM, 0.603);
        // T12-L1 stands (0.686034 - 0.61) x 1750 = 133.06 mm above L4-L5
        assertEquals(-(0.245 - 0.245 * 12 / 17.4) * 1750, p.wantedCorrectionMm(), 1e-9);
        assertEquals(-133.06, p.wantedCorrectionMm(), 0.01);
        assertEquals(L4_L5_MM - 10, p.heightMm(), 1e-9);
        assertEquals(Set.of(HeightProposal.Clamp.STEP), p.clamps());
    }

    @Test
    void aSmallErrorIsCorrectedInFullWithinOneStep() {
        double share = SegmentMassTable.shareAtLevel(15.8); // a little above L4-L5
        HeightProposal p = REFINER.propose(l4l5(1500), L4_L5_MM, share);
        double expected = REF_BODY.spineLevelHeightMm(16) - REF_BODY.spineLevelHeightMm(15.8);
        assertEquals(expected, p.moveMm(), 1e-9);
        assertTrue(Math.abs(expected) < 10 && Math.abs(expected) > 1);
    }

    @Test
    void aShareBelowTheSpineRaisesByOneStepFlagged() {
        HeightProposal p = REFINER.propose(l4l5(1500), L4_L5_MM, 0.30);
        assertEquals(BendEstimate.Range.BELOW_L5_S1, p.bend().range());
        assertEquals(10, p.moveMm(), 1e-9);
    }

    @Test
    void aShareAboveC7T1LowersByOneStepFlagged() {
        HeightProposal p = REFINER.propose(l4l5(1500), L4_L5_MM, 0.97);
        assertEquals(BendEstimate.Range.ABOVE_C7_T1, p.bend().range());
        assertEquals(-10, p.moveMm(), 1e-9);
    }

    @Test
    void theCorrectionStopsAt60MillimetresAboveTheAimedHeight() {
        HeightProposal p = REFINER.propose(l4l5(1500), L4_L5_MM + 55, 0.30);
        assertEquals(L4_L5_MM + 60, p.heightMm(), 1e-9);
        assertTrue(p.clamps().contains(HeightProposal.Clamp.CORRECTION_BOUND));
        assertTrue(p.heldByLimit());
    }

    @Test
    void sr20CapWinsOverTheWantedCorrection() {
        HeightProposal p = REFINER.propose(l4l5(1003), L4_L5_MM, 0.30);
        assertEquals(1003, p.heightMm(), 1e-9);
        assertTrue(p.clamps().contains(HeightProposal.Clamp.SR20_CAP));
    }

    @Test
    void aCurrentHeightAboveTheSr20CapIsBroughtDownEvenOnTarget() {
        HeightProposal p = REFINER.propose(l4l5(990), L4_L5_MM, 0.464);
        assertEquals(990, p.heightMm(), 1e-9);
        assertEquals(Set.of(HeightProposal.Clamp.SR20_CAP), p.clamps());
    }

    @Test
    void travelLimitsClampTheProposal() {
        RefinementTarget t = new RefinementTarget(SpineSegment.L4_L5, REF_BODY, L4_L5_MM, 1500, 205, 1004);
        HeightProposal p = REFINER.propose(t, L4_L5_MM, 0.30);
        assertEquals(1004, p.heightMm(), 1e-9);
        assertTrue(p.clamps().contains(HeightProposal.Clamp.TRAVEL));
    }

    @Test
    void sameInputsGiveTheSameProposal() {
        assertEquals(REFINER.propose(l4l5(1200), 980, 0.52), REFINER.propose(l4l5(1200), 980, 0.52));
    }

    @Test
    void aProfileWithoutAnSr20CapCannotBeRefined() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RefinementTarget.of(ClientProfile.of("c1", 1750, 70), SpineSegment.L4_L5, 999, 205, 1795));
        assertTrue(e.getMessage().contains("SR-20"), e.getMessage());
    }

    @Test
    void aProfilesSr20CapIsUsed() {
        ClientProfile client = ClientProfile.of("c1", 1750, 70).withMaxStrapHeightMm(1000);
        RefinementTarget t = RefinementTarget.of(client, SpineSegment.L4_L5, L4_L5_MM, 205, 1795);
        assertEquals(1000, t.sr20MaxStrapHeightMm(), 0);
        assertEquals(1000, REFINER.propose(t, L4_L5_MM, 0.3).heightMm(), 1e-9);
    }

    @Test
    void settingsRejectNonPositiveBounds() {
        assertThrows(IllegalArgumentException.class, () -> new RefinerSettings(0, 60, 0));
        assertThrows(IllegalArgumentException.class, () -> new RefinerSettings(10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RefinerSettings(10, -60, 1));
        assertThrows(IllegalArgumentException.class, () -> new RefinerSettings(10, 151, 1));
        assertThrows(IllegalArgumentException.class, () -> new RefinerSettings(10, 60, 10));
        assertThrows(IllegalArgumentException.class, () -> new RefinerSettings(10, 60, -1));
        assertThrows(IllegalArgumentException.class, () -> new RefinerSettings(Double.NaN, 60, 1));
    }

    @Test
    void targetRejectsEmptyTravelAndACapBelowTravel() {
        assertThrows(IllegalArgumentException.class,
                () -> new RefinementTarget(SpineSegment.L3, REF_BODY, 1000, 1500, 800, 800));
        assertThrows(IllegalArgumentException.class,
                () -> new RefinementTarget(SpineSegment.L3, REF_BODY, 1000, 100, 205, 1795));
    }

    @Test
    void proposeRejectsNonFiniteInputs() {
        assertThrows(IllegalArgumentException.class, () -> REFINER.propose(l4l5(1500), Double.NaN, 0.5));
        assertThrows(IllegalArgumentException.class, () -> REFINER.propose(l4l5(1500), 999, Double.NaN));
        assertFalse(REFINER.propose(l4l5(1500), 999, 0.5).clamps().contains(HeightProposal.Clamp.SR20_CAP));
    }

    @Test
    void aShareJustAboveC7T1AimedAtC7T1MovesOnlyAsFarAsTheHeadBandSays() {
        double c7Mm = REF_BODY.segmentHeightMm(SpineSegment.C7_T1) - REF_BODY.ankleHeightMm();
        RefinementTarget t = new RefinementTarget(SpineSegment.C7_T1, REF_BODY, c7Mm, 1700, 205, 1795);
        HeightProposal p = REFINER.propose(t, c7Mm, 0.9217);
        assertEquals(BendEstimate.Range.ABOVE_C7_T1, p.bend().range());
        // head and neck band: 0.081 of body weight over 0.145 H; 0.0027 share -> 0.0048 H = 8.46 mm
        assertEquals(-0.0027 / 0.081 * 0.145 * 1750, p.moveMm(), 1e-6);
    }

    @Test
    void aShareJustBelowL5S1AimedAtL5S1MovesOnlyAsFarAsThePelvisBandSays() {
        double l5s1Mm = REF_BODY.segmentHeightMm(SpineSegment.L5_S1) - REF_BODY.ankleHeightMm();
        RefinementTarget t = new RefinementTarget(SpineSegment.L5_S1, REF_BODY, l5s1Mm, 1700, 205, 1795);
        double share = SegmentMassTable.ropeShare(SpineSegment.L5_S1) - 0.002;
        HeightProposal p = REFINER.propose(t, l5s1Mm, share);
        assertEquals(BendEstimate.Range.BELOW_L5_S1, p.bend().range());
        // pelvis band: 0.142 over 0.08 H; 0.002 share -> 0.001127 H = 1.97 mm up
        assertEquals(0.002 / 0.142 * 0.08 * 1750, p.moveMm(), 1e-6);
    }
}
