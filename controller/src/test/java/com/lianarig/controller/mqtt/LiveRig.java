package com.lianarig.controller.mqtt;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.loop.RealtimeScheduling;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The whole controller on the standard virtual rig (RigHarness), stepped by its own thread at wall
 * speed so MQTT clients can talk to it in real time. The MQTT side reads the same simulated clock
 * ({@link #nowNanos}), so freshness is judged exactly as on a Pi; when the machine is slow the
 * simulation falls behind the wall clock but never breaks its own timing.
 */
final class LiveRig implements AutoCloseable {
    static final long STEP_MS = 5;

    final RigHarness h;
    private final AtomicLong clock;
    private final Thread stepper;
    private volatile boolean running = true;
    /** How late the latest batch of steps started on the wall clock, worst since {@link #resetLateness}, ns. */
    private volatile long maxLateNanos;
    /** Batches that started more than {@link #LATE_NANOS} late since {@link #resetLateness}. */
    private volatile int lateBatches;
    /** The stepping thread's SCHED_FIFO priority, below the service's control loop default. */
    static final int STEPPER_PRIORITY = 20;
    private volatile boolean realtime;
    /**
     * The leg pair's true state after the latest batch of steps, for polling without taking the
     * stepper's lock (a test thread preempted while holding it would hold up the real-time stepper).
     *
     * @param positionMm the left leg winch's true position
     * @param speedMmPerS its true velocity, positive up
     * @param brakesEngaged both leg winches' brakes engaged
     */
    record Legs(double positionMm, double speedMmPerS, boolean brakesEngaged) {
    }

    private volatile Legs legs = new Legs(Double.NaN, 0, true);

    /** SR-22: a control step more than 50 ms late stops motion. */
    static final long LATE_NANOS = 50_000_000L;

    /** Boots the rig (HOLDING, referenced, nobody in command) and starts stepping it, both on its own thread. */
    LiveRig(Path dataDir) throws Exception {
        h = RigHarness.standard(1, dataDir);
        clock = new AtomicLong(h.now);
        CompletableFuture<Void> booted = new CompletableFuture<>();
        stepper = new Thread(() -> {
            try {
                // as the service's control loop on a rig (P-3): real time where allowed, so that the
                // lateness measured here is the JVM's and the MQTT side's doing, not the machine's load
                realtime = RealtimeScheduling.makeCurrentThreadFifo(STEPPER_PRIORITY).isEmpty();
                synchronized (this) {
                    h.boot(); // the harness's stepping belongs to the thread that boots it
                    clock.set(h.now);
                }
                booted.complete(null);
            } catch (Throwable e) {
                booted.completeExceptionally(e);
                return;
            }
            run();
        }, "live-rig");
        stepper.setDaemon(true);
        stepper.start();
        booted.get(30, TimeUnit.SECONDS);
    }

    private void run() {
        long wallStart = System.nanoTime();
        long simStart = clock.get();
        while (running) {
            long lateNanos = (System.nanoTime() - wallStart) - (clock.get() - simStart);
            if (lateNanos > maxLateNanos) {
                maxLateNanos = lateNanos;
            }
            if (lateNanos > LATE_NANOS) {
                lateBatches++;
            }
            synchronized (this) {
                for (int ms = 0; ms < STEP_MS; ms++) {
                    // the clock moves first: whatever the step stamps is never ahead of what the MQTT side reads
                    clock.set(h.now + RigHarness.MS);
                    h.step(1);
                }
                legs = new Legs(h.truePositionMm(0), h.trueVelocityMmPerS(0),
                        h.trueBrakesEngaged(0) && h.trueBrakesEngaged(1));
            }
            long ahead = (clock.get() - simStart) - (System.nanoTime() - wallStart);
            if (ahead > 0) {
                LockSupport.parkNanos(ahead);
            }
        }
    }

    /**
     * Starts a new lateness window: the stepping thread's worst lateness and its batches of steps more
     * than 50 ms late (SR-22's bound) are counted from now. Lateness is how far behind the wall clock
     * a batch of steps starts: the JVM stalled, or other threads took the CPU.
     */
    void resetLateness() {
        maxLateNanos = 0;
        lateBatches = 0;
    }

    /** Whether the stepping thread runs SCHED_FIFO (root, or an RT limit); lateness figures mean more when it does. */
    boolean realtime() {
        return realtime;
    }

    /** The worst lateness of a batch of steps since {@link #resetLateness}, ns. */
    long maxLateNanos() {
        return maxLateNanos;
    }

    /** Batches of steps that started more than 50 ms late since {@link #resetLateness}. */
    int lateBatches() {
        return lateBatches;
    }

    /** The legs' true state after the latest batch of steps (no lock taken). */
    Legs legs() {
        return legs;
    }

    /** The simulated host clock, ns. */
    long nowNanos() {
        return clock.get();
    }

    /** Reads the rig's true state between steps. */
    synchronized <T> T locked(Supplier<T> read) {
        return read.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        stepper.join(5_000);
        h.close();
    }
}
