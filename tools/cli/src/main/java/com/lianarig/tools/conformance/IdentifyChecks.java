package com.lianarig.tools.conformance;

import com.lianarig.protocol.Identify;
import com.lianarig.protocol.Nack;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.NodeStatus;
import com.lianarig.protocol.ProtocolDefinition;
import com.lianarig.protocol.Stop;
import com.lianarig.protocol.StopCategory;
import java.util.List;
import java.util.Locale;

/** Identify, definition hash, boot id and the node's state stream (PROTOCOL.md section 6). */
final class IdentifyChecks {
    private IdentifyChecks() {
    }

    static List<Check> all() {
        return List.of(
                new Check("I1", "6.2, 12.1", "before any IDENTIFY_REQUEST a command gets NACK NOT_IDENTIFIED", false,
                        IdentifyChecks::unidentifiedRefuses),
                new Check("I2", "6.1, 9.3", "IDENTIFY_REQUEST is answered by IDENTIFY", false,
                        IdentifyChecks::answersIdentify),
                new Check("I3", "6.1", "IDENTIFY protocolVersion is " + ProtocolDefinition.PROTOCOL_VERSION, false,
                        IdentifyChecks::version),
                new Check("I4", "6.1, 8", "IDENTIFY definitionHash equals the host's", false,
                        IdentifyChecks::definitionHash),
                new Check("I5", "7.18, 9.3, 12.16", "NODE_STATUS at 20 Hz once identified", false,
                        IdentifyChecks::nodeStatusRate));
    }

    /** The end-of-run check: the boot id never changed, so the node did not restart during the run. */
    static Check bootIdStable() {
        return new Check("I6", "6.1", "boot id unchanged at the end (no restart during the run)", false,
                IdentifyChecks::sameBootId);
    }

    private static Verdict unidentifiedRefuses(Session s) throws InterruptedException {
        if (s.identity() != null) {
            return Verdict.skip("the node was identified earlier in this run");
        }
        NodeProbe p = s.probe();
        int mark = p.mark();
        NodeProbe.Received any = p.await(mark, r -> r.message() instanceof NodeStatus, 300_000_000L);
        if (any != null) {
            return Verdict.skip("the node is already identified (it sends NODE_STATUS): power-cycle it and run"
                    + " again to check this");
        }
        NodeProbe.Answer a = s.command(new Stop(1 << s.winch(), StopCategory.CAT_1));
        if (a == null) {
            return Verdict.fail("no answer", "NACK NOT_IDENTIFIED", "a STOP before IDENTIFY_REQUEST was not answered");
        }
        Nack n = a.nack();
        return Verdict.of(n != null && n.reason() == NackReason.NOT_IDENTIFIED, a.describe(), "NACK NOT_IDENTIFIED",
                "the node must refuse every command until it is identified (so the host learns of a restart)");
    }

    private static Verdict answersIdentify(Session s) throws InterruptedException {
        Session.IdentifyReply reply = s.identify();
        ConformanceSettings c = s.settings();
        if (reply == null) {
            return Verdict.fail("no IDENTIFY", c.limitText(ConformanceSettings.ANSWER_LIMIT_MS),
                    "no IDENTIFY to 10 IDENTIFY_REQUESTs 100 ms apart: check the port, baud rate and --address");
        }
        Identify id = reply.identify();
        s.probe().heartbeatsOn();
        // the first exchange also times the tester's own start (class loading, a cold JIT): judge the second
        Session.IdentifyReply warm = s.identify();
        if (warm == null) {
            return Verdict.fail("no second IDENTIFY", c.limitText(ConformanceSettings.ANSWER_LIMIT_MS),
                    "the node answered the first IDENTIFY_REQUEST only");
        }
        boolean inTime = warm.latencyMs() <= ConformanceSettings.ANSWER_LIMIT_MS + c.allowanceMs();
        return Verdict.of(inTime, Session.ms(warm.latencyMs()), c.limitText(ConformanceSettings.ANSWER_LIMIT_MS),
                "IDENTIFY came too late").withNote(String.format(Locale.ROOT,
                        "%s fw %d.%d.%d, %d winches, %d channels, boot id %s; first IDENTIFY after %.1f ms"
                                + " (includes the tester's start)", id.serial(), id.firmwareMajor(),
                        id.firmwareMinor(), id.firmwarePatch(), id.winchCount(), id.loadChannelCount(),
                        Session.hex32(id.bootId()), reply.latencyMs()));
    }

    private static Verdict version(Session s) throws InterruptedException {
        s.ensureIdentified();
        int v = s.identity().protocolVersion();
        return Verdict.of(v == ProtocolDefinition.PROTOCOL_VERSION, Integer.toString(v),
                Integer.toString(ProtocolDefinition.PROTOCOL_VERSION),
                "the host refuses another protocol version");
    }

    private static Verdict definitionHash(Session s) throws InterruptedException {
        if (s.identity() == null && s.identify() == null) {
            throw new Session.Unmet("the node never answered IDENTIFY_REQUEST");
        }
        long h = s.identity().definitionHash();
        return Verdict.of(h == ProtocolDefinition.HASH, Session.hex32(h), Session.hex32(ProtocolDefinition.HASH),
                "the node was built from another protocol definition: the host refuses it (no heartbeat, no command)");
    }

    private static Verdict nodeStatusRate(Session s) throws InterruptedException {
        s.ensureIdentified();
        NodeProbe p = s.probe();
        int mark = p.mark();
        p.clock().sleepNanos(1_050_000_000L);
        List<NodeProbe.Received> statuses = p.since(mark).stream()
                .filter(r -> r.message() instanceof NodeStatus).toList();
        if (statuses.size() < 2) {
            return Verdict.fail(statuses.size() + " in 1 s", "20 Hz", "the identified node must send NODE_STATUS at 20 Hz");
        }
        long longest = 0;
        for (int i = 1; i < statuses.size(); i++) {
            longest = Math.max(longest, statuses.get(i).atNanos() - statuses.get(i - 1).atNanos());
        }
        double rateHz = (statuses.size() - 1) * 1e9
                / (statuses.get(statuses.size() - 1).atNanos() - statuses.get(0).atNanos());
        NodeState state = ((NodeStatus) statuses.get(statuses.size() - 1).message()).state();
        long silenceLimitMs = 1000 / ConformanceSettings.NODE_STATUS_RATE_HZ;
        boolean rateOk = Math.abs(rateHz - ConformanceSettings.NODE_STATUS_RATE_HZ)
                <= 0.1 * ConformanceSettings.NODE_STATUS_RATE_HZ;
        boolean silenceOk = longest <= s.settings().limitNanos(silenceLimitMs);
        boolean stateOk = state != NodeState.UNIDENTIFIED;
        String measured = String.format(Locale.ROOT, "%.1f Hz, gap %.0f ms", rateHz, longest / 1e6);
        return Verdict.of(rateOk && silenceOk && stateOk, measured,
                "20 Hz +-10%, gap " + s.settings().limitText(silenceLimitMs),
                !stateOk ? "NODE_STATUS says UNIDENTIFIED after an IDENTIFY_REQUEST"
                        : !rateOk ? "NODE_STATUS rate is not 20 Hz" : "the node was silent too long");
    }

    private static Verdict sameBootId(Session s) throws InterruptedException {
        if (s.firstBootId() == null) {
            throw new Session.Unmet("the node never answered IDENTIFY_REQUEST");
        }
        Session.IdentifyReply reply = s.identify();
        if (reply == null) {
            return Verdict.fail("no IDENTIFY", Session.hex32(s.firstBootId()), "the node stopped answering");
        }
        long now = reply.identify().bootId();
        return Verdict.of(now == s.firstBootId(), Session.hex32(now), Session.hex32(s.firstBootId()),
                "the boot id changed: the node restarted during the run");
    }
}
