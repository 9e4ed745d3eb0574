package com.lianarig.controller.safety;

import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import com.lianarig.hal.node.NodeLinkState;
import com.lianarig.sim.transport.LineFaults;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-9: no valid frame from a node for 100 ms: the host stops everything (cat 1, latched, trainer);
 * the node stops by itself on a 50 ms set-point gap and drops the brakes on a 200 ms heartbeat gap.
 */
class Sr09LinkLossTest {
    static final long HOST_TIMEOUT_MS = 100;
    static final long NODE_SETPOINT_GAP_MS = 50;
    /** One control period: the last set-point went out up to this long before the cable was pulled, ms. */
    static final long CONTROL_PERIOD_MS = 10;

    @TempDir
    Path dir;

    private static double ascending(RigHarness h) throws Exception {
        SrRig.ready(h);
        SrRig.moveLegs(h, 900);
        SrRig.startMove(h, 1300);
        h.step(1_500);
        double v0 = h.trueVelocityMmPerS(LEFT);
        assertTrue(v0 > 70, "ascending at " + v0);
        return v0;
    }

    private static void line(RigHarness h, Function<com.lianarig.sim.transport.NodePort, LineFaults> direction,
            boolean pulled) {
        h.rig.locked(() -> {
            direction.apply(h.rig.port(0)).unplugged(pulled);
            return null;
        });
    }

    /** Steps until the node answers again (identified; in its sticky shutdown it waits for the reset's CLEAR_SHUTDOWN). */
    private static void linkBack(RigHarness h) {
        assertTrue(h.stepUntil(() -> linkIs(h, NodeLinkState.CONFIGURING) || linkIs(h, NodeLinkState.READY), 6_000),
                "the node does not answer: " + h.io.session(h.model.nodeAddresses()[0]).linkStateReason());
        h.step(200);
    }

    /** After the reset, the node is configured again and its link READY. */
    private static void linkReady(RigHarness h) {
        assertTrue(h.stepUntil(() -> linkIs(h, NodeLinkState.READY), 3_000),
                "link not ready: " + h.io.session(h.model.nodeAddresses()[0]).linkStateReason());
    }

    private static boolean linkIs(RigHarness h, NodeLinkState state) {
        return h.io.session(h.model.nodeAddresses()[0]).linkState() == state;
    }

    private static void assertLatchedWithin(RigHarness h, long t0, long maxMs) {
        Fault f = SrRig.latched(h, SafetyRule.SR_9);
        long ms = (f.atNanos() - t0) / RigHarness.MS;
        assertTrue(ms >= HOST_TIMEOUT_MS - (long) SrRig.STATUS_MS, "SR-9 latched after only " + ms + " ms");
        assertTrue(ms <= maxMs, "SR-9 latched " + ms + " ms after the last frame (max " + maxMs + ")");
        assertEquals(StopKind.CAT_1, f.stop());
        assertEquals(ResetRole.TRAINER, f.resetBy());
        assertTrue(SrRig.journalledFault(h, "SR-9", "trainer"), h.journal.toString());
    }

    @Test
    void cablePulledMidMotionStopsThePairAndLatchesUntilReset() throws Exception {
        try (RigHarness h = RigHarness.standard(91, dir)) {
            ascending(h);
            long t0 = h.now;
            line(h, p -> p.toHostFaults(), true);
            line(h, p -> p.toNodeFaults(), true);

            // Nothing reaches the node: it stops by itself on the set-point gap; the true pair is still
            // within the gap and a category 1 stop, and braked after its heartbeat watchdog at the latest.
            long stillMs = SrRig.msUntil(h, () -> SrRig.pairStill(h), 3_000, "pair still");
            assertTrue(stillMs <= CONTROL_PERIOD_MS + NODE_SETPOINT_GAP_MS + SrRig.CAT1_STOP_MS,
                    "still " + stillMs + " ms after the cable was pulled");
            assertEquals(h.truePositionMm(LEFT), h.truePositionMm(RIGHT), 2, "the pair stopped together");
            h.step(300);
            assertTrue(SrRig.pairBraked(h), "braked after the heartbeat watchdog");

            // The host saw no frame for 100 ms: FAULT, SR-9 latched.
            assertLatchedWithin(h, t0, HOST_TIMEOUT_MS + (long) SrRig.STATUS_MS + CONTROL_PERIOD_MS);
            assertEquals(Mode.FAULT, h.mode());
            assertFalse(h.decide(RigHarness.TRAINER, new Command.Reset()).accepted(), "reset with the link down");

            // Plugged back in: the trainer resets, and nothing moves by itself.
            h.step(1_000);
            double left = h.truePositionMm(LEFT);
            double right = h.truePositionMm(RIGHT);
            line(h, p -> p.toHostFaults(), false);
            line(h, p -> p.toNodeFaults(), false);
            linkBack(h);
            assertEquals(left, h.truePositionMm(LEFT), 0.5, "moved by itself after the replug");
            h.must(RigHarness.TRAINER, new Command.Reset());
            linkReady(h);
            assertEquals(Mode.READY, h.mode(), h.controller.status().modeReason());
            h.step(3_000);
            assertEquals(left, h.truePositionMm(LEFT), 0.5, "moved by itself after the reset");
            assertEquals(right, h.truePositionMm(RIGHT), 0.5, "moved by itself after the reset");
            assertTrue(SrRig.pairBraked(h));
            // SR-23: the lost link voided the positions: no move until a technician references the pair again
            h.holdEnable(true);
            assertEquals(com.lianarig.controller.command.Refusal.NOT_REFERENCED,
                    h.decide(RigHarness.TRAINER, new Command.MoveTo(SrRig.LEGS, 1200)).refusal());
            h.must(RigHarness.TRAINER, new Command.ReleaseControl());
            h.must(RigHarness.TECHNICIAN, new Command.TakeControl());
            h.must(RigHarness.TECHNICIAN, new Command.Reference(SrRig.LEGS, left));
            h.must(RigHarness.TECHNICIAN, new Command.ReleaseControl());
            h.must(RigHarness.TRAINER, new Command.TakeControl());
            h.step(200);
            // and it moves again when told to
            SrRig.moveLegs(h, 1200);
            assertTrue(h.truePositionMm(LEFT) > left + 20, "moves again after the reset and the reference");
        }
    }

    @Test
    void hostStopsThePairWhenOnlyTheNodesFramesAreLost() throws Exception {
        try (RigHarness h = RigHarness.standard(92, dir)) {
            double v0 = ascending(h);
            // The node still hears set-points and heartbeats: only the host's SR-9 can stop it.
            long t0 = h.now;
            line(h, p -> p.toHostFaults(), true);
            long stopMs = SrRig.msUntil(h, () -> SrRig.pairBraked(h) && SrRig.pairStill(h), 3_000, "pair braked");
            assertTrue(stopMs <= HOST_TIMEOUT_MS + (long) SrRig.STATUS_MS + SrRig.LATENCY_MS + SrRig.CAT1_STOP_MS,
                    "braked " + stopMs + " ms after the node's frames were lost");
            assertTrue(v0 > 0);
            assertEquals(h.truePositionMm(LEFT), h.truePositionMm(RIGHT), 2, "the pair stopped together");
            assertLatchedWithin(h, t0, HOST_TIMEOUT_MS + (long) SrRig.STATUS_MS + CONTROL_PERIOD_MS);
            h.step(100);
            assertEquals(Mode.FAULT, h.mode());
            double held = h.truePositionMm(LEFT);
            line(h, p -> p.toHostFaults(), false);
            linkBack(h);
            assertEquals(held, h.truePositionMm(LEFT), 0.5, "moved by itself after the frames came back");
            h.must(RigHarness.TRAINER, new Command.Reset());
            linkReady(h);
            assertEquals(Mode.READY, h.mode());
            h.step(2_000);
            assertEquals(held, h.truePositionMm(RIGHT), 2);
            assertEquals(held, h.truePositionMm(LEFT), 0.5, "moved by itself after the reset");
        }
    }
}
