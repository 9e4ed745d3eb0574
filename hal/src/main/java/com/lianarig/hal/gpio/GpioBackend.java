package com.lianarig.hal.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GPIO backend, chosen once at start-up (STYLE rule 3): a Pi4J context with the gpiod providers
 * on a Raspberry Pi (also a Pi 5), or with the mock plugin in tests. The devices of this package are
 * built on it; none of Pi4J's types leaves this package.
 *
 * <p>Threads: one event thread ({@code gpio-events}) owns every device's input state (debouncing)
 * and output patterns (blinking), and calls the devices' listeners; Pi4J's own threads only hand
 * edges over to it, stamped with the time they were seen.
 *
 * <p>Exit: every output has a Pi4J shutdown state (its configured safe level), applied when its
 * device closes, when this backend closes, and, on the gpiod backend, by Pi4J's shutdown hook when
 * the JVM exits without closing.
 */
public final class GpioBackend implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GpioBackend.class);

    /** Which Pi4J providers drive the pins. */
    public enum Kind {
        /** The Linux GPIO character device (libgpiod), on a Raspberry Pi. */
        GPIOD("gpiod-digital-input", "gpiod-digital-output"),
        /** Pi4J's mock plugin (pi4j-plugin-mock on the class path): for tests, no hardware. */
        MOCK("mock-digital-input", "mock-digital-output");

        private final String inputProvider;
        private final String outputProvider;

        Kind(String inputProvider, String outputProvider) {
            this.inputProvider = inputProvider;
            this.outputProvider = outputProvider;
        }
    }

    private final Kind kind;
    private final Context pi4j;
    /** MOCK only: the BCM pins whose inputs read HIGH from their creation on ({@link #openMock}). */
    private final java.util.Set<Integer> mockHighPins;
    private final LongSupplier clock;
    private final ScheduledExecutorService events;
    private final Thread eventThread;
    /** The signal outputs (status light, buzzer) open on this backend. */
    private final java.util.List<Pi4jSignalOutput> signals = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private GpioBackend(Kind kind, Context pi4j, LongSupplier clock, java.util.Set<Integer> mockHighPins) {
        this.kind = kind;
        this.pi4j = pi4j;
        this.mockHighPins = java.util.Set.copyOf(mockHighPins);
        this.clock = clock;
        Thread[] made = new Thread[1];
        this.events = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gpio-events");
            t.setDaemon(true);
            made[0] = t;
            return t;
        });
        try {
            this.events.submit(() -> { }).get(); // make the thread now, to know it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the GPIO event thread", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the GPIO event thread did not start", e);
        }
        this.eventThread = made[0];
    }

    /** Opens the backend on the monotonic system clock. */
    public static GpioBackend open(Kind kind) {
        return open(kind, System::nanoTime);
    }

    /**
     * Opens the backend.
     *
     * @param clock monotonic time, ns, stamped on input edges
     * @throws IllegalStateException when Pi4J cannot start the providers (no gpiod here, no mock plugin on the class path)
     */
    public static GpioBackend open(Kind kind, LongSupplier clock) {
        return new GpioBackend(kind, context(kind), clock, java.util.Set.of());
    }

    /**
     * Opens the MOCK backend (tests and development machines only) with the inputs on
     * {@code highInputPins} reading HIGH from the moment they are made: e.g. a healthy safety chain
     * for {@code rig run --gpio mock}. Other inputs read the mock plugin's LOW.
     *
     * @throws IllegalStateException as {@link #open(Kind, LongSupplier)}
     */
    public static GpioBackend openMock(java.util.Set<Integer> highInputPins) {
        return new GpioBackend(Kind.MOCK, context(Kind.MOCK), System::nanoTime, highInputPins);
    }

    private static Context context(Kind kind) {
        Context context;
        try {
            context = switch (kind) {
                case GPIOD -> Pi4J.newContextBuilder().noAutoDetect()
                        .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                        .enableShutdownHook().build();
                case MOCK -> Pi4J.newContextBuilder().autoDetectMockPlugins().autoDetectPlatforms().build();
            };
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("the " + kind + " GPIO backend cannot start: " + e, e);
        }
        if (!context.hasProvider(kind.inputProvider) || !context.hasProvider(kind.outputProvider)) {
            context.shutdown();
            throw new IllegalStateException("the " + kind + " GPIO backend lacks its providers " + kind.inputProvider
                    + " and " + kind.outputProvider + (kind == Kind.MOCK ? " (is pi4j-plugin-mock on the class path?)"
                    : ""));
        }
        log.info("GPIO backend {} started", kind);
        return context;
    }

    public Kind kind() {
        return kind;
    }

    // ---- for the devices of this package ----

    DigitalInput input(String id, int bcmPin, PullResistance pull) {
        checkPin(bcmPin);
        DigitalInput in;
        try {
            in = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).name(id).address(bcmPin).pull(pull)
                    .debounce(0L).provider(kind.inputProvider));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot make GPIO input " + id + " on BCM " + bcmPin + ": " + e, e);
        }
        if (kind == Kind.MOCK && mockHighPins.contains(bcmPin)) {
            mockHigh(in);
        }
        return in;
    }

    /**
     * Sets a mock plugin input HIGH. By reflection: the mock plugin is a test dependency, absent from
     * the product's class path, so the product must not link against its classes.
     */
    private static void mockHigh(DigitalInput in) {
        try {
            in.getClass().getMethod("mockState", DigitalState.class).invoke(in, DigitalState.HIGH);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set mock input " + in.id() + " HIGH: " + e, e);
        }
    }

    DigitalOutput output(String id, int bcmPin, DigitalState initial, DigitalState shutdown) {
        checkPin(bcmPin);
        try {
            return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).name(id).address(bcmPin).initial(initial)
                    .shutdown(shutdown).provider(kind.outputProvider));
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot make GPIO output " + id + " on BCM " + bcmPin + ": " + e, e);
        }
    }

    /** Releases a pin (Pi4J applies an output's shutdown state). */
    void release(String id) {
        if (closed) {
            return;
        }
        try {
            if (pi4j.hasIO(id)) {
                pi4j.shutdown(id);
            }
        } catch (RuntimeException e) {
            log.warn("releasing GPIO {}: {}", id, e.toString());
        }
    }

    long now() {
        return clock.getAsLong();
    }

    void register(Pi4jSignalOutput output) {
        signals.add(output);
    }

    void unregister(Pi4jSignalOutput output) {
        signals.remove(output);
    }

    /**
     * Sets every signal output (status light, buzzer) to its pattern's level at the backend clock's
     * time now, on the event thread, and waits for it. The outputs refresh themselves at every change
     * of level; this is for a stepped clock (tests), where "now" moves when the test says.
     */
    public void refreshOutputs() {
        runAndWait(() -> signals.forEach(Pi4jSignalOutput::refresh));
    }

    /**
     * Whether the signal output (status light or buzzer) on BCM pin {@code bcmPin} is on now: its pin
     * at its active level, as Pi4J holds it (on the mock backend, what a test sees on the pin).
     *
     * @throws IllegalArgumentException when no signal output is open on that pin
     */
    public boolean signalOn(int bcmPin) {
        for (Pi4jSignalOutput s : signals) {
            if (s.bcmPin() == bcmPin) {
                return s.on();
            }
        }
        throw new IllegalArgumentException("no status light or buzzer is open on BCM " + bcmPin);
    }

    /** The Pi4J context (for this package's tests, which drive the mock plugin's inputs). */
    Context context() {
        return pi4j;
    }

    boolean onEventThread() {
        return Thread.currentThread() == eventThread;
    }

    /** Runs {@code task} on the event thread, soon; dropped once the backend is closed. */
    void execute(Runnable task) {
        if (closed) {
            return;
        }
        try {
            events.execute(guard(task));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("GPIO event dropped: the backend is closed");
        }
    }

    /** Runs {@code task} on the event thread after {@code delayNanos}; null once closed. */
    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        if (closed) {
            return null;
        }
        try {
            return events.schedule(guard(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null;
        }
    }

    /** Runs {@code task} at a fixed period on the event thread; null once closed. */
    ScheduledFuture<?> every(Runnable task, long periodNanos) {
        if (closed) {
            return null;
        }
        try {
            return events.scheduleAtFixedRate(guard(task), periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null;
        }
    }

    /**
     * Runs {@code task} on the event thread and waits for it (at once when already on it, or when the
     * backend is closed: then on the caller's thread).
     */
    void runAndWait(Runnable task) {
        if (onEventThread() || closed) {
            task.run();
            return;
        }
        Future<?> f;
        try {
            f = ((ExecutorService) events).submit(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            task.run();
            return;
        }
        try {
            f.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("GPIO task failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the GPIO event thread did not answer within 2 s");
        }
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("GPIO event task failed", e);
            }
        };
    }

    private static void checkPin(int bcmPin) {
        if (bcmPin < 0 || bcmPin > 53) {
            throw new IllegalArgumentException("BCM pin " + bcmPin + " is outside 0..53");
        }
    }

    /**
     * Stops the event thread and shuts the Pi4J context down: every output still open goes to its
     * shutdown state. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        events.shutdownNow();
        try {
            events.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        try {
            pi4j.shutdown();
        } catch (RuntimeException e) {
            log.warn("Pi4J shutdown: {}", e.toString());
        }
        log.info("GPIO backend {} closed", kind);
    }
}
