package com.lianarig.hal.gpio;

import com.lianarig.hal.SignalPattern;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GPIO output showing a {@link SignalPattern}. A pattern starts when {@link #show} is called (on the
 * backend's clock, read by the caller), so the level at any moment is {@code pattern.levelAt(now -
 * start)} whichever thread sets the pin and however late: on a stepped clock the pin's timing is
 * exact. The backend's event thread sets the pin at once and then at each change of level (never
 * more than {@link #MAX_REFRESH_NANOS} apart, so that a stepped clock is followed too). Created off,
 * with Pi4J's shutdown state set to the pin's configured shutdown level; {@link #close} sets that
 * level and releases the pin.
 *
 * <p>The pin and the refresh schedule belong to the backend's event thread; {@link #show} and
 * {@link #pattern()} may be called from any thread and never wait.
 */
final class Pi4jSignalOutput {
    private static final Logger log = LoggerFactory.getLogger(Pi4jSignalOutput.class);
    /** The longest wait between two refreshes of a blinking pin, ns. */
    static final long MAX_REFRESH_NANOS = 20_000_000L;

    /** A pattern and when it started, on the backend's clock. */
    private record Shown(SignalPattern pattern, long startNanos) {
    }

    private final GpioBackend backend;
    private final String id;
    private final OutputPin pin;
    private final DigitalOutput output;
    private volatile Shown shown;
    // event thread
    private ScheduledFuture<?> next;
    private boolean closed;

    Pi4jSignalOutput(GpioBackend backend, String id, OutputPin pin) {
        this.backend = backend;
        this.id = id;
        this.pin = pin;
        this.output = backend.output(id, pin.bcmPin(), level(false), level(pin.onAtShutdown()));
        this.shown = new Shown(SignalPattern.OFF, backend.now());
        backend.register(this);
    }

    SignalPattern pattern() {
        return shown.pattern();
    }

    /**
     * Any thread: shows {@code p} from now on; the same pattern again changes nothing (its rhythm goes
     * on). Returns at once (the event thread sets the pin): a control loop never waits for a lamp.
     */
    void show(SignalPattern p) {
        if (p == null) {
            throw new IllegalArgumentException("a pattern is needed (OFF to switch off)");
        }
        synchronized (this) {
            if (shown.pattern() == p) {
                return;
            }
            shown = new Shown(p, backend.now());
        }
        backend.execute(this::refresh);
    }

    /**
     * Event thread: sets the pin to the current pattern's level now and plans the next refresh (at the
     * next change of level, at most {@link #MAX_REFRESH_NANOS} away).
     */
    void refresh() {
        if (closed) {
            return;
        }
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        Shown s = shown;
        long sinceStart = backend.now() - s.startNanos();
        set(s.pattern().levelAt(sinceStart));
        if (s.pattern().blinks()) {
            long delay = Math.max(1_000_000L, Math.min(MAX_REFRESH_NANOS, s.pattern().nanosToNextChange(sinceStart)));
            next = backend.schedule(this::refresh, delay);
        }
    }

    private void set(boolean on) {
        try {
            DigitalState want = level(on);
            if (output.state() != want) {
                output.state(want);
            }
        } catch (RuntimeException e) {
            log.error("GPIO output {} cannot be set: {}", id, e.toString());
        }
    }

    private DigitalState level(boolean on) {
        return on == pin.activeHigh() ? DigitalState.HIGH : DigitalState.LOW;
    }

    /** The output's BCM pin. */
    int bcmPin() {
        return pin.bcmPin();
    }

    /** Sets the shutdown level and releases the pin. Idempotent. */
    void close() {
        backend.runAndWait(() -> {
            if (closed) {
                return;
            }
            if (next != null) {
                next.cancel(false);
                next = null;
            }
            set(pin.onAtShutdown());
            shown = new Shown(pin.onAtShutdown() ? SignalPattern.ON : SignalPattern.OFF, backend.now());
            closed = true;
        });
        backend.unregister(this);
        backend.release(id);
    }

    /** The pin's level now, as Pi4J holds it. */
    boolean high() {
        return output.state() == DigitalState.HIGH;
    }

    /** Whether the signal is on now (the pin at its active level). */
    boolean on() {
        return high() == pin.activeHigh();
    }
}
