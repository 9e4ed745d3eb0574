package com.lianarig.controller.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The loop's schedule after an overrun (P-3): a step behind by less than a period runs at once (late,
 * counted); after a stall of more than a period the loop skips to the first deadline still ahead, so
 * the step after the stall is not late a second time.
 */
class ControlLoopDeadlineTest {
    private static final long PERIOD = 10_000_000L;
    private static final long D = 1_000_000_000L;

    @Test
    void inTimeTheNextDeadlineIsOnePeriodOn() {
        assertEquals(D + PERIOD, ControlLoop.nextDeadline(D, D + 300_000L, PERIOD));
        assertEquals(D + PERIOD, ControlLoop.nextDeadline(D, D + PERIOD, PERIOD));
    }

    @Test
    void behindByLessThanAPeriodTheNextStepRunsAtOnce() {
        // the step ran 17 ms: the next deadline (10 ms) passed 7 ms ago; it runs now, 7 ms late
        assertEquals(D + PERIOD, ControlLoop.nextDeadline(D, D + 17_000_000L, PERIOD));
        assertEquals(D + PERIOD, ControlLoop.nextDeadline(D, D + 2 * PERIOD, PERIOD));
    }

    @Test
    void afterAStallTheNextDeadlineIsTheFirstOneStillAhead() {
        // woke 75.2 ms late and ran 0.1 ms: the deadlines at +10 .. +70 ms are gone; +80 ms is ahead
        long next = ControlLoop.nextDeadline(D, D + 75_300_000L, PERIOD);
        assertEquals(D + 8 * PERIOD, next);
        // just over two periods: the third one is ahead
        assertEquals(D + 3 * PERIOD, ControlLoop.nextDeadline(D, D + 2 * PERIOD + 1, PERIOD));
    }

    @Test
    void theNextDeadlineIsAlwaysOnTheScheduleAndNeverMoreThanAPeriodBehind() {
        for (long after = D; after < D + 500_000_000L; after += 1_234_567L) {
            long next = ControlLoop.nextDeadline(D, after, PERIOD);
            assertEquals(0, (next - D) % PERIOD, "on the schedule");
            assertEquals(true, next - D >= PERIOD, "at least one period on");
            assertEquals(true, after - next <= PERIOD, "at most a period behind: " + (after - next));
        }
    }
}
