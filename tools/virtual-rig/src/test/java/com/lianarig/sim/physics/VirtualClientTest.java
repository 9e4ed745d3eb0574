package com.lianarig.sim.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Virtual clients: the reference body's shares, and how far varied bodies stray from the tables. */
class VirtualClientTest {
    private static final int CLIENTS = 2_000;
    private static final double VARIATION = 0.15;

    @Test
    void referenceClientAimedAtASegmentHangsTheTableShare() {
        VirtualClient client = VirtualClient.reference(70, 1750);
        for (SpineSegment s : SpineSegment.values()) {
            double z = client.body().heightFraction(s);
            double strapMm = client.strapHeightForBend(z);
            assertEquals(client.body().massBelow(z), client.invertedShare(strapMm), 1e-12, s.id());
            assertEquals(z, client.bendFraction(strapMm), 1e-12, s.id());
        }
        double l4l5StrapMm = client.strapHeightForBend(client.body().heightFraction(SpineSegment.L4_L5));
        assertEquals((BodyModel.ILIOCRISTALE - BodyModel.ANKLE) * 1750, l4l5StrapMm, 1e-9,
                "the straps sit at the ankle: strap to L4-L5 along the body");
    }

    @Test
    void invertedShareIsZeroOnTheMatAndWholeWhenTheHeadIsLifted() {
        VirtualClient client = VirtualClient.reference(70, 1750);
        assertEquals(0, client.invertedShare(0), 1e-12);
        assertEquals(1, client.invertedShare((1 - BodyModel.ANKLE) * 1750 + 1), 1e-12);
    }

    /**
     * Each band's raw mass is the table's x a factor in 1 +- 0.15; renormalising to the body mass
     * then gives a band of table share m at most 1.15 m / (1.15 m + 0.85 (1 - m)) (its own factor
     * high, every other low) and at least 0.85 m / (0.85 m + 1.15 (1 - m)).
     */
    @Test
    void variedBandsStayWithinTheBoundOfFifteenPercentFactorsRenormalised() {
        SplittableRandom seeds = new SplittableRandom(1);
        for (int i = 0; i < CLIENTS; i++) {
            VirtualClient c = VirtualClient.varied(70, 1750, seeds.split());
            for (BodyModel.Band b : BodyModel.Band.values()) {
                double m = BodyModel.tableBandMass(b);
                double high = (1 + VARIATION) * m / ((1 + VARIATION) * m + (1 - VARIATION) * (1 - m));
                double low = (1 - VARIATION) * m / ((1 - VARIATION) * m + (1 + VARIATION) * (1 - m));
                double share = c.body().bandMass(b);
                assertTrue(share >= low && share <= high, "client " + i + " " + b + ": " + share + " outside "
                        + low + ".." + high + " (table " + m + ")");
            }
        }
    }

    @Test
    void variedSharesDifferFromTheTableSoAimingCannotPassBySharingIt() {
        SplittableRandom seeds = new SplittableRandom(2);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < CLIENTS; i++) {
            VirtualClient c = VirtualClient.varied(70, 1750, seeds.split());
            double share = c.body().massBelow(c.body().heightFraction(SpineSegment.L4_L5));
            assertTrue(Math.abs(share - 0.464) > 1e-9, "client " + i + " has the table's share at L4-L5");
            sum += share;
            sumSq += share * share;
        }
        double mean = sum / CLIENTS;
        double sd = Math.sqrt(sumSq / CLIENTS - mean * mean);
        assertEquals(0.464, mean, 0.003, "varied around the table, not biased");
        // Expected sd about 0.017 for independent +-15 % factors (first-order propagation).
        assertTrue(sd > 0.012 && sd < 0.025, "share at L4-L5 varies between clients: sd " + sd);
    }

    @Test
    void variedLandmarksStrapOffsetAndHangShareStayInTheirRanges() {
        SplittableRandom seeds = new SplittableRandom(3);
        double minOffset = Double.MAX_VALUE;
        double maxOffset = -Double.MAX_VALUE;
        for (int i = 0; i < CLIENTS; i++) {
            VirtualClient c = VirtualClient.varied(70, 1750, seeds.split());
            assertTrue(c.strapOffsetMm() >= -20 && c.strapOffsetMm() < 40, "strap offset " + c.strapOffsetMm());
            assertTrue(c.hangShare() >= 0.4 && c.hangShare() < 0.7, "hang share " + c.hangShare());
            assertEquals(BodyModel.ILIOCRISTALE, c.body().heightFraction(SpineSegment.L4_L5), 0.015 + 1e-12);
            assertEquals(BodyModel.CERVICALE, c.body().heightFraction(SpineSegment.C7_T1), 0.015 + 1e-12);
            minOffset = Math.min(minOffset, c.strapOffsetMm());
            maxOffset = Math.max(maxOffset, c.strapOffsetMm());
        }
        assertTrue(minOffset < -18 && maxOffset > 38, "the whole offset range is used: " + minOffset + ".." + maxOffset);
    }

    @Test
    void uprightShareIsNothingAboveReachAndTheHangShareWhenSunk() {
        VirtualClient c = VirtualClient.reference(70, 1750);
        double reachMm = VirtualClient.REACH * 1750;
        assertEquals(0, c.uprightShare(reachMm + 1), 1e-12, "loops above reach carry nothing");
        assertEquals(0, c.uprightShare(reachMm), 1e-12);
        assertEquals(c.hangShare() / 2, c.uprightShare(reachMm - VirtualClient.SINK_RANGE * 1750 / 2), 1e-12);
        assertEquals(c.hangShare(), c.uprightShare(reachMm - VirtualClient.SINK_RANGE * 1750), 1e-12);
        assertEquals(c.hangShare(), c.uprightShare(500), 1e-12, "fully sunk: never more than the hang share");
    }
}
