package com.lianarig.tools.conformance;

import com.lianarig.protocol.Ack;
import com.lianarig.protocol.Delivery;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.Nack;
import java.util.List;
import java.util.Locale;

/**
 * What the whole run showed, judged at its end: answer times, the node's stream counter, the
 * node's own frames, and that no STREAM frame was ever answered.
 */
final class RunChecks {
    private RunChecks() {
    }

    static List<Check> all() {
        return List.of(IdentifyChecks.bootIdStable(),
                new Check("E1", "5.3, 9.3", "every ACK/NACK within 10 ms of its command", false, RunChecks::latency),
                new Check("E2", "5.1", "node SEQ +1 per frame, never the same twice in a row", false,
                        RunChecks::streamCounter),
                new Check("E3", "2, 3, 7", "every node frame well formed (CRC, LEN, field ranges)", false,
                        RunChecks::wellFormed),
                new Check("E4", "5, 9.1", "no STREAM frame (IDENTIFY_REQUEST, SET_POINT, HEARTBEAT) answered",
                        false, RunChecks::streamsUnanswered));
    }

    private static Verdict latency(Session s) {
        List<Double> ms = s.probe().stats().latenciesMs();
        if (ms.isEmpty()) {
            return Verdict.skip("no command was answered in this run");
        }
        double worst = ms.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted[sorted.length / 2];
        ConformanceSettings c = s.settings();
        return Verdict.of(worst <= ConformanceSettings.ANSWER_LIMIT_MS + c.allowanceMs(),
                String.format(Locale.ROOT, "max %.1f, median %.1f ms (%d)", worst, median, ms.size()),
                c.limitText(ConformanceSettings.ANSWER_LIMIT_MS), "an answer came too late: the host retransmits after 25 ms");
    }

    private static Verdict streamCounter(Session s) {
        NodeProbe.LinkStats st = s.probe().stats();
        Verdict v = Verdict.of(st.repeatedSeqs() == 0, st.repeatedSeqs() + " repeated, " + st.lostFrames() + " gaps",
                "0 repeated", "the host drops a frame whose SEQ equals the previous one as a duplicate");
        return st.lostFrames() == 0 ? v : v.withNote(st.lostFrames() + " frames lost on the way (or a counter that skips)");
    }

    private static Verdict wellFormed(Session s) {
        NodeProbe.LinkStats st = s.probe().stats();
        boolean ok = st.badCrc() == 0 && st.badLength() == 0 && st.garbageBytes() == 0 && st.invalidPayloads() == 0;
        String measured = String.format(Locale.ROOT, "%d bad CRC, %d bad LEN, %d garbage, %d bad fields", st.badCrc(),
                st.badLength(), st.garbageBytes(), st.invalidPayloads());
        return Verdict.of(ok, measured, "all 0", st.firstInvalidPayload() != null ? "first bad: "
                + st.firstInvalidPayload() : "the node sent bytes that are not good frames");
    }

    private static Verdict streamsUnanswered(Session s) {
        long answered = s.probe().since(0).stream().filter(r -> {
            int id = r.message() instanceof Ack a ? a.ackedMessageId()
                    : r.message() instanceof Nack n ? n.nackedMessageId() : -1;
            MessageType t = id < 0 ? null : MessageType.fromCode(id);
            return t != null && t.delivery() == Delivery.STREAM;
        }).count();
        return Verdict.of(answered == 0, answered + " answered", "0", "STREAM frames are never answered");
    }
}
