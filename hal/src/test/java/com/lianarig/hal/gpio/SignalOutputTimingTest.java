package com.lianarig.hal.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.hal.SignalPattern;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The status light and the buzzer on Pi4J's mock platform, on a stepped clock: a pattern starts when it
 * is asked for, and the pin changes exactly at the pattern's edges, whenever the event thread runs.
 */
@Timeout(30)
class SignalOutputTimingTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final GpioBackend gpio = GpioBackend.open(GpioBackend.Kind.MOCK, clock::get);

    @AfterEach
    void close() {
        gpio.close();
    }

    private boolean at(long ms, int pin) {
        clock.set(ms * MS);
        gpio.refreshOutputs();
        return gpio.signalOn(pin);
    }

    @Test
    void theLightsDoubleFlashChangesTheMomentEachPhaseEnds() {
        Pi4jStatusLight light = new Pi4jStatusLight(gpio, new OutputPin(5, true, false));
        clock.set(10_000 * MS);
        light.show(SignalPattern.DOUBLE_FLASH); // starts at 10,000 ms
        long t0 = 10_000;
        long[] edges = {150, 300, 450, 1_000, 1_150, 1_300, 1_450, 2_000};
        boolean on = true;
        assertTrue(at(t0, 5), "on when it starts");
        for (long e : edges) {
            assertEquals(on, at(t0 + e - 1, 5), "1 ms before " + e + " ms");
            on = !on;
            assertEquals(on, at(t0 + e, 5), "at " + e + " ms");
        }
        light.close();
    }

    @Test
    void anActiveLowBuzzerIsOnWhenItsPinIsLowAndAskingAgainForTheSamePatternKeepsItsRhythm() {
        Pi4jBuzzer buzzer = new Pi4jBuzzer(gpio, new OutputPin(6, false, false));
        assertTrue(buzzer.pinHigh(), "active low: silent is HIGH");
        clock.set(0);
        buzzer.sound(SignalPattern.SLOW_BLINK);
        assertTrue(at(100, 6));
        assertFalse(buzzer.pinHigh(), "sounding: the pin is LOW");
        assertFalse(at(600, 6));
        buzzer.sound(SignalPattern.SLOW_BLINK); // the same again: no restart at 600 ms
        assertFalse(at(700, 6), "still in the off half of the cycle that began at 0");
        assertTrue(at(1_000, 6));
        buzzer.sound(SignalPattern.ON);
        assertTrue(at(1_500, 6), "a continuous tone");
        buzzer.close();
    }

    @Test
    void withoutBeingAskedTheEventThreadFollowsASteppedClockWithinItsRefreshPeriod() throws Exception {
        Pi4jStatusLight light = new Pi4jStatusLight(gpio, new OutputPin(5, true, false));
        clock.set(0);
        light.show(SignalPattern.SLOW_BLINK);
        assertTrue(GpioMockTest.await(() -> gpio.signalOn(5), 1_000));
        clock.set(600 * MS);
        assertTrue(GpioMockTest.await(() -> !gpio.signalOn(5), 1_000), "the off half, seen by the next refresh");
        clock.set(1_100 * MS);
        assertTrue(GpioMockTest.await(() -> gpio.signalOn(5), 1_000));
        light.close();
    }

    @Test
    void aPinWithNoSignalOutputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gpio.signalOn(12));
        assertTrue(e.getMessage().contains("BCM 12"), e.getMessage());
    }
}
