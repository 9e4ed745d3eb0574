package com.lianarig.tools.conformance;

import com.lianarig.protocol.Brake;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.BrakeTest;
import com.lianarig.protocol.ClearShutdown;
import com.lianarig.protocol.ConfigureNode;
import com.lianarig.protocol.ConfigureWinch;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.LoadSamples;
import com.lianarig.protocol.Message;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.Nack;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.NodeStatus;
import com.lianarig.protocol.Reference;
import com.lianarig.protocol.ReferenceMode;
import com.lianarig.protocol.Stop;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every host -> node message answered as PROTOCOL.md sections 7 and 9.1 say: the right ACK, or the
 * right NACK with its detail, including one out-of-range value per command. None of these moves a
 * winch on a conforming node; the few whose bad value a careless firmware could read as a release
 * or a brake test are sent only while the node cannot move (IDENTIFIED) or with the motion consent.
 */
final class MessageChecks {
    /** A braked winch's encoder may read this far from a position it was told, counts. */
    static final int POSITION_TOLERANCE_COUNTS = 50;

    private MessageChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("M1", "4, 9.1", "an unknown MSG gets NACK UNKNOWN_MESSAGE naming it", false,
                        MessageChecks::unknownMessage),
                new Check("M2", "6.2, 9.1", "before CONFIGURE_NODE, BRAKE and REFERENCE get NOT_CONFIGURED", false,
                        MessageChecks::notConfigured),
                new Check("M3", "7, 9.1", "one bad value per command: NACK OUT_OF_RANGE, DETAIL = field", false,
                        MessageChecks::outOfRange),
                new Check("M4", "7.2, 7.8, 12.4", "node checks: channel mask, sample rate, homing speed", false,
                        MessageChecks::nodeChecks),
                new Check("M5", "2, 4", "frames for another address, from a node or to address 0: no answer",
                        false, MessageChecks::notForUs),
                new Check("M6", "6.2, 7.2", "CONFIGURE_NODE is acknowledged and the node is RUNNING", false,
                        MessageChecks::configureNode),
                new Check("M7", "7.14, 7.15, 9.3", "WINCH_STATUS per winch and LOAD_SAMPLES at the set rates",
                        false, MessageChecks::streams),
                new Check("M8", "7.3, 9.1", "CONFIGURE_WINCH: ACK; a winch the node lacks: NO_SUCH_WINCH", false,
                        MessageChecks::configureWinch),
                new Check("M9", "7.5, 12.2", "STOP (also with bits for missing winches) is acknowledged", false,
                        MessageChecks::stop),
                new Check("M10", "7.6", "BRAKE APPLY of a braked winch is acknowledged, winch stays BRAKED", false,
                        MessageChecks::brakeApply),
                new Check("M11", "7.8, 12.19", "REFERENCE SET_POSITION: ACK, position taken, REFERENCED, no fault",
                        false, MessageChecks::referenceSetPosition),
                new Check("M12", "7.10, 12.8", "CLEAR_SHUTDOWN with nothing to clear is acknowledged", false,
                        MessageChecks::clearNothing),
                new Check("M13", "7.7, 9.1", "BRAKE_TEST without the capability gets NOT_SUPPORTED", false,
                        MessageChecks::brakeTestUnsupported),
                new Check("M14", "7.2, 12.18", "enabled channels report within 200 ms of CONFIGURE_NODE", false,
                        MessageChecks::notReadyWithin200Ms),
                new Check("M15", "7.1, 12.24", "IDENTIFY_REQUEST with protocolVersion 0: ignored and counted", false,
                        MessageChecks::identifyRequestVersion0));
    }

    /** Null when {@code a} is the expected NACK, else what it was. */
    static String unlessNack(NodeProbe.Answer a, NackReason reason, int detail) {
        if (a == null) {
            return "no answer";
        }
        Nack n = a.nack();
        return n != null && n.reason() == reason && n.detail() == detail ? null : a.describe();
    }

    static String want(NackReason reason, int detail) {
        return "NACK " + reason + "/" + detail;
    }

    private static boolean nodeIdentifiedOnly(Session s) throws InterruptedException {
        NodeStatus st = s.nodeStatus();
        return st != null && st.state() == NodeState.IDENTIFIED;
    }

    private static Verdict unknownMessage(Session s) throws InterruptedException {
        s.ensureIdentified();
        NodeProbe p = s.probe();
        int unknownId = 0x20;
        int seq = p.nextCommandSeq();
        NodeProbe.Answer a = p.awaitAnswer(
                p.sendRaw(NodeProbe.frame(p.address(), false, seq, unknownId, new byte[0]), seq, unknownId),
                Session.ANSWER_WAIT_NANOS);
        String wrong = unlessNack(a, NackReason.UNKNOWN_MESSAGE, 0);
        return Verdict.of(wrong == null, a == null ? "no answer" : a.describe() + " for 0x20",
                want(NackReason.UNKNOWN_MESSAGE, 0), "a good frame with an unknown MSG must be answered so");
    }

    private static Verdict notConfigured(Session s) throws InterruptedException {
        s.ensureIdentified();
        if (!nodeIdentifiedOnly(s)) {
            return Verdict.skip("the node is already configured (RUNNING): power-cycle it to check this");
        }
        List<String> wrong = new ArrayList<>();
        NodeProbe.Answer brake = s.command(new Brake(s.winch(), BrakeAction.APPLY));
        String b = unlessNack(brake, NackReason.NOT_CONFIGURED, 0);
        if (b != null) {
            wrong.add("BRAKE APPLY: " + b);
        }
        NodeProbe.Answer ref = s.command(new Reference(s.winch(), ReferenceMode.SET_POSITION, 0, 0));
        String r = unlessNack(ref, NackReason.NOT_CONFIGURED, 0);
        if (r != null) {
            wrong.add("REFERENCE: " + r);
        }
        return Verdict.of(wrong.isEmpty(), wrong.isEmpty() ? "2/2 refused" : String.join(", ", wrong),
                want(NackReason.NOT_CONFIGURED, 0), "commands that need RUNNING must be refused before it");
    }

    /** One out-of-range value: which command, where in its payload, the bad value and the field index expected. */
    private record BadValue(String label, Message base, int offset, int size, long value, int field, boolean risky) {
        byte[] payload() {
            byte[] p = NodeProbe.payload(base);
            for (int i = 0; i < size; i++) {
                p[offset + i] = (byte) (value >>> (8 * i));
            }
            return p;
        }
    }

    private static Verdict outOfRange(Session s) throws InterruptedException {
        s.ensureIdentified();
        int w = s.winch();
        ConfigureWinch winch = new ConfigureWinch(w, 100, 100, 200, 120, 1000, -1000, 1000, 100);
        List<BadValue> bad = List.of(
                new BadValue("CONFIGURE_NODE statusRateHz=10", s.nodeConfiguration(), 2, 2, 10, 1, false),
                new BadValue("CONFIGURE_WINCH overspeedPercent=100", winch, 13, 2, 100, 4, false),
                new BadValue("CONFIGURE_WINCH softLimitLow=softLimitHigh", winch, 19, 4, 1000, 6, false),
                new BadValue("STOP category=2", new Stop(1 << w, StopCategory.CAT_1), 1, 1, 2, 1, false),
                new BadValue("STOP winchMask=0", new Stop(1 << w, StopCategory.CAT_1), 0, 1, 0, 0, false),
                new BadValue("REFERENCE mode=2", new Reference(w, ReferenceMode.SET_POSITION, 0, 0), 1, 1, 2, 1, false),
                new BadValue("BRAKE action=2", new Brake(w, BrakeAction.APPLY), 1, 1, 2, 1, true),
                new BadValue("BRAKE_TEST brake=3", new BrakeTest(w, BrakeId.MOTOR, 100, 500, 100), 1, 1, 3, 1, true),
                new BadValue("BRAKE_TEST durationMs=50", new BrakeTest(w, BrakeId.MOTOR, 100, 500, 100), 4, 2, 50, 3,
                        true));
        boolean safe = s.settings().motion() || nodeIdentifiedOnly(s);
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (BadValue v : bad) {
            if (v.risky() && !safe) {
                continue; // a careless firmware could act on it while RUNNING: only with the motion consent
            }
            sent++;
            NodeProbe.Answer a = s.probe().awaitAnswer(
                    s.probe().sendCommandPayload(v.base().type(), v.payload(), -1), Session.ANSWER_WAIT_NANOS);
            String x = unlessNack(a, NackReason.OUT_OF_RANGE, v.field());
            if (x != null) {
                wrong.add(v.label() + ": " + x + " (want OUT_OF_RANGE/" + v.field() + ")");
            }
        }
        Verdict verdict = Verdict.of(wrong.isEmpty(), (sent - wrong.size()) + "/" + sent + " right",
                "NACK OUT_OF_RANGE/field", String.join("; ", wrong));
        return sent < bad.size() ? verdict.withNote((bad.size() - sent)
                + " BRAKE/BRAKE_TEST values not sent: the node is RUNNING and motion was not allowed") : verdict;
    }

    private static Verdict nodeChecks(Session s) throws InterruptedException {
        s.ensureIdentified();
        Identify id = s.identity();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        ConfigureNode good = s.nodeConfiguration();
        if (id.loadChannelCount() < LoadSamples.MAX_CHANNELS) {
            sent++;
            ConfigureNode c = new ConfigureNode(good.sampleRateHz(), good.statusRateHz(), good.setpointGapMs(),
                    good.heartbeatTimeoutMs(), good.channelMask() | (1 << id.loadChannelCount()));
            String x = unlessNack(s.command(c), NackReason.OUT_OF_RANGE, 4);
            if (x != null) {
                wrong.add("channelMask bit " + id.loadChannelCount() + ": " + x);
            }
        }
        if (id.maxSampleRateHz() < 1000) {
            sent++;
            ConfigureNode c = new ConfigureNode(id.maxSampleRateHz() + 1, good.statusRateHz(), good.setpointGapMs(),
                    good.heartbeatTimeoutMs(), good.channelMask());
            String x = unlessNack(s.command(c), NackReason.OUT_OF_RANGE, 0);
            if (x != null) {
                wrong.add("sampleRateHz " + (id.maxSampleRateHz() + 1) + ": " + x);
            }
        }
        if (s.settings().motion() || nodeIdentifiedOnly(s)) {
            sent++;
            String x = unlessNack(s.command(new Reference(s.winch(), ReferenceMode.HOME_LOWER_LIMIT, 0, 0)),
                    NackReason.OUT_OF_RANGE, 3);
            if (x != null) {
                wrong.add("HOME_LOWER_LIMIT speed 0: " + x);
            }
        }
        if (sent == 0) {
            return Verdict.skip("nothing to check: 16 channels, 1000 Hz, and the node is RUNNING without motion consent");
        }
        return Verdict.of(wrong.isEmpty(), (sent - wrong.size()) + "/" + sent + " right", "NACK OUT_OF_RANGE/field",
                String.join("; ", wrong));
    }

    private static Verdict notForUs(Session s) throws InterruptedException {
        s.ensureIdentified();
        NodeProbe p = s.probe();
        NodeStatus before = s.nodeStatus();
        int other = p.address() == 127 ? 126 : p.address() + 1;
        byte[] configure = NodeProbe.payload(s.nodeConfiguration());
        int mark = p.mark();
        int seqOther = p.nextCommandSeq();
        p.sendRaw(NodeProbe.frame(other, false, seqOther, MessageType.CONFIGURE_NODE.code(), configure), seqOther, 2);
        int seqZero = p.nextCommandSeq();
        p.sendRaw(NodeProbe.frame(0, false, seqZero, MessageType.CONFIGURE_NODE.code(), configure), seqZero, 2);
        int seqEcho = p.nextCommandSeq();
        p.sendRaw(NodeProbe.frame(p.address(), true, seqEcho, MessageType.CONFIGURE_NODE.code(), configure), seqEcho,
                2);
        long wait = s.settings().limitNanos(200);
        NodeProbe.Received answer = p.await(mark, r -> r.message() instanceof com.lianarig.protocol.Ack
                || r.message() instanceof Nack, wait);
        NodeStatus after = s.nodeStatus();
        boolean stateKept = before == null || after == null || before.state() == after.state();
        String measured = answer == null ? "no answer" : "answered: " + answer.message();
        return Verdict.of(answer == null && stateKept, stateKept ? measured : measured + ", state " + after.state(),
                "no answer, state kept", answer != null ? "a frame not addressed to the node (or from a node) was answered"
                        : "a frame not addressed to the node changed its state");
    }

    private static Verdict configureNode(Session s) throws InterruptedException {
        s.ensureIdentified();
        NodeProbe.Answer a = s.command(s.nodeConfiguration());
        if (a == null || !a.ack()) {
            return Verdict.fail(a == null ? "no answer" : a.describe(), "ACK", "the tester's configuration was refused");
        }
        s.markNodeConfigured();
        NodeProbe.Received running = s.probe().await(s.probe().mark(), NodeStatus.class,
                st -> st.state() == NodeState.RUNNING, 300_000_000L);
        return Verdict.of(running != null, running != null ? "ACK, RUNNING" : "ACK, not RUNNING", "ACK, RUNNING",
                "NODE_STATUS does not say RUNNING after an acknowledged CONFIGURE_NODE");
    }

    private static Verdict streams(Session s) throws InterruptedException {
        s.ensureRunning();
        NodeProbe p = s.probe();
        ConfigureNode c = s.nodeConfiguration();
        int mark = p.mark();
        long start = p.clock().nanoTime();
        p.clock().sleepNanos(1_000_000_000L);
        double seconds = (p.clock().nanoTime() - start) / 1e9;
        List<NodeProbe.Received> got = p.since(mark);
        int winches = s.identity().winchCount();
        int[] perWinch = new int[winches];
        int samples = 0;
        for (NodeProbe.Received r : got) {
            if (r.message() instanceof WinchStatus ws && ws.winch() < winches) {
                perWinch[ws.winch()]++;
            } else if (r.message() instanceof LoadSamples) {
                samples++;
            }
        }
        List<String> wrong = new ArrayList<>();
        StringBuilder measured = new StringBuilder();
        for (int w = 0; w < winches; w++) {
            double hz = perWinch[w] / seconds;
            measured.append(String.format(Locale.ROOT, "w%d %.0f, ", w, hz));
            if (Math.abs(hz - c.statusRateHz()) > 0.1 * c.statusRateHz()) {
                wrong.add(String.format(Locale.ROOT, "winch %d at %.0f Hz", w, hz));
            }
        }
        double samplesHz = samples / seconds;
        measured.append(String.format(Locale.ROOT, "samples %.0f Hz", samplesHz));
        if (c.channelMask() != 0 && Math.abs(samplesHz - c.sampleRateHz()) > Math.max(1.5, 0.1 * c.sampleRateHz())) {
            wrong.add(String.format(Locale.ROOT, "LOAD_SAMPLES at %.0f Hz", samplesHz));
        }
        return Verdict.of(wrong.isEmpty(), measured.toString(),
                c.statusRateHz() + " and " + c.sampleRateHz() + " Hz +-10%", String.join("; ", wrong));
    }

    private static Verdict configureWinch(Session s) throws InterruptedException {
        s.ensureRunning();
        List<String> wrong = new ArrayList<>();
        int count = s.identity().winchCount();
        int sent = 1;
        if (count < 8) {
            sent++;
            ConfigureWinch missing = new ConfigureWinch(count, 100, 100, 200, 120, 1000, -1000, 1000, 100);
            String x = unlessNack(s.command(missing), NackReason.NO_SUCH_WINCH, 0);
            if (x != null) {
                wrong.add("winch " + count + ": " + x + " (want NO_SUCH_WINCH)");
            }
        }
        try {
            s.configureWinchAround(s.position());
        } catch (Session.Unmet e) {
            wrong.add(e.getMessage());
        }
        return Verdict.of(wrong.isEmpty(), (sent - wrong.size()) + "/" + sent + " right", "ACK; NO_SUCH_WINCH",
                String.join("; ", wrong));
    }

    private static Verdict stop(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        List<String> got = new ArrayList<>();
        NodeProbe.Answer one = s.command(new Stop(1 << s.winch(), StopCategory.CAT_1));
        NodeProbe.Answer all = s.command(new Stop(0xFF, StopCategory.CAT_0));
        got.add(one == null ? "no answer" : one.describe());
        got.add(all == null ? "no answer" : all.describe());
        WinchStatus st = s.winchStatus(s.winch());
        boolean ok = one != null && one.ack() && all != null && all.ack() && st != null
                && st.state() == WinchState.BRAKED;
        return Verdict.of(ok, String.join(", ", got) + (st == null ? "" : ", " + st.state()), "ACK, ACK, BRAKED",
                "STOP is always acknowledged; bits for winches the node lacks are ignored");
    }

    private static Verdict brakeApply(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        NodeProbe.Answer a = s.command(new Brake(s.winch(), BrakeAction.APPLY));
        WinchStatus st = s.winchStatus(s.winch());
        boolean ok = a != null && a.ack() && st != null && st.state() == WinchState.BRAKED && Session.bothBrakes(st);
        return Verdict.of(ok, (a == null ? "no answer" : a.describe()) + (st == null ? "" : ", " + st.state()),
                "ACK, BRAKED, both brakes", "BRAKE APPLY of a braked winch is acknowledged and changes nothing");
    }

    /** REFERENCE SET_POSITION to {@code positionCounts}, then the position the winch reports; null if not acknowledged. */
    static Integer reference(Session s, int positionCounts) throws InterruptedException {
        NodeProbe.Answer a = s.command(new Reference(s.winch(), ReferenceMode.SET_POSITION, positionCounts, 0));
        settleAfterReference(s);
        if (a == null || !a.ack()) {
            return null;
        }
        return s.position();
    }

    /**
     * Waits 2.5 status periods after a REFERENCE: a node that measures speed from encoder positions
     * sees the jump of the position as speed in one status period, and two jumps in consecutive
     * periods would trip its overspeed protection (the virtual node does), which is not what is checked.
     */
    static void settleAfterReference(Session s) throws InterruptedException {
        s.probe().clock().sleepNanos(2_500_000_000L / ConformanceSettings.STATUS_RATE_HZ);
    }

    static boolean near(int a, int b) {
        return Math.abs((long) a - b) <= POSITION_TOLERANCE_COUNTS;
    }

    /**
     * REFERENCE SET_POSITION far from where the encoder reads (100,000 counts): the position jumps there
     * in one step, REFERENCED is set, and the node reports no fault for the jump and stays BRAKED
     * (Annex B.19: a reference is a new origin, not an encoder fault nor a following error).
     */
    private static Verdict referenceSetPosition(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        int target = 100_000;
        int mark = s.probe().mark();
        NodeProbe.Answer a = s.command(new Reference(s.winch(), ReferenceMode.SET_POSITION, target, 0));
        settleAfterReference(s);
        if (a == null || !a.ack()) {
            return Verdict.fail(a == null ? "no answer" : a.describe(), "ACK", "REFERENCE SET_POSITION was refused");
        }
        WinchStatus st = s.winchStatus(s.winch());
        if (st == null) {
            throw new Session.Unmet("no WINCH_STATUS after REFERENCE");
        }
        boolean referenced = (st.flags() & WinchStatus.FLAG_REFERENCED) != 0;
        com.lianarig.protocol.FaultReport fault = s.probe().since(mark).stream()
                .filter(r -> r.message() instanceof com.lianarig.protocol.FaultReport f && f.winch() == s.winch())
                .map(r -> (com.lianarig.protocol.FaultReport) r.message()).findFirst().orElse(null);
        List<String> wrong = new ArrayList<>();
        if (!near(st.positionCounts(), target) || !referenced) {
            wrong.add("the winch must report the given position and the REFERENCED flag");
        }
        if (fault != null || st.state() != WinchState.BRAKED) {
            wrong.add("a REFERENCE is a new origin, never a fault (Annex B.19): " + (fault != null ? fault.fault()
                    + " reported" : "the winch is " + st.state()));
        }
        return Verdict.of(wrong.isEmpty(), st.positionCounts() + (referenced ? ", REFERENCED" : ", not REFERENCED")
                + ", " + st.state() + (fault == null ? "" : ", " + fault.fault()), target + " +-"
                        + POSITION_TOLERANCE_COUNTS + ", REFERENCED, BRAKED, no fault", String.join("; ", wrong));
    }

    private static Verdict clearNothing(Session s) throws InterruptedException {
        s.ensureRunning();
        NodeProbe.Answer a = s.command(new ClearShutdown());
        NodeStatus st = s.nodeStatus();
        boolean ok = a != null && a.ack() && st != null && st.state() == NodeState.RUNNING;
        return Verdict.of(ok, (a == null ? "no answer" : a.describe()) + (st == null ? "" : ", " + st.state()),
                "ACK, RUNNING", "with nothing to clear CLEAR_SHUTDOWN is acknowledged and changes nothing");
    }

    private static Verdict brakeTestUnsupported(Session s) throws InterruptedException {
        s.ensureWinchConfigured();
        if ((s.identity().capabilities() & Identify.CAP_BRAKE_TEST) != 0) {
            return Verdict.skip("the node has BRAKE_TEST: X7 runs one (it moves)");
        }
        NodeProbe.Answer a = s.command(new BrakeTest(s.winch(), BrakeId.MOTOR, 100, 500, 100));
        String x = unlessNack(a, NackReason.NOT_SUPPORTED, 0);
        return Verdict.of(x == null, a == null ? "no answer" : a.describe(), want(NackReason.NOT_SUPPORTED, 0),
                "a node without the BRAKE_TEST capability must refuse it");
    }

    /**
     * Annex B.18 (SPEC SR-8): after an acknowledged CONFIGURE_NODE (the tester's own, sent again) every
     * enabled channel reports a status other than NOT_READY within 200 ms, and none goes back to it.
     */
    private static Verdict notReadyWithin200Ms(Session s) throws InterruptedException {
        s.ensureRunning();
        ConfigureNode c = s.nodeConfiguration();
        if (c.channelMask() == 0) {
            return Verdict.skip("the node has no load channels");
        }
        NodeProbe p = s.probe();
        int mark = p.mark();
        NodeProbe.Answer a = s.command(c);
        if (a == null || !a.ack()) {
            return Verdict.fail(a == null ? "no answer" : a.describe(), "ACK", "CONFIGURE_NODE was refused");
        }
        NodeProbe.Received ack = p.await(mark, com.lianarig.protocol.Ack.class, x -> x.ackedMessageId()
                == MessageType.CONFIGURE_NODE.code(), 0);
        long ackAt = ack == null ? p.clock().nanoTime() : ack.atNanos();
        long limitMs = 200;
        p.clock().sleepNanos(Math.max(0, ackAt + s.settings().limitNanos(limitMs) + 500_000_000L - p.clock().nanoTime()));
        long firstReadyAt = -1;
        long notReadyAfter = -1;
        for (NodeProbe.Received r : p.since(mark)) {
            if (!(r.message() instanceof LoadSamples ls) || r.atNanos() < ackAt) {
                continue;
            }
            boolean anyNotReady = false;
            for (int k = 0; k < ls.samples().size(); k++) {
                int channel = ls.firstChannel() + k;
                if ((c.channelMask() & (1 << channel)) != 0
                        && ls.samples().get(k).status() == com.lianarig.protocol.ChannelStatus.NOT_READY) {
                    anyNotReady = true;
                }
            }
            if (!anyNotReady && firstReadyAt < 0) {
                firstReadyAt = r.atNanos();
            } else if (anyNotReady && firstReadyAt >= 0 && notReadyAfter < 0) {
                notReadyAfter = r.atNanos();
            }
        }
        if (firstReadyAt < 0) {
            return Verdict.fail("no sample without NOT_READY", s.settings().limitText(limitMs),
                    "an enabled channel must complete a conversion within 200 ms of CONFIGURE_NODE (SR-8)");
        }
        double ms = (firstReadyAt - ackAt) / 1e6;
        List<String> wrong = new ArrayList<>();
        if (ms > limitMs + s.settings().allowanceMs()) {
            wrong.add("the first sample without NOT_READY came too late");
        }
        if (notReadyAfter >= 0) {
            wrong.add("an enabled channel reported NOT_READY again after a good sample");
        }
        return Verdict.of(wrong.isEmpty(), Session.ms(ms), s.settings().limitText(limitMs), String.join("; ", wrong));
    }

    /**
     * Annex B.24: an IDENTIFY_REQUEST whose protocolVersion is 0 (out of range) is invalid: not answered,
     * nothing changed, counted in NODE_STATUS rxOtherDrops; a valid one is answered as ever.
     */
    private static Verdict identifyRequestVersion0(Session s) throws InterruptedException {
        s.ensureRunning();
        NodeProbe p = s.probe();
        NodeStatus before = s.nodeStatus();
        byte[] payload = NodeProbe.payload(new com.lianarig.protocol.IdentifyRequest(
                com.lianarig.protocol.ProtocolDefinition.PROTOCOL_VERSION, com.lianarig.protocol.ProtocolDefinition.HASH));
        payload[0] = 0; // protocolVersion 0
        int mark = p.mark();
        p.sendRaw(NodeProbe.frame(p.address(), false, 0x55, MessageType.IDENTIFY_REQUEST.code(), payload), 0x55,
                MessageType.IDENTIFY_REQUEST.code());
        NodeProbe.Received answered = p.await(mark, Identify.class, x -> true, s.settings().limitNanos(50));
        p.clock().sleepNanos(120_000_000L); // the next NODE_STATUS (20 Hz) carries the count
        NodeStatus after = s.nodeStatus();
        int drops = before == null || after == null ? -1 : after.rxOtherDrops() - before.rxOtherDrops();
        boolean stateKept = before != null && after != null && before.state() == after.state();
        Session.IdentifyReply valid = s.identify();
        List<String> wrong = new ArrayList<>();
        if (answered != null) {
            wrong.add("answered with IDENTIFY: a frame with a field out of range must be ignored");
        }
        if (!stateKept) {
            wrong.add("the node's state changed");
        }
        if (drops < 1) {
            wrong.add("NODE_STATUS rxOtherDrops did not count it");
        }
        if (valid == null) {
            wrong.add("a valid IDENTIFY_REQUEST afterwards was not answered");
        }
        return Verdict.of(wrong.isEmpty(), (answered == null ? "no answer" : "IDENTIFY") + ", rxOtherDrops +" + drops,
                "no answer, +1", String.join("; ", wrong));
    }
}
