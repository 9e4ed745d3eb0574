package com.lianarig.config.profile;

import com.lianarig.config.SpineSegment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One session of one client on the rig, from attach to detach (SPEC section 5, "session history"): what
 * a trainer needs over the ~10 sessions of a course. Kept with the client's profile
 * ({@link SessionHistoryStore}); it holds personal health data (the notes), so it goes to panels only,
 * never to studio systems.
 *
 * <p>Times within the session ({@code atS}) count from its start on the rig's monotonic clock, so a
 * wall clock set late (the Pi may have no real-time clock) cannot reorder them. Each list is bounded;
 * entries beyond a bound are counted in {@code dropped}, never silently lost.
 *
 * @param clientId the client's opaque profile id
 * @param number the session's number for this client, from 1
 * @param startedAt when it started, wall clock
 * @param ended when and how it ended; empty while it is open
 * @param aims each aim at a segment, with its exercise and aimed height
 * @param holds each hold of a session program: segment, repetition, planned and held time, strap height
 * @param stops each stop while the client was on the rig, and why
 * @param notes the trainers' short notes ("pain at L5, stopped")
 * @param invertedS total time inverted, s
 * @param longestInvertedS the longest continuous time inverted, s
 * @param alarms SR-21 alarms raised
 * @param escalations SR-21 alarms that escalated (unacknowledged)
 * @param dropped entries not kept because a list was full
 */
public record SessionRecord(String clientId, int number, Instant startedAt, Optional<Ending> ended, List<Aim> aims,
        List<Hold> holds, List<Stop> stops, List<Note> notes, double invertedS, double longestInvertedS, int alarms,
        int escalations, int dropped) {
    public static final int MAX_NUMBER = 999_999;
    public static final int MAX_AIMS = 200;
    public static final int MAX_HOLDS = 500;
    public static final int MAX_STOPS = 200;
    public static final int MAX_NOTES = 50;
    /** A note's length, characters. */
    public static final int MAX_NOTE_CHARS = 200;
    /** A stop's reason, characters (longer reasons are cut). */
    public static final int MAX_WHY_CHARS = 300;
    /** The longest session, s (a week: anything longer is a broken clock). */
    public static final double MAX_AT_S = 7 * 24 * 3600;
    static final Pattern PANEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public SessionRecord {
        Objects.requireNonNull(clientId, "clientId");
        if (!ClientProfile.ID.matcher(clientId).matches()) {
            throw new IllegalArgumentException("\"" + clientId + "\" is not a profile id");
        }
        if (number < 1 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("session number " + number + " is outside 1.." + MAX_NUMBER);
        }
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(ended, "ended");
        aims = bounded("aims", aims, MAX_AIMS);
        holds = bounded("holds", holds, MAX_HOLDS);
        stops = bounded("stops", stops, MAX_STOPS);
        notes = bounded("notes", notes, MAX_NOTES);
        seconds("invertedS", invertedS);
        seconds("longestInvertedS", longestInvertedS);
        if (longestInvertedS > invertedS) {
            throw new IllegalArgumentException("longestInvertedS " + longestInvertedS + " exceeds invertedS " + invertedS);
        }
        if (alarms < 0 || escalations < 0 || escalations > alarms || dropped < 0) {
            throw new IllegalArgumentException("alarms " + alarms + ", escalations " + escalations + " and dropped "
                    + dropped + " must be counts, with no more escalations than alarms");
        }
    }

    /** A new, open session with nothing in it yet. */
    public static SessionRecord open(String clientId, int number, Instant startedAt) {
        return new SessionRecord(clientId, number, startedAt, Optional.empty(), List.of(), List.of(), List.of(),
                List.of(), 0, 0, 0, 0, 0);
    }

    /** How a session ended: when (wall clock) and why ("detached", "another client attached", ...). */
    public record Ending(Instant at, String why) {
        public Ending {
            Objects.requireNonNull(at, "at");
            why = text("why", why, MAX_WHY_CHARS);
        }
    }

    /**
     * An aim at a spine segment.
     *
     * @param atS when, s into the session
     * @param exercise the exercise (the inverted hang aims at a segment)
     * @param segment the segment aimed at
     * @param heightMm the aimed (unloaded) strap height above the mat, mm
     */
    public record Aim(double atS, Exercise exercise, SpineSegment segment, double heightMm) {
        public Aim {
            seconds("atS", atS);
            Objects.requireNonNull(exercise, "exercise");
            Objects.requireNonNull(segment, "segment");
            height("heightMm", heightMm);
        }
    }

    /**
     * One hold of a session program.
     *
     * @param atS when the hold began, s into the session
     * @param segment the segment aimed at
     * @param repetition which repetition, from 1
     * @param repetitions the program's repetitions
     * @param holdS the planned hold, s
     * @param heldS how long it was held, s (shorter when it was stopped)
     * @param strapHeightMm the loaded strap height above the mat when the hold began, mm; NaN when unknown
     */
    public record Hold(double atS, SpineSegment segment, int repetition, int repetitions, double holdS, double heldS,
            double strapHeightMm) {
        public Hold {
            seconds("atS", atS);
            Objects.requireNonNull(segment, "segment");
            if (repetition < 1 || repetitions < 1 || repetition > repetitions || repetitions > ExercisePreset.MAX_REPETITIONS) {
                throw new IllegalArgumentException("repetition " + repetition + " of " + repetitions + " is not one of 1.."
                        + ExercisePreset.MAX_REPETITIONS);
            }
            seconds("holdS", holdS);
            seconds("heldS", heldS);
            if (!Double.isNaN(strapHeightMm)) {
                height("strapHeightMm", strapHeightMm);
            }
        }
    }

    /**
     * A stop while the client was on the rig: a trainer's STOP, a protection's stop or fault, a program
     * paused or ended before its last repetition, the safety chain.
     *
     * @param atS when, s into the session
     * @param why in the rig's words (its journal's)
     */
    public record Stop(double atS, String why) {
        public Stop {
            seconds("atS", atS);
            why = text("why", why, MAX_WHY_CHARS);
        }
    }

    /**
     * A trainer's short note.
     *
     * @param atS when, s into the session
     * @param at when, wall clock
     * @param panel the panel it came from
     * @param text the note, 1..{@value #MAX_NOTE_CHARS} characters, no control characters
     */
    public record Note(double atS, Instant at, String panel, String text) {
        public Note {
            seconds("atS", atS);
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(panel, "panel");
            if (!PANEL.matcher(panel).matches()) {
                throw new IllegalArgumentException("\"" + panel + "\" is not a panel id");
            }
            String why = noteProblem(text);
            if (why != null) {
                throw new IllegalArgumentException("a note " + why);
            }
        }
    }

    /** Why {@code text} cannot be a note, or null when it can. */
    public static String noteProblem(String text) {
        if (text == null || text.isBlank()) {
            return "needs some text";
        }
        if (text.length() > MAX_NOTE_CHARS) {
            return "is at most " + MAX_NOTE_CHARS + " characters (this one has " + text.length() + ")";
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return "is one line of text without control characters (a tab or a line break at " + (i + 1) + ")";
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ building it up

    public SessionRecord withAim(Aim aim) {
        return aims.size() >= MAX_AIMS ? dropOne() : copy(append(aims, aim), holds, stops, notes);
    }

    public SessionRecord withHold(Hold hold) {
        return holds.size() >= MAX_HOLDS ? dropOne() : copy(aims, append(holds, hold), stops, notes);
    }

    public SessionRecord withStop(Stop stop) {
        return stops.size() >= MAX_STOPS ? dropOne() : copy(aims, holds, append(stops, stop), notes);
    }

    /** This session with the note, or unchanged but for {@code dropped} when it has {@value #MAX_NOTES} already. */
    public SessionRecord withNote(Note note) {
        return notes.size() >= MAX_NOTES ? dropOne() : copy(aims, holds, stops, append(notes, note));
    }

    /** This session with a continuous time inverted of {@code seconds} added. */
    public SessionRecord withInverted(double seconds) {
        return new SessionRecord(clientId, number, startedAt, ended, aims, holds, stops, notes, invertedS + seconds,
                Math.max(longestInvertedS, seconds), alarms, escalations, dropped);
    }

    public SessionRecord withAlarm(boolean escalated) {
        return new SessionRecord(clientId, number, startedAt, ended, aims, holds, stops, notes, invertedS,
                longestInvertedS, escalated ? alarms : alarms + 1, escalated ? escalations + 1 : escalations, dropped);
    }

    public SessionRecord ended(Ending ending) {
        return new SessionRecord(clientId, number, startedAt, Optional.of(ending), aims, holds, stops, notes, invertedS,
                longestInvertedS, alarms, escalations, dropped);
    }

    public boolean isOpen() {
        return ended.isEmpty();
    }

    private SessionRecord copy(List<Aim> a, List<Hold> h, List<Stop> s, List<Note> n) {
        return new SessionRecord(clientId, number, startedAt, ended, a, h, s, n, invertedS, longestInvertedS, alarms,
                escalations, dropped);
    }

    private SessionRecord dropOne() {
        return new SessionRecord(clientId, number, startedAt, ended, aims, holds, stops, notes, invertedS,
                longestInvertedS, alarms, escalations, dropped + 1);
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list.size() + 1);
        out.addAll(list);
        out.add(Objects.requireNonNull(item, "item"));
        return out;
    }

    // ------------------------------------------------------------------ checks

    private static <T> List<T> bounded(String what, List<T> list, int max) {
        List<T> copy = List.copyOf(list);
        if (copy.size() > max) {
            throw new IllegalArgumentException(what + " has " + copy.size() + " entries, at most " + max);
        }
        return copy;
    }

    private static void seconds(String what, double s) {
        if (!(s >= 0 && s <= MAX_AT_S)) {
            throw new IllegalArgumentException(what + " " + s + " s is outside 0.." + (long) MAX_AT_S);
        }
    }

    private static void height(String what, double mm) {
        if (!(mm >= -1_000 && mm <= 10_000)) {
            throw new IllegalArgumentException(what + " " + mm + " mm is outside -1000..10000");
        }
    }

    private static String text(String what, String s, int max) {
        Objects.requireNonNull(s, what);
        if (s.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
