package com.lianarig.hal.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.hal.SignalPattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignalPatternTest {
    private static final long MS = 1_000_000L;

    @Test
    void steadyPatternsNeverChangeAndBlinksAlternateEveryHalfPeriod() {
        assertFalse(SignalPattern.OFF.levelAt(123 * MS));
        assertTrue(SignalPattern.ON.levelAt(123 * MS));
        assertTrue(SignalPattern.SLOW_BLINK.levelAt(0));
        assertTrue(SignalPattern.SLOW_BLINK.levelAt(499 * MS));
        assertFalse(SignalPattern.SLOW_BLINK.levelAt(500 * MS));
        assertTrue(SignalPattern.SLOW_BLINK.levelAt(1_000 * MS));
        assertFalse(SignalPattern.FAST_BLINK.levelAt(125 * MS));
        assertEquals(Long.MAX_VALUE, SignalPattern.ON.nanosToNextChange(5 * MS));
    }

    @Test
    void aDoubleFlashIsTwoShortFlashesEachSecond() {
        SignalPattern p = SignalPattern.DOUBLE_FLASH;
        assertEquals(1_000, p.cycleMs());
        assertEquals(List.of(0L, 150L, 300L, 450L, 1_000L, 1_150L), edgesMs(p, 1_200),
                "on at 0, off at 150, on at 300, off at 450, on again at 1000");
        assertEquals(150 * MS, p.nanosToNextChange(0));
        assertEquals(1 * MS, p.nanosToNextChange(999 * MS));
        assertEquals(150, p.shortestPhaseMs());
    }

    @Test
    void aFlashIsOneTenthOfASecondOnceASecond() {
        assertEquals(List.of(0L, 100L, 1_000L, 1_100L, 2_000L), edgesMs(SignalPattern.FLASH, 2_050));
    }

    /** One lamp shows every state: no two patterns may look alike over two seconds. */
    @Test
    void everyPatternHasARhythmOfItsOwn() {
        Set<String> seen = new HashSet<>();
        for (SignalPattern p : SignalPattern.values()) {
            StringBuilder wave = new StringBuilder();
            for (long t = 0; t < 2_000; t += 5) {
                wave.append(p.levelAt(t * MS) ? '#' : '.');
            }
            assertTrue(seen.add(wave.toString()), p + " looks like another pattern");
        }
        assertNotEquals(SignalPattern.FAST_BLINK.cycleMs(), SignalPattern.SLOW_BLINK.cycleMs());
    }

    @Test
    void theNextChangeIsWhereTheLevelChanges() {
        for (SignalPattern p : SignalPattern.values()) {
            if (!p.blinks()) {
                continue;
            }
            for (long t = 0; t < 3_000 * MS; t += 7 * MS) {
                long next = p.nanosToNextChange(t);
                assertEquals(p.levelAt(t), p.levelAt(t + next - 1), p + " at " + t);
                assertNotEquals(p.levelAt(t), p.levelAt(t + next), p + " at " + t);
            }
        }
    }

    /** The times (ms) at which the level changes, the first entry being the start (on). */
    private static List<Long> edgesMs(SignalPattern p, long untilMs) {
        List<Long> edges = new ArrayList<>();
        edges.add(0L);
        boolean level = p.levelAt(0);
        for (long t = 1; t <= untilMs; t++) {
            boolean l = p.levelAt(t * MS);
            if (l != level) {
                edges.add(t);
                level = l;
            }
        }
        return edges;
    }
}
