package com.lianarig.controller.core;

import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.command.Refusal;
import java.util.Locale;

/**
 * SR-21 once the alarm is raised ({@link InvertedAlarm} raises it): nobody acknowledging it for the
 * escalation time (default 60 s) escalates it to "client alone inverted" (continuous tone, a QoS 1
 * event: the journal is the MQTT outbox); an acknowledgement (a person attends) silences it, and it is
 * raised again if the client is still inverted one alarm time after the acknowledgement, so a client is
 * never forgotten because someone once pressed a button. The trainer decides: nothing here moves,
 * stops or refuses anything.
 *
 * <pre>
 *             raise                  escalation time, unacknowledged
 *   (none) ─────────► ALARM ───────────────────────────────────────► ESCALATED
 *     ▲                 │ acknowledge                                    │ acknowledge
 *     │ lowered         ▼                                                ▼
 *     └──────────── ACKNOWLEDGED ◄───────────────────────────────────────┘
 *                       │ still inverted one alarm time later: raised again (ALARM)
 * </pre>
 *
 * <p>Who may acknowledge: any configured panel (trainer or technician, in command or not) and the wired
 * pendant. Acknowledging moves nothing, and the case it is for is a panel in command that went silent
 * with a trainer who walked away: whoever comes must be able to silence it from the panel in their hand
 * or at the rig. The journal names who did. Owner: the control thread.
 */
final class AlarmEscalation {
    private final EventLog log;
    private final long escalateAfterNanos;
    private final long raiseAgainAfterNanos;

    private AlarmLevel level;
    private String clientId;
    private long raisedAtNanos;
    private long acknowledgedAtNanos;
    private String acknowledgedBy;

    /**
     * @param escalateAfterS how long an alarm may go unacknowledged, s
     * @param raiseAgainAfterS after an acknowledgement, how long the client may stay inverted before the alarm
     *     is raised again (the alarm time), s
     */
    AlarmEscalation(EventLog log, double escalateAfterS, double raiseAgainAfterS) {
        this.log = log;
        this.escalateAfterNanos = (long) (escalateAfterS * 1e9);
        this.raiseAgainAfterNanos = (long) (raiseAgainAfterS * 1e9);
    }

    /** The level, or null when there is no alarm. */
    AlarmLevel level() {
        return level;
    }

    String clientId() {
        return clientId;
    }

    long raisedAtNanos() {
        return raisedAtNanos;
    }

    /** When it escalates, controller clock ns; {@link Long#MIN_VALUE} unless it is ALARM. */
    long escalatesAtNanos() {
        return level == AlarmLevel.ALARM ? raisedAtNanos + escalateAfterNanos : Long.MIN_VALUE;
    }

    /** Who acknowledged it last (a panel id or "pendant"), or null. */
    String acknowledgedBy() {
        return level == AlarmLevel.ACKNOWLEDGED ? acknowledgedBy : null;
    }

    /** The client has been inverted for the alarm time: the alarm sounds. */
    void raise(String client, double invertedS, long now) {
        if (level != null) {
            return;
        }
        clientId = client;
        raisedAtNanos = now;
        level = AlarmLevel.ALARM;
        log.record("alarm", Json.of("rule", "SR-21", "level", "alarm", "what", "client " + client + " inverted for "
                + Math.round(invertedS) + " s", "client", client, "invertedS", round(invertedS)));
    }

    /**
     * The time checks (control thread, every step): escalation after the escalation time unacknowledged;
     * raised again one alarm time after an acknowledgement while still inverted.
     *
     * @param invertedS the continuous time inverted now, s
     */
    void step(long now, double invertedS) {
        if (level == AlarmLevel.ALARM && now - raisedAtNanos >= escalateAfterNanos) {
            level = AlarmLevel.ESCALATED;
            log.record("alarm", Json.of("rule", "SR-21", "level", "escalated", "what", "client alone inverted: client "
                    + clientId + " inverted for " + Math.round(invertedS) + " s and the alarm unacknowledged for "
                    + Math.round((now - raisedAtNanos) / 1e9) + " s", "client", clientId, "invertedS", round(invertedS)));
        } else if (level == AlarmLevel.ACKNOWLEDGED && now - acknowledgedAtNanos >= raiseAgainAfterNanos) {
            level = null;
            raise(clientId, invertedS, now);
        }
    }

    /** The client is no longer inverted (lowered, or strapped out): the alarm is over. */
    void clear(String why) {
        if (level == null) {
            return;
        }
        log.record("alarm", Json.of("rule", "SR-21", "level", "cleared", "what", why, "client", clientId));
        level = null;
        acknowledgedBy = null;
    }

    /** A person attends: silences the alarm (any configured panel or the pendant; moves nothing). */
    Decision acknowledge(Issuer who, long now) {
        if (level == null) {
            return Decision.refuse(Refusal.WRONG_STATE, "no SR-21 alarm to acknowledge");
        }
        if (level == AlarmLevel.ACKNOWLEDGED) {
            return Decision.accept("already acknowledged by " + acknowledgedBy);
        }
        AlarmLevel was = level;
        level = AlarmLevel.ACKNOWLEDGED;
        acknowledgedAtNanos = now;
        acknowledgedBy = who.panelId();
        double afterS = (now - raisedAtNanos) / 1e9;
        log.record("alarm", Json.of("rule", "SR-21", "level", "acknowledged", "by", who.panelId(), "was",
                was.name().toLowerCase(Locale.ROOT), "afterS", round(afterS), "client", clientId));
        return Decision.accept(String.format(Locale.ROOT, "SR-21 alarm acknowledged after %.0f s: it sounds again if"
                + " client %s is still inverted in %.0f s", afterS, clientId, raiseAgainAfterNanos / 1e9));
    }

    private static double round(double s) {
        return Math.round(s * 10) / 10.0;
    }
}
