package com.lianarig.tools.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.controller.journal.JournalRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How {@code rig journal} writes records:
 *
 * <ul>
 *   <li>{@code text}: one line per record for people, local time, seq, session, kind, then the body as
 *       {@code key=value} pairs;</li>
 *   <li>{@code csv}: RFC 4180, a header {@code seq,time,wallTimeMs,monoNanos,session,kind,body}; time is
 *       ISO-8601 UTC, body the record's JSON text;</li>
 *   <li>{@code json}: JSON Lines, one object per record: {@code {"seq":..,"time":"..Z","wallTimeMs":..,
 *       "monoNanos":..,"session":..,"kind":"..","body":{..}}}, the body as a JSON object (or a string
 *       when the record's body is not JSON).</li>
 * </ul>
 */
enum RecordFormat {
    TEXT, CSV, JSON;

    static final String CSV_HEADER = "seq,time,wallTimeMs,monoNanos,session,kind,body";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    /** Writes what comes before the first record (the CSV header). */
    void begin(Writer out) {
        if (this == CSV) {
            write(out, CSV_HEADER + "\n");
        }
    }

    /** Writes one record as one line. */
    void write(Writer out, JournalRecord r, ZoneId zone) {
        write(out, switch (this) {
            case TEXT -> String.format(Locale.ROOT, "%s  #%-6d s%-3d %-15s %s%n",
                    LOCAL.format(Instant.ofEpochMilli(r.wallTimeMs()).atZone(zone)), r.seq(), r.session(), r.kind(),
                    Bodies.readable(r.body()));
            case CSV -> r.seq() + "," + Instant.ofEpochMilli(r.wallTimeMs()) + "," + r.wallTimeMs() + ","
                    + r.monoNanos() + "," + r.session() + "," + csv(r.kind()) + "," + csv(r.body()) + "\n";
            case JSON -> json(r) + "\n";
        });
    }

    /** The JSON object of a record (as one line). */
    static String json(JournalRecord r) {
        ObjectNode o = Bodies.MAPPER.createObjectNode();
        o.put("seq", r.seq());
        o.put("time", Instant.ofEpochMilli(r.wallTimeMs()).toString());
        o.put("wallTimeMs", r.wallTimeMs());
        o.put("monoNanos", r.monoNanos());
        o.put("session", r.session());
        o.put("kind", r.kind());
        JsonNode body = Bodies.object(r.body()).map(b -> (JsonNode) b).orElseGet(() -> o.textNode(r.body()));
        o.set("body", body);
        return o.toString();
    }

    /** A CSV field: quoted when it holds a comma, a quote or a line break; quotes doubled. */
    static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return "\"" + field.replace("\"", "\"\"") + "\"";
    }

    private static void write(Writer out, String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
