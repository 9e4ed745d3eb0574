package com.lianarig.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final long MS = 1_000_000L;

    @Test
    void startsAt100msDoublesTo2sAndStartsOverAfterAReset() {
        Backoff b = new Backoff(100 * MS, 2_000 * MS);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            delays.add(b.next() / MS);
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L), delays);
        b.reset();
        assertEquals(100, b.next() / MS);
    }

    @Test
    void refusesAnImpossibleRange() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(2, 1));
    }
}
