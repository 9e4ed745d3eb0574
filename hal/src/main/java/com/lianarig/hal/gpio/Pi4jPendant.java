package com.lianarig.hal.gpio;

import com.lianarig.hal.Pendant;
import com.lianarig.hal.PendantListener;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wired pendant's UP, DOWN and ENABLE buttons on GPIO inputs (HIGH = pressed, pulled down).
 *
 * <p>Debounced in the safe direction: a press is accepted once the input has stayed HIGH for
 * {@code debounceMs} (a shorter bounce is ignored); a release is accepted at once (SR-10: letting go
 * stops motion without delay).
 *
 * <p>State and listeners belong to the backend's event thread; {@link #pressed} may be read from any
 * thread.
 */
public final class Pi4jPendant implements Pendant {
    private static final Logger log = LoggerFactory.getLogger(Pi4jPendant.class);

    private final GpioBackend backend;
    private final Map<Button, Contact> contacts = new EnumMap<>(Button.class);
    private final CopyOnWriteArrayList<PendantListener> listeners = new CopyOnWriteArrayList<>();

    /** One button: its input, its debouncer and the check scheduled for a settling press. */
    private final class Contact {
        final Button button;
        final String id;
        final DigitalInput input;
        final Debouncer debouncer;
        final DigitalStateChangeListener edgeListener;
        volatile boolean pressed;
        /** Held when the pendant started: hold-to-run needs a fresh press, so it is ignored until released. */
        boolean heldAtStart;
        ScheduledFuture<?> check;
        final ScheduledFuture<?> levelPoll;

        Contact(Button button, int bcm, long debounceNanos) {
            this.button = button;
            this.id = "pendant-" + button.name().toLowerCase(java.util.Locale.ROOT);
            this.input = backend.input(id, bcm, PullResistance.PULL_DOWN);
            this.heldAtStart = input.state() == DigitalState.HIGH;
            if (heldAtStart) {
                log.warn("pendant {} reads pressed at start-up: it counts only once released and pressed again",
                        button);
            }
            this.debouncer = new Debouncer(false, debounceNanos, 0);
            this.edgeListener = e -> {
                long at = backend.now();
                boolean high = e.state() == DigitalState.HIGH;
                backend.execute(() -> onEdge(high, at));
            };
            input.addListener(edgeListener);
            // an edge between the first read and the listener is caught by reading once more, and the
            // live level is read every LEVEL_POLL_NANOS: a lost release edge must not hold "pressed" (SR-10)
            backend.execute(this::readLiveLevel);
            this.levelPoll = backend.every(this::readLiveLevel, Pi4jSafetyChainMonitor.LEVEL_POLL_NANOS);
        }

        /** Event thread: the pin's level now, whatever edges were (or were not) delivered. */
        void readLiveLevel() {
            onEdge(input.state() == DigitalState.HIGH, backend.now());
        }

        /** Event thread. */
        void onEdge(boolean high, long atNanos) {
            if (heldAtStart) {
                if (high) {
                    return;
                }
                heldAtStart = false;
            }
            if (debouncer.onRaw(high, atNanos)) {
                changed(atNanos);
            }
            scheduleCheck();
        }

        /** Event thread. */
        void scheduleCheck() {
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
        void changed(long atNanos) {
            pressed = debouncer.stable();
            log.debug("pendant {} {}", button, pressed ? "pressed" : "released");
            for (PendantListener l : listeners) {
                try {
                    l.onButton(button, pressed, atNanos);
                } catch (RuntimeException e) {
                    log.error("a pendant listener failed", e);
                }
            }
        }
    }

    /**
     * @param debounceMs how long a press must hold before it counts, ms
     */
    public Pi4jPendant(GpioBackend backend, PendantPins pins, long debounceMs) {
        if (debounceMs < 0) {
            throw new IllegalArgumentException("debounceMs = " + debounceMs + " must not be negative");
        }
        this.backend = backend;
        long debounceNanos = debounceMs * 1_000_000L;
        contacts.put(Button.UP, new Contact(Button.UP, pins.upBcm(), debounceNanos));
        contacts.put(Button.DOWN, new Contact(Button.DOWN, pins.downBcm(), debounceNanos));
        contacts.put(Button.ENABLE, new Contact(Button.ENABLE, pins.enableBcm(), debounceNanos));
    }

    @Override
    public boolean pressed(Button button) {
        return contacts.get(button).pressed;
    }

    @Override
    public void addListener(PendantListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(PendantListener listener) {
        listeners.remove(listener);
    }

    /** Stops watching and releases the pins. Idempotent. */
    @Override
    public void close() {
        backend.runAndWait(() -> {
            for (Contact c : contacts.values()) {
                c.levelPoll.cancel(false);
                if (c.check != null) {
                    c.check.cancel(false);
                    c.check = null;
                }
            }
        });
        for (Contact c : contacts.values()) {
            c.input.removeListener(c.edgeListener);
            backend.release(c.id);
        }
    }
}
