package com.lianarig.tools.commission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.NodeFault;
import com.lianarig.tools.commission.DirectionVerdict.Seen;
import org.junit.jupiter.api.Test;

class DirectionVerdictTest {
    private static final double CPM = 79.5775;

    private static CheckResult judge(int moved, Seen seen, double measuredMm) {
        return DirectionVerdict.judge("w", 1592, moved, CPM, null, 0, 0, seen, measuredMm);
    }

    @Test
    void aMoveOfAboutTheCommandedCountsSeenGoingUpPasses() {
        CheckResult r = judge(1580, Seen.UP, Double.NaN);
        assertEquals(CheckResult.Outcome.OK, r.outcome(), r.toString());
        assertTrue(judge(1592, Seen.NOT_ASKED, Double.NaN).passed());
    }

    @Test
    void theEncoderGoingTheOtherWayIsAnInvertedEncoderWithTheWiringFix() {
        CheckResult r = judge(-1590, Seen.NOT_ASKED, Double.NaN);
        assertEquals("ENCODER INVERTED", r.verdict());
        assertTrue(r.fix().contains("swap its A and B"), r.fix());
    }

    @Test
    void almostNoCountsIsNoMovementAndAFactorOffIsTheWrongScale() {
        assertEquals("NO MOVEMENT", judge(40, Seen.NOT_ASKED, Double.NaN).verdict());
        CheckResult scale = judge(3184, Seen.NOT_ASKED, Double.NaN);
        assertEquals("WRONG SCALE", scale.verdict());
        assertTrue(scale.fix().contains("off by a factor of about 2.00"), scale.fix());
    }

    @Test
    void whatTheTechnicianSawOrMeasuredCatchesWhatTheEncoderCannot() {
        assertEquals("MOVES DOWN FOR UP", judge(1592, Seen.DOWN, Double.NaN).verdict());
        assertEquals("COUNTS BUT NO MOTION", judge(1592, Seen.NOT_MOVED, Double.NaN).verdict());
        assertEquals("MOVES DOWN FOR UP", judge(1592, Seen.NOT_ASKED, -20).verdict());
        CheckResult measured = judge(1592, Seen.NOT_ASKED, 10);
        assertEquals("WRONG SCALE", measured.verdict());
        assertTrue(measured.fix().contains("countsPerMm should be about 159.2000"), measured.fix());
        assertTrue(judge(1592, Seen.NOT_ASKED, 20.5).passed());
    }

    @Test
    void aNodeFaultAfterMovingTheOtherWayIsStillAnInvertedEncoderOtherwiseTheFault() {
        CheckResult inverted = DirectionVerdict.judge("w", 1592, -780, CPM, NodeFault.FOLLOWING_ERROR, 1593, 1592,
                Seen.NOT_ASKED, Double.NaN);
        assertEquals("ENCODER INVERTED", inverted.verdict());
        assertTrue(inverted.detail().contains("then the node stopped it: FOLLOWING_ERROR"), inverted.detail());
        CheckResult drive = DirectionVerdict.judge("w", 1592, 3, CPM, NodeFault.DRIVE_FAULT, 0, 0, Seen.NOT_ASKED,
                Double.NaN);
        assertEquals(CheckResult.Outcome.NOT_DONE, drive.outcome());
        assertEquals("NODE FAULT DRIVE_FAULT", drive.verdict());
        assertTrue(drive.fix().contains("the drive reports a fault of its own"), drive.fix());
    }
}
