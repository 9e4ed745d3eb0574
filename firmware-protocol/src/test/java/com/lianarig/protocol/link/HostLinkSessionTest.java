package com.lianarig.protocol.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.Ack;
import com.lianarig.protocol.Brake;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.ChannelStatus;
import com.lianarig.protocol.ClearShutdown;
import com.lianarig.protocol.ConfigureNode;
import com.lianarig.protocol.Heartbeat;
import com.lianarig.protocol.IdentifyRequest;
import com.lianarig.protocol.LoadSamples;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.Nack;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.NodeStatus;
import com.lianarig.protocol.ProtocolDefinition;
import com.lianarig.protocol.SetPoint;
import com.lianarig.protocol.Stop;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host link session on a fake clock against a scripted node (PROTOCOL.md sections 5 and 6). */
class HostLinkSessionTest {
    private static final long MS = 1_000_000L;
    private static final long BOOT_ID = 0x1234_5678L;

    private final ScriptedNode node = new ScriptedNode();
    private final RecordingListener listener = new RecordingListener();
    private final HostLinkSession session =
            new HostLinkSession(ScriptedNode.ADDRESS, LinkTiming.DEFAULTS, node, listener);
    private long nowNanos = 1_000 * MS;

    private void advance(long millis) {
        for (long i = 0; i < millis; i++) {
            nowNanos += MS;
            session.poll(nowNanos);
        }
    }

    private void receive(com.lianarig.protocol.Message m) {
        session.onFrame(node.frame(m), nowNanos);
    }

    private void ready() {
        session.start(nowNanos);
        receive(ScriptedNode.identify(BOOT_ID));
        assertEquals(HostLinkSession.State.READY, session.state());
        node.sent.clear();
    }

    /** Keeps the node audible while time passes, as a streaming node would be. */
    private void advanceWithNodeStreaming(long millis) {
        for (long i = 0; i < millis; i++) {
            nowNanos += MS;
            if (i % 10 == 0) {
                receive(status());
            }
            session.poll(nowNanos);
        }
    }

    private static NodeStatus status() {
        return new NodeStatus(0, NodeState.RUNNING, NodeFault.NONE, 0, 0);
    }

    @Test
    void startSendsIdentifyRequestWithOwnVersionAndHash() {
        session.start(nowNanos);

        IdentifyRequest request = (IdentifyRequest) node.last().message();
        assertEquals(ProtocolDefinition.PROTOCOL_VERSION, request.protocolVersion());
        assertEquals(ProtocolDefinition.HASH, request.definitionHash());
        assertEquals(HostLinkSession.State.IDENTIFYING, session.state());
    }

    @Test
    void matchingIdentifyMakesTheLinkReadyAndStartsHeartbeatsEvery50Ms() {
        ready();

        advanceWithNodeStreaming(200);

        List<ScriptedNode.Sent> heartbeats = node.sentOf(Heartbeat.class);
        assertEquals(4, heartbeats.size(), "one heartbeat per 50 ms over 200 ms: " + node.sent);
        assertEquals("LN-0042", listener.identified.serial());
        assertEquals("LN-0042", session.identity().serial());
    }

    @Test
    void definitionHashMismatchIsRefusedNamingBothHashesAndNothingIsSentAgain() {
        session.start(nowNanos);
        long otherHash = ProtocolDefinition.HASH ^ 0x5A5A_5A5AL;
        receive(ScriptedNode.identify(ProtocolDefinition.PROTOCOL_VERSION, otherHash, BOOT_ID));

        assertEquals(HostLinkSession.State.REFUSED, session.state());
        LinkFault fault = listener.faults.get(0);
        assertEquals(LinkFault.Kind.DEFINITION_MISMATCH, fault.kind());
        assertTrue(fault.detail().contains(String.format("%08X", otherHash)), fault.detail());
        assertTrue(fault.detail().contains(String.format("%08X", ProtocolDefinition.HASH)), fault.detail());

        int sentBefore = node.sent.size();
        advance(1_000);
        assertEquals(sentBefore, node.sent.size(), "a refused link sends no heartbeat, no retry");
        assertThrows(IllegalStateException.class, () -> session.submit(new ClearShutdown(), nowNanos));
        assertEquals(-1, session.submit(new Stop(1, StopCategory.CAT_0), nowNanos));
        assertEquals(sentBefore, node.sent.size(), "not even a STOP goes to a node of another protocol");
        assertNull(session.identity());
    }

    @Test
    void protocolVersionMismatchIsRefused() {
        session.start(nowNanos);
        receive(ScriptedNode.identify(ProtocolDefinition.PROTOCOL_VERSION - 1, ProtocolDefinition.HASH, BOOT_ID)); // a node of the previous version

        assertEquals(HostLinkSession.State.REFUSED, session.state());
        assertEquals(LinkFault.Kind.PROTOCOL_VERSION_MISMATCH, listener.faults.get(0).kind());
    }

    @Test
    void identifyIsRetriedEvery100MsThenTheLinkFaults() {
        session.start(nowNanos);

        advance(999);
        assertEquals(10, node.sentOf(IdentifyRequest.class).size());
        assertEquals(HostLinkSession.State.IDENTIFYING, session.state());

        advance(1);
        assertEquals(HostLinkSession.State.FAULTED, session.state());
        assertEquals(LinkFault.Kind.NO_IDENTIFY, session.fault().kind());
    }

    @Test
    void lostAckIsRetransmittedWithIdenticalBytes() {
        ready();
        int seq = session.submit(new ConfigureNode(80, 100, 50, 200, 0x0F), nowNanos);
        byte[] first = node.last().bytes();

        advanceWithNodeStreaming(25);

        List<ScriptedNode.Sent> configures = node.sentOf(ConfigureNode.class);
        assertEquals(2, configures.size(), "retransmitted once after 25 ms");
        assertArrayEquals(first, configures.get(1).bytes());
        assertEquals(seq, configures.get(1).seq());

        receive(new Ack(seq, MessageType.CONFIGURE_NODE.code()));
        advanceWithNodeStreaming(100);
        assertEquals(2, node.sentOf(ConfigureNode.class).size(), "no retransmission once acknowledged");
        assertEquals(List.of("identified LN-0042", "ack 0 CONFIGURE_NODE"), listener.events);
        assertEquals(1, session.retransmissions());
    }

    @Test
    void allRetransmissionsUnansweredFaultTheLinkAndLoseTheCommand() {
        ready();
        session.submit(new Brake(0, BrakeAction.RELEASE), nowNanos);

        advanceWithNodeStreaming(99);
        assertEquals(4, node.sentOf(Brake.class).size(), "sent once and retransmitted three times");
        assertEquals(HostLinkSession.State.READY, session.state());

        advanceWithNodeStreaming(1);
        assertEquals(HostLinkSession.State.FAULTED, session.state());
        assertEquals(LinkFault.Kind.ACK_TIMEOUT, session.fault().kind());
        assertTrue(listener.events.contains("lost 0 BRAKE ACK_TIMEOUT"), listener.events.toString());

        int sentBefore = node.sent.size();
        advance(500);
        assertEquals(sentBefore, node.sent.size(), "a faulted link stops its heartbeats so the node shuts down");
    }

    @Test
    void duplicateFrameIsIgnored() {
        ready();
        int seq = node.nextSeq();
        session.onFrame(node.frameWithSeq(status(), seq), nowNanos);
        session.onFrame(node.frameWithSeq(status(), seq), nowNanos);

        assertEquals(List.of(MessageType.NODE_STATUS), listener.frames);
        assertEquals(1, session.duplicateFrames());
    }

    @Test
    void duplicateAckIsIgnoredAndReportedOnce() {
        ready();
        int seq = session.submit(new ClearShutdown(), nowNanos);

        receive(new Ack(seq, MessageType.CLEAR_SHUTDOWN.code()));
        receive(new Ack(seq, MessageType.CLEAR_SHUTDOWN.code()));

        assertEquals(1, listener.events.stream().filter(e -> e.startsWith("ack")).count());
        assertEquals(1, session.strayAnswers());
    }

    @Test
    void ackNamingAnotherMessageDoesNotAcknowledge() {
        ready();
        int seq = session.submit(new ClearShutdown(), nowNanos);

        receive(new Ack(seq, MessageType.BRAKE.code()));

        assertTrue(listener.events.stream().noneMatch(e -> e.startsWith("ack")));
        advanceWithNodeStreaming(25);
        assertEquals(2, node.sentOf(ClearShutdown.class).size(), "still outstanding, so retransmitted");
    }

    @Test
    void nackIsReportedWithReasonAndNotRetransmitted() {
        ready();
        int seq = session.submit(new Brake(1, BrakeAction.RELEASE), nowNanos);

        receive(new Nack(seq, MessageType.BRAKE.code(), NackReason.WRONG_STATE, WinchState.TRIPPED.code()));
        advanceWithNodeStreaming(200);

        assertEquals(1, node.sentOf(Brake.class).size());
        assertTrue(listener.events.contains("nack 0 BRAKE WRONG_STATE 5"), listener.events.toString());
    }

    @Test
    void silentNodeFaultsTheLinkAfter100Ms() {
        ready();

        advance(99);
        assertEquals(HostLinkSession.State.READY, session.state());
        advance(1);

        assertEquals(HostLinkSession.State.FAULTED, session.state());
        assertEquals(LinkFault.Kind.NODE_SILENT, session.fault().kind());
    }

    @Test
    void newBootIdMeansTheNodeRestartedAndTheSessionIdentifiesAgain() {
        ready();
        int seq = session.submit(new ClearShutdown(), nowNanos);

        receive(ScriptedNode.identify(BOOT_ID + 1));

        assertEquals(LinkFault.Kind.NODE_RESET, listener.faults.get(0).kind());
        assertTrue(listener.events.contains("lost " + seq + " CLEAR_SHUTDOWN NODE_RESET"), listener.events.toString());
        assertEquals(HostLinkSession.State.IDENTIFYING, session.state());
        assertTrue(node.last().message() instanceof IdentifyRequest);
        assertNull(session.identity());

        receive(ScriptedNode.identify(BOOT_ID + 1));
        assertEquals(HostLinkSession.State.READY, session.state());
    }

    @Test
    void restartIsSeenEvenWhenTheBootIdentifyRepeatsTheLastSeq() {
        ready();
        int seq = node.nextSeq();
        session.onFrame(node.frameWithSeq(status(), seq), nowNanos);

        // the restarted node's stream counter happens to land on the same SEQ
        session.onFrame(node.frameWithSeq(ScriptedNode.identify(BOOT_ID + 7), seq), nowNanos);

        assertEquals(LinkFault.Kind.NODE_RESET, listener.faults.get(0).kind());
    }

    @Test
    void lateIdentifyWithTheSameBootIdChangesNothing() {
        ready();
        receive(ScriptedNode.identify(BOOT_ID));

        assertEquals(HostLinkSession.State.READY, session.state());
        assertTrue(listener.faults.isEmpty());
    }

    @Test
    void nackNotIdentifiedMeansTheNodeRestarted() {
        ready();
        int seq = session.submit(new ClearShutdown(), nowNanos);

        receive(new Nack(seq, MessageType.CLEAR_SHUTDOWN.code(), NackReason.NOT_IDENTIFIED, 0));

        assertEquals(LinkFault.Kind.NODE_RESET, listener.faults.get(0).kind());
        assertEquals(HostLinkSession.State.IDENTIFYING, session.state());
    }

    @Test
    void windowHoldsBackOrdinaryCommandsButNeverStop() {
        ready();
        for (int i = 0; i < 8; i++) {
            session.submit(new Brake(0, BrakeAction.APPLY), nowNanos);
        }
        assertTrue(!session.canSubmit());
        IllegalStateException full = assertThrows(IllegalStateException.class,
                () -> session.submit(new Brake(0, BrakeAction.APPLY), nowNanos));
        assertTrue(full.getMessage().contains("window 8"), full.getMessage());

        int stopSeq = session.submit(new Stop(0xFF, StopCategory.CAT_1), nowNanos);

        assertEquals(8, stopSeq, "the STOP is tracked in a slot beyond the window");
        assertTrue(node.last().message() instanceof Stop);
    }

    @Test
    void stopsNeverTakeTheSlotsOrdinaryCommandsNeed() {
        ready();
        for (int i = 0; i < 7; i++) {
            session.submit(new Brake(0, BrakeAction.APPLY), nowNanos);
        }
        for (int i = 0; i < 20; i++) {
            session.submit(new Stop(0xFF, StopCategory.CAT_0), nowNanos);
        }

        assertTrue(session.canSubmit(), "one ordinary command still fits the window");
        int seq = session.submit(new Brake(0, BrakeAction.RELEASE), nowNanos);
        assertTrue(seq >= 0, "tracked, so retransmitted and answered: " + seq);
        assertTrue(!session.canSubmit());
    }

    @Test
    void nodeThatRestartedWhileThePortWasLostIsReportedAsReset() {
        ready();
        session.portLost(nowNanos, "unplugged");

        session.restart(nowNanos);
        receive(ScriptedNode.identify(BOOT_ID + 1));

        assertEquals(List.of(LinkFault.Kind.PORT_LOST, LinkFault.Kind.NODE_RESET),
                listener.faults.stream().map(LinkFault::kind).toList());
        assertEquals(HostLinkSession.State.READY, session.state());
    }

    @Test
    void aResetIsReportedOnceWhenTheNodeAnnouncesItWhileReady() {
        ready();
        receive(ScriptedNode.identify(BOOT_ID + 1)); // boot announce: reset seen, identifying again
        receive(ScriptedNode.identify(BOOT_ID + 1)); // the answer to the new IDENTIFY_REQUEST

        assertEquals(List.of(LinkFault.Kind.NODE_RESET), listener.faults.stream().map(LinkFault::kind).toList());
        assertEquals(HostLinkSession.State.READY, session.state());
    }

    @Test
    void aRejectedNodeGetsNoMoreHeartbeats() {
        ready();

        session.reject(nowNanos, "serial LN-0042 is not the expected VR-0001");
        advance(500);

        assertEquals(LinkFault.Kind.WRONG_NODE, session.fault().kind());
        assertTrue(node.sentOf(Heartbeat.class).isEmpty(), "its watchdog must expire: " + node.sent);
    }

    @Test
    void stopIsSentBestEffortWhileTheLinkIsFaulted() {
        ready();
        advance(100); // silent node
        assertEquals(HostLinkSession.State.FAULTED, session.state());

        assertEquals(-1, session.submit(new Stop(0xFF, StopCategory.CAT_0), nowNanos));
        assertTrue(node.last().message() instanceof Stop);
        assertThrows(IllegalStateException.class, () -> session.submit(new ClearShutdown(), nowNanos));
    }

    @Test
    void portLostFaultsTheLinkAtOnceAndLosesOutstandingCommands() {
        ready();
        int seq = session.submit(new ClearShutdown(), nowNanos);

        session.portLost(nowNanos, "read returned -1 (unplugged)");

        assertEquals(HostLinkSession.State.FAULTED, session.state());
        assertEquals(LinkFault.Kind.PORT_LOST, session.fault().kind());
        assertTrue(session.fault().detail().contains("unplugged"));
        assertTrue(listener.events.contains("lost " + seq + " CLEAR_SHUTDOWN PORT_LOST"), listener.events.toString());
        int sentBefore = node.sent.size();
        advance(200);
        assertEquals(sentBefore, node.sent.size(), "nothing is written to a lost port");

        session.restart(nowNanos);
        assertTrue(node.last().message() instanceof IdentifyRequest, "a reopened port is identified again");
    }

    @Test
    void restartAfterFaultIdentifiesAgainWithCommandSeqFromZero() {
        ready();
        session.submit(new ClearShutdown(), nowNanos);
        advance(100);
        assertEquals(HostLinkSession.State.FAULTED, session.state());

        session.restart(nowNanos);
        receive(ScriptedNode.identify(BOOT_ID));

        assertEquals(HostLinkSession.State.READY, session.state());
        assertEquals(0, session.submit(new ClearShutdown(), nowNanos));
    }

    @Test
    void lostNodeFramesAreCountedFromSeqGaps() {
        ready();
        int seq = node.nextSeq();
        session.onFrame(node.frameWithSeq(status(), seq), nowNanos);
        session.onFrame(node.frameWithSeq(status(), (seq + 4) & 0xFF), nowNanos);

        assertEquals(3, session.lostFrames());
    }

    @Test
    void framesFromAnotherNodeAddressAreIgnored() {
        ready();
        session.onFrame(node.frameFrom(ScriptedNode.ADDRESS + 1, status(), 77), nowNanos);

        assertTrue(listener.frames.isEmpty());
        assertEquals(1, session.otherAddressFrames());
    }

    @Test
    void streamFramesReachTheOwnerOnlyOnceReady() {
        session.start(nowNanos);
        LoadSamples samples = new LoadSamples(10, 0, List.of(new LoadSamples.Sample(1_000_000, ChannelStatus.OK)));
        receive(samples);
        assertTrue(listener.frames.isEmpty(), "nothing is passed up before identify");

        receive(ScriptedNode.identify(BOOT_ID));
        receive(samples);
        receive(new WinchStatus(20, 0, WinchState.BRAKED, 0, 0, 0, 0, WinchStatus.FLAG_MOTOR_BRAKE_ENGAGED
                | WinchStatus.FLAG_DRUM_BRAKE_ENGAGED, NodeFault.NONE, 0));
        assertEquals(List.of(MessageType.LOAD_SAMPLES, MessageType.WINCH_STATUS), listener.frames);
    }

    @Test
    void setPointsAreStreamedWithConsecutiveStreamSeqAndNeverAcknowledged() {
        ready();
        assertTrue(session.sendSetPoint(1, -2_000, -1_000));
        assertTrue(session.sendSetPoint(1, -2_010, -1_000));

        List<ScriptedNode.Sent> setPoints = node.sentOf(SetPoint.class);
        assertEquals(new SetPoint(1, -2_000, -1_000), setPoints.get(0).message());
        assertEquals(new SetPoint(1, -2_010, -1_000), setPoints.get(1).message());
        assertEquals((setPoints.get(0).seq() + 1) & 0xFF, setPoints.get(1).seq());
        advanceWithNodeStreaming(100);
        assertEquals(2, node.sentOf(SetPoint.class).size());
    }

    @Test
    void setPointsAreNotSentUnlessReady() {
        session.start(nowNanos);
        assertTrue(!session.sendSetPoint(0, 0, 0));
        assertTrue(node.sentOf(SetPoint.class).isEmpty());
    }
}
