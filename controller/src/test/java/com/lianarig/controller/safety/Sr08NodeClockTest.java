package com.lianarig.controller.safety;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.ChannelStatus;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-8 (v3) "a channel silent while its node's winch status still flows" is judged on the node's own clock, not on
 * when the frames reach the host. A busy machine delivers a pty's (or a USB adapter's) bytes in bursts: the node's
 * stream, in order, can stop on its way just after some winch statuses and before the next load sample. Those
 * statuses are then fresh at the host while the sample is late, though the node sent everything on time: a host
 * delay (no latch), not a sensor fault. Seen in the soak on this machine (kernel workqueue delays of 20-45 ms
 * between socat's pty pair and the service): "load cell of rope left-leg: no sample for 34.6 ms (max 31.3) while
 * node 1 still reports", latched, with the node's samples 12.5 ms apart on its own clock throughout.
 */
class Sr08NodeClockTest {
    private static final long MS = RigHarness.MS;
    private static final int RAW = 100_000;

    @TempDir
    Path dir;

    @Test
    void aStreamHeldUpOnItsWayAfterSomeStatusesIsAHostDelayNotASilentChannel() throws Exception {
        try (RigHarness h = RigHarness.standard(3, dir)) {
            long t0 = 1_000 * MS;
            SafetySupervisor s = FakeDrives.followingLegs(h.model, new FakeDrives(), 300, t0);
            // the node's stream, on time and in order: samples every 12.5 ms, winch statuses every 10 ms
            samples(s, h.model, 0, t0);
            statuses(s, h.model, 5, t0 + 5 * MS);
            statuses(s, h.model, 10, t0 + 10 * MS);
            // the sample the node stamped at 12.5 ms (and what follows) is held up in the kernel for 25 ms
            s.tick(t0 + 20 * MS);
            s.tick(t0 + 34 * MS); // the last sample reached the host 34 ms ago, the last status 24 ms ago
            assertFalse(s.latched(SafetyRule.SR_8), "a late stream latched SR-8: " + s.faults());
            // the held-up frames arrive together, their node times 12.5 ms apart: nothing to latch either
            samples(s, h.model, 12_500, t0 + 36 * MS);
            statuses(s, h.model, 20, t0 + 36 * MS);
            samples(s, h.model, 25_000, t0 + 36 * MS);
            statuses(s, h.model, 30, t0 + 36 * MS);
            s.tick(t0 + 40 * MS);
            assertFalse(s.latched(SafetyRule.SR_8), s.faults().toString());
        }
    }

    @Test
    void aChannelTheNodeStopsSamplingWhileItsStatusesRunOnLatches() throws Exception {
        try (RigHarness h = RigHarness.standard(3, dir)) {
            long t0 = 1_000 * MS;
            SafetySupervisor s = FakeDrives.followingLegs(h.model, new FakeDrives(), 300, t0);
            samples(s, h.model, 0, t0);
            for (int ms = 10; ms <= 40; ms += 10) {
                statuses(s, h.model, ms, t0 + ms * MS); // the node runs on and says so, its channels silent
                s.tick(t0 + ms * MS + MS);
            }
            assertTrue(s.latched(SafetyRule.SR_8), "a channel silent on the node's own clock must latch");
            assertTrue(s.faults().toString().contains("still reports"), s.faults().toString());
        }
    }

    /** One sample of every rope, stamped {@code nodeTimeUs} by the node, decoded at {@code nowNanos}. */
    private static void samples(SafetySupervisor s, RigModel model, long nodeTimeUs, long nowNanos) {
        for (RigModel.RopeModel r : model.ropes()) {
            s.onSample(r.index(), RAW + (int) (nodeTimeUs % 7), ChannelStatus.OK, nodeTimeUs, nowNanos);
        }
    }

    /** One status of every leg winch (following at 300 mm), stamped {@code nodeTimeMs} by the node. */
    private static void statuses(SafetySupervisor s, RigModel model, long nodeTimeMs, long nowNanos) {
        for (int w : model.group(0).winches()) {
            int c = model.winch(w).countsOf(300);
            s.onWinchStatus(w, WinchState.FOLLOWING, c, 0, c, WinchStatus.FLAG_REFERENCED
                    | WinchStatus.FLAG_DRIVE_POWERED, NodeFault.NONE, nodeTimeMs * 1_000, nowNanos);
        }
    }
}
