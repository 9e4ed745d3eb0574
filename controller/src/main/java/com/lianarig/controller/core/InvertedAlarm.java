package com.lianarig.controller.core;

import com.lianarig.config.profile.ClientProfile;
import com.lianarig.controller.rig.RigModel;

/**
 * SR-21: how long the client has hung inverted without a break (the leg ropes carrying more than
 * {@link #INVERTED_SHARE} of body weight), and the alarm once that reaches the configured time; what
 * follows the alarm (escalation, acknowledgement) is {@link AlarmEscalation}'s. The trainer decides:
 * nothing here moves anything.
 *
 * <p>A share that cannot be measured (a lost link, a load cell in fault: NaN) is not a lowered client:
 * the time inverted goes on counting and the alarm stays, since a client stuck in the air is exactly
 * who the alarm is for. Each inversion is journalled ({@code inverted}): "started", a "checkpoint" with the
 * seconds so far every {@link #CHECKPOINT_NANOS}, and "ended" with its length (the session history's time
 * inverted).
 *
 * <p>A restart (a power cut, a kill) must not silence SR-21 for a client left hanging (issue 14): after it
 * no client is attached (attach is refused while a body is off the mat), so the time so far is also handed
 * to an {@link InversionSink} (the inversion file) at the start and at every checkpoint, and the next run
 * {@link #resume resumes} it: while the leg ropes carry more than {@link #INVERTED_SHARE} of the recorded
 * client's mass (or cannot be measured) the count goes on from the recorded time, never less, since the
 * downtime is unknown and no wall-clock difference is trusted (the Pi has no RTC); ropes that carry nothing
 * close it with its last recorded length. Only durations on the monotonic clock are used. Owner: the
 * control thread.
 */
final class InvertedAlarm {
    /** Leg ropes carrying more than this share of body weight count as "inverted". */
    static final double INVERTED_SHARE = 0.15;
    /**
     * How often the time inverted is made durable while it lasts (the inversion file, a journal
     * {@code inverted} checkpoint), ns: a restart loses at most this much of it, well inside the
     * alarm time (180 s by default, 30 s at least), while the SD card sees one small atomic file write and
     * one journal record per 10 s of inversion only, never while nobody hangs.
     */
    static final long CHECKPOINT_NANOS = 10_000_000_000L;

    private final ClientSession session;
    private final EventLog log;
    private final AlarmEscalation escalation;
    private final double alarmAfterS;
    private InversionSink sink = InversionSink.NONE;
    private long invertedSinceNanos = Long.MIN_VALUE;
    private double invertedS;
    private String invertedClient;
    private double invertedMassKg;
    private long checkpointAtNanos;
    /** The inversion goes on from before a restart with no client attached: the recorded client's mass judges it. */
    private boolean carried;
    /** Carried: the leg ropes' load was measured since the restart (until then the client is taken to hang). */
    private boolean measured;
    /** Carried: the time inverted the previous run recorded, s (the last known length). */
    private double recordedS;
    /** An inversion the previous run left open, until the first step judges it; null when none. */
    private CutInversion cut;

    InvertedAlarm(ClientSession session, EventLog log, AlarmEscalation escalation, double alarmAfterS) {
        this.session = session;
        this.log = log;
        this.escalation = escalation;
        this.alarmAfterS = alarmAfterS;
    }

    /** Where the time inverted is made durable (before the first step). */
    void sink(InversionSink s) {
        this.sink = s;
    }

    /**
     * The inversion the previous run of the service left open (before the first step). The next steps go
     * on counting it from its recorded time if the leg ropes still carry that client (judged from the
     * recorded mass: no client is attached after a restart), the alarm rising at once if that is past the
     * alarm time; ropes that carry nothing close it, journalled with its last known length.
     */
    void resume(CutInversion c) {
        this.cut = c;
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
        String id;
        double massKg;
        double share;
        if (client != null) {
            if (cut != null && !client.id().equals(cut.clientId())) {
                closeCut(ANOTHER_CLIENT);
            }
            if (invertedClient != null && !invertedClient.equals(client.id())) {
                end(ANOTHER_CLIENT);
            }
            carried = false; // the same client attached again: their inversion goes on as theirs
            id = client.id();
            massKg = client.massKg();
            share = session.legShare();
        } else if (carried || cut != null) {
            id = carried ? invertedClient : cut.clientId();
            massKg = carried ? invertedMassKg : cut.massKg();
            share = session.legLoadN() / (massKg * RigModel.G_MPS2);
            if (carried && !Double.isNaN(share) && share > INVERTED_SHARE) {
                measured = true;
            }
        } else {
            end(STRAPPED_OUT);
            return;
        }
        boolean counting = invertedSinceNanos != Long.MIN_VALUE || cut != null;
        boolean inverted = Double.isNaN(share) ? counting : share > INVERTED_SHARE;
        if (!inverted) {
            if (cut != null) {
                closeCut(NOTHING_CARRIED);
            } else if (carried && !measured) {
                invertedS = recordedS; // the restart's unmeasured seconds were no inversion
                end(NOTHING_CARRIED);
            } else {
                end(carried ? LOWERED_AFTER_RESTART : LOWERED);
            }
            return;
        }
        boolean begun = invertedSinceNanos == Long.MIN_VALUE;
        if (begun) {
            if (cut != null) {
                // downtime unknown (no wall-clock difference is trusted): at least what was recorded
                invertedSinceNanos = now - (long) (cut.invertedS() * 1e9);
                carried = client == null;
                measured = !Double.isNaN(share);
                recordedS = cut.invertedS();
                log.record("inverted", Json.of("event", "resumed", "client", id, "seconds", round(recordedS),
                        "why", (measured ? "the leg ropes still carry the client after the restart"
                                : "the leg ropes' load is not measured yet after the restart: the client is taken to"
                                        + " hang until it is")
                                + "; the time inverted goes on from the last recorded (the time the service was down"
                                + " is not known)"));
                cut = null;
            } else {
                invertedSinceNanos = now;
                log.record("inverted", Json.of("event", "started", "client", id));
            }
            invertedClient = id;
            invertedMassKg = massKg;
            checkpointAtNanos = now;
        }
        invertedS = (now - invertedSinceNanos) / 1e9;
        if (now - checkpointAtNanos >= 0) {
            if (!begun) { // the start (or the resumption) is journalled already
                log.record("inverted", Json.of("event", "checkpoint", "client", id, "seconds", round(invertedS)));
            }
            sink.inverted(id, massKg, invertedS);
            checkpointAtNanos = now + CHECKPOINT_NANOS;
        }
        if (invertedS >= alarmAfterS) {
            escalation.raise(id, invertedS, now);
        }
        escalation.step(now, invertedS);
    }

    private static final String STRAPPED_OUT = "the client was strapped out";
    private static final String ANOTHER_CLIENT = "another client was attached";
    private static final String LOWERED = "the client was lowered out of the inverted hang";
    private static final String LOWERED_AFTER_RESTART = "the client was lowered out of the inverted hang (after the"
            + " restart, judged on the leg ropes' load against the client's recorded mass)";
    private static final String NOTHING_CARRIED = "after the restart the leg ropes carry nothing of the client: the"
            + " inversion the restart cut is closed with its last recorded length";

    /** The inversion (if any) is over: journalled with its length; the alarm clears. Allocates only when there was one. */
    private void end(String why) {
        if (invertedSinceNanos == Long.MIN_VALUE) {
            return;
        }
        log.record("inverted", Json.of("event", "ended", "client", invertedClient, "seconds", invertedS, "why", why));
        sink.ended();
        escalation.clear(why);
        invertedSinceNanos = Long.MIN_VALUE;
        invertedS = 0;
        invertedClient = null;
        carried = false;
    }

    /** The inversion left open before the restart is over without being resumed: journalled with its last known length. */
    private void closeCut(String why) {
        log.record("inverted", Json.of("event", "ended", "client", cut.clientId(), "seconds", cut.invertedS(), "why",
                why));
        sink.ended();
        cut = null;
    }

    private static double round(double s) {
        return Math.round(s * 10) / 10.0;
    }
}
