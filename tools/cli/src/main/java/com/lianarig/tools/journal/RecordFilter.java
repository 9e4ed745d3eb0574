package com.lianarig.tools.journal;

import com.lianarig.controller.journal.JournalRecord;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Which records {@code rig journal} shows: a wall-clock range, kinds, a journal session, and a
 * client (every record from its attach to its detach, and any record naming it). Immutable.
 *
 * @param since records at or after this, or null
 * @param until records before this, or null
 * @param kinds these kinds only; empty for all
 * @param session this journal session only, or 0 for all
 * @param clientVisits when filtering by client: that client's stays (seq ranges); null for no client filter
 * @param client the client id, or null
 */
record RecordFilter(Instant since, Instant until, Set<String> kinds, int session, List<JournalAnalysis.Visit> clientVisits,
        String client) {

    boolean accepts(JournalRecord r) {
        if (since != null && r.wallTimeMs() < since.toEpochMilli()) {
            return false;
        }
        if (until != null && r.wallTimeMs() >= until.toEpochMilli()) {
            return false;
        }
        if (!kinds.isEmpty() && !kinds.contains(r.kind())) {
            return false;
        }
        if (session != 0 && r.session() != session) {
            return false;
        }
        if (client != null) {
            for (JournalAnalysis.Visit v : clientVisits) {
                if (r.seq() >= v.firstSeq() && r.seq() <= v.lastSeq()) {
                    return true;
                }
            }
            return Bodies.object(r.body()).map(b -> client.equals(Bodies.text(b, "client"))).orElse(false);
        }
        return true;
    }
}
