package com.lianarig.hal.gpio;

import com.lianarig.hal.SafetyChainListener;
import com.lianarig.hal.SafetyChainMonitor;

/**
 * The safety chain of a bench without GPIO ({@code rig run --gpio none}): a simulated monitoring contact that
 * always reads healthy and never changes, so the service can drive real node boards (or a virtual node in
 * another process) on a machine with no GPIO chip, a firmware engineer's desk or the availability soak.
 * Emergency stops are NOT monitored: it is never for a rig, and {@code rig run} refuses it where a GPIO chip
 * exists. No Pi4J: nothing to open, nothing to close.
 */
public final class BenchSafetyChain implements SafetyChainMonitor {
    /** How the service and {@code rig doctor} name this safety chain. */
    public static final String DESCRIPTION = "none (bench)";

    @Override
    public boolean healthy() {
        return true;
    }

    @Override
    public void addListener(SafetyChainListener listener) {
        // the contact never changes: nothing to report, ever
    }

    @Override
    public void removeListener(SafetyChainListener listener) {
    }

    @Override
    public void close() {
    }
}
