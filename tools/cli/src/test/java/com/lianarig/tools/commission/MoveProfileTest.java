package com.lianarig.tools.commission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MoveProfileTest {

    @Test
    void aLongMoveCruisesAtItsSpeedAndEndsExactlyAtItsTarget() {
        MoveProfile p = new MoveProfile(1000, 1592, 796, 3184); // 20 mm at 10 mm/s, 40 mm/s^2, 79.6 counts/mm
        assertEquals(1592 / 796.0 + 796 / 3184.0, p.durationS(), 1e-9);
        assertEquals(796, p.velocityAt(1.0), 1e-9);
        assertEquals(2592, p.positionAt(p.durationS()), 1e-9);
        assertEquals(2592, p.positionAt(99), 1e-9);
        assertEquals(1000, p.positionAt(-1), 1e-9);
        assertEquals(0, p.velocityAt(99), 1e-9);
    }

    @Test
    void positionsNeverStepFasterThanTheSpeedNorBackwards() {
        MoveProfile p = new MoveProfile(0, -1592, 796, 3184);
        double last = p.positionAt(0);
        for (double t = 0.001; t <= p.durationS() + 0.1; t += 0.001) {
            double now = p.positionAt(t);
            assertTrue(now <= last + 1e-9, "never back up at t=" + t);
            assertTrue(last - now <= 796 * 0.001 + 1e-6, "at most the speed at t=" + t);
            last = now;
        }
        assertEquals(-1592, last, 1e-9);
    }

    @Test
    void aShortMoveIsATriangleAndAZeroMoveHoldsItsStart() {
        MoveProfile p = new MoveProfile(0, 10, 796, 3184);
        assertTrue(p.peakSpeedCountsPerS() < 796);
        assertEquals(10, p.positionAt(p.durationS()), 1e-9);
        MoveProfile hold = new MoveProfile(500, 0, 796, 3184);
        assertEquals(0, hold.durationS(), 0);
        assertEquals(500, hold.positionAt(3), 0);
        assertEquals(0, hold.velocityAt(0.5), 0);
    }
}
