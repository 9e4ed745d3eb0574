package com.lianarig.controller.r7;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Campaign figures: reaction latencies (ns) and their deadlines per reaction, counts per fault kind. Not thread-safe: merge per-session stats. */
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

    private final Map<String, Series> series = new TreeMap<>();
    private final Map<String, Long> counts = new TreeMap<>();
    long sessions;
    long invariantChecks;
    long violations;
    final List<String> failures = new ArrayList<>();

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

    synchronized String report() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "R-7 campaign: %d sessions, %d reactions checked, %d step-invariant checks,"
                + " %d violations%n", sessions, reactionsChecked(), invariantChecks, violations));
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
