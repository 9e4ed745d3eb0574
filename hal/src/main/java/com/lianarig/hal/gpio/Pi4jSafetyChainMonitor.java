package com.lianarig.hal.gpio;

import com.lianarig.hal.SafetyChainListener;
import com.lianarig.hal.SafetyChainMonitor;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety relay's monitoring contact on a GPIO input (SR-11, SPEC section 1): HIGH = healthy;
 * LOW, or a broken wire (the external pull-down, backed by the pin's own), = tripped.
 *
 * <p>A trip is reported the moment its edge is seen, never filtered. A return to healthy is reported
 * once the input has stayed HIGH for {@code recoveryStableMs}, so a chattering contact does not read
 * as healthy between its bounces. The level read at start-up is taken as it is.
 *
 * <p>State and listeners belong to the backend's event thread; {@link #healthy()} may be read from
 * any thread.
 */
public final class Pi4jSafetyChainMonitor implements SafetyChainMonitor {
    private static final Logger log = LoggerFactory.getLogger(Pi4jSafetyChainMonitor.class);
    static final String ID = "safety-chain";
    /**
     * The live level is read this often as well as on edges: an event queue that overflows in a
     * contact's bounce burst can lose the last edge, and "healthy" must never stand on a lost edge.
     */
    static final long LEVEL_POLL_NANOS = 10_000_000L;

    private final GpioBackend backend;
    private final DigitalInput input;
    private final Debouncer debouncer;
    private final DigitalStateChangeListener edgeListener;
    private final CopyOnWriteArrayList<SafetyChainListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean healthy;
    private ScheduledFuture<?> check;
    private final ScheduledFuture<?> levelPoll;

    /**
     * @param bcmPin the input's BCM GPIO number
     * @param recoveryStableMs how long the contact must read healthy before it counts as healthy again, ms
     */
    public Pi4jSafetyChainMonitor(GpioBackend backend, int bcmPin, long recoveryStableMs) {
        if (recoveryStableMs < 0) {
            throw new IllegalArgumentException("recoveryStableMs = " + recoveryStableMs + " must not be negative");
        }
        this.backend = backend;
        this.input = backend.input(ID, bcmPin, PullResistance.PULL_DOWN);
        boolean initial = input.state() == DigitalState.HIGH;
        this.debouncer = new Debouncer(initial, recoveryStableMs * 1_000_000L, 0);
        this.healthy = initial;
        this.edgeListener = e -> {
            long at = backend.now();
            boolean high = e.state() == DigitalState.HIGH;
            backend.execute(() -> onEdge(high, at));
        };
        input.addListener(edgeListener);
        // an edge between the first read and the listener is caught by reading once more
        backend.execute(this::readLiveLevel);
        this.levelPoll = backend.every(this::readLiveLevel, LEVEL_POLL_NANOS);
        log.info("safety chain monitor on BCM {}: {}", bcmPin, initial ? "healthy" : "TRIPPED");
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    @Override
    public void addListener(SafetyChainListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(SafetyChainListener listener) {
        listeners.remove(listener);
    }

    /** Event thread. */
    private void onEdge(boolean high, long atNanos) {
        if (debouncer.onRaw(high, atNanos)) {
            changed(atNanos);
        }
        scheduleCheck();
    }

    /** Event thread: the pin's level now, whatever edges were (or were not) delivered. */
    private void readLiveLevel() {
        onEdge(input.state() == DigitalState.HIGH, backend.now());
    }

    /** Event thread. */
    private void scheduleCheck() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
        if (debouncer.settling()) {
            // at the deadline the live level decides, not the last edge seen
            check = backend.schedule(this::readLiveLevel, debouncer.deadlineNanos() - backend.now());
        }
    }

    /** Event thread. */
    private void changed(long atNanos) {
        boolean now = debouncer.stable();
        healthy = now;
        if (now) {
            log.info("safety chain healthy again");
        } else {
            log.warn("safety chain TRIPPED");
        }
        for (SafetyChainListener l : listeners) {
            try {
                l.onSafetyChain(now, atNanos);
            } catch (RuntimeException e) {
                log.error("a safety chain listener failed", e);
            }
        }
    }

    /** Stops watching and releases the pin. Idempotent. */
    @Override
    public void close() {
        levelPoll.cancel(false);
        backend.runAndWait(() -> {
            if (check != null) {
                check.cancel(false);
                check = null;
            }
        });
        input.removeListener(edgeListener);
        backend.release(ID);
    }
}
