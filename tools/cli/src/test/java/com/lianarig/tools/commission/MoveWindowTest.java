package com.lianarig.tools.commission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.lianarig.hal.node.WinchLimits;
import org.junit.jupiter.api.Test;

/** The soft limits of a commissioning move: a window around it, inside the rig file's when referenced. */
class MoveWindowTest {
    private static final WinchLimits RIG = new WinchLimits(2, 6366, 3979, 7958, 109, 1592, 796, 94_693, 796);

    @Test
    void anUnreferencedWinchGetsAWindowAroundWhereItStandsWhateverItsCountSays() {
        WinchLimits w = DirectionCheck.window(RIG, -500_000, 1592, 796, false);
        assertEquals(-500_796, w.softLimitLowCounts());
        assertEquals(-500_000 + 1592 + 796, w.softLimitHighCounts());
        assertEquals(RIG.maxFollowingErrorCounts(), w.maxFollowingErrorCounts(), "every other limit is the controller's");
        assertEquals(RIG.unreferencedMaxCountsPerS(), w.unreferencedMaxCountsPerS());
    }

    @Test
    void aReferencedWinchStaysInsideTheRigFilesSoftLimitsOrHasNoRoom() {
        WinchLimits w = DirectionCheck.window(RIG, 1000, 1592, 796, true);
        assertEquals(796, w.softLimitLowCounts(), "the rig file's low limit is tighter");
        assertEquals(1000 + 1592 + 796, w.softLimitHighCounts());
        assertNull(DirectionCheck.window(RIG, 94_000, 1592, 796, true), "no room to go up");
        assertNull(DirectionCheck.window(RIG, 500, 1592, 796, true), "standing below the low limit");
    }
}
