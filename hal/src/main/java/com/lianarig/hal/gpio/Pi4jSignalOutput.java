package com.lianarig.hal.gpio;

import com.lianarig.hal.SignalPattern;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GPIO output showing a {@link SignalPattern}: steady levels are set at once, blinking runs on the
 * backend's event thread. Created off, with Pi4J's shutdown state set to the pin's configured
 * shutdown level; {@link #close} sets that level and releases the pin.
 *
 * <p>Pattern state belongs to the backend's event thread; {@link #show} and {@link #pattern()} may be
 * called from any thread.
 */
final class Pi4jSignalOutput {
    private static final Logger log = LoggerFactory.getLogger(Pi4jSignalOutput.class);

    private final GpioBackend backend;
    private final String id;
    private final OutputPin pin;
    private final DigitalOutput output;
    private volatile SignalPattern pattern = SignalPattern.OFF;
    private ScheduledFuture<?> blinking;
    private long patternStartNanos;
    private boolean closed;

    Pi4jSignalOutput(GpioBackend backend, String id, OutputPin pin) {
        this.backend = backend;
        this.id = id;
        this.pin = pin;
        this.output = backend.output(id, pin.bcmPin(), level(false), level(pin.onAtShutdown()));
    }

    SignalPattern pattern() {
        return pattern;
    }

    /**
     * Any thread: shows {@code p} from now on. Returns at once (the event thread sets the pin, within
     * a millisecond or so): a control loop never waits for a lamp.
     */
    void show(SignalPattern p) {
        if (p == null) {
            throw new IllegalArgumentException("a pattern is needed (OFF to switch off)");
        }
        pattern = p;
        backend.execute(() -> apply(p));
    }

    /** Event thread. */
    private void apply(SignalPattern p) {
        if (closed || pattern != p) {
            return; // closed, or a newer pattern is on its way
        }
        if (blinking != null) {
            blinking.cancel(false);
            blinking = null;
        }
        patternStartNanos = backend.now();
        set(p.levelAt(0));
        if (p.halfPeriodMs() > 0) {
            blinking = backend.every(() -> {
                if (!closed && pattern == p) {
                    set(p.levelAt(backend.now() - patternStartNanos));
                }
            }, p.halfPeriodMs() * 1_000_000L / 5);
        }
    }

    private void set(boolean on) {
        try {
            output.state(level(on));
        } catch (RuntimeException e) {
            log.error("GPIO output {} cannot be set: {}", id, e.toString());
        }
    }

    private DigitalState level(boolean on) {
        return on == pin.activeHigh() ? DigitalState.HIGH : DigitalState.LOW;
    }

    /** Sets the shutdown level and releases the pin. Idempotent. */
    void close() {
        backend.runAndWait(() -> {
            if (closed) {
                return;
            }
            if (blinking != null) {
                blinking.cancel(false);
                blinking = null;
            }
            set(pin.onAtShutdown());
            pattern = pin.onAtShutdown() ? SignalPattern.ON : SignalPattern.OFF;
            closed = true;
        });
        backend.release(id);
    }

    /** The pin's level now, as Pi4J holds it (for tests). */
    boolean high() {
        return output.state() == DigitalState.HIGH;
    }
}
