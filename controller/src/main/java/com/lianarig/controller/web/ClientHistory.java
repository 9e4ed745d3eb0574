package com.lianarig.controller.web;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's session history as the panel shows it when the client is attached (SPEC section 5: the
 * ~10 sessions of a course). The web server serves it to paired panels only, over HTTPS, as
 * {@code GET /api/clients/<id>/history} (docs/panel.md): like client names it is personal, so it never
 * goes on the broker (on the embedded Moquette a subscription to {@code #} would receive any topic).
 *
 * <p>The per-client store is kept with the profiles by the controller (a separate piece of work);
 * until a rig has one, {@link #NOT_KEPT} says so and the panel shows "no history yet".
 */
@FunctionalInterface
public interface ClientHistory {

    /**
     * One session of the client.
     *
     * @param startedAtMs when it started, wall clock, ms since the epoch
     * @param exercise e.g. {@code inverted-hang}
     * @param segments the segments aimed at, in order
     * @param heightsMm the strap heights held, mm
     * @param holdsS the hold times, s
     * @param repetitions repetitions done
     * @param stops each stop in words and why ("STOP by trainer-tablet")
     * @param note the trainer's short note, empty when none
     */
    record Session(long startedAtMs, String exercise, List<String> segments, List<Double> heightsMm, List<Double> holdsS,
            int repetitions, List<String> stops, String note) {
        public Session {
            Objects.requireNonNull(exercise, "exercise");
            segments = List.copyOf(segments);
            heightsMm = List.copyOf(heightsMm);
            holdsS = List.copyOf(holdsS);
            stops = List.copyOf(stops);
            Objects.requireNonNull(note, "note");
        }
    }

    /**
     * The client's sessions, newest first; empty when this rig keeps no history.
     *
     * @param clientId an opaque profile id
     */
    Optional<List<Session>> sessions(String clientId);

    /** This rig keeps no session history yet. */
    ClientHistory NOT_KEPT = clientId -> Optional.empty();
}
