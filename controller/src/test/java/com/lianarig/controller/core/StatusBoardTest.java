package com.lianarig.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The control thread's hand-off of the rig's state to its readers (P-3, issue 15): the writer never waits for a
 * reader, and a reader never sees half a step.
 */
class StatusBoardTest {
    private static final int WINCHES = 3;
    private static final int ROPES = 4;
    private static final int GROUPS = 2;

    /** Step {@code k}: every figure of the draft says k, the mode says k's parity. */
    private static void fill(StatusBoard.Draft d, int k) {
        d.mode = k % 2 == 0 ? Mode.READY : Mode.MOVING;
        d.modeReason = k % 2 == 0 ? "even" : "odd";
        d.faults = List.of();
        java.util.Arrays.fill(d.positionsMm, k);
        java.util.Arrays.fill(d.velocitiesMmPerS, k);
        java.util.Arrays.fill(d.loadsKg, k);
        d.aimedHeightMm = k;
        d.liveShare = Double.NaN;
        d.invertedS = k;
        d.programPhase = "done";
        d.newestSampleNanos = k;
    }

    @Test
    void aReaderNeverSeesHalfAStepWhileTheWriterPublishes() throws Exception {
        StatusBoard board = new StatusBoard(WINCHES, ROPES, GROUPS, true, "virtual");
        StatusBoard.Draft d = board.draft();
        fill(d, 0);
        board.publish(d);
        int steps = 200_000;
        AtomicReference<String> torn = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread[] readers = new Thread[2];
        for (int r = 0; r < readers.length; r++) {
            readers[r] = new Thread(() -> {
                double previous = -1;
                while (done.getCount() > 0 && torn.get() == null) {
                    RigStatus s = board.read(() -> "done today");
                    double k = s.invertedS();
                    boolean whole = s.aimedHeightMm() == k && (s.mode() == (((long) k) % 2 == 0 ? Mode.READY : Mode.MOVING))
                            && s.modeReason().equals(((long) k) % 2 == 0 ? "even" : "odd");
                    for (double p : s.positionsMm()) {
                        whole &= p == k;
                    }
                    for (double kg : s.loadsKg()) {
                        whole &= kg == k;
                    }
                    if (!whole || k < previous) {
                        torn.set("step " + k + " after " + previous + ": " + s);
                    }
                    previous = k;
                }
            }, "status-reader-" + r);
            readers[r].start();
        }
        for (int k = 1; k <= steps; k++) {
            fill(d, k);
            board.publish(d);
        }
        done.countDown();
        for (Thread r : readers) {
            r.join(10_000);
        }
        assertEquals(null, torn.get(), "a torn or older state");
        assertEquals(steps + 1, board.publications());
        assertEquals(steps, board.newestSampleNanos());
    }

    @Test
    void aReaderStuckInsideItsReadDoesNotHoldTheWriterUp() throws Exception {
        StatusBoard board = new StatusBoard(WINCHES, ROPES, GROUPS, true, "virtual");
        StatusBoard.Draft d = board.draft();
        fill(d, 0);
        board.publish(d);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        // a normal-priority reader preempted in the middle of its read: here, parked in the pre-use check's words
        CompletableFuture<RigStatus> stuck = CompletableFuture.supplyAsync(() -> board.read(() -> {
            inside.countDown();
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "done today";
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        for (int k = 1; k <= 1_000; k++) { // the control thread goes on publishing: nothing to wait for
            fill(d, k);
            board.publish(d);
        }
        assertEquals(1_001, board.publications());
        assertEquals(Mode.READY, board.mode(), "step 1000's");
        letGo.countDown();
        assertEquals(0.0, stuck.get(10, TimeUnit.SECONDS).invertedS(), "the reader got the state it had copied");
    }
}
