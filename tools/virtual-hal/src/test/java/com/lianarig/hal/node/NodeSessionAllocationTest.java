package com.lianarig.hal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.hal.LoadCellChannel;
import com.lianarig.hal.Winch;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.ReferenceMode;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The steady-state path of a node session allocates nothing (SPEC P-4, STYLE): decoding LOAD_SAMPLES,
 * WINCH_STATUS and NODE_STATUS, calling every sample and status listener, heartbeats, and a set-point
 * streamed from the owner thread. Measured with the JVM's per-thread allocation counter around the
 * session's steps only (the virtual rig itself allocates).
 *
 * <p>Run with {@code -Xint} (no JIT, so no escape analysis to hide an allocation) every phase measures
 * exactly 0 bytes. With the JIT, a compilation event (a deoptimisation that rematerialises objects)
 * now and then allocates a few hundred bytes once; so the best of several phases must be 0, and
 * every phase far below one allocation per frame.
 */
class NodeSessionAllocationTest {
    private static final int PHASES = 4;

    @Test
    void theSampleAndStatusPathAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (SteppedRig t = SteppedRig.standard(21).ready()) {
            long[] sum = new long[1];
            for (LoadCellChannel c : t.session.loadCells()) {
                c.addListener((channel, raw, status, nodeTimeUs, at) -> sum[0] += raw + status.code() + nodeTimeUs);
            }
            for (Winch w : t.session.winches()) {
                w.addStatusListener((winch, state, pos, vel, spPos, spVel, flags, fault, nodeTimeUs, at) ->
                        sum[0] += pos + state.code() + flags);
            }
            Winch w0 = t.session.winch(0);
            int counts = (int) Math.round(t.truePositionMm(0) * TestRigs.countsPerMm(0));
            w0.reference(ReferenceMode.SET_POSITION, counts, 0);
            t.step(20);
            w0.brake(BrakeAction.RELEASE);
            t.step(20);
            runSteadyState(t, w0, counts, 10_000, threads); // warm the JIT up

            long[] allocated = new long[PHASES];
            long[] frames = new long[PHASES];
            for (int phase = 0; phase < PHASES; phase++) {
                long framesBefore = t.session.counters().frames();
                allocated[phase] = runSteadyState(t, w0, counts, 3_000, threads);
                t.step(200);
                frames[phase] = t.session.counters().frames() - framesBefore;
            }
            System.out.printf("node session steady state: %s frames per 3 s phase, %s bytes allocated by the"
                    + " session%n", Arrays.toString(frames), Arrays.toString(allocated));
            for (int phase = 0; phase < PHASES; phase++) {
                assertTrue(frames[phase] > 1_100, "frames flowed (about 400 per second): " + frames[phase]);
                assertTrue(allocated[phase] < frames[phase] * 2, "phase " + phase + ": " + allocated[phase]
                        + " bytes for " + frames[phase] + " frames: something allocates per frame");
            }
            assertEquals(0, Arrays.stream(allocated).min().orElseThrow(), "the best phase allocates nothing");
            assertTrue(sum[0] != 0);
        }
    }

    /** Steps {@code millis}, streaming a set-point every 10 ms; returns the bytes the session's steps allocated. */
    private static long runSteadyState(SteppedRig t, Winch w0, int counts, int millis,
            com.sun.management.ThreadMXBean threads) {
        long allocated = 0;
        for (int ms = 0; ms < millis; ms++) {
            t.now += SteppedRig.MS;
            t.rig.advanceTo(t.now);
            t.link.pump();
            long before = threads.getCurrentThreadAllocatedBytes();
            if (ms % 10 == 0) {
                w0.setPoint(counts, 0); // on the owner thread: written at once
            }
            t.session.step(t.now);
            allocated += threads.getCurrentThreadAllocatedBytes() - before;
            t.link.pump();
        }
        return allocated;
    }
}
