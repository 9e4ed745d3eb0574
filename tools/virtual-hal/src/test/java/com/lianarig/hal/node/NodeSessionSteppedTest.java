package com.lianarig.hal.node;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.hal.CommandResult;
import com.lianarig.hal.LoadCellChannel;
import com.lianarig.hal.Winch;
import com.lianarig.hal.WinchEventListener;
import com.lianarig.hal.WinchReading;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.ChannelStatus;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.ProtocolDefinition;
import com.lianarig.protocol.ReferenceMode;
import com.lianarig.protocol.ResetCause;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.link.LinkFault;
import com.lianarig.protocol.link.LinkTiming;
import com.lianarig.sim.node.NodeIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node session against the standard virtual rig on one stepped clock (the in-process cable, no
 * threads): identification and configuration, every sample and status to its listeners, commands
 * and their answers, and the recoveries of R-3 and SR-9 judged on the rig's true state.
 */
class NodeSessionSteppedTest {
    private static final long MS = SteppedRig.MS;
    private SteppedRig t;

    @AfterEach
    void close() {
        if (t != null) {
            t.close();
        }
    }

    @Test
    void identifiesConfiguresAndReportsReady() {
        t = SteppedRig.standard(1).ready();

        List<NodeLinkState> states = t.events.stateSequence();
        assertTrue(states.indexOf(NodeLinkState.IDENTIFYING) < states.indexOf(NodeLinkState.CONFIGURING)
                && states.indexOf(NodeLinkState.CONFIGURING) < states.indexOf(NodeLinkState.READY), states.toString());
        assertEquals("VR-0001", t.session.nodeInfo().orElseThrow().serial());
        assertEquals(ResetCause.POWER_ON, t.events.identified().get(0).resetCause());
        assertTrue(t.session.linkStateReason().contains("configured"), t.session.linkStateReason());
        assertEquals(NodeState.RUNNING, t.rig.locked(() -> t.rig.node(0).state()));
        assertEquals(1, t.sent.types().stream().filter(MessageType.CONFIGURE_NODE::equals).count());
        assertEquals(3, t.sent.types().stream().filter(MessageType.CONFIGURE_WINCH::equals).count());
        assertEquals("VR-0001", t.session.loadCell(0).nodeSerial().orElseThrow());
        t.step(100);
        assertEquals(NodeState.RUNNING, t.session.nodeState().orElseThrow());
    }

    @Test
    void everySampleReachesItsChannelAt80HzAndEveryStatusItsWinchAt100Hz() {
        t = SteppedRig.standard(2).ready();
        int[] samples = new int[4];
        long[] lastNodeTimeUs = new long[4];
        boolean[] backwards = new boolean[1];
        for (LoadCellChannel c : t.session.loadCells()) {
            c.addListener((channel, raw, status, nodeTimeUs, receivedAtNanos) -> {
                samples[channel]++;
                backwards[0] |= nodeTimeUs <= lastNodeTimeUs[channel];
                lastNodeTimeUs[channel] = nodeTimeUs;
            });
        }
        int[] statuses = new int[3];
        for (Winch w : t.session.winches()) {
            w.addStatusListener((winch, state, pos, vel, spPos, spVel, flags, fault, nodeTimeUs, at) -> statuses[winch]++);
        }
        t.step(1_000);

        for (int ch = 0; ch < 4; ch++) {
            assertEquals(80, samples[ch], 1, "channel " + ch + " samples in 1 s");
            assertEquals(ChannelStatus.OK, t.session.loadCell(ch).latest().orElseThrow().status());
        }
        for (int w = 0; w < 3; w++) {
            assertEquals(100, statuses[w], 1, "winch " + w + " statuses in 1 s");
        }
        assertFalse(backwards[0], "node timestamps increase from sample to sample");
        assertEquals(0, t.session.counters().lostFrames());
        assertEquals(0, t.session.counters().decoderDrops());
    }

    @Test
    void aReleasedWinchFollowsStreamedSetPointsAndTheTrueRopeMoves() {
        t = SteppedRig.standard(3).ready();
        Winch w = t.session.winch(0);
        int startCounts = referenceAtTruePosition(0);
        double startMm = t.truePositionMm(0);
        assertTrue(done(w.brake(BrakeAction.RELEASE)).accepted());

        // 2 s at 40 mm/s upward, one set-point per 10 ms as a 100 Hz control loop streams them
        double c = TestRigs.countsPerMm(0);
        for (int ms = 0; ms < 2_000; ms++) {
            if (ms % 10 == 0) {
                w.setPoint(startCounts + (int) Math.round(40 * c * ms / 1000.0), (int) Math.round(40 * c));
            }
            t.step(1);
        }
        double movedMm = t.truePositionMm(0) - startMm;
        assertEquals(80, movedMm, 15, "the true rope followed 2 s at 40 mm/s");
        assertEquals(WinchState.FOLLOWING, w.latest().orElseThrow().state());

        // the stream stops: the node's 50 ms set-point gap brakes the winch by itself (SR-9)
        List<NodeFault> faults = new ArrayList<>();
        w.addEventListener(new WinchEventListener() {
            @Override
            public void onFault(int winch, NodeFault fault, int measured, int limit, long nodeTimeUs) {
                faults.add(fault);
            }
        });
        assertTrue(t.stepUntil(() -> t.trueBrakesEngaged(0), 1_000), "both true brakes engaged after the gap");
        assertTrue(faults.contains(NodeFault.SETPOINT_GAP), faults.toString());
        double stoppedAt = t.truePositionMm(0);
        t.step(500);
        assertEquals(stoppedAt, t.truePositionMm(0), 0.5, "braked: the rope holds");
    }

    @Test
    void silenceFaultsTheLinkAt100msTheNodeBrakesAt200msAndAfterReplugNothingMovesByItself() {
        t = SteppedRig.standard(4).ready();
        Winch w = t.session.winch(0);
        int startCounts = referenceAtTruePosition(0);
        assertTrue(done(w.brake(BrakeAction.RELEASE)).accepted());
        double c = TestRigs.countsPerMm(0);
        AtomicInteger target = new AtomicInteger(startCounts);
        Runnable controlLoop = () -> {
            target.addAndGet((int) Math.round(40 * c / 100)); // 40 mm/s, 10 ms per call
            w.setPoint(target.get(), (int) Math.round(40 * c));
        };
        streamFor(controlLoop, 1_000);

        long pulledAt = t.now;
        t.rig.port(0).unplugged(true); // the cable cut: every byte lost both ways, the port stays open
        streamUntil(controlLoop, () -> !t.events.faults().isEmpty(), 500);
        LinkFault silent = t.events.faults().get(0).fault();
        long faultAfterMs = (t.events.faults().get(0).atNanos() - pulledAt) / MS;
        assertEquals(LinkFault.Kind.NODE_SILENT, silent.kind());
        // silence counts from the node's last frame, which arrived a few ms before the cut (NODE_STATUS 20 Hz,
        // WINCH_STATUS 100 Hz, LOAD_SAMPLES 80 Hz)
        assertTrue(faultAfterMs >= 90 && faultAfterMs <= 101, "NODE_SILENT " + faultAfterMs + " ms after the cut (SR-9: 100)");
        CommandResult stop = t.session.stopAll(StopCategory.CAT_1).getNow(null);
        assertEquals(CommandResult.Outcome.SENT_UNTRACKED, stop.outcome(), "a STOP is never held back: " + stop);

        assertTrue(t.stepUntil(() -> t.rig.locked(() -> t.rig.node(0).state()) == NodeState.SHUTDOWN, 300));
        long shutdownAfterMs = (t.now - pulledAt) / MS;
        // the watchdog counts from the last HEARTBEAT, sent up to 50 ms before the cut
        assertTrue(shutdownAfterMs >= 150 && shutdownAfterMs <= 202, "node shut down " + shutdownAfterMs
                + " ms after the cut (heartbeat watchdog 200 ms, heartbeat every 50 ms)");
        assertTrue(t.stepUntil(() -> t.trueBrakesEngaged(0), 100), "true brakes engaged");

        t.rig.port(0).unplugged(false);
        assertTrue(streamUntil(controlLoop, () -> t.events.identified().size() == 2, 3_000), "identified again");
        assertTrue(streamUntil(controlLoop, () -> t.session.linkStateReason().contains("sticky shutdown"), 500),
                t.session.linkStateReason());
        assertEquals(NodeLinkState.CONFIGURING, t.session.linkState());

        double heldAt = t.truePositionMm(0);
        streamFor(controlLoop, 1_000); // the controller (wrongly) still streams: still nothing moves
        assertEquals(heldAt, t.truePositionMm(0), 0.5, "nothing moved by itself after the replug");
        assertEquals(NodeState.SHUTDOWN, t.rig.locked(() -> t.rig.node(0).state()));
        assertTrue(t.trueBrakesEngaged(0));

        CommandResult cleared = done(t.session.clearShutdown());
        assertTrue(cleared.accepted(), cleared.description());
        assertTrue(t.stepUntil(() -> t.session.linkState() == NodeLinkState.READY, 500), t.session.linkStateReason());
        t.step(50);
        assertEquals(WinchState.BRAKED, w.latest().orElseThrow().state(), "back RUNNING, the winch braked");
        assertEquals(heldAt, t.truePositionMm(0), 0.5);
    }

    @Test
    void aLostPortFaultsTheLinkAtOnceAndItsReopeningIdentifiesTheNodeAgain() {
        t = SteppedRig.standard(5).ready();
        long lostAt = t.now;
        t.link.lose("read returned -1 (errno 5): the device went away");
        t.step(1);
        assertEquals(List.of(LinkFault.Kind.PORT_LOST), t.events.faultKinds());
        assertEquals(lostAt + MS, t.events.faults().get(0).atNanos(), "reported in the next step, not after 100 ms");
        assertTrue(t.events.faults().get(0).fault().detail().contains("device went away"));
        assertEquals(NodeLinkState.PORT_DOWN, t.session.linkState());

        CommandResult release = done(t.session.winch(0).brake(BrakeAction.RELEASE));
        assertEquals(CommandResult.Outcome.NOT_SENT, release.outcome());
        assertTrue(release.description().contains("PORT_DOWN"), release.description());
        CommandResult stop = done(t.session.winch(0).stop(StopCategory.CAT_0));
        assertEquals(CommandResult.Outcome.NOT_SENT, stop.outcome(), "no port, no STOP: " + stop.description());

        t.link.open();
        assertTrue(t.stepUntil(() -> t.session.linkState() == NodeLinkState.READY, 1_000), t.session.linkStateReason());
        assertEquals(2, t.events.identified().size());
        t.step(200); // the counters are published every 100 ms
        assertEquals(1, t.session.counters().reconnects(), "the link came back once");
    }

    /**
     * Link diagnostics: noise on the node's line is counted by kind (garbage bytes, bad CRC), each apart,
     * and frames missing from the node's sequence as lost; a clean link counts none of them.
     */
    @Test
    void noiseOnTheLineIsCountedByKind() {
        t = SteppedRig.standard(13).ready();
        t.step(200);
        NodeCounters clean = t.session.counters();
        assertAll(
                () -> assertEquals(0, clean.garbageBytes()),
                () -> assertEquals(0, clean.badCrc()),
                () -> assertEquals(0, clean.badLength()),
                () -> assertEquals(0, clean.lostFrames()),
                () -> assertEquals(0, clean.reconnects()),
                () -> assertFalse(clean.troubleSince(NodeCounters.NONE)));

        com.lianarig.sim.transport.InProcessLink port = (com.lianarig.sim.transport.InProcessLink) t.rig.port(0);
        t.rig.locked(() -> {
            port.toHostFaults().bitErrorRate(1e-3);
            return null;
        });
        t.step(1_000);
        t.rig.locked(() -> {
            port.toHostFaults().bitErrorRate(0);
            return null;
        });
        t.step(200);
        NodeCounters noisy = t.session.counters();
        assertAll(
                () -> assertTrue(noisy.badCrc() > 0, noisy.toString()),
                () -> assertTrue(noisy.garbageBytes() > 0, noisy.toString()),
                () -> assertTrue(noisy.lostFrames() > 0, noisy.toString()),
                () -> assertEquals(noisy.garbageBytes() + noisy.badLength() + noisy.badCrc() + noisy.unknownMessages()
                        + noisy.wrongDirection(), noisy.decoderDrops()),
                () -> assertTrue(noisy.troubleSince(clean)),
                () -> assertTrue(noisy.frames() > clean.frames()));
    }

    @Test
    void aNodeResetMidMotionIsReportedItsPositionIsUnreferencedAndNothingMoves() {
        t = SteppedRig.standard(6).ready();
        Winch w = t.session.winch(0);
        int startCounts = referenceAtTruePosition(0);
        assertTrue(w.latest().orElseThrow().referenced());
        assertTrue(done(w.brake(BrakeAction.RELEASE)).accepted());
        double c = TestRigs.countsPerMm(0);
        AtomicInteger target = new AtomicInteger(startCounts);
        Runnable controlLoop = () -> {
            target.addAndGet((int) Math.round(40 * c / 100));
            w.setPoint(target.get(), (int) Math.round(40 * c));
        };
        streamFor(controlLoop, 500);
        long bootBefore = t.session.nodeInfo().orElseThrow().bootId();

        t.rig.resetNode(0, ResetCause.WATCHDOG);
        assertTrue(streamUntil(controlLoop, () -> t.events.faultKinds().contains(LinkFault.Kind.NODE_RESET), 100));
        LinkFault reset = t.events.faults().get(0).fault();
        assertTrue(reset.detail().contains("reset cause " + ResetCause.WATCHDOG), reset.detail());
        assertTrue(streamUntil(controlLoop, () -> t.session.linkState() == NodeLinkState.READY, 1_000));
        NodeInfo again = t.session.nodeInfo().orElseThrow();
        assertTrue(again.bootId() != bootBefore, "a new boot id");
        assertTrue(t.stepUntil(() -> t.trueBrakesEngaged(0), 100));

        double heldAt = t.truePositionMm(0);
        streamFor(controlLoop, 1_000);
        WinchReading r = w.latest().orElseThrow();
        assertFalse(r.referenced(), "the position is lost at a node start");
        assertEquals(WinchState.BRAKED, r.state());
        assertEquals(heldAt, t.truePositionMm(0), 0.5, "nothing moved by itself after the node reset");
    }

    @Test
    void aNodeOfAnotherProtocolDefinitionIsRefusedNamingBothHashes() {
        NodeIdentity other = NodeIdentity.of(1, "VR-0001").withDefinitionHash(0xDEADBEEFL);
        t = new SteppedRig(TestRigs.rigWithNodeInProcess(7, other), TestRigs.standardSetup(), LinkTiming.DEFAULTS);
        t.boot();
        assertTrue(t.stepUntil(() -> t.session.linkState() == NodeLinkState.REFUSED, 500));
        String reason = t.session.linkStateReason();
        assertTrue(reason.contains("DEADBEEF") && reason.contains(String.format("%08X", ProtocolDefinition.HASH)),
                reason);
        assertEquals(List.of(LinkFault.Kind.DEFINITION_MISMATCH), t.events.faultKinds());
        int sentBefore = t.sent.types().size();
        assertEquals(CommandResult.Outcome.NOT_SENT, done(t.session.winch(0).brake(BrakeAction.RELEASE)).outcome());
        t.step(1_000);
        assertEquals(sentBefore, t.sent.types().size(), "nothing is ever sent to a refused node: "
                + t.sent.types().subList(sentBefore, t.sent.types().size()));
        assertFalse(t.sent.types().contains(MessageType.HEARTBEAT));
    }

    @Test
    void aNodeThatDoesNotFitTheSetUpIsNeverConfiguredNorCommanded() {
        NodeSetup expectsAnother = new NodeSetup(1, "VR-9999", 80, 100, 50, 200, 0x0F,
                List.of(TestRigs.limits(0), TestRigs.limits(1), TestRigs.limits(2)));
        t = new SteppedRig(com.lianarig.sim.VirtualRig.standardInProcess(8), expectsAnother, LinkTiming.DEFAULTS);
        t.boot();
        assertTrue(t.stepUntil(() -> t.session.linkState() == NodeLinkState.WRONG_NODE, 500));
        assertTrue(t.session.linkStateReason().contains("VR-0001") && t.session.linkStateReason().contains("VR-9999"),
                t.session.linkStateReason());
        CommandResult r = done(t.session.winch(0).brake(BrakeAction.RELEASE));
        assertEquals(CommandResult.Outcome.NOT_SENT, r.outcome());
        t.step(500);
        assertFalse(t.sent.types().contains(MessageType.CONFIGURE_NODE));
        assertFalse(t.sent.types().contains(MessageType.BRAKE));
        assertEquals(NodeState.IDENTIFIED, t.rig.locked(() -> t.rig.node(0).state()), "never configured");
    }

    @Test
    void aStopIssuedInsideASampleListenerIsWrittenInTheSameStep() {
        t = SteppedRig.standard(9).ready();
        AtomicLong stopStep = new AtomicLong(-1);
        List<CompletableFuture<CommandResult>> stops = new ArrayList<>();
        t.session.loadCell(0).addListener((channel, raw, status, nodeTimeUs, at) -> {
            if (stops.isEmpty()) {
                stops.add(t.session.stop(0x03, StopCategory.CAT_1)); // e.g. SR-1: the pair stops together
                stopStep.set(at);
            }
        });
        // step by hand to look between the session's step and the pump to the node
        while (stopStep.get() < 0) {
            t.now += MS;
            t.rig.advanceTo(t.now);
            t.link.pump();
            int before = t.sent.types().size();
            t.session.step(t.now);
            if (stopStep.get() >= 0) {
                assertTrue(t.link.pendingHostBytes() > 0, "the STOP is already on its way");
                t.link.pump();
                assertTrue(t.sent.types().subList(before, t.sent.types().size()).contains(MessageType.STOP));
            } else {
                t.link.pump();
            }
        }
        t.step(20);
        assertTrue(stops.get(0).getNow(null).accepted());
    }

    @Test
    void aRefusedCommandCarriesTheNodesReason() {
        t = SteppedRig.standard(10).ready();
        CommandResult r = done(t.session.winch(0).reference(ReferenceMode.HOME_LOWER_LIMIT, 0, 0));
        assertEquals(CommandResult.Outcome.REFUSED, r.outcome());
        assertEquals(NackReason.OUT_OF_RANGE, r.nackReason());
        assertEquals(3, r.nackDetail(), "field 3: homingSpeedCountsPerS");
        assertTrue(r.description().contains("OUT_OF_RANGE") && r.description().contains("field 3"), r.description());
    }

    @Test
    void setPointsFromAnotherThreadAreSentByTheOwnerAndOnlyTheNewestOne() throws InterruptedException {
        t = SteppedRig.standard(11).ready();
        Thread controller = new Thread(() -> {
            t.session.winch(1).setPoint(1000, 0);
            t.session.winch(1).setPoint(2000, 0);
        });
        controller.start();
        controller.join();
        int before = (int) t.sent.types().stream().filter(MessageType.SET_POINT::equals).count();
        t.step(1);
        int after = (int) t.sent.types().stream().filter(MessageType.SET_POINT::equals).count();
        assertEquals(1, after - before, "one SET_POINT: the newest");
    }

    @Test
    void aThrowingListenerIsCountedAndTheSessionGoesOn() {
        t = SteppedRig.standard(12).ready();
        AtomicInteger after = new AtomicInteger();
        t.session.loadCell(1).addListener((channel, raw, status, nodeTimeUs, at) -> {
            throw new IllegalStateException("a buggy listener");
        });
        t.session.loadCell(1).addListener((channel, raw, status, nodeTimeUs, at) -> after.incrementAndGet());
        t.step(500);
        assertEquals(40, after.get(), 1, "the next listener still gets every sample");
        assertTrue(t.session.counters().listenerFailures() >= 39, t.session.counters().toString());
        assertEquals(NodeLinkState.READY, t.session.linkState());
    }

    @Test
    void closingFailsWhatWaitsAndReportsClosed() {
        t = SteppedRig.standard(13).ready();
        t.session.close();
        assertEquals(NodeLinkState.CLOSED, t.session.linkState());
        CommandResult r = done(t.session.winch(0).brake(BrakeAction.APPLY));
        assertEquals(CommandResult.Outcome.NOT_SENT, r.outcome());
    }

    // ---- helpers ----

    /** Tells the node that winch {@code w}'s encoder reads its true position, as a technician's reference would. */
    private int referenceAtTruePosition(int w) {
        int counts = (int) Math.round(t.truePositionMm(w) * TestRigs.countsPerMm(w));
        CommandResult r = done(t.session.winch(w).reference(ReferenceMode.SET_POSITION, counts, 0));
        assertTrue(r.accepted(), r.description());
        t.step(20);
        return counts;
    }

    /** Steps until the future completes (at most 500 ms) and returns its result. */
    private CommandResult done(CompletableFuture<CommandResult> f) {
        t.stepUntil(f::isDone, 500);
        CommandResult r = f.getNow(null);
        assertNotNull(r, "no answer within 500 ms");
        return r;
    }

    private void streamFor(Runnable controlLoop, long millis) {
        for (long ms = 0; ms < millis; ms++) {
            if (ms % 10 == 0) {
                controlLoop.run();
            }
            t.step(1);
        }
    }

    private boolean streamUntil(Runnable controlLoop, java.util.function.BooleanSupplier condition, long millis) {
        for (long ms = 0; ms < millis; ms++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (ms % 10 == 0) {
                controlLoop.run();
            }
            t.step(1);
        }
        return condition.getAsBoolean();
    }
}
