package com.lianarig.tools.panel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HoldTrackerTest {
    private final HoldTracker tracker = new HoldTracker(550, 150);
    private final Key up = Key.of(Key.Kind.UP);

    @Test
    void aSinglePressLastsTheInitialRepeatDelay() {
        assertTrue(tracker.press(up, 1000));
        assertFalse(tracker.released(1550));
        assertTrue(tracker.released(1551));
    }

    @Test
    void repeatsKeepTheKeyHeldAndItIsReleasedOneGapAfterTheLastRepeat() {
        tracker.press(up, 0);
        assertFalse(tracker.press(up, 500), "the first repeat continues the hold");
        for (long t = 533; t <= 2000; t += 33) {
            assertFalse(tracker.released(t));
            assertFalse(tracker.press(up, t));
        }
        long last = 533 + 33 * ((2000 - 533) / 33);
        assertFalse(tracker.released(last + 150));
        assertTrue(tracker.released(last + 151));
    }

    @Test
    void aDoublePressInsideTheInitialDelayDoesNotShortenIt() {
        tracker.press(up, 0);
        tracker.press(up, 20);
        assertFalse(tracker.released(400), "the terminal only starts repeating after its initial delay");
        assertTrue(tracker.released(551));
    }

    @Test
    void anotherKeyStartsANewHoldAndAPressAfterReleaseToo() {
        tracker.press(up, 0);
        assertTrue(tracker.press(Key.of(Key.Kind.DOWN), 100));
        assertTrue(tracker.press(up, 2000), "pressed again after its release: a new hold");
        tracker.clear();
        assertTrue(tracker.released(2001));
    }
}
