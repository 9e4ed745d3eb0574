package com.lianarig.controller.core;

import com.lianarig.config.profile.ClientProfile;

/**
 * SR-21: an alarm after the configured continuous time inverted (the leg ropes carrying more than
 * {@link #INVERTED_SHARE} of body weight); the trainer decides. Owner: the control thread.
 */
final class InvertedAlarm {
    /** Leg ropes carrying more than this share of body weight count as "inverted". */
    static final double INVERTED_SHARE = 0.15;

    private final ClientSession session;
    private final EventLog log;
    private final double alarmAfterS;
    private long invertedSinceNanos = Long.MIN_VALUE;
    private boolean alarm;
    private double invertedS;

    InvertedAlarm(ClientSession session, EventLog log, double alarmAfterS) {
        this.session = session;
        this.log = log;
        this.alarmAfterS = alarmAfterS;
    }

    double invertedS() {
        return invertedS;
    }

    boolean alarm() {
        return alarm;
    }

    void step(long now) {
        ClientProfile client = session.client();
        if (client == null) {
            invertedSinceNanos = Long.MIN_VALUE;
            alarm = false;
            invertedS = 0;
            return;
        }
        if (session.legShare() > INVERTED_SHARE) {
            if (invertedSinceNanos == Long.MIN_VALUE) {
                invertedSinceNanos = now;
            }
            invertedS = (now - invertedSinceNanos) / 1e9;
            if (!alarm && invertedS >= alarmAfterS) {
                alarm = true;
                log.record("alarm", Json.of("rule", "SR-21", "what", "client " + client.id() + " inverted for "
                        + Math.round(invertedS) + " s", "client", client.id()));
            }
        } else {
            invertedSinceNanos = Long.MIN_VALUE;
            invertedS = 0;
            alarm = false;
        }
    }
}
