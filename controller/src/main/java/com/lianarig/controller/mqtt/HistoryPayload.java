package com.lianarig.controller.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.profile.SessionHistoryFormat;
import com.lianarig.config.profile.SessionRecord;
import com.lianarig.controller.history.SessionRecorder;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code R/panel/history} (retained, panels only): the attached client's latest sessions as the panel shows
 * them (docs/mqtt.md, schema panel-history.schema.json), newest last. A session's file may hold up to 500
 * holds; a panel needs the latest, and a broker takes packets of 64 KiB at most, so each session's lists
 * keep their newest {@value #LIST_ENTRIES} entries (notes: all) and the oldest sessions go first when the
 * payload would pass {@value #MAX_BYTES} bytes; what was left out is counted ({@code omitted},
 * {@code trimmed}), the whole history is in the files ({@code rig journal clients --history}).
 */
final class HistoryPayload {
    /** The largest payload, bytes: well inside the brokers' 64 KiB packets. */
    static final int MAX_BYTES = 48 * 1024;
    /** Entries kept per list and session (aims, holds, stops); notes are kept whole. */
    static final int LIST_ENTRIES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryPayload() {
    }

    static String of(long session, long seq, long clockMs, SessionRecorder.View view) {
        List<ObjectNode> sessions = new ArrayList<>();
        for (SessionRecord r : view.sessions()) {
            sessions.add(trimmed(SessionHistoryFormat.toJson(r)));
        }
        int omitted = 0;
        while (true) {
            ObjectNode root = JSON.createObjectNode();
            root.put("session", session).put("seq", seq).put("clockMs", clockMs);
            if (view.clientId() == null) {
                root.putNull("client");
            } else {
                root.put("client", view.clientId());
            }
            ArrayNode list = root.putArray("sessions");
            sessions.forEach(list::add);
            root.put("omitted", omitted);
            String text = root.toString();
            if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_BYTES || sessions.size() <= 1) {
                return text; // one session always fits: its lists are trimmed
            }
            sessions.remove(0);
            omitted++;
        }
    }

    /** A session with its aims, holds and stops cut to their newest {@value #LIST_ENTRIES}, counted in "trimmed". */
    static ObjectNode trimmed(ObjectNode s) {
        int cut = 0;
        for (String list : new String[] {"aims", "holds", "stops"}) {
            JsonNode n = s.get(list);
            if (n instanceof ArrayNode a && a.size() > LIST_ENTRIES) {
                int drop = a.size() - LIST_ENTRIES;
                for (int i = 0; i < drop; i++) {
                    a.remove(0);
                }
                cut += drop;
            }
        }
        s.put("trimmed", cut);
        return s;
    }
}
