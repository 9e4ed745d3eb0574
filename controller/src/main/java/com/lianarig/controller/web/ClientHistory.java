package com.lianarig.controller.web;

import com.lianarig.config.profile.SessionHistoryStore;
import com.lianarig.config.profile.SessionRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's session history as the panel shows it when the client is attached (SPEC section 5: the
 * ~10 sessions of a course). The web server serves it to paired panels only, over HTTPS, as
 * {@code GET /api/clients/<id>/history} (docs/panel.md): like client names it is personal, so it never
 * goes on the broker (on the embedded Moquette a subscription to {@code #} would receive any topic).
 *
 * <p>The per-client store is kept with the profiles by the controller ({@link SessionHistoryStore}, written by
 * the service's session recorder); {@link #of} reads it. {@link #NOT_KEPT} is for a rig that keeps none: the
 * panel then shows "no history yet".
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

    /** The last sessions the panel shows. */
    int SHOWN = 10;

    /**
     * The histories kept with the profiles: the client's {@value #SHOWN} latest sessions, newest first. A store
     * that cannot be read gives an empty history (the reason is the store's to log; damaged files are skipped).
     */
    static ClientHistory of(SessionHistoryStore store) {
        return clientId -> {
            List<SessionRecord> latest;
            try {
                latest = store.latest(clientId, SHOWN);
            } catch (IOException e) {
                return Optional.of(List.of());
            }
            List<Session> out = new ArrayList<>(latest.size());
            for (int i = latest.size() - 1; i >= 0; i--) {
                out.add(session(latest.get(i)));
            }
            return Optional.of(out);
        };
    }

    private static Session session(SessionRecord r) {
        String exercise = r.aims().isEmpty() ? "inverted-hang" : r.aims().get(r.aims().size() - 1).exercise().id();
        List<String> segments = new ArrayList<>();
        List<Double> heights = new ArrayList<>();
        for (SessionRecord.Aim a : r.aims()) {
            if (a.segment() != null) {
                segments.add(a.segment().id());
            }
            heights.add(a.heightMm());
        }
        List<Double> holds = new ArrayList<>();
        int repetitions = 0;
        for (SessionRecord.Hold h : r.holds()) {
            holds.add(h.heldS());
            repetitions = Math.max(repetitions, h.repetition());
        }
        List<String> stops = new ArrayList<>();
        for (SessionRecord.Stop st : r.stops()) {
            stops.add(st.why());
        }
        StringBuilder notes = new StringBuilder();
        for (SessionRecord.Note n : r.notes()) {
            notes.append(notes.length() == 0 ? "" : "; ").append(n.text());
        }
        return new Session(r.startedAt().toEpochMilli(), exercise, segments, heights, holds, repetitions, stops,
                notes.toString());
    }
}
