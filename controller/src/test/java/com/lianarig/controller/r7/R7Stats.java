package com.lianarig.controller.r7;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Campaign figures: reaction latencies (ns) and their deadlines per reaction, counts per fault kind,
 * and the sessions that violated each invariant (or check), per fault kind, with the smallest seeds.
 * Not thread-safe: merge per-session stats.
 */
final class R7Stats {
    private static final class Series {
        long[] latencies = new long[16];
        int count;
        long minDeadline = Long.MAX_VALUE;
        /** Worst latency as a fraction of its own deadline. */
        double worstRatio;

        void add(long latency, long deadline) {
            addLatency(latency);
            minDeadline = Math.min(minDeadline, deadline);
            worstRatio = Math.max(worstRatio, latency / (double) deadline);
        }

        void addLatency(long latency) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = latency;
        }
    }

    /** The violation ids in report order: SPEC 4.0's invariants, then the reaction and older step checks. */
    static final List<String> IDS = List.of("I-1", "I-2", "I-3", "I-4", "I-5", "I-6", "reaction", "cap", "coast",
            "FAULT-still", "nuisance", "exception");
    /** Seeds kept per invariant (the smallest). */
    static final int SEEDS_KEPT = 6;

    private final Map<String, Series> series = new TreeMap<>();
    private final Map<String, Long> counts = new TreeMap<>();
    long sessions;
    long invariantChecks;
    long violations;
    final List<String> failures = new ArrayList<>();
    /** Sessions per fault kind, in the order first seen. */
    private final Map<String, Long> sessionsByFault = new TreeMap<>();
    /** Per fault kind, per violation id, the sessions that violated it. */
    private final Map<String, Map<String, Long>> failedByFault = new TreeMap<>();
    /** Per fault kind, the sessions that violated anything. */
    private final Map<String, Long> anyByFault = new TreeMap<>();
    private final Map<String, Long> failedById = new TreeMap<>();
    private final Map<String, java.util.TreeSet<Long>> seedsById = new TreeMap<>();
    /** Sessions of ordinary use (no fault) with a trip, per rule, and their smallest seeds (SPEC 4.0, nuisance trips). */
    private final Map<String, Long> nuisanceByRule = new TreeMap<>();
    private final Map<String, Long> findings = new TreeMap<>();
    private final Map<String, java.util.TreeSet<Long>> findingSeeds = new TreeMap<>();
    private final Map<String, java.util.TreeSet<Long>> nuisanceSeeds = new TreeMap<>();

    /** This (one-session) stats' outcome: its seed, fault kind and the ids it violated. */
    void session(long seed, String fault, java.util.Set<String> violated) {
        sessions = 1;
        violations = violated.isEmpty() ? 0 : 1;
        sessionsByFault.merge(fault, 1L, Long::sum);
        if (!violated.isEmpty()) {
            anyByFault.merge(fault, 1L, Long::sum);
        }
        for (String id : violated) {
            failedById.merge(id, 1L, Long::sum);
            failedByFault.computeIfAbsent(fault, k -> new TreeMap<>()).merge(id, 1L, Long::sum);
            seedsById.computeIfAbsent(id, k -> new java.util.TreeSet<>()).add(seed);
        }
    }

    /** Something the oracle found that SPEC does not make a violation (e.g. a target its thresholds cannot meet). */
    void finding(long seed, String what) {
        findings.merge(what, 1L, Long::sum);
        findingSeeds.computeIfAbsent(what, k -> new java.util.TreeSet<>()).add(seed);
    }

    /** A session of ordinary use (no fault injected) in which {@code rule} tripped (a latched fault, an SR-20 stop). */
    void nuisance(long seed, String rule) {
        nuisanceByRule.merge(rule, 1L, Long::sum);
        nuisanceSeeds.computeIfAbsent(rule, k -> new java.util.TreeSet<>()).add(seed);
    }

    void latency(String name, long latencyNanos, long deadlineNanos) {
        series.computeIfAbsent(name, k -> new Series()).add(latencyNanos, deadlineNanos);
    }

    void count(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    long reactionsChecked() {
        return series.values().stream().mapToLong(s -> s.count).sum();
    }

    synchronized void merge(R7Stats o) {
        sessions += o.sessions;
        invariantChecks += o.invariantChecks;
        violations += o.violations;
        failures.addAll(o.failures);
        o.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
        o.sessionsByFault.forEach((k, v) -> sessionsByFault.merge(k, v, Long::sum));
        o.anyByFault.forEach((k, v) -> anyByFault.merge(k, v, Long::sum));
        o.failedById.forEach((k, v) -> failedById.merge(k, v, Long::sum));
        o.failedByFault.forEach((f, m) -> m.forEach((k, v) -> failedByFault.computeIfAbsent(f, x -> new TreeMap<>())
                .merge(k, v, Long::sum)));
        o.seedsById.forEach((k, v) -> {
            java.util.TreeSet<Long> mine = seedsById.computeIfAbsent(k, x -> new java.util.TreeSet<>());
            mine.addAll(v);
            while (mine.size() > SEEDS_KEPT) {
                mine.pollLast();
            }
        });
        o.nuisanceByRule.forEach((k, v) -> nuisanceByRule.merge(k, v, Long::sum));
        o.findings.forEach((k, v) -> findings.merge(k, v, Long::sum));
        keepSmallest(o.findingSeeds, findingSeeds);
        o.nuisanceSeeds.forEach((k, v) -> {
            java.util.TreeSet<Long> mine = nuisanceSeeds.computeIfAbsent(k, x -> new java.util.TreeSet<>());
            mine.addAll(v);
            while (mine.size() > SEEDS_KEPT) {
                mine.pollLast();
            }
        });
        o.series.forEach((k, s) -> {
            Series m = series.computeIfAbsent(k, x -> new Series());
            // each latency's own deadline is gone here: merge the session's figures (add() would divide every
            // latency by the session's shortest deadline and overstate the worst ratio, e.g. 1.27 with no violation)
            for (int i = 0; i < s.count; i++) {
                m.addLatency(s.latencies[i]);
            }
            m.minDeadline = Math.min(m.minDeadline, s.minDeadline);
            m.worstRatio = Math.max(m.worstRatio, s.worstRatio);
        });
    }

    /** The ids seen, in report order (unknown ones last). */
    private List<String> ids() {
        List<String> out = new ArrayList<>(IDS);
        failedById.keySet().stream().filter(k -> !IDS.contains(k)).forEach(out::add);
        return out;
    }

    /** Sessions per fault kind, and how many violated each id (a markdown table, for docs/r7-campaign.md). */
    synchronized String byFault() {
        List<String> ids = ids().stream().filter(failedById::containsKey).toList();
        StringBuilder b = new StringBuilder("sessions violated per fault kind:\n| fault kind | sessions | violated |");
        ids.forEach(id -> b.append(' ').append(id).append(" |"));
        b.append("\n|---|---|---|");
        ids.forEach(id -> b.append("---|"));
        b.append('\n');
        sessionsByFault.forEach((f, n) -> {
            b.append("| ").append(f).append(" | ").append(n).append(" | ").append(anyByFault.getOrDefault(f, 0L))
                    .append(" |");
            Map<String, Long> m = failedByFault.getOrDefault(f, Map.of());
            ids.forEach(id -> b.append(' ').append(m.getOrDefault(id, 0L)).append(" |"));
            b.append('\n');
        });
        return b.toString();
    }

    /** Nuisance trips per rule over the sessions without a fault (a markdown table). */
    synchronized String nuisance() {
        long none = sessionsByFault.getOrDefault("NONE", 0L);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "nuisance trips (latched fault or SR-20 stop) in the %d sessions without a fault:%n", none));
        b.append("| rule | sessions | smallest seeds |\n|---|---|---|\n");
        if (nuisanceByRule.isEmpty()) {
            b.append("| (none) | 0 | |\n");
        }
        nuisanceByRule.forEach((rule, n) -> b.append("| ").append(rule).append(" | ").append(n).append(" | ")
                .append(nuisanceSeeds.getOrDefault(rule, new java.util.TreeSet<>())).append(" |\n"));
        b.append("findings (not violations: what SPEC's thresholds cannot promise):\n");
        findings.forEach((what, n) -> b.append(String.format(Locale.ROOT, "  %-60s %6d   %s%n", what, n,
                findingSeeds.get(what))));
        return b.toString();
    }

    private static void keepSmallest(Map<String, java.util.TreeSet<Long>> from, Map<String, java.util.TreeSet<Long>> to) {
        from.forEach((k, v) -> {
            java.util.TreeSet<Long> mine = to.computeIfAbsent(k, x -> new java.util.TreeSet<>());
            mine.addAll(v);
            while (mine.size() > SEEDS_KEPT) {
                mine.pollLast();
            }
        });
    }

    synchronized String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "R-7 campaign: %d sessions, %d reactions checked, %d step-invariant checks,"
                + " %d sessions violated%n", sessions, reactionsChecked(), invariantChecks, violations));
        b.append("sessions violating each invariant (SPEC 4.0) or check, smallest seeds:\n");
        for (String id : ids()) {
            b.append(String.format(Locale.ROOT, "  %-12s %8d   %s%n", id, failedById.getOrDefault(id, 0L),
                    seedsById.getOrDefault(id, new java.util.TreeSet<>())));
        }
        b.append(byFault());
        b.append(nuisance());
        b.append("injected / events:\n");
        counts.forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %-34s %8d%n", k, v)));
        b.append(String.format(Locale.ROOT, "  %-34s %8s %9s %9s %9s %11s%n", "reaction", "n", "p99 ms", "max ms",
                "min ddl ms", "max lat/ddl"));
        series.forEach((k, s) -> {
            long[] a = Arrays.copyOf(s.latencies, s.count);
            Arrays.sort(a);
            long p99 = a[Math.min(a.length - 1, (int) Math.ceil(a.length * 0.99) - 1)];
            b.append(String.format(Locale.ROOT, "  %-34s %8d %9.1f %9.1f %9.1f %11.2f%n", k, s.count, p99 / 1e6,
                    a[a.length - 1] / 1e6, s.minDeadline / 1e6, s.worstRatio));
        });
        return b.toString();
    }
}
