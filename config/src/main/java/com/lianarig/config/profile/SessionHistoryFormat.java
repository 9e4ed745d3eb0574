package com.lianarig.config.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.ConfigException;
import com.lianarig.config.SpineSegment;
import com.lianarig.config.yaml.Documents;
import com.lianarig.config.yaml.ObjectReader;
import com.lianarig.config.yaml.Problems;
import com.lianarig.config.yaml.TextRule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One stored session ({@link SessionRecord}) as JSON, written by the rig and read back strictly (every
 * problem named with its path). The same object, without {@code formatVersion}, is what panels receive
 * (docs/mqtt.md, {@code R/panel/history}).
 *
 * <pre>
 * {"formatVersion":1,"client":"c-0042","number":3,"startedAt":"2026-11-24T09:00:00Z",
 *  "ended":{"at":"2026-11-24T09:40:00Z","why":"detached"},       (absent while the session is open)
 *  "invertedS":412.0,"longestInvertedS":95.5,"alarms":0,"escalations":0,"dropped":0,
 *  "aims":[{"atS":61.2,"exercise":"inverted-hang","segment":"L4-L5","heightMm":1750.0}],
 *  "holds":[{"atS":80.0,"segment":"L4-L5","repetition":1,"repetitions":3,"holdS":3.0,"heldS":3.0,
 *            "strapHeightMm":1702.3}],                           (strapHeightMm absent when unknown)
 *  "stops":[{"atS":300.4,"why":"STOP from trainer-tablet"}],
 *  "notes":[{"atS":310.0,"at":"2026-11-24T09:05:10Z","panel":"trainer-tablet","text":"pain at L5, stopped"}]}
 * </pre>
 */
public final class SessionHistoryFormat {
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final TextRule ID = TextRule.matching(ClientProfile.ID.pattern(),
            "an opaque id (1..64 letters, digits, '-' or '_')");
    private static final TextRule PANEL = TextRule.matching(SessionRecord.PANEL.pattern(), "a panel id");
    private static final TextRule INSTANT = t -> {
        try {
            Instant.parse(t);
            return null;
        } catch (DateTimeParseException e) {
            return "is not an ISO-8601 time in UTC (e.g. 2026-11-24T09:00:00Z)";
        }
    };
    private static final TextRule SEGMENT = t -> SpineSegment.find(t).isPresent() ? null
            : "is not a spine segment id (" + SpineSegment.ids() + ")";

    private SessionHistoryFormat() {
    }

    /** The file's bytes. */
    static byte[] write(SessionRecord r) {
        ObjectNode root = NODES.objectNode();
        root.put("formatVersion", FORMAT_VERSION);
        fill(root, r);
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }

    /** The session as a JSON object (what panels receive): the file's content without {@code formatVersion}. */
    public static ObjectNode toJson(SessionRecord r) {
        ObjectNode o = NODES.objectNode();
        fill(o, r);
        return o;
    }

    private static void fill(ObjectNode o, SessionRecord r) {
        o.put("client", r.clientId());
        o.put("number", r.number());
        o.put("startedAt", r.startedAt().toString());
        r.ended().ifPresent(e -> o.putObject("ended").put("at", e.at().toString()).put("why", e.why()));
        o.put("invertedS", round(r.invertedS()));
        o.put("longestInvertedS", round(r.longestInvertedS()));
        o.put("alarms", r.alarms());
        o.put("escalations", r.escalations());
        o.put("dropped", r.dropped());
        ArrayNode aims = o.putArray("aims");
        for (SessionRecord.Aim a : r.aims()) {
            aims.addObject().put("atS", round(a.atS())).put("exercise", a.exercise().id())
                    .put("segment", a.segment().id()).put("heightMm", round(a.heightMm()));
        }
        ArrayNode holds = o.putArray("holds");
        for (SessionRecord.Hold h : r.holds()) {
            ObjectNode n = holds.addObject().put("atS", round(h.atS())).put("segment", h.segment().id())
                    .put("repetition", h.repetition()).put("repetitions", h.repetitions()).put("holdS", round(h.holdS()))
                    .put("heldS", round(h.heldS()));
            if (!Double.isNaN(h.strapHeightMm())) {
                n.put("strapHeightMm", round(h.strapHeightMm()));
            }
        }
        ArrayNode stops = o.putArray("stops");
        for (SessionRecord.Stop s : r.stops()) {
            stops.addObject().put("atS", round(s.atS())).put("why", s.why());
        }
        ArrayNode notes = o.putArray("notes");
        for (SessionRecord.Note n : r.notes()) {
            notes.addObject().put("atS", round(n.atS())).put("at", n.at().toString()).put("panel", n.panel())
                    .put("text", n.text());
        }
    }

    /** One decimal: tenths of a second and of a millimetre are all a trainer reads. */
    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /**
     * Reads a session file.
     *
     * @param file the file's name for messages
     * @param expectedClient the client whose directory holds it
     * @param expectedNumber the number in its name
     * @throws ConfigException naming every problem
     */
    static SessionRecord read(byte[] bytes, String file, String expectedClient, int expectedNumber)
            throws ConfigException {
        return Documents.read(bytes, file, Documents.Format.JSON, "a stored client session",
                o -> session(o, expectedClient, expectedNumber));
    }

    private static SessionRecord session(ObjectReader o, String expectedClient, int expectedNumber) {
        o.formatVersion(FORMAT_VERSION, "the file format, " + FORMAT_VERSION);
        String client = o.text("client", ID, "the client's opaque id");
        if (client != null && !client.equals(expectedClient)) {
            o.error("client", "is not the client whose directory holds the file (" + Problems.quote(expectedClient) + ")");
        }
        long number = o.integer("number", 1, SessionRecord.MAX_NUMBER, "");
        if (number != 0 && number != expectedNumber) {
            o.error("number", "is not the number the file is named for (" + expectedNumber + ")");
        }
        Instant started = instant(o, "startedAt");
        Optional<SessionRecord.Ending> ended = o.optionalObject("ended", "how the session ended").map(e -> e.build(x -> {
            Instant at = instant(x, "at");
            String why = x.text("why", t -> t.length() <= SessionRecord.MAX_WHY_CHARS ? null : "is too long",
                    "why it ended");
            return x.clean() ? x.construct(() -> new SessionRecord.Ending(at, why)) : null;
        }));
        double inverted = o.number("invertedS", 0, SessionRecord.MAX_AT_S, "s");
        double longest = o.number("longestInvertedS", 0, SessionRecord.MAX_AT_S, "s");
        long alarms = o.integer("alarms", 0, 1_000_000, "");
        long escalations = o.integer("escalations", 0, 1_000_000, "");
        long dropped = o.integer("dropped", 0, 1_000_000_000, "");
        List<SessionRecord.Aim> aims = new ArrayList<>();
        for (ObjectReader a : o.objects("aims", true, 0, SessionRecord.MAX_AIMS, "an aim")) {
            aims.add(a == null ? null : a.build(SessionHistoryFormat::aim));
        }
        List<SessionRecord.Hold> holds = new ArrayList<>();
        for (ObjectReader h : o.objects("holds", true, 0, SessionRecord.MAX_HOLDS, "a hold")) {
            holds.add(h == null ? null : h.build(SessionHistoryFormat::hold));
        }
        List<SessionRecord.Stop> stops = new ArrayList<>();
        for (ObjectReader s : o.objects("stops", true, 0, SessionRecord.MAX_STOPS, "a stop")) {
            stops.add(s == null ? null : s.build(x -> {
                double at = x.number("atS", 0, SessionRecord.MAX_AT_S, "s");
                String why = x.text("why", t -> t.length() <= SessionRecord.MAX_WHY_CHARS ? null : "is too long",
                        "why it stopped");
                return x.clean() ? x.construct(() -> new SessionRecord.Stop(at, why)) : null;
            }));
        }
        List<SessionRecord.Note> notes = new ArrayList<>();
        for (ObjectReader n : o.objects("notes", true, 0, SessionRecord.MAX_NOTES, "a note")) {
            notes.add(n == null ? null : n.build(SessionHistoryFormat::note));
        }
        if (!o.clean()) {
            return null;
        }
        return o.construct(() -> new SessionRecord(client, (int) number, started, ended, aims, holds, stops, notes,
                inverted, longest, (int) alarms, (int) escalations, (int) dropped));
    }

    private static SessionRecord.Aim aim(ObjectReader x) {
        double at = x.number("atS", 0, SessionRecord.MAX_AT_S, "s");
        Exercise exercise = x.choice("exercise", Exercise.class);
        SpineSegment segment = segment(x);
        double height = x.number("heightMm", -1_000, 10_000, "mm");
        return x.clean() ? x.construct(() -> new SessionRecord.Aim(at, exercise, segment, height)) : null;
    }

    private static SessionRecord.Hold hold(ObjectReader x) {
        double at = x.number("atS", 0, SessionRecord.MAX_AT_S, "s");
        SpineSegment segment = segment(x);
        long repetition = x.integer("repetition", 1, ExercisePreset.MAX_REPETITIONS, "");
        long repetitions = x.integer("repetitions", 1, ExercisePreset.MAX_REPETITIONS, "");
        double hold = x.number("holdS", 0, SessionRecord.MAX_AT_S, "s");
        double held = x.number("heldS", 0, SessionRecord.MAX_AT_S, "s");
        double strapMm = x.optionalNumber("strapHeightMm", -1_000, 10_000, "mm").orElse(Double.NaN);
        return x.clean() ? x.construct(() -> new SessionRecord.Hold(at, segment, (int) repetition, (int) repetitions,
                hold, held, strapMm)) : null;
    }

    private static SessionRecord.Note note(ObjectReader x) {
        double atS = x.number("atS", 0, SessionRecord.MAX_AT_S, "s");
        Instant at = instant(x, "at");
        String panel = x.text("panel", PANEL, "the panel it came from");
        String text = x.text("text", t -> {
            String why = SessionRecord.noteProblem(t);
            return why == null ? null : "is not a note: a note " + why;
        }, "the note");
        return x.clean() ? x.construct(() -> new SessionRecord.Note(atS, at, panel, text)) : null;
    }

    private static SpineSegment segment(ObjectReader x) {
        String id = x.text("segment", SEGMENT, "a spine segment id");
        return id == null ? null : SpineSegment.fromId(id);
    }

    private static Instant instant(ObjectReader x, String key) {
        String t = x.text(key, INSTANT, "an ISO-8601 time in UTC");
        return t == null ? null : Instant.parse(t);
    }
}
