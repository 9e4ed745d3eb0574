package com.lianarig.controller.mqtt;

import com.lianarig.controller.RigHarness;
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

    /** Boots the rig (HOLDING, referenced, nobody in command) and starts stepping it, both on its own thread. */
    LiveRig(Path dataDir) throws Exception {
        h = RigHarness.standard(1, dataDir);
        clock = new AtomicLong(h.now);
        CompletableFuture<Void> booted = new CompletableFuture<>();
        stepper = new Thread(() -> {
            try {
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
            synchronized (this) {
                for (int ms = 0; ms < STEP_MS; ms++) {
                    // the clock moves first: whatever the step stamps is never ahead of what the MQTT side reads
                    clock.set(h.now + RigHarness.MS);
                    h.step(1);
                }
            }
            long ahead = (clock.get() - simStart) - (System.nanoTime() - wallStart);
            if (ahead > 0) {
                LockSupport.parkNanos(ahead);
            }
        }
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
