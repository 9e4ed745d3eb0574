package com.lianarig.sim.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.hal.SafetyChainListener;
import com.lianarig.sim.physics.SafetyChainSim;
import com.lianarig.sim.physics.SafetyChainSim.Stop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link VirtualSafetyChainMonitor} (SR-11): trips on their edge, a return to healthy only after the
 * recovery time, a chattering chain never healthy in between; on a stepped clock, and on its own thread.
 */
@Timeout(10)
class VirtualSafetyChainMonitorTest {
    private static final long MS = 1_000_000L;
    private static final long RECOVERY_MS = 100;

    private final SafetyChainSim chain = new SafetyChainSim();
    private long now = 1_000 * MS;
    private final List<String> heard = new ArrayList<>();
    private final SafetyChainListener recording = (healthy, atNanos) ->
            heard.add((healthy ? "healthy" : "tripped") + " at " + atNanos / MS);
    private VirtualSafetyChainMonitor monitor;

    @AfterEach
    void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    private VirtualSafetyChainMonitor stepped() {
        monitor = new VirtualSafetyChainMonitor(chain, RECOVERY_MS, () -> now);
        monitor.addListener(recording);
        monitor.startStepped();
        return monitor;
    }

    private void stepMs(long millis) {
        for (long i = 0; i < millis; i++) {
            now += MS;
            monitor.step(now);
        }
    }

    @Test
    void aTripIsReportedOnItsEdgeAndHealthyOnlyAfterTheRecoveryTime() {
        stepped();
        assertTrue(monitor.healthy());
        stepMs(10);

        chain.open(Stop.WALL_ESTOP); // at 1010 ms
        assertFalse(monitor.healthy(), "reads tripped at once, before any listener hears");
        stepMs(1);
        assertEquals(List.of("tripped at 1010"), heard, "the trip, stamped when it was seen");

        stepMs(9);
        chain.close(Stop.WALL_ESTOP); // at 1020 ms
        stepMs(99);
        assertFalse(monitor.healthy(), "not healthy before the contact held for 100 ms");
        assertEquals(1, heard.size());
        stepMs(1);
        assertTrue(monitor.healthy());
        assertEquals(List.of("tripped at 1010", "healthy at 1120"), heard);
    }

    @Test
    void aChatteringChainNeverReadsHealthyBetweenItsBounces() {
        stepped();
        List<Boolean> seenHealthy = new ArrayList<>();
        for (int bounce = 0; bounce < 10; bounce++) {
            chain.open(Stop.CLIENT_STOP);
            stepMs(5);
            seenHealthy.add(monitor.healthy());
            chain.close(Stop.CLIENT_STOP);
            stepMs(60); // shorter than the recovery time
            seenHealthy.add(monitor.healthy());
        }
        assertFalse(seenHealthy.contains(true), seenHealthy.toString());
        assertEquals(1, heard.size(), "one trip, no recovery in between: " + heard);
        stepMs(40);
        assertEquals(2, heard.size(), heard.toString());
        assertTrue(heard.get(1).startsWith("healthy"));
    }

    @Test
    void aCutMonitorWireReadsTripped() {
        stepped();
        chain.breakMonitorWire(true);
        stepMs(1);
        assertFalse(monitor.healthy());
        assertTrue(chain.relayClosed(), "the relay itself still feeds power: only the wire is cut");
        assertEquals(1, heard.size());
        assertTrue(heard.get(0).startsWith("tripped"));
    }

    @Test
    void aChainTrippedAtTheStartIsTakenAsItIs() {
        chain.open(Stop.PENDANT_STOP);
        stepped();
        stepMs(200);
        assertFalse(monitor.healthy());
        assertEquals(List.of(), heard, "no change to report");
        chain.close(Stop.PENDANT_STOP);
        stepMs(100);
        assertTrue(monitor.healthy());
        assertEquals(1, heard.size());
    }

    @Test
    void aFailingListenerDoesNotSilenceTheOthers() {
        monitor = new VirtualSafetyChainMonitor(chain, RECOVERY_MS, () -> now);
        monitor.addListener((healthy, atNanos) -> {
            throw new IllegalStateException("a buggy listener");
        });
        monitor.addListener(recording);
        monitor.startStepped();
        chain.open(Stop.WALL_ESTOP);
        stepMs(1);
        assertEquals(1, heard.size());
    }

    @Test
    void onItsOwnThreadATripIsHeardAtOnceAndTheRecoveryAfterItsTime() throws InterruptedException {
        monitor = new VirtualSafetyChainMonitor(chain, 50, System::nanoTime);
        List<String> threads = new ArrayList<>();
        List<Long> latenciesNanos = new ArrayList<>();
        long[] changedAt = new long[1];
        monitor.addListener((healthy, atNanos) -> {
            synchronized (threads) {
                threads.add(Thread.currentThread().getName() + (healthy ? " healthy" : " tripped"));
                latenciesNanos.add(System.nanoTime() - changedAt[0]);
            }
        });
        monitor.start();

        changedAt[0] = System.nanoTime();
        chain.open(Stop.WALL_ESTOP);
        assertTrue(VirtualSerialLinkTest.await(() -> size(threads) == 1, 1_000));
        changedAt[0] = System.nanoTime();
        chain.close(Stop.WALL_ESTOP);
        assertTrue(VirtualSerialLinkTest.await(() -> size(threads) == 2, 1_000));
        synchronized (threads) {
            assertEquals(List.of("virtual-safety-chain tripped", "virtual-safety-chain healthy"), threads);
            assertTrue(latenciesNanos.get(0) < 100 * MS, "trip heard " + latenciesNanos.get(0) / 1000 + " us after it");
            assertTrue(latenciesNanos.get(1) >= 50 * MS, "healthy only after 50 ms: " + latenciesNanos.get(1) / MS);
        }
        monitor.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("virtual-safety-chain")),
                "its thread stopped");
    }

    @Test
    void aClosedMonitorHearsNoMore() {
        stepped();
        monitor.close();
        monitor.close();
        chain.open(Stop.WALL_ESTOP);
        stepMs(5);
        assertEquals(List.of(), heard);
    }

    @Test
    void onlyTheSteppingThreadSteps() throws InterruptedException {
        stepped();
        Throwable[] thrown = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                monitor.step(now);
            } catch (IllegalStateException e) {
                thrown[0] = e;
            }
        });
        other.start();
        other.join();
        assertTrue(thrown[0] instanceof IllegalStateException);
        assertThrows(IllegalStateException.class, monitor::start, "started once");
    }

    private static int size(List<String> list) {
        synchronized (list) {
            return list.size();
        }
    }
}
