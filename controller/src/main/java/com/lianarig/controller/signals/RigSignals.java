package com.lianarig.controller.signals;

import com.lianarig.controller.core.RigStatus;
import com.lianarig.hal.Buzzer;
import com.lianarig.hal.SignalPattern;
import com.lianarig.hal.StatusLight;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the rig's status light and buzzer (hal's {@link StatusLight} and {@link Buzzer}, on Pi4J) from
 * the controller's published state, through {@link SignalPlan}: on its own normal-priority thread
 * ({@code rig-signals}), every {@value #PERIOD_MS} ms, reading the state the way every other reader does
 * ({@code RigController.status()}), never from the control thread, which never waits for a lamp. Only a
 * change of pattern reaches the outputs (hal times the blinking). A rig without a light or a buzzer in its
 * rig file drives what it has.
 *
 * <p>{@link #tick} is the whole step, for tests on a stepped clock.
 */
public final class RigSignals implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RigSignals.class);
    /** How often the state is read, ms: well under a blink's phase, so a change shows within a flash. */
    public static final long PERIOD_MS = 50;

    private final Supplier<RigStatus> status;
    private final Optional<StatusLight> light;
    private final Optional<Buzzer> buzzer;
    private final LongSupplier clock;
    private final SignalPlan plan = new SignalPlan();
    private Thread thread;
    private volatile boolean closed;
    private SignalPlan.Signals shown;

    /**
     * @param status the controller's published state
     * @param clock the clock that times the fault tone, ns
     */
    public RigSignals(Supplier<RigStatus> status, Optional<StatusLight> light, Optional<Buzzer> buzzer,
            LongSupplier clock) {
        this.status = status;
        this.light = light;
        this.buzzer = buzzer;
        this.clock = clock;
    }

    /** Whether there is anything to drive. */
    public boolean any() {
        return light.isPresent() || buzzer.isPresent();
    }

    /** Starts the thread (normal priority). */
    public synchronized void start() {
        if (thread != null || !any()) {
            return;
        }
        thread = new Thread(this::run, "rig-signals");
        thread.setDaemon(true);
        thread.setPriority(Thread.NORM_PRIORITY);
        thread.start();
    }

    private void run() {
        while (!closed) {
            try {
                tick();
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("status light and buzzer: {}", e.toString(), e); // keep driving them
            }
        }
    }

    /** Reads the state once and shows what it calls for; returns what is shown. */
    public synchronized SignalPlan.Signals tick() {
        SignalPlan.Signals next = plan.next(status.get(), clock.getAsLong());
        if (!next.equals(shown)) {
            light.ifPresent(l -> l.show(next.light()));
            buzzer.ifPresent(b -> b.sound(next.buzzer()));
            shown = next;
        }
        return next;
    }

    /** Stops the thread; the buzzer goes quiet (the outputs' shutdown states are hal's, on close). */
    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        buzzer.ifPresent(b -> b.sound(SignalPattern.OFF));
    }
}
