package com.lianarig.controller.aiming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentMassTableTest {

    @Test
    void segmentMassesAddUpToTheWholeBody() {
        double sum = 2 * SegmentMassTable.LOWER_EXTREMITY + SegmentMassTable.PELVIS + SegmentMassTable.ABDOMEN
                + SegmentMassTable.THORAX + 2 * SegmentMassTable.UPPER_EXTREMITY + SegmentMassTable.HEAD_AND_NECK;
        assertEquals(1.0, sum, 1e-12);
    }

    @Test
    void bandEndSharesAreTheSpecValues() {
        assertEquals(0.464, SegmentMassTable.ropeShare(SpineSegment.L4_L5), 1e-12);
        assertEquals(0.603, SegmentMassTable.ropeShare(SpineSegment.T12_L1), 1e-12);
        assertEquals(0.919, SegmentMassTable.ropeShare(SpineSegment.C7_T1), 1e-12);
    }

    @Test
    void interpolatedSharesMatchHandComputation() {
        // thorax band with arms 0.316 over 12 thoracic levels
        assertEquals(0.919 - 0.316 * 3.5 / 12, SegmentMassTable.ropeShare(SpineSegment.T4), 1e-12); // 0.82683
        assertEquals(0.919 - 0.316 * 7.5 / 12, SegmentMassTable.ropeShare(SpineSegment.T8), 1e-12); // 0.7215
        // abdomen 0.139 over 4 lumbar levels of 1.35 units; L3 at 2.5 levels below T12-L1
        assertEquals(0.603 - 0.139 * (2.5 * 1.35) / 5.4, SegmentMassTable.ropeShare(SpineSegment.L3), 1e-12);
        // L5-S1: 18.75 units below C7-T1 on the 0.855 H .. 0.61 H line (17.4 units) -> 0.590991 H,
        // in the pelvis band 0.530 H .. 0.61 H carrying 0.142
        double l5s1Fraction = 0.855 - 0.245 * 18.75 / 17.4;
        assertEquals(0.322 + 0.142 * (l5s1Fraction - 0.530) / 0.08,
                SegmentMassTable.ropeShare(SpineSegment.L5_S1), 1e-12);
        assertEquals(0.4303, SegmentMassTable.ropeShare(SpineSegment.L5_S1), 5e-5);
        assertEquals(0.5161, SegmentMassTable.ropeShare(SpineSegment.L3), 5e-5);
    }

    @Test
    void shareFallsStrictlyDownTheSpine() {
        SpineSegment[] topDown = SpineSegment.values();
        for (int i = 1; i < topDown.length; i++) {
            assertTrue(SegmentMassTable.ropeShare(topDown[i - 1]) > SegmentMassTable.ropeShare(topDown[i]),
                    topDown[i - 1] + " should carry more than " + topDown[i]);
        }
    }

    @Test
    void shareIsContinuousAndFallingAlongEveryLevel() {
        double previous = SegmentMassTable.shareAtLevel(0);
        for (int i = 1; i <= 1700; i++) {
            double share = SegmentMassTable.shareAtLevel(i / 100.0);
            assertTrue(share < previous, "level " + i / 100.0);
            assertTrue(previous - share < 0.005, "jump at level " + i / 100.0);
            previous = share;
        }
    }

    @Test
    void seventyKilogramsAimedAtL4L5Loads318Point52NewtonsWithStandardGravity() {
        assertEquals(318.52, SegmentMassTable.expectedRopeLoadN(70, SpineSegment.L4_L5), 0.1);
        assertEquals(0.464 * 70 * 9.80665, SegmentMassTable.expectedRopeLoadN(70, SpineSegment.L4_L5), 1e-9);
    }

    @Test
    void seventyKilogramsAimedAtL4L5Loads318Point6NewtonsWithTheSpecsGravity() {
        assertEquals(318.6, SegmentMassTable.expectedRopeLoadN(70, SpineSegment.L4_L5, 9.81), 0.1);
    }

    @ParameterizedTest
    @ValueSource(doubles = {19.99, 250.01, 0, -70, Double.NaN, Double.POSITIVE_INFINITY})
    void expectedLoadRejectsMassOutside20To250Kilograms(double massKg) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentMassTable.expectedRopeLoadN(massKg, SpineSegment.T8));
        assertTrue(e.getMessage().contains("massKg"), e.getMessage());
    }

    @Test
    void expectedLoadAcceptsTheMassRangeEnds() {
        assertEquals(0.919 * 20 * 9.80665, SegmentMassTable.expectedRopeLoadN(20, SpineSegment.C7_T1), 1e-9);
        assertEquals(0.919 * 250 * 9.80665, SegmentMassTable.expectedRopeLoadN(250, SpineSegment.C7_T1), 1e-9);
    }

    @ParameterizedTest
    @EnumSource(SpineSegment.class)
    void segmentAtShareInvertsRopeShareForEverySegment(SpineSegment segment) {
        BendEstimate bend = SegmentMassTable.segmentAtShare(SegmentMassTable.ropeShare(segment));
        assertEquals(BendEstimate.Range.WITHIN_SPINE, bend.range());
        assertEquals(segment, bend.nearest());
        assertEquals(SpineLevels.levelsBelowC7T1(segment), bend.levelsBelowC7T1(), 1e-9);
    }

    @Test
    void segmentAtShareInvertsShareAtLevelEverywhereOnTheSpine() {
        for (int i = 0; i <= 1700; i++) {
            double level = i / 100.0;
            BendEstimate bend = SegmentMassTable.segmentAtShare(SegmentMassTable.shareAtLevel(level));
            assertTrue(bend.withinSpine());
            assertEquals(level, bend.levelsBelowC7T1(), 1e-9);
        }
    }

    @Test
    void shareBetweenSegmentsNamesTheNearerOne() {
        double nearT8 = SegmentMassTable.shareAtLevel(8.5);
        assertEquals(SpineSegment.T8, SegmentMassTable.segmentAtShare(nearT8).nearest());
        double nearT12 = SegmentMassTable.shareAtLevel(10.5);
        assertEquals(SpineSegment.T12_L1, SegmentMassTable.segmentAtShare(nearT12).nearest());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.1, 0.322, 0.43})
    void shareBelowL5S1IsFlaggedNotExtrapolated(double share) {
        BendEstimate bend = SegmentMassTable.segmentAtShare(share);
        assertEquals(BendEstimate.Range.BELOW_L5_S1, bend.range());
        assertEquals(SpineSegment.L5_S1, bend.nearest());
        assertEquals(17, bend.levelsBelowC7T1(), 0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.9191, 1.0, 1.6})
    void shareAboveC7T1IsFlaggedNotExtrapolated(double share) {
        BendEstimate bend = SegmentMassTable.segmentAtShare(share);
        assertEquals(BendEstimate.Range.ABOVE_C7_T1, bend.range());
        assertEquals(SpineSegment.C7_T1, bend.nearest());
        assertEquals(0, bend.levelsBelowC7T1(), 0);
    }

    @Test
    void segmentAtShareRejectsNaN() {
        assertThrows(IllegalArgumentException.class, () -> SegmentMassTable.segmentAtShare(Double.NaN));
    }

    @Test
    void shareAtLevelRejectsLevelsOffTheSpine() {
        assertThrows(IllegalArgumentException.class, () -> SegmentMassTable.shareAtLevel(-0.1));
        assertThrows(IllegalArgumentException.class, () -> SegmentMassTable.shareAtLevel(17.1));
    }
}
