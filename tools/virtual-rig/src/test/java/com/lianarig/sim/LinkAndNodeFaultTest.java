package com.lianarig.sim;

import static com.lianarig.sim.SimHost.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.Brake;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.ClearShutdown;
import com.lianarig.protocol.ConfigureNode;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.NodeStatus;
import com.lianarig.protocol.Stop;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import com.lianarig.protocol.link.HostLinkSession;
import com.lianarig.protocol.link.LinkFault;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.Exercise;
import com.lianarig.sim.physics.VirtualClient;
import com.lianarig.sim.physics.WinchParams;
import com.lianarig.sim.physics.WinchSim;
import org.junit.jupiter.api.Test;

/** Faults of the cable and of the node itself, judged on the rig's true state. */
class LinkAndNodeFaultTest {

    private static boolean bothBrakes(WinchSim w) {
        return w.brakeEngaged(BrakeId.MOTOR) && w.brakeEngaged(BrakeId.DRUM);
    }

    /**
     * Runs a configured, braked rig on a bad line for {@code seconds}: the host streams set-points far
     * from where the winches are (ignored while BRAKED) and a STOP every second, and checks every
     * 100 ms that nothing moved, no winch left BRAKED and the link stayed READY.
     */
    private static void runBraked(SimHost host, int seconds) {
        double[] startMm = new double[3];
        for (int w = 0; w < 3; w++) {
            startMm[w] = host.rig.physics().winch(w).positionMm();
        }
        int[] far = new int[3];
        for (int w = 0; w < 3; w++) {
            far[w] = host.rig.node(0).winchPosition(w) + (int) (300 * SimHost.countsPerMm(w));
        }
        for (int ms = 0; ms < seconds * 1000; ms++) {
            if (ms % 10 == 0) {
                for (int w = 0; w < 3; w++) {
                    host.session.sendSetPoint(w, far[w], 0);
                }
            }
            if (ms % 1000 == 500) {
                host.send(new Stop(0b111, StopCategory.CAT_1));
            }
            host.step(1);
            if (ms % 100 == 0) {
                assertEquals(HostLinkSession.State.READY, host.session.state(), "at " + ms + " ms: " + host.faults);
                for (int w = 0; w < 3; w++) {
                    assertEquals(WinchState.BRAKED, host.rig.node(0).winchState(w), "winch " + w + " at " + ms + " ms");
                    assertEquals(startMm[w], host.rig.physics().winch(w).positionMm(), 1e-9, "winch " + w + " moved");
                }
            }
        }
        host.step(200);
    }

    @Test
    void bitErrorsAt1e4AreCountedAndNoCorruptedFrameIsActedOn() {
        SimHost host = SimHost.standard(41).configured();
        host.rig.locked(() -> {
            host.rig.physics().client(VirtualClient.reference(70, 1750), Exercise.INVERTED_HANG);
            return null;
        });
        long nodeCrcBefore = host.rig.node(0).decoder().badCrc();
        int answersBefore = host.answers.size();

        Faults.bitErrors(host.rig, 1e-4);
        runBraked(host, 60);

        long flippedToHost = host.link.toHostFaults().flippedBits();
        long flippedToNode = host.link.toNodeFaults().flippedBits();
        assertTrue(flippedToHost > 300, "bits flipped toward the host: " + flippedToHost);
        assertTrue(flippedToNode > 30, "bits flipped toward the node: " + flippedToNode);
        assertTrue(host.decoder().badCrc() > 0.5 * flippedToHost,
                "the host's decoder rejected them: " + host.decoder());
        long nodeCrc = host.rig.node(0).decoder().badCrc() - nodeCrcBefore;
        assertTrue(nodeCrc > 0.5 * flippedToNode, "the node's decoder rejected them: " + host.rig.node(0).decoder());
        NodeStatus last = host.nodeStatuses().get(host.nodeStatuses().size() - 1);
        assertTrue(last.rxCrcErrors() > 0, "NODE_STATUS reports the node's CRC errors: " + last);
        assertTrue(host.faults.isEmpty(), "no link fault: " + host.faults);
        assertTrue(host.faultReports().isEmpty(), "no node protection event: " + host.faultReports());
        var answers = host.answers.subList(answersBefore, host.answers.size());
        assertEquals(60, answers.size(), "one answer per STOP: " + answers);
        assertTrue(answers.stream().allMatch(a -> a.equals("ack STOP")), "every STOP acked: " + answers);
        assertEquals(NodeState.RUNNING, host.rig.node(0).state(), "heartbeats got through");
    }

    @Test
    void droppedBytesAreResynchronisedAndNothingMoves() {
        SimHost host = SimHost.standard(42).configured();

        Faults.dropBytes(host.rig, 1e-3);
        runBraked(host, 20);

        long dropped = host.link.toHostFaults().droppedBytes() + host.link.toNodeFaults().droppedBytes();
        assertTrue(dropped > 100, "bytes dropped: " + dropped);
        assertTrue(host.decoder().drops() > 0, "the host's decoder skipped broken frames: " + host.decoder());
        assertTrue(host.session.lostFrames() > 0, "the host counts the frames lost: " + host.session.lostFrames());
        assertTrue(host.faults.isEmpty(), "no link fault: " + host.faults);
        assertEquals(NodeState.RUNNING, host.rig.node(0).state());
    }

    @Test
    void aNodeResetMidMotionBrakesLosesTheReferenceAndNothingMovesByItself() {
        SimHost host = SimHost.standard(43).configured();
        double c = SimHost.countsPerMm(0);
        WinchSim winch = host.rig.physics().winch(0);
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        assertTrue(host.status(0).referenced());
        int start = host.rig.node(0).winchPosition(0);
        host.stream(0, 1_000, ms -> (int) (start + 40 * c * ms / 1000.0), (int) (40 * c));
        assertTrue(winch.velocityMmPerS() > 30, "moving up: " + winch.velocityMmPerS() + " mm/s");

        Faults.nodeReset(host.rig, 0);
        // The host keeps streaming where it was going: the restarted node must not follow.
        int stale = host.rig.node(0).winchPosition(0);
        host.stream(0, 5, ms -> stale, (int) (40 * c));
        assertTrue(host.faults.stream().anyMatch(f -> f.kind() == LinkFault.Kind.NODE_RESET), host.faults.toString());
        assertEquals(HostLinkSession.State.READY, host.session.state(), "identified again: " + host.faults);
        host.send(new ConfigureNode(80, 100, 50, 200, 0x0F)); // the owner configures at once, or NODE_SILENT
        host.stream(0, (long) Math.ceil(winch.params().brakeEngageS() * 1000) - 3, ms -> stale, (int) (40 * c));

        assertTrue(bothBrakes(winch), "brakes applied by the restart within their engage delay");
        assertEquals(0, winch.velocityMmPerS(), 1e-9);
        double stoppedMm = winch.positionMm();
        host.send(SimHost.winchConfig(0, WinchParams.legStrap()));
        int statuses = host.of(WinchStatus.class).size();
        host.stream(0, 2_000, ms -> stale, 0);

        WinchStatus s = host.status(0);
        assertTrue(host.of(WinchStatus.class).size() > statuses, "streaming again after reconfiguring");
        assertFalse(s.referenced(), "the position is unreferenced after the reset");
        assertEquals(WinchState.BRAKED, s.state(), "braked, set-points ignored");
        assertEquals(stoppedMm, winch.positionMm(), 1e-9, "nothing moved by itself in 2 s");
    }

    @Test
    void aNodeResetCanRestartTheEncoderCounterAtZeroOrAtAnArbitraryCount() {
        SimHost host = SimHost.standard(46).configured();
        WinchSim left = host.rig.physics().winch(0);
        WinchSim right = host.rig.physics().winch(1);
        double leftMm = left.positionMm();
        double offsetBefore = left.encoderOffsetCounts();

        Faults.nodeReset(host.rig, 0, VirtualRig.EncoderRestart.ZERO);
        host.step(5);
        assertEquals(0, left.encoderCounts(), 1, "counter cleared at boot: 0 where the rope is");
        assertEquals(0, right.encoderCounts(), 1);
        assertEquals(leftMm, left.positionMm(), 1e-9, "the rope did not move");
        assertNotEquals(offsetBefore, left.encoderOffsetCounts(), "the count no longer says the true position");

        Faults.nodeReset(host.rig, 0, VirtualRig.EncoderRestart.RANDOM);
        host.step(5);
        assertTrue(Math.abs(left.encoderOffsetCounts()) > 1, "an arbitrary count: " + left.encoderCounts());
        assertEquals(leftMm, left.positionMm(), 1e-9);
    }

    @Test
    void aNodeResetRestartsTheReceiveErrorCountersItReportsSinceStart() {
        SimHost host = SimHost.standard(45).configured();
        host.link.toNodeFaults().bitErrorRate(1e-3);
        host.step(2_000);
        host.link.toNodeFaults().bitErrorRate(0);
        host.step(200);
        NodeStatus before = host.nodeStatuses().get(host.nodeStatuses().size() - 1);
        assertTrue(before.rxCrcErrors() > 0, "CRC errors counted: " + before);

        Faults.nodeReset(host.rig, 0);
        host.step(5);
        host.send(new ConfigureNode(80, 100, 50, 200, 0x0F));
        host.step(300);

        NodeStatus after = host.nodeStatuses().get(host.nodeStatuses().size() - 1);
        assertEquals(NodeState.RUNNING, after.state());
        assertEquals(0, after.rxCrcErrors(), "counted since the node's start: " + after);
        assertEquals(0, after.rxOtherDrops(), "counted since the node's start: " + after);
    }

    @Test
    void anUnpluggedCableShutsTheNodeDownAndAfterReplugItStaysShutDownUntilCleared() {
        SimHost host = SimHost.standard(44).configured();
        WinchSim winch = host.rig.physics().winch(0);
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        int hold = host.rig.node(0).winchPosition(0);
        host.stream(0, 200, ms -> hold, 0);
        long lastHeartbeatArrives = host.lastHeartbeatSentNanos + MS;

        Faults.unplug(host.rig, 2.0);
        long shutdownAt = -1;
        long silentAt = -1;
        for (int i = 0; i < 1_000; i++) {
            host.session.sendSetPoint(0, hold, 0);
            host.step(1);
            if (silentAt < 0 && host.faults.stream().anyMatch(f -> f.kind() == LinkFault.Kind.NODE_SILENT)) {
                silentAt = host.now;
            }
            if (shutdownAt < 0 && host.rig.node(0).state() == NodeState.SHUTDOWN) {
                shutdownAt = host.now;
            }
        }

        assertTrue(silentAt > 0, "the host saw NODE_SILENT: " + host.faults);
        assertEquals(HostLinkSession.State.FAULTED, host.session.state());
        long afterMs = (shutdownAt - lastHeartbeatArrives) / MS;
        assertTrue(afterMs >= 199 && afterMs <= 201, "watchdog shutdown " + afterMs + " ms after the last heartbeat");
        assertEquals(WinchState.SHUTDOWN, host.rig.node(0).winchState(0));
        assertTrue(bothBrakes(winch));
        double heldMm = winch.positionMm();

        host.step(1_100); // replugged 2 s after the unplug
        assertFalse(host.link.toHostFaults().unplugged(), "plugged back in");
        host.session.restart(host.now);
        host.step(500);

        assertEquals(HostLinkSession.State.READY, host.session.state(), "identified again: " + host.faults);
        assertEquals(NodeState.SHUTDOWN, host.rig.node(0).state(), "sticky: heartbeats alone do not clear it");
        NodeStatus status = host.nodeStatuses().get(host.nodeStatuses().size() - 1);
        assertEquals(NodeState.SHUTDOWN, status.state(), "the host sees it in NODE_STATUS");
        assertEquals(NodeFault.HEARTBEAT_TIMEOUT, status.lastShutdownCause(), "its FAULT_REPORT was lost on the cable");
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(10);
        assertTrue(host.lastAnswer().startsWith("nack BRAKE SHUTDOWN_ACTIVE"), host.lastAnswer());
        assertEquals(heldMm, winch.positionMm(), 1e-9, "nothing moved");

        host.send(new ClearShutdown());
        host.step(10);
        assertEquals("ack CLEAR_SHUTDOWN", host.lastAnswer());
        assertEquals(NodeState.RUNNING, host.rig.node(0).state());
        assertEquals(WinchState.BRAKED, host.rig.node(0).winchState(0), "cleared into BRAKED");
    }
}
