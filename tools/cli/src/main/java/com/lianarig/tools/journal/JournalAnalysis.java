package com.lianarig.tools.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.journal.JournalRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One pass over the journal's records, in seq order, deriving the per-client session history and
 * the maintenance counters. Durations come from the records' monotonic times, which are comparable
 * within one session of the journal only: whatever is open when a session ends (the service stopped
 * or crashed) is closed at that session's last record, and whatever is still open at the end of the
 * journal is counted up to its last record.
 *
 * <p>What it reads (kinds the controller writes): {@code client} (attached, detached), {@code aim},
 * {@code command} (an accepted {@code program-start}), {@code fault}, {@code rope-load} (a rope
 * passing between unloaded and loaded), {@code brake} (a release: one brake cycle), {@code service}
 * and the journal's own {@code journal.open}. One owner thread.
 */
final class JournalAnalysis {

    /**
     * One client's stay on the rig, from attach to detach.
     *
     * @param client the client's opaque id
     * @param session the journal session it was in
     * @param firstSeq the attach record's seq
     * @param lastSeq the seq of the record that ended it (or the journal's last)
     * @param attached when it was attached (wall clock)
     * @param ended when it ended (wall clock)
     * @param end how it ended: "detached", "another client attached", "service stopped", "service
     *     ended without a stop record", or "still attached" at the end of the journal
     * @param duration attached to ended
     * @param underLoad how long at least one rope was loaded (the client hanging) meanwhile
     * @param segments the segments aimed at, in order, each once
     * @param programs session programs started
     * @param faults the rule of each fault latched meanwhile (SR-n)
     */
    record Visit(String client, int session, long firstSeq, long lastSeq, Instant attached, Instant ended, String end,
            Duration duration, Duration underLoad, List<String> segments, int programs, List<String> faults) {
    }

    /** Time under load of one rope; {@code loadedNow} when it was still loaded at the journal's end. */
    record RopeLoad(String rope, Duration underLoad, int loadings, boolean loadedNow) {
    }

    private final List<Visit> visits = new ArrayList<>();
    private final Map<String, Integer> brakeCycles = new LinkedHashMap<>();
    private final Map<String, Long> ropeLoadedNanos = new LinkedHashMap<>();
    private final Map<String, Integer> ropeLoadings = new LinkedHashMap<>();
    private final Map<String, Long> ropeLoadedSince = new LinkedHashMap<>();
    private JournalRecord first;
    private JournalRecord last;
    private long records;
    private boolean serviceStopped;
    private OpenVisit visit;
    private boolean finished;

    /** A visit in progress. */
    private static final class OpenVisit {
        final String client;
        final JournalRecord start;
        final Set<String> segments = new LinkedHashSet<>();
        final List<String> faults = new ArrayList<>();
        int programs;
        long loadedNanos;
        long loadedSince = Long.MIN_VALUE;

        OpenVisit(String client, JournalRecord start) {
            this.client = client;
            this.start = start;
        }
    }

    /** Takes the next record (seq order). */
    void accept(JournalRecord r) {
        if (last != null && (r.session() != last.session() || Journal.OPEN_KIND.equals(r.kind()))) {
            endSession(serviceStopped ? "service stopped" : "service ended without a stop record");
        }
        if (first == null) {
            first = r;
        }
        records++;
        if (last == null || r.session() != last.session()) {
            serviceStopped = false;
        }
        last = r;
        Optional<ObjectNode> body = Bodies.object(r.body());
        if (body.isEmpty()) {
            return;
        }
        ObjectNode b = body.get();
        switch (r.kind()) {
            case "client" -> client(r, b);
            case "aim" -> {
                String segment = Bodies.text(b, "segment");
                if (visit != null && segment != null) {
                    visit.segments.add(segment);
                }
            }
            case "command" -> {
                JsonNode accepted = b.get("accepted");
                if (visit != null && "program-start".equals(Bodies.text(b, "command")) && accepted != null
                        && accepted.asBoolean()) {
                    visit.programs++;
                }
            }
            case "fault" -> {
                if (visit != null) {
                    String rule = Bodies.text(b, "rule");
                    visit.faults.add(rule == null ? "?" : rule);
                }
            }
            case "rope-load" -> ropeLoad(r, b);
            case "brake" -> {
                String winch = Bodies.text(b, "winch");
                if ("release".equals(Bodies.text(b, "event")) && winch != null) {
                    brakeCycles.merge(winch, 1, Integer::sum);
                }
            }
            case "service" -> {
                if ("stop".equals(Bodies.text(b, "event"))) {
                    serviceStopped = true;
                }
            }
            default -> {
                // not used by the history or the counters
            }
        }
    }

    private void client(JournalRecord r, ObjectNode b) {
        String id = Bodies.text(b, "client");
        String event = Bodies.text(b, "event");
        if (id == null || event == null) {
            return;
        }
        if ("attached".equals(event)) {
            if (visit != null && visit.client.equals(id)) {
                return;
            }
            if (visit != null) {
                closeVisit(r, "another client attached");
            }
            visit = new OpenVisit(id, r);
            if (!ropeLoadedSince.isEmpty()) {
                visit.loadedSince = r.monoNanos();
            }
        } else if ("detached".equals(event) && visit != null && visit.client.equals(id)) {
            closeVisit(r, "detached");
        }
    }

    private void ropeLoad(JournalRecord r, ObjectNode b) {
        String rope = Bodies.text(b, "rope");
        JsonNode loaded = b.get("loaded");
        if (rope == null || loaded == null) {
            return;
        }
        ropeLoadedNanos.putIfAbsent(rope, 0L);
        ropeLoadings.putIfAbsent(rope, 0);
        boolean anyBefore = !ropeLoadedSince.isEmpty();
        if (loaded.asBoolean()) {
            if (!ropeLoadedSince.containsKey(rope)) {
                ropeLoadedSince.put(rope, r.monoNanos());
                ropeLoadings.merge(rope, 1, Integer::sum);
            }
        } else {
            Long since = ropeLoadedSince.remove(rope);
            if (since != null) {
                ropeLoadedNanos.merge(rope, Math.max(0, r.monoNanos() - since), Long::sum);
            }
        }
        boolean anyAfter = !ropeLoadedSince.isEmpty();
        if (visit != null && anyBefore != anyAfter) {
            if (anyAfter) {
                visit.loadedSince = r.monoNanos();
            } else if (visit.loadedSince != Long.MIN_VALUE) {
                visit.loadedNanos += Math.max(0, r.monoNanos() - visit.loadedSince);
                visit.loadedSince = Long.MIN_VALUE;
            }
        }
    }

    /** Closes what the session left open at its last record. */
    private void endSession(String why) {
        if (visit != null) {
            closeVisit(last, why);
        }
        for (Map.Entry<String, Long> e : ropeLoadedSince.entrySet()) {
            ropeLoadedNanos.merge(e.getKey(), Math.max(0, last.monoNanos() - e.getValue()), Long::sum);
        }
        ropeLoadedSince.clear();
    }

    private void closeVisit(JournalRecord at, String why) {
        OpenVisit v = visit;
        long loaded = v.loadedNanos;
        if (v.loadedSince != Long.MIN_VALUE) {
            loaded += Math.max(0, at.monoNanos() - v.loadedSince);
        }
        visits.add(new Visit(v.client, v.start.session(), v.start.seq(), at.seq(),
                Instant.ofEpochMilli(v.start.wallTimeMs()), Instant.ofEpochMilli(at.wallTimeMs()), why,
                Duration.ofNanos(Math.max(0, at.monoNanos() - v.start.monoNanos())), Duration.ofNanos(loaded),
                List.copyOf(v.segments), v.programs, List.copyOf(v.faults)));
        visit = null;
    }

    /** Ends the pass: what is still open is counted up to the last record. Idempotent. */
    void finish() {
        if (finished || last == null) {
            finished = true;
            return;
        }
        finished = true;
        if (visit != null) {
            closeVisit(last, "still attached");
        }
        for (Map.Entry<String, Long> e : ropeLoadedSince.entrySet()) {
            ropeLoadedNanos.merge(e.getKey(), Math.max(0, last.monoNanos() - e.getValue()), Long::sum);
        }
    }

    List<Visit> visits() {
        return List.copyOf(visits);
    }

    /** Brake releases per winch id (each is one cycle), in the order first seen. */
    Map<String, Integer> brakeCycles() {
        return Map.copyOf(brakeCycles);
    }

    /** Time under load of each rope seen in a {@code rope-load} record. */
    Map<String, RopeLoad> ropeLoads() {
        Map<String, RopeLoad> out = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : ropeLoadedNanos.entrySet()) {
            out.put(e.getKey(), new RopeLoad(e.getKey(), Duration.ofNanos(e.getValue()),
                    ropeLoadings.getOrDefault(e.getKey(), 0), ropeLoadedSince.containsKey(e.getKey())));
        }
        return out;
    }

    /** The first record read, if any. */
    Optional<JournalRecord> first() {
        return Optional.ofNullable(first);
    }

    /** The last record read, if any. */
    Optional<JournalRecord> last() {
        return Optional.ofNullable(last);
    }

    long records() {
        return records;
    }
}
