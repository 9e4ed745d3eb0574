package com.lianarig.hal.gpio;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The debouncer on a stepped clock. */
class DebouncerTest {
    private static final long MS = 1_000_000L;

    @Test
    void aBounceShorterThanTheSettlingTimeIsIgnored() {
        Debouncer d = new Debouncer(false, 30 * MS, 0);
        assertFalse(d.onRaw(true, 0));
        assertFalse(d.onRaw(false, 5 * MS), "released after 5 ms");
        for (long t = 5; t <= 100; t++) {
            assertFalse(d.poll(t * MS));
        }
        assertFalse(d.stable());
    }

    @Test
    void aPressIsAcceptedWhenItHasHeldForTheSettlingTimeAndAReleaseAtOnce() {
        Debouncer d = new Debouncer(false, 30 * MS, 0);
        d.onRaw(true, 10 * MS);
        assertFalse(d.poll(39 * MS));
        assertTrue(d.settling());
        assertTrue(d.poll(40 * MS), "accepted at 30 ms");
        assertTrue(d.stable());
        assertTrue(d.onRaw(false, 41 * MS), "the release counts at once");
        assertFalse(d.stable());
    }

    @Test
    void everyBounceStartsTheSettlingTimeAgain() {
        Debouncer d = new Debouncer(false, 30 * MS, 0);
        d.onRaw(true, 0);
        d.onRaw(false, 20 * MS);
        d.onRaw(true, 22 * MS);
        assertFalse(d.poll(50 * MS), "only 28 ms since the last bounce");
        assertTrue(d.poll(52 * MS));
        assertTrue(d.deadlineNanos() == 52 * MS);
    }

    @Test
    void aRepeatedLevelDoesNotRestartTheTime() {
        Debouncer d = new Debouncer(false, 30 * MS, 0);
        d.onRaw(true, 0);
        d.onRaw(true, 20 * MS);
        assertTrue(d.poll(30 * MS));
    }

    @Test
    void aRecoveryFilterTripsAtOnceAndRecoversOnlyWhenStable() {
        Debouncer chain = new Debouncer(true, 100 * MS, 0);
        assertTrue(chain.onRaw(false, 0), "a trip at once");
        chain.onRaw(true, 10 * MS);
        assertFalse(chain.onRaw(false, 60 * MS), "a bounce while tripped changes nothing");
        assertFalse(chain.stable());
        chain.onRaw(true, 70 * MS);
        assertFalse(chain.poll(169 * MS));
        assertTrue(chain.poll(170 * MS));
        assertTrue(chain.stable());
    }

    @Test
    void negativeTimesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Debouncer(false, -1, 0));
    }
}
