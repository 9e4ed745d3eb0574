package com.lianarig.sim.physics;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The hardwired safety chain: stops in series feeding a safety relay that removes drive power and
 * drops every brake when any opens (SPEC section 1). The relay's monitoring contact reads HIGH when
 * healthy; a broken monitor wire reads as tripped. The relay closes again by itself once every stop
 * is closed: resetting the rig is the controller's job (SR-11).
 *
 * <p>Thread-safe: tests and the CLI open stops from other threads than the rig's stepping thread.
 */
public final class SafetyChainSim {
    /** The stops in the chain. */
    public enum Stop {
        PENDANT_STOP, CLIENT_STOP, WALL_ESTOP, ULTIMATE_LIMIT
    }

    private final Set<Stop> open = EnumSet.noneOf(Stop.class);
    private final List<Consumer<Boolean>> monitorListeners = new ArrayList<>();
    private boolean monitorWireBroken;
    private boolean monitorStuckHealthy;
    private boolean lastMonitor = true;

    public synchronized void open(Stop stop) {
        open.add(stop);
        fireIfChanged();
    }

    public synchronized void close(Stop stop) {
        open.remove(stop);
        fireIfChanged();
    }

    /** Fault injection: the monitor wire is cut, so the input reads tripped (external pull-down). */
    public synchronized void breakMonitorWire(boolean broken) {
        monitorWireBroken = broken;
        fireIfChanged();
    }

    /**
     * Fault injection: the monitoring contact reads healthy whatever the relay does (a welded or
     * stuck contact, or monitor wiring bridged to HIGH), so a stop that removes drive power is not
     * seen on the Pi's input; only the nodes' POWER_REMOVED reports show it (SPEC SR-11). A broken
     * monitor wire still reads tripped.
     */
    public synchronized void monitorStuckHealthy(boolean stuck) {
        monitorStuckHealthy = stuck;
        fireIfChanged();
    }

    /** True while the relay feeds drive power (every stop closed). */
    public synchronized boolean relayClosed() {
        return open.isEmpty();
    }

    /** The monitoring contact as the Pi's GPIO reads it: true = HIGH = healthy. */
    public synchronized boolean monitorHigh() {
        return (open.isEmpty() || monitorStuckHealthy) && !monitorWireBroken;
    }

    public synchronized Set<Stop> openStops() {
        return EnumSet.copyOf(open.isEmpty() ? EnumSet.noneOf(Stop.class) : open);
    }

    /**
     * Called with the new monitor level on every change (e.g. to feed Pi4J's mock input), on the
     * thread that changed the chain, with this chain's lock held: hand the level over, do not block.
     */
    public synchronized void onMonitorChange(Consumer<Boolean> listener) {
        monitorListeners.add(listener);
    }

    /** Stops calling {@code listener} (the same instance that was added); nothing when it was not added. */
    public synchronized void removeMonitorListener(Consumer<Boolean> listener) {
        monitorListeners.remove(listener);
    }

    private void fireIfChanged() {
        boolean now = monitorHigh();
        if (now != lastMonitor) {
            lastMonitor = now;
            for (Consumer<Boolean> l : monitorListeners) {
                l.accept(now);
            }
        }
    }
}
