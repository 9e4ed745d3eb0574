package com.lianarig.controller.core;

import com.lianarig.config.profile.ClientProfile;

/**
 * SR-21: how long the client has hung inverted without a break (the leg ropes carrying more than
 * {@link #INVERTED_SHARE} of body weight), and the alarm once that reaches the configured time; what
 * follows the alarm (escalation, acknowledgement) is {@link AlarmEscalation}'s. The trainer decides:
 * nothing here moves anything.
 *
 * <p>A share that cannot be measured (a lost link, a load cell in fault: NaN) is not a lowered client:
 * the time inverted goes on counting and the alarm stays, since a client stuck in the air is exactly
 * who the alarm is for. Each inversion that ends is journalled ({@code inverted}, with its length: the
 * session history's time inverted). Owner: the control thread.
 */
final class InvertedAlarm {
    /** Leg ropes carrying more than this share of body weight count as "inverted". */
    static final double INVERTED_SHARE = 0.15;

    private final ClientSession session;
    private final EventLog log;
    private final AlarmEscalation escalation;
    private final double alarmAfterS;
    private long invertedSinceNanos = Long.MIN_VALUE;
    private double invertedS;
    private String invertedClient;

    InvertedAlarm(ClientSession session, EventLog log, AlarmEscalation escalation, double alarmAfterS) {
        this.session = session;
        this.log = log;
        this.escalation = escalation;
        this.alarmAfterS = alarmAfterS;
    }

    double invertedS() {
        return invertedS;
    }

    /** The client has been inverted for the alarm time (the alarm may have been acknowledged since). */
    boolean alarm() {
        return escalation.level() != null;
    }

    void step(long now) {
        ClientProfile client = session.client();
        if (client == null) {
            end(STRAPPED_OUT);
            return;
        }
        if (invertedClient != null && !invertedClient.equals(client.id())) {
            end(ANOTHER_CLIENT);
        }
        double share = session.legShare();
        boolean inverted = Double.isNaN(share) ? invertedSinceNanos != Long.MIN_VALUE : share > INVERTED_SHARE;
        if (!inverted) {
            end(LOWERED);
            return;
        }
        if (invertedSinceNanos == Long.MIN_VALUE) {
            invertedSinceNanos = now;
            invertedClient = client.id();
        }
        invertedS = (now - invertedSinceNanos) / 1e9;
        if (invertedS >= alarmAfterS) {
            escalation.raise(client.id(), invertedS, now);
        }
        escalation.step(now, invertedS);
    }

    private static final String STRAPPED_OUT = "the client was strapped out";
    private static final String ANOTHER_CLIENT = "another client was attached";
    private static final String LOWERED = "the client was lowered out of the inverted hang";

    /** The inversion (if any) is over: journalled with its length; the alarm clears. Allocates only when there was one. */
    private void end(String why) {
        if (invertedSinceNanos == Long.MIN_VALUE) {
            return;
        }
        log.record("inverted", Json.of("event", "ended", "client", invertedClient, "seconds", invertedS));
        escalation.clear(why);
        invertedSinceNanos = Long.MIN_VALUE;
        invertedS = 0;
        invertedClient = null;
    }
}
