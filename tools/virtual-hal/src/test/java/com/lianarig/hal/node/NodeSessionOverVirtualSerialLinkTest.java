package com.lianarig.hal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.hal.CommandResult;
import com.lianarig.hal.LoadCellChannel;
import com.lianarig.hal.serial.SerialLinkState;
import com.lianarig.hal.serial.SerialSettings;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.link.LinkFault;
import com.lianarig.sim.RealTimeRunner;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.hal.VirtualSerialLink;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo mode's wiring on the wall clock: the standard virtual rig run by {@link RealTimeRunner},
 * a {@link VirtualSerialLink} over its in-process cable, a threaded {@link NodeSession}. Timing is
 * tolerant as in {@link NodeSessionOverPtyTest} (a shared 2-core machine).
 */
@Timeout(30)
class NodeSessionOverVirtualSerialLinkTest {
    private static final long MS = 1_000_000L;

    private VirtualRig rig;
    private RealTimeRunner runner;
    private VirtualSerialLink link;
    private NodeSession session;
    private RecordingNodeListener events;

    @BeforeEach
    void startRigAndSession() {
        rig = VirtualRig.standardInProcess(41);
        runner = new RealTimeRunner(rig);
        runner.start();
        link = VirtualSerialLink.toNode(rig, 0, SerialSettings.defaults());
        events = new RecordingNodeListener(System::nanoTime);
        session = new NodeSession(TestRigs.standardSetup(), link, TestRigs.REAL_TIME_TIMING, events, System::nanoTime);
    }

    @AfterEach
    void tearDown() {
        session.close();
        runner.close();
        rig.close();
    }

    @Test
    void theSessionIsReadyWithin2sAndSamplesFlow() {
        long startedAt = System.nanoTime();
        session.start();
        assertTrue(await(() -> session.linkState() == NodeLinkState.READY, 2_000),
                session.linkState() + ": " + session.linkStateReason() + " " + events.states());
        long readyMs = (System.nanoTime() - startedAt) / MS;
        assertEquals("VR-0001", session.nodeInfo().orElseThrow().serial());

        AtomicIntegerArray samples = new AtomicIntegerArray(4);
        for (LoadCellChannel c : session.loadCells()) {
            c.addListener((channel, raw, status, nodeTimeUs, at) -> samples.incrementAndGet(channel));
        }
        sleepMs(500);
        for (int ch = 0; ch < 4; ch++) {
            assertTrue(samples.get(ch) >= 20, "channel " + ch + ": " + samples.get(ch) + " samples in 0.5 s at 80 Hz");
        }
        System.out.printf("over the virtual serial link: READY %d ms after start; %d samples on channel 0 in 0.5 s%n",
                readyMs, samples.get(0));
        assertEquals(List.of(), events.faults());
    }

    @Test
    void theOwnerStartTaskRunsOnceOnTheOwnerThreadBeforeTheSessionWorks() throws Exception {
        java.util.concurrent.CompletableFuture<String> ranOn = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        session.onOwnerStart(() -> {
            runs.incrementAndGet();
            ranOn.complete(Thread.currentThread().getName() + " owner=" + session.onOwnerThread()
                    + " state=" + session.linkState());
        });
        session.start();
        String seen = ranOn.get(2, TimeUnit.SECONDS);
        assertTrue(seen.startsWith("node-") && seen.contains("owner=true"), seen);
        assertTrue(await(() -> session.linkState() == NodeLinkState.READY, 2_000),
                session.linkState() + ": " + session.linkStateReason());
        assertEquals(1, runs.get());
    }

    @Test
    void aFailingOwnerStartTaskDoesNotStopTheSession() {
        session.onOwnerStart(() -> {
            throw new IllegalStateException("refused on purpose");
        });
        session.start();
        assertTrue(await(() -> session.linkState() == NodeLinkState.READY, 2_000),
                session.linkState() + ": " + session.linkStateReason());
    }

    @Test
    void anUnplugIsReportedLostAndAfterTheReplugAndAClearShutdownTheSessionIsReadyAgain() {
        session.start();
        assertTrue(await(() -> session.linkState() == NodeLinkState.READY, 2_000), session.linkStateReason());

        long pulledAt = System.nanoTime();
        rig.port(0).unplugged(true);
        assertTrue(await(() -> events.faultKinds().contains(LinkFault.Kind.PORT_LOST), 1_000),
                events.faults().toString());
        LinkFault lost = events.faults().get(0).fault();
        assertEquals(LinkFault.Kind.PORT_LOST, lost.kind(), "the port, not the node's silence: " + events.faults());
        assertTrue(lost.detail().contains("unplugged"), lost.detail());
        long lostMs = (events.faults().get(0).atNanos() - pulledAt) / MS;
        assertEquals(NodeLinkState.PORT_DOWN, session.linkState());
        assertTrue(link.state() != SerialLinkState.OPEN, link.state() + ": " + link.reason());
        // out long enough for the node's 200 ms heartbeat watchdog: its sticky shutdown
        assertTrue(await(() -> rig.locked(() -> rig.node(0).state()) == NodeState.SHUTDOWN, 1_000));

        long pluggedAt = System.nanoTime();
        rig.port(0).unplugged(false);
        assertTrue(await(() -> session.linkStateReason().contains("sticky shutdown"), 5_000),
                session.linkState() + ": " + session.linkStateReason());
        assertEquals(NodeLinkState.CONFIGURING, session.linkState(), "hal never clears a shutdown by itself");
        assertEquals(2, events.identified().size(), "identified again after the replug");

        CommandResult cleared = answer(session.clearShutdown());
        assertTrue(cleared.accepted(), cleared.description());
        assertTrue(await(() -> session.linkState() == NodeLinkState.READY, 2_000), session.linkStateReason());
        long readyMs = (System.nanoTime() - pluggedAt) / MS;
        System.out.printf("over the virtual serial link: PORT_LOST %d ms after the unplug; READY again %d ms after"
                + " the replug (with CLEAR_SHUTDOWN)%n", lostMs, readyMs);
        List<NodeLinkState> states = events.stateSequence();
        assertEquals(NodeLinkState.READY, states.get(states.size() - 1));
        assertTrue(states.lastIndexOf(NodeLinkState.PORT_DOWN) < states.lastIndexOf(NodeLinkState.READY), states.toString());
    }

    private static CommandResult answer(java.util.concurrent.CompletableFuture<CommandResult> f) {
        try {
            return f.get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer within 3 s", e);
        }
    }

    private static boolean await(BooleanSupplier condition, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * MS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            sleepMs(2);
        }
        return true;
    }

    private static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
