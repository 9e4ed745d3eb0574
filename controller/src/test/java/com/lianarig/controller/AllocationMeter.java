package com.lianarig.controller;

import java.lang.management.ManagementFactory;

/**
 * Counts the bytes the stepping thread allocates inside the product's hot paths (SAFETY-CORE 6, P-4): the
 * node sessions' decoding with the supervisor's judgement of every sample and status ({@code RigIo.step}),
 * and the control step ({@code RigController.step}). Set on {@link RigHarness#allocations}.
 */
public final class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Bytes allocated in the node sessions and the supervisor's sample and status paths. */
    public long ioBytes;
    /** Bytes allocated in control steps that wrote no journal record (steady state). */
    public long controlBytes;
    /** Control steps that wrote a journal record (an event: its words are built then), not counted above. */
    public long journallingSteps;
    public long ioCalls;
    public long controlSteps;

    public AllocationMeter() {
        if (!threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread");
        }
    }

    public long now() {
        return threads.getCurrentThreadAllocatedBytes();
    }
}
