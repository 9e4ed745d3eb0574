package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A takeover is the connection lost again and again soon after it was made (issue 20). */
class ConnectionWatchTest {
    private static final long S = 1_000_000_000L;
    private final ConnectionWatch watch = new ConnectionWatch();

    @Test
    void twoQuickLossesWithinAMinuteAreATakeoverReportedOnce() {
        watch.connected(0);
        assertFalse(watch.lost(1 * S), "one quick loss is not yet a pattern");
        watch.connected(2 * S);
        assertTrue(watch.lost(3 * S), "the second is");
        assertEquals(2, watch.takeLossesSinceReport());
        watch.connected(4 * S);
        assertFalse(watch.lost(5 * S), "reported once per window");
        assertTrue(watch.suspected(6 * S));
        watch.connected(10 * S);
        assertTrue(watch.suspected(30 * S), "still, until a connection has lasted a minute");
        assertFalse(watch.suspected(71 * S));
    }

    @Test
    void lossesAfterALongConnectionAreOutagesNotTakeovers() {
        for (int i = 0; i < 10; i++) {
            watch.connected(i * 100 * S);
            assertFalse(watch.lost(i * 100 * S + 30 * S));
        }
        assertFalse(watch.suspected(2_000 * S));
    }

    @Test
    void quickLossesFarApartAreNotATakeover() {
        watch.connected(0);
        assertFalse(watch.lost(1 * S));
        watch.connected(200 * S);
        assertFalse(watch.lost(201 * S));
    }
}
