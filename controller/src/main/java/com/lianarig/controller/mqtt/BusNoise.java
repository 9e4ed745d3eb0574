package com.lianarig.controller.mqtt;

import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.core.Json;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the bus sends that the rig does not act on, counted and journalled as evidence that nobody
 * can erase by sending more of it (issue 20, R-10): one {@value #JOURNAL_KIND} record per sender and
 * kind per {@value #INTERVAL_S} s interval, with the count, the reasons and one example, never one
 * record per message. At most {@value #MAX_SENDERS} senders are told apart per interval; the rest
 * (a flood of made-up panel ids) are summed under {@value #OTHERS} with how many there were. So a
 * flood costs the journal at most ({@value #MAX_SENDERS} + 1) x {@code Kind} records per interval
 * whatever its rate, and kinds ending in {@code .noise} are kept out of the journal's safety set
 * (docs/journal.md), so noise never pushes out a fault, a stop or a command acted on.
 *
 * <p>Thread-safe: counted on the MQTT receiver and callback threads, flushed by the publisher's tick.
 */
final class BusNoise {
    /** The journal kind of the coalesced records. */
    static final String JOURNAL_KIND = "mqtt.noise";
    static final long INTERVAL_S = 5;
    static final long INTERVAL_NANOS = INTERVAL_S * 1_000_000_000L;
    /** Distinct senders told apart per interval. */
    static final int MAX_SENDERS = 16;
    /** The sender that stands for every sender beyond {@link #MAX_SENDERS}, and for topics that name none. */
    static final String OTHERS = "(others)";

    /** What was not acted on. */
    enum Kind {
        /** A command topic of a panel the rig file does not name (no reply). */
        IGNORED,
        /** Not a JSON object, or too big to be a command (read, then refused). */
        MALFORMED,
        /** Read but refused before the controller: invalid, stale session, replayed or jumping counter, old enable. */
        REJECTED,
        /** More than the rig takes from one panel, or a queue full. */
        RATE_LIMITED,
        /** A topic Paho could not decode (dropped before it, by the inbound filter). */
        BAD_TOPIC,
        /** A packet too big to be a command (skipped unread, by the inbound filter or refused by the broker). */
        OVERSIZED,
        /** A repeat of a stop or a letting go from the same panel while the first was still being decided. */
        COALESCED;

        String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private static final class Tally {
        long count;
        long unanswered;
        final Map<String, Long> reasons = new TreeMap<>();
        String example;
    }

    private final EventLog log;
    private final Map<String, EnumMap<Kind, Tally>> interval = new LinkedHashMap<>();
    private final java.util.Set<String> othersSeen = new java.util.HashSet<>();
    private final long[] totals = new long[Kind.values().length];
    private long intervalStartNanos;
    private boolean open;

    BusNoise(EventLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Counts one message not acted on.
     *
     * @param sender the panel id it was for (as the topic said), or null when its topic names none
     * @param kind why it was not acted on
     * @param reason the refusal's name (REJECTED, MALFORMED, RATE_LIMITED), or null
     * @param example what was wrong, in words (the first of the interval is kept)
     * @param answered whether the sender got a reply
     */
    synchronized void count(String sender, Kind kind, String reason, String example, boolean answered, long nowNanos) {
        totals[kind.ordinal()]++;
        if (!open) {
            open = true;
            intervalStartNanos = nowNanos;
        }
        String who = sender == null ? OTHERS : plain(sender, 64);
        if (!interval.containsKey(who) && interval.size() >= MAX_SENDERS) {
            othersSeen.add(who.length() > 64 ? who.substring(0, 64) : who);
            if (othersSeen.size() > 4 * MAX_SENDERS) {
                othersSeen.clear(); // only a count of them is kept, roughly
            }
            who = OTHERS;
        }
        Tally t = interval.computeIfAbsent(who, k -> new EnumMap<>(Kind.class)).computeIfAbsent(kind, k -> new Tally());
        t.count++;
        if (!answered) {
            t.unanswered++;
        }
        if (reason != null && (t.reasons.containsKey(reason) || t.reasons.size() < 8)) {
            t.reasons.merge(reason, 1L, Long::sum);
        }
        if (t.example == null && example != null) {
            t.example = plain(example, 160);
        }
    }

    /** Journals the interval's records when it is over (or at once with {@code force}); on the publisher thread. */
    void flush(long nowNanos, boolean force) {
        Map<String, EnumMap<Kind, Tally>> done;
        int others;
        double seconds;
        synchronized (this) {
            if (!open || (!force && nowNanos - intervalStartNanos < INTERVAL_NANOS)) {
                return;
            }
            done = new LinkedHashMap<>(interval);
            others = othersSeen.size();
            seconds = Math.max(0, nowNanos - intervalStartNanos) / 1e9;
            interval.clear();
            othersSeen.clear();
            open = false;
        }
        for (Map.Entry<String, EnumMap<Kind, Tally>> sender : done.entrySet()) {
            for (Map.Entry<Kind, Tally> e : sender.getValue().entrySet()) {
                Tally t = e.getValue();
                StringBuilder reasons = new StringBuilder("{");
                for (Map.Entry<String, Long> r : t.reasons.entrySet()) {
                    if (reasons.length() > 1) {
                        reasons.append(',');
                    }
                    Json.string(reasons, r.getKey());
                    reasons.append(':').append(r.getValue());
                }
                reasons.append('}');
                String body = Json.of("sender", sender.getKey(), "noise", e.getKey().word(), "count", t.count,
                        "unanswered", t.unanswered, "intervalS", Math.round(seconds * 10) / 10.0, "example", t.example);
                body = body.substring(0, body.length() - 1) + ",\"reasons\":" + reasons
                        + (OTHERS.equals(sender.getKey()) ? ",\"otherSenders\":" + others : "") + "}";
                try {
                    log.record(JOURNAL_KIND, body);
                } catch (RuntimeException refused) {
                    // the journal refused it (closing): the counts stay in totals
                }
            }
        }
    }

    /**
     * Text safe for a journal body and a log line: control characters, lone surrogates and the like
     * become '?', and it is cut to {@code maxChars} (never between the halves of a surrogate pair).
     */
    static String plain(String s, int maxChars) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), maxChars) + 3);
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            int width = pair ? 2 : 1;
            if (b.length() + width > maxChars) {
                return b.append("...").toString();
            }
            if (pair) {
                b.append(c).append(s.charAt(i + 1));
            } else {
                b.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
            }
            i += width;
        }
        return b.toString();
    }

    /** Messages of {@code kind} counted since the start. */
    synchronized long total(Kind kind) {
        return totals[kind.ordinal()];
    }
}
