package com.lianarig.hal.gpio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.hal.SignalPattern;
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
    }
}
