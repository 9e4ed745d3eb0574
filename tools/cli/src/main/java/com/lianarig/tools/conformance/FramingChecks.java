package com.lianarig.tools.conformance;

import com.lianarig.protocol.ClearShutdown;
import com.lianarig.protocol.FrameFormat;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.NodeStatus;
import com.lianarig.protocol.Reference;
import com.lianarig.protocol.ReferenceMode;
import com.lianarig.protocol.Stop;
import com.lianarig.protocol.StopCategory;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CRC, resynchronisation and duplicate handling (PROTOCOL.md sections 3, 4 and 5.3). Each check sends
 * REFERENCE SET_POSITION frames to a braked winch, whose effect (the position the winch then reports)
 * shows whether the node acted on a frame, without moving anything.
 */
final class FramingChecks {
    private FramingChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("R1", "3, 4", "a frame with one flipped bit is not acted on, not answered, counted", false,
                        FramingChecks::flippedBit),
                new Check("R2", "4, 5.3", "the intact frame with the same SEQ is then executed", false,
                        FramingChecks::intactAfterFlipped),
                new Check("R3", "4", "after garbage and false syncs the next frame is found and answered", false,
                        FramingChecks::garbage),
                new Check("R4", "4, 11", "a frame arriving byte by byte is answered", false,
                        FramingChecks::byteByByte),
                new Check("R5", "4, 11", "a frame with a lost byte is dropped; the next frame is found", false,
                        FramingChecks::lostByte),
                new Check("D1", "5.3", "a retransmission after 15 other commands: same answer, not re-executed",
                        false, FramingChecks::retransmission),
                new Check("D2", "5.3", "STOP: executed when a duplicate, never pushes commands out of history",
                        false, FramingChecks::stopNotInHistory),
                new Check("D3", "5.3, 6.2, 12.9", "IDENTIFY_REQUEST clears the history and keeps RUNNING", false,
                        FramingChecks::identifyClearsHistory));
    }

    /** The frame of REFERENCE SET_POSITION to {@code positionCounts} for the test winch, with {@code seq}. */
    private static byte[] referenceFrame(Session s, int seq, int positionCounts) {
        return NodeProbe.frame(s.probe().address(), false, seq, MessageType.REFERENCE.code(),
                NodeProbe.payload(new Reference(s.winch(), ReferenceMode.SET_POSITION, positionCounts, 0)));
    }

    /** Sends a REFERENCE frame as built and waits for its answer. */
    private static NodeProbe.Answer sendReference(Session s, byte[] frame, int seq) throws InterruptedException {
        NodeProbe.Answer a = s.probe().awaitAnswer(s.probe().sendRaw(frame, seq, MessageType.REFERENCE.code()),
                Session.ANSWER_WAIT_NANOS);
        MessageChecks.settleAfterReference(s);
        return a;
    }

    /** The position the winch reports after REFERENCE to {@code positionCounts} (must be acknowledged). */
    private static void referenceTo(Session s, int positionCounts) throws InterruptedException {
        if (MessageChecks.reference(s, positionCounts) == null) {
            throw new Session.Unmet("REFERENCE SET_POSITION was not acknowledged");
        }
    }

    /** No ACK or NACK for (seq, REFERENCE) within 200 ms plus the allowance. */
    private static boolean unanswered(Session s, int mark, int seq) throws InterruptedException {
        return s.probe().awaitAnyAnswer(mark, seq, MessageType.REFERENCE.code(), s.settings().limitNanos(200)) == null;
    }

    private static Verdict flippedBit(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        referenceTo(s, 200_000);
        NodeStatus before = s.nodeStatus();
        int seq = s.probe().nextCommandSeq();
        byte[] bad = referenceFrame(s, seq, 300_000);
        bad[FrameFormat.OFFSET_PAYLOAD + 2] ^= 0x01; // one bit of positionCounts: the CRC no longer matches
        s.rememberCorrupted(seq, bad);
        int mark = s.probe().mark();
        s.probe().sendRaw(bad, seq, MessageType.REFERENCE.code());
        boolean silent = unanswered(s, mark, seq);
        int position = s.position();
        NodeStatus after = s.nodeStatus();
        int crcDelta = before == null || after == null ? -1 : after.rxCrcErrors() - before.rxCrcErrors();
        boolean ok = silent && MessageChecks.near(position, 200_000) && crcDelta >= 1;
        String measured = (silent ? "no answer" : "answered") + ", position " + position + ", rxCrcErrors +"
                + crcDelta;
        return Verdict.of(ok, measured, "no answer, 200000, +1",
                !silent ? "a frame with a bad CRC was answered"
                        : !MessageChecks.near(position, 200_000) ? "a frame with a bad CRC was acted on"
                        : "NODE_STATUS rxCrcErrors did not count the bad frame");
    }

    private static Verdict intactAfterFlipped(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        byte[] lastBad = s.lastCorrupted();
        if (lastBad == null) {
            throw new Session.Unmet("R1 did not run");
        }
        int seq = s.lastCorruptedSeq();
        NodeProbe.Answer a = sendReference(s, referenceFrame(s, seq, 300_000), seq);
        int position = s.position();
        boolean ok = a != null && a.ack() && MessageChecks.near(position, 300_000);
        return Verdict.of(ok, (a == null ? "no answer" : a.describe()) + ", position " + position, "ACK, 300000",
                "the intact frame must be executed: the corrupted one may not enter the duplicate history");
    }

    private static Verdict garbage(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        NodeStatus before = s.nodeStatus();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 32; i++) {
            int b = random.nextInt(256);
            bytes.write(b == FrameFormat.SYNC_0 ? 0x00 : b);
        }
        bytes.writeBytes(new byte[] {(byte) 0xA5, 0x5A, (byte) 0xFF, 0x01, 0x00, 0x20}); // LEN 255: impossible
        bytes.writeBytes(new byte[] {(byte) 0xA5, 0x5A, 0x0A, 0x01, 0x00, 0x02, 0x00, 0x00}); // plausible, no CRC
        int seq = s.probe().nextCommandSeq();
        bytes.writeBytes(referenceFrame(s, seq, 400_000));
        NodeProbe.Answer a = sendReference(s, bytes.toByteArray(), seq);
        int position = s.position();
        NodeStatus after = s.nodeStatus();
        int drops = before == null || after == null ? -1 : after.rxOtherDrops() - before.rxOtherDrops();
        boolean ok = a != null && a.ack() && MessageChecks.near(position, 400_000) && drops > 0;
        return Verdict.of(ok, (a == null ? "no answer" : a.describe()) + ", position " + position
                        + ", rxOtherDrops +" + drops, "ACK, 400000, > 0",
                a == null || !a.ack() ? "the frame after the garbage was not found"
                        : drops <= 0 ? "NODE_STATUS rxOtherDrops did not count the garbage" : "not executed");
    }

    private static Verdict byteByByte(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        int seq = s.probe().nextCommandSeq();
        NodeProbe.Sent sent = s.probe().sendSlowly(referenceFrame(s, seq, 500_000), seq, MessageType.REFERENCE.code(),
                2_000_000L);
        NodeProbe.Answer a = s.probe().awaitAnswer(sent, Session.ANSWER_WAIT_NANOS);
        MessageChecks.settleAfterReference(s);
        int position = s.position();
        boolean ok = a != null && a.ack() && MessageChecks.near(position, 500_000);
        return Verdict.of(ok, (a == null ? "no answer" : a.describe()) + ", position " + position, "ACK, 500000",
                "a frame that arrives in pieces must be kept until it is whole (an incomplete frame consumes nothing)");
    }

    private static Verdict lostByte(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        int lostSeq = s.probe().nextCommandSeq();
        byte[] full = referenceFrame(s, lostSeq, 600_000);
        byte[] truncated = new byte[full.length - 1];
        System.arraycopy(full, 0, truncated, 0, 8);
        System.arraycopy(full, 9, truncated, 8, full.length - 9); // payload byte 2 lost
        int seq = s.probe().nextCommandSeq();
        byte[] next = referenceFrame(s, seq, 700_000);
        byte[] both = new byte[truncated.length + next.length];
        System.arraycopy(truncated, 0, both, 0, truncated.length);
        System.arraycopy(next, 0, both, truncated.length, next.length);
        int mark = s.probe().mark();
        NodeProbe.Answer a = sendReference(s, both, seq);
        boolean lostSilent = unanswered(s, mark, lostSeq);
        int position = s.position();
        boolean ok = a != null && a.ack() && lostSilent && MessageChecks.near(position, 700_000);
        return Verdict.of(ok, (lostSilent ? "no answer" : "answered") + ", " + (a == null ? "no answer" : a.describe())
                + ", position " + position, "no answer, ACK, 700000",
                !lostSilent ? "the broken frame was answered" : "the frame after the broken one was not found");
    }

    private static Verdict retransmission(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        int seq = s.probe().nextCommandSeq();
        byte[] first = referenceFrame(s, seq, 800_000);
        NodeProbe.Answer a = sendReference(s, first, seq);
        if (a == null || !a.ack()) {
            throw new Session.Unmet("REFERENCE SET_POSITION was " + (a == null ? "not answered" : a.describe()));
        }
        for (int i = 0; i < 14; i++) {
            s.expectAck(new ClearShutdown(), "CLEAR_SHUTDOWN");
        }
        referenceTo(s, 900_000);
        NodeProbe.Answer again = sendReference(s, first, seq);
        int position = s.position();
        boolean ok = again != null && again.ack() && MessageChecks.near(position, 900_000);
        return Verdict.of(ok, (again == null ? "no answer" : again.describe()) + ", position " + position,
                "ACK, 900000", again == null || !again.ack() ? "the retransmission was not answered as before"
                        : "the retransmission was executed again (the duplicate history must hold 16 commands)");
    }

    private static Verdict stopNotInHistory(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        int seq = s.probe().nextCommandSeq();
        byte[] first = referenceFrame(s, seq, 1_000_000);
        NodeProbe.Answer a = sendReference(s, first, seq);
        if (a == null || !a.ack()) {
            throw new Session.Unmet("REFERENCE SET_POSITION was " + (a == null ? "not answered" : a.describe()));
        }
        referenceTo(s, 1_100_000);
        List<String> wrong = new ArrayList<>();
        NodeProbe.Sent firstStop = null;
        for (int i = 0; i < 16; i++) {
            NodeProbe.Sent stop = s.probe().sendCommand(new Stop(1 << s.winch(), StopCategory.CAT_1));
            firstStop = firstStop == null ? stop : firstStop;
            NodeProbe.Answer sa = s.probe().awaitAnswer(stop, Session.ANSWER_WAIT_NANOS);
            if (sa == null || !sa.ack()) {
                wrong.add("STOP " + i + ": " + (sa == null ? "no answer" : sa.describe()));
            }
        }
        NodeProbe.Answer dup = s.probe().awaitAnswer(s.probe().resend(firstStop), Session.ANSWER_WAIT_NANOS);
        if (dup == null || !dup.ack()) {
            wrong.add("duplicate STOP: " + (dup == null ? "no answer" : dup.describe()));
        }
        NodeProbe.Answer again = sendReference(s, first, seq);
        int position = s.position();
        if (again == null || !again.ack()) {
            wrong.add("retransmitted REFERENCE: " + (again == null ? "no answer" : again.describe()));
        } else if (!MessageChecks.near(position, 1_100_000)) {
            wrong.add("the retransmitted REFERENCE was executed again: STOPs pushed it out of the history");
        }
        return Verdict.of(wrong.isEmpty(), wrong.isEmpty() ? "17 STOP ACKs, position " + position
                : wrong.size() + " wrong", "ACKs, 1100000", String.join("; ", wrong));
    }

    private static Verdict identifyClearsHistory(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        int seq = s.probe().nextCommandSeq();
        NodeProbe.Answer a = sendReference(s, referenceFrame(s, seq, 1_200_000), seq);
        if (a == null || !a.ack()) {
            throw new Session.Unmet("REFERENCE SET_POSITION was " + (a == null ? "not answered" : a.describe()));
        }
        if (s.identify() == null) {
            return Verdict.fail("no IDENTIFY", "IDENTIFY, RUNNING", "the node stopped answering IDENTIFY_REQUEST");
        }
        NodeStatus st = s.nodeStatus();
        NodeProbe.Answer reused = sendReference(s, referenceFrame(s, seq, 1_300_000), seq);
        int position = s.position();
        boolean running = st != null && st.state() == NodeState.RUNNING;
        boolean ok = running && reused != null && reused.ack() && MessageChecks.near(position, 1_300_000);
        return Verdict.of(ok, String.format(Locale.ROOT, "%s, %s, position %d", st == null ? "no status" : st.state(),
                reused == null ? "no answer" : reused.describe(), position), "RUNNING, ACK, 1300000",
                !running ? "IDENTIFY_REQUEST changed the node's state"
                        : "after IDENTIFY_REQUEST a command with an old SEQ must be executed (the history is cleared)");
    }
}
