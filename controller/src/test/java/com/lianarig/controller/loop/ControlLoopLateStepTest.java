package com.lianarig.controller.loop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * SR-22 through the real loop: a step that starts more than 50 ms after its deadline is reported to
 * {@link ControlLoop.Body#late}, whether the wake-up came late or the step before it ran over. The clock
 * runs with {@link System#nanoTime} and jumps 80 ms forward at a chosen read, so the stall is exact and
 * nothing depends on how busy the machine is (a busy machine can only add late steps).
 */
class ControlLoopLateStepTest {
    private static final long PERIOD_NANOS = 10_000_000L;
    private static final long LIMIT_NANOS = 50_000_000L;
    private static final long JUMP_NANOS = 80_000_000L;

    /** System.nanoTime, plus 80 ms from the n-th read after {@link #jumpAfterReads} on. */
    private static final class JumpingClock implements LongSupplier {
        private final AtomicLong offsetNanos = new AtomicLong();
        private final AtomicInteger readsLeft = new AtomicInteger(-1);

        void jumpAfterReads(int reads) {
            readsLeft.set(reads);
        }

        @Override
        public long getAsLong() {
            if (readsLeft.get() > 0 && readsLeft.decrementAndGet() == 0) {
                offsetNanos.addAndGet(JUMP_NANOS);
            }
            return System.nanoTime() + offsetNanos.get();
        }
    }

    /**
     * Runs the loop; at step 20 the clock is set to jump at the {@code reads}-th read after the step: 1 is
     * the read that ends the step (the step ran over), 2 the read before the next wait (the wake-up is late).
     */
    private static List<Long> lateReportsWithAJump(int reads) throws InterruptedException {
        JumpingClock clock = new JumpingClock();
        List<Long> lateNanos = new CopyOnWriteArrayList<>();
        AtomicInteger steps = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        ControlLoop loop = new ControlLoop(new ControlLoop.Body() {
            @Override
            public void step(long nowNanos) {
                int n = steps.incrementAndGet();
                if (n == 20) {
                    clock.jumpAfterReads(reads);
                }
                if (n == 30) {
                    done.countDown();
                }
            }

            @Override
            public void late(long late, long nowNanos) {
                lateNanos.add(late);
            }
        }, PERIOD_NANOS, LIMIT_NANOS, clock);
        loop.start();
        try {
            assertTrue(done.await(10, TimeUnit.SECONDS), "the loop ran 30 steps");
        } finally {
            loop.close();
        }
        return lateNanos;
    }

    @Test
    void aStepThatRanOverIsReportedLate() throws InterruptedException {
        List<Long> late = lateReportsWithAJump(1);
        // the next step of the schedule would start 80 - 10 = 70 ms late
        assertFalse(late.isEmpty(), "a step that ran 80 ms was never reported (SR-22)");
        assertTrue(late.stream().anyMatch(l -> l >= 60_000_000L), "reported: " + late);
    }

    @Test
    void aWakeUpThatCameLateIsReportedLate() throws InterruptedException {
        List<Long> late = lateReportsWithAJump(2);
        assertFalse(late.isEmpty(), "a step that started ~70 ms late was never reported (SR-22)");
        assertTrue(late.stream().anyMatch(l -> l >= 60_000_000L), "reported: " + late);
    }
}
