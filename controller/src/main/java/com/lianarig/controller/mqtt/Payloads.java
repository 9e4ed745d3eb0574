package com.lianarig.controller.mqtt;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.Exercise;
import com.lianarig.controller.core.RigStatus;
import com.lianarig.controller.journal.JournalRecord;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.Fault;
import java.util.Locale;

/**
 * The outgoing payloads of docs/mqtt.md, written with a reused {@link JsonOut}. Each matches its
 * schema under mqtt/schemas (a test validates what the service really publishes against them).
 */
final class Payloads {
    /** SPEC section 6: green up to 80 % of a rope's limit, yellow up to 95 %, red above. */
    static final double GREEN_MAX_SHARE = 0.80;
    static final double YELLOW_MAX_SHARE = 0.95;

    private Payloads() {
    }

    static String status(JsonOut j, boolean online, long session, boolean simulated, String software, long clockMs,
            String reason) {
        return status(j, online, session, simulated, software, clockMs, reason, null);
    }

    /**
     * @param warning for a birth: what is wrong with the rig's connection, in words (its connection being
     *     taken over by another client with its client id); null when nothing is
     */
    static String status(JsonOut j, boolean online, long session, boolean simulated, String software, long clockMs,
            String reason, String warning) {
        j.reset().open().field("status", online ? "online" : "offline").field("session", session);
        if (online) {
            j.field("simulated", simulated).field("software", software).field("clockMs", clockMs);
            if (warning != null) {
                j.field("warning", warning);
            }
        } else {
            j.field("reason", reason);
        }
        return j.close().toString();
    }

    /** The band of a rope's load as a share of its limit; null when unknown. */
    static String band(double shareOfLimit) {
        if (!Double.isFinite(shareOfLimit)) {
            return null;
        }
        return shareOfLimit <= GREEN_MAX_SHARE ? "green" : shareOfLimit <= YELLOW_MAX_SHARE ? "yellow" : "red";
    }

    /**
     * What makes a new retained state worth publishing: the state without its counters, clock and
     * running timers (telemetry carries those at its own rate).
     */
    static String stateKey(JsonOut j, RigStatus s) {
        j.reset().open();
        stateFields(j, s, false);
        return j.close().toString();
    }

    /** The retained state. */
    static String state(JsonOut j, long session, long seq, long clockMs, long wallMs, boolean synchronised,
            RigStatus s) {
        j.reset().open().field("session", session).field("seq", seq).field("clockMs", clockMs)
                .wallTime(wallMs, synchronised);
        stateFields(j, s, true);
        return j.close().toString();
    }

    private static void stateFields(JsonOut j, RigStatus s, boolean timers) {
        j.field("mode", s.mode().name()).field("modeReason", s.modeReason()).field("simulated", s.simulated())
                .field("gpio", s.gpio()).field("controlOwner", s.controlOwner().orElse(null));
        if (s.clientId().isPresent()) {
            j.openObject("client").field("id", s.clientId().get()).field("massKg", s.clientMassKg(), 1)
                    .field("exercise", s.exercise().map(Exercise::id).orElse(null)).close();
        } else {
            j.nullField("client");
        }
        if (s.aimedSegment().isPresent() || Double.isFinite(s.aimedShare())) {
            // inverted: a spine segment; upright: a share of body weight on the finger loops
            j.openObject("aim").field("segment", s.aimedSegment().map(SpineSegment::id).orElse(null))
                    .field("loadShare", s.aimedShare(), 3).field("heightMm", s.aimedHeightMm(), 1).close();
        } else {
            j.nullField("aim");
        }
        j.field("liveSegment", s.liveSegment().map(SpineSegment::id).orElse(null));
        j.openArray("faults");
        for (Fault f : s.faults()) {
            j.open().field("rule", f.rule().id()).field("cause", f.cause()).field("stop", f.stop().words())
                    .field("resetBy", f.resetBy().name().toLowerCase(Locale.ROOT)).close();
        }
        j.closeArray();
        if (s.program().isPresent()) {
            RigStatus.ProgramStatus p = s.program().get();
            j.openObject("program").field("phase", p.phase()).field("repetition", p.repetition())
                    .field("repetitions", p.repetitions()).field("holdS", p.holdS(), 1);
            if (timers) {
                j.field("holdElapsedS", p.holdElapsedS(), 1);
            }
            j.close();
        } else {
            j.nullField("program");
        }
        if (timers) {
            j.field("invertedS", s.invertedS(), 1);
        }
        j.field("invertedAlarm", s.invertedAlarm());
        if (s.alarm().isPresent()) {
            RigStatus.Alarm a = s.alarm().get();
            j.openObject("alarm").field("rule", "SR-21").field("level", a.level().name().toLowerCase(Locale.ROOT))
                    .field("client", a.clientId()).field("sound", a.level().sound())
                    .field("vibrate", a.level().vibrate()).field("acknowledgedBy", a.acknowledgedBy().orElse(null));
            if (timers) {
                j.field("sinceS", a.sinceS(), 1).field("escalatesInS", a.escalatesInS(), 1);
            }
            j.close();
        } else {
            j.nullField("alarm");
        }
        j.field("enableLive", s.enableLive()).field("preUseCheck", s.preUseCheck());
    }

    static String telemetry(JsonOut j, long session, long seq, long clockMs, long wallMs, boolean synchronised,
            double sampleAgeMs, RigModel model, RigStatus s, double[] speedsMmPerS) {
        j.reset().open().field("session", session).field("seq", seq).field("clockMs", clockMs)
                .wallTime(wallMs, synchronised).field("sampleAgeMs", sampleAgeMs, 1);
        double[] loadsKg = s.loadsKg();
        double[] positionsMm = s.positionsMm();
        j.openArray("ropes");
        for (RigModel.RopeModel r : model.ropes()) {
            double kg = loadsKg[r.index()];
            double limitKg = r.config().limitKg();
            double share = kg / limitKg;
            j.open().field("id", r.config().id()).field("loadKg", kg, 1).field("limitKg", limitKg, 1)
                    .field("shareOfLimit", share, 3).field("band", band(share)).close();
        }
        j.closeArray().openArray("winches");
        for (RigModel.WinchModel w : model.winches()) {
            j.open().field("id", w.config().id()).field("positionMm", positionsMm[w.index()], 1)
                    .field("speedMmPerS", speedsMmPerS[w.index()], 1).close();
        }
        j.closeArray().field("liveShare", s.liveShare(), 3).field("invertedS", s.invertedS(), 1)
                .field("holdElapsedS", s.program().map(RigStatus.ProgramStatus::holdElapsedS).orElse(Double.NaN), 1);
        return j.close().toString();
    }

    /**
     * @param synchronised whether the rig's clock is synchronised now: the record's time counts as synchronised
     *     only when it was written in this session too (an earlier run's clock is not known)
     */
    static String event(JsonOut j, long session, JournalRecord r, String bodyJson, boolean synchronised) {
        return j.reset().open().field("session", session).field("seq", r.seq()).field("recordSession", r.session())
                .field("wallMs", r.wallTimeMs()).wallTime(r.wallTimeMs(), synchronised && r.session() == session)
                .field("kind", r.kind()).rawField("body", bodyJson).close().toString();
    }

    static String reply(JsonOut j, long session, Long counter, String command, boolean accepted, String reason,
            String detail, long clockMs) {
        return reply(j, session, counter, command, accepted, reason, detail, clockMs, -1);
    }

    /** @param lastCounter for {@code hello}: the panel's high-water mark (0 when none); negative: no such field */
    static String reply(JsonOut j, long session, Long counter, String command, boolean accepted, String reason,
            String detail, long clockMs, long lastCounter) {
        j.reset().open().field("session", session);
        if (counter == null) {
            j.nullField("counter");
        } else {
            j.field("counter", counter.longValue());
        }
        j.field("command", command).field("accepted", accepted).field("reason", reason).field("detail", detail)
                .field("clockMs", clockMs);
        if (lastCounter >= 0) {
            j.field("lastCounter", lastCounter);
        }
        return j.close().toString();
    }
}
