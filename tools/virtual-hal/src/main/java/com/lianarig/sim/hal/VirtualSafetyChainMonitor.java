package com.lianarig.sim.hal;

import com.lianarig.hal.SafetyChainListener;
import com.lianarig.hal.SafetyChainMonitor;
import com.lianarig.hal.gpio.Debouncer;
import com.lianarig.sim.physics.SafetyChainSim;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The virtual rig's safety relay monitoring contact ({@link SafetyChainSim#monitorHigh()}) as hal's
 * {@link SafetyChainMonitor} (SR-11), with the semantics of {@code Pi4jSafetyChainMonitor}: HIGH =
 * healthy; a trip (a stop opened, the monitor wire cut) is reported on its edge, never filtered; a
 * return to healthy only once the contact has read HIGH for {@code recoveryStableMs}, so a
 * chattering chain never reads healthy between its bounces. The level at the start is taken as it is.
 *
 * <p><b>Threads.</b> The chain tells of each change on the thread that made it, holding its own
 * lock; this monitor only stamps the change with its clock and queues it. One owner delivers the
 * changes to the listeners: this monitor's thread ({@code virtual-safety-chain}, {@link #start()}),
 * woken at once by a change; or, on a stepped clock, the thread that calls {@link #step}
 * ({@link #startStepped()}), as {@code NodeSession} does. {@link #healthy()} may be read from any
 * thread and never says healthy while the contact reads tripped, even before the listeners hear.
 */
public final class VirtualSafetyChainMonitor implements SafetyChainMonitor {
    private static final Logger log = LoggerFactory.getLogger(VirtualSafetyChainMonitor.class);

    /** How long the owner thread sleeps with nothing settling; a change wakes it at once, ns. */
    private static final long IDLE_PARK_NANOS = 100_000_000L;

    /** A level of the contact and when it was seen. */
    private record Edge(boolean high, long atNanos) {
    }

    private final SafetyChainSim chain;
    private final LongSupplier clock;
    private final Consumer<Boolean> onChange;
    private final ConcurrentLinkedQueue<Edge> edges = new ConcurrentLinkedQueue<>();
    private final CopyOnWriteArrayList<SafetyChainListener> listeners = new CopyOnWriteArrayList<>();
    /** The owner's: turns the edges into the reported level. */
    private final Debouncer debouncer;
    private volatile boolean healthy;
    private volatile boolean running;
    private volatile Thread owner;
    private volatile boolean threaded;
    private boolean closed;

    /**
     * Starts watching {@code chain} now; listeners hear of changes once {@link #start()} or
     * {@link #startStepped()} is called.
     *
     * @param recoveryStableMs how long the contact must read healthy before it counts as healthy again, ms
     * @param clock monotonic time, ns: {@code System::nanoTime} with {@link #start()}, the stepped
     *        clock with {@link #startStepped()}
     */
    public VirtualSafetyChainMonitor(SafetyChainSim chain, long recoveryStableMs, LongSupplier clock) {
        if (recoveryStableMs < 0) {
            throw new IllegalArgumentException("recoveryStableMs = " + recoveryStableMs + " must not be negative");
        }
        if (chain == null || clock == null) {
            throw new IllegalArgumentException("a virtual safety chain monitor needs a chain and a clock (not null)");
        }
        this.chain = chain;
        this.clock = clock;
        this.onChange = this::seen;
        chain.onMonitorChange(onChange);
        // read after listening: a change in between is queued, and a level seen twice changes nothing
        boolean initial = chain.monitorHigh();
        this.debouncer = new Debouncer(initial, recoveryStableMs * 1_000_000L, 0);
        this.healthy = initial;
        log.info("virtual safety chain monitor: {}", initial ? "healthy" : "TRIPPED");
    }

    /** Delivers changes on this monitor's own thread ({@code virtual-safety-chain}), on the wall clock. */
    public synchronized void start() {
        claimOwner(true);
        Thread t = new Thread(this::run, "virtual-safety-chain");
        t.setDaemon(true);
        owner = t;
        t.start();
    }

    /**
     * For a stepped clock: the calling thread becomes the owner and delivers changes when it calls
     * {@link #step} (every millisecond of its clock, or as often as the recovery time needs).
     */
    public synchronized void startStepped() {
        claimOwner(false);
        owner = Thread.currentThread();
    }

    /**
     * Delivers what changed up to {@code nowNanos}: every trip seen, and a return to healthy once it
     * has been stable for the recovery time.
     *
     * @param nowNanos the owner's clock, ns
     * @throws IllegalStateException when called from another thread than the one that called {@link #startStepped()}
     */
    public void step(long nowNanos) {
        if (threaded || Thread.currentThread() != owner) {
            throw new IllegalStateException("step() belongs to the thread that called startStepped() ("
                    + (owner == null ? "not started" : owner.getName()) + ")");
        }
        if (running) {
            deliver(nowNanos);
        }
    }

    @Override
    public boolean healthy() {
        return healthy && chain.monitorHigh();
    }

    @Override
    public void addListener(SafetyChainListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(SafetyChainListener listener) {
        listeners.remove(listener);
    }

    /** Stops watching the chain and stops the owner thread (waiting up to 2 s). Idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            t = threaded ? owner : null;
        }
        chain.removeMonitorListener(onChange);
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                log.warn("{} did not stop within 2 s", t.getName());
            }
        }
    }

    private void claimOwner(boolean ownThread) {
        if (owner != null || closed) {
            throw new IllegalStateException("the virtual safety chain monitor was already " + (closed ? "closed"
                    : "started"));
        }
        threaded = ownThread;
        running = true;
    }

    /** The chain's thread, with the chain's lock held: stamp, queue, wake the owner; nothing more. */
    private void seen(boolean high) {
        edges.add(new Edge(high, clock.getAsLong()));
        Thread t = owner;
        if (threaded && t != null) {
            LockSupport.unpark(t);
        }
    }

    private void run() {
        while (running) {
            long now = clock.getAsLong();
            deliver(now);
            long waitNanos = debouncer.settling() ? Math.max(1, debouncer.deadlineNanos() - now) : IDLE_PARK_NANOS;
            LockSupport.parkNanos(this, waitNanos);
        }
    }

    /** Owner. */
    private void deliver(long nowNanos) {
        Edge e;
        while ((e = edges.poll()) != null) {
            if (debouncer.onRaw(e.high(), e.atNanos())) {
                changed(e.atNanos());
            }
        }
        if (debouncer.poll(nowNanos)) {
            changed(nowNanos);
        }
    }

    /** Owner. */
    private void changed(long atNanos) {
        boolean now = debouncer.stable();
        healthy = now;
        if (now) {
            log.info("virtual safety chain healthy again");
        } else {
            log.warn("virtual safety chain TRIPPED: open stops {}", chain.openStops());
        }
        for (SafetyChainListener l : listeners) {
            try {
                l.onSafetyChain(now, atNanos);
            } catch (RuntimeException ex) {
                log.error("a safety chain listener failed", ex);
            }
        }
    }
}
