package com.lianarig.controller.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * P-3's real-time request: the thread either runs SCHED_FIFO afterwards (root, or LimitRTPRIO) or is
 * told in words why not; it never throws. Run on a thread of its own, which then ends.
 */
class RealtimeSchedulingTest {

    @Test
    void anOrdinaryThreadReadsAsNormalPolicy() throws Exception {
        assertEquals("0", RealtimeScheduling.policyOf(Path.of("/proc/thread-self").toRealPath()));
    }

    @Test
    void aThreadIsMadeFifoOrToldWhyNot() throws Exception {
        CompletableFuture<String[]> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                Optional<String> refused = RealtimeScheduling.makeCurrentThreadFifo(10);
                String policy = RealtimeScheduling.policyOf(Path.of("/proc/thread-self").toRealPath());
                result.complete(new String[] {refused.orElse(null), policy});
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }, "realtime-test");
        t.start();
        String[] r = result.get(10, TimeUnit.SECONDS);
        if (r[0] == null) {
            assertEquals("1", r[1], "SCHED_FIFO as promised");
        } else {
            assertEquals("0", r[1], "refused: still normal");
            assertTrue(r[0].contains("chrt") || r[0].contains("Linux"), r[0]);
        }
        t.join();
    }

    @Test
    void aThreadCreatedByARealTimeThreadStartsAtNormalPriority() throws Exception {
        CompletableFuture<String[]> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                Optional<String> refused = RealtimeScheduling.makeCurrentThreadFifo(10);
                CompletableFuture<String> childPolicy = new CompletableFuture<>();
                Thread child = new Thread(() -> {
                    try {
                        childPolicy.complete(RealtimeScheduling.policyOf(Path.of("/proc/thread-self").toRealPath()));
                    } catch (Exception e) {
                        childPolicy.completeExceptionally(e);
                    }
                }, "realtime-test-child");
                child.start();
                result.complete(new String[] {refused.orElse(null), childPolicy.get(10, TimeUnit.SECONDS)});
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }, "realtime-test-parent");
        t.start();
        String[] r = result.get(10, TimeUnit.SECONDS);
        assertEquals("0", r[1], "the child's policy (" + (r[0] == null ? "parent SCHED_FIFO" : "parent refused: " + r[0]) + ")");
        t.join();
    }

    @Test
    void theJvmsStopTheWorldThreadsAreTheVmThreadAndTheParallelCollectorsWorkers() {
        assertTrue(RealtimeScheduling.isStopTheWorld("VM Thread"));
        assertTrue(RealtimeScheduling.isStopTheWorld("GC Thread#0"));
        assertTrue(RealtimeScheduling.isStopTheWorld("GC Thread#12"));
        // beside the Java threads, not while they are stopped: a real-time one would take a core from them
        assertFalse(RealtimeScheduling.isStopTheWorld("G1 Conc#0"));
        assertFalse(RealtimeScheduling.isStopTheWorld("C2 CompilerThre"));
        assertFalse(RealtimeScheduling.isStopTheWorld("VM Periodic Tas"));
        assertFalse(RealtimeScheduling.isStopTheWorld("control-loop"));
    }

    @Test
    void theVmThreadIsMadeFifoOrToldWhyNot() throws Exception {
        Path vmThread = null;
        try (java.util.stream.Stream<Path> tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String name;
                try {
                    name = java.nio.file.Files.readString(task.resolve("comm")).strip();
                } catch (java.io.IOException e) {
                    continue; // a thread that ended since the listing (a GC worker, a test's thread)
                }
                if (name.equals("VM Thread")) {
                    vmThread = task;
                }
            }
        }
        assertTrue(vmThread != null, "this JVM has a VM Thread");
        String said = RealtimeScheduling.stopTheWorldThreads(1);
        try {
            if (said.startsWith("refused") || said.startsWith("not on Linux")) {
                assertEquals("0", RealtimeScheduling.policyOf(vmThread), said);
            } else {
                assertTrue(said.contains("VM Thread"), said);
                assertEquals("1", RealtimeScheduling.policyOf(vmThread), "SCHED_FIFO as said: " + said);
            }
        } finally { // this test JVM goes on with its VM Thread as it was
            new ProcessBuilder("chrt", "--other", "--pid", "0", vmThread.getFileName().toString()).start()
                    .waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPriorityOutOfRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RealtimeScheduling.makeCurrentThreadFifo(0));
        assertThrows(IllegalArgumentException.class, () -> RealtimeScheduling.makeCurrentThreadFifo(50));
        assertThrows(IllegalArgumentException.class, () -> new ControlLoop(new ControlLoop.Body() {
            @Override
            public void step(long nowNanos) {
            }

            @Override
            public void late(long lateNanos, long nowNanos) {
            }
        }, 10_000_000L, 50_000_000L, System::nanoTime).realtime(99));
    }
}
