package com.lianarig.sim.hal;

import com.lianarig.hal.Pendant;
import com.lianarig.hal.PendantListener;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wired pendant's UP, DOWN and ENABLE buttons as hal's {@link Pendant}, pressed and released by
 * a test or the demo. As {@code Pi4jPendant} with contacts that do not bounce: a press and a release
 * count at once (a release always did, SR-10), each change is told once to every listener (pressing
 * a held button tells nothing), and a failing listener is logged while the others still hear. It
 * starts with nothing pressed. Once closed nothing reads pressed and presses are ignored, as a
 * pendant whose cable is pulled (a broken wire reads as released).
 *
 * <p>Threads: {@link #press} and {@link #release} from any thread; the listeners are called on that
 * thread, one change at a time and in the order of the changes (under a private lock: a listener
 * must not block). {@link #pressed} from any thread.
 */
public final class VirtualPendant implements Pendant {
    private static final Logger log = LoggerFactory.getLogger(VirtualPendant.class);

    private final LongSupplier clock;
    private final CopyOnWriteArrayList<PendantListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final Set<Button> held = EnumSet.noneOf(Button.class);
    private volatile boolean closed;

    /**
     * @param clock monotonic time, ns, for the changes' stamps ({@code System::nanoTime} in the demo,
     *        the stepped clock in tests)
     */
    public VirtualPendant(LongSupplier clock) {
        if (clock == null) {
            throw new IllegalArgumentException("a virtual pendant needs a clock (not null)");
        }
        this.clock = clock;
    }

    /** Presses {@code button} (and holds it); the listeners hear at once unless it was already held. */
    public void press(Button button) {
        change(button, true);
    }

    /** Releases {@code button}; the listeners hear at once unless it was not held. */
    public void release(Button button) {
        change(button, false);
    }

    @Override
    public boolean pressed(Button button) {
        synchronized (lock) {
            return !closed && held.contains(button);
        }
    }

    @Override
    public void addListener(PendantListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(PendantListener listener) {
        listeners.remove(listener);
    }

    /** Nothing reads pressed any more, and presses are ignored; the listeners are not told. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            held.clear();
        }
    }

    private void change(Button button, boolean pressed) {
        if (button == null) {
            throw new IllegalArgumentException("which button? (null)");
        }
        synchronized (lock) {
            if (closed || (pressed ? !held.add(button) : !held.remove(button))) {
                return;
            }
            long atNanos = clock.getAsLong();
            log.debug("virtual pendant {} {}", button, pressed ? "pressed" : "released");
            for (PendantListener l : listeners) {
                try {
                    l.onButton(button, pressed, atNanos);
                } catch (RuntimeException e) {
                    log.error("a pendant listener failed", e);
                }
            }
        }
    }
}
