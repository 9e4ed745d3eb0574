package com.lianarig.controller.r7;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC R-7: randomised sessions with random faults on the stepped clock; every required reaction
 * within its deadline, judged on the virtual rig's true state ({@link R7Checker}, deadlines in
 * {@link R7Deadlines}). 1,000 sessions in the normal run; the long run is the same test with
 * {@code -Dr7.sessions=100000 -Dr7.seed=...} (docs/r7-campaign.md). A failure prints the seed and the
 * session's journal; {@code -Dr7.only=<seed>[:<KIND>][,...]} replays those sessions (a seed may name its
 * fault kind: a seed of a run made before a kind was added draws another kind today); {@code -Dr7.fault=KIND}
 * gives every session that fault kind ({@link R7Faults.Kind}).
 */
class R7RandomSessionsTest {
    @TempDir
    Path dir;

    @Test
    void everyRequiredReactionWithinItsDeadlineOverRandomSessions() throws Exception {
        int sessions = Integer.getInteger("r7.sessions", 1_000);
        long baseSeed = Long.getLong("r7.seed", 20261124L);
        String only = System.getProperty("r7.only");
        int threads = Integer.getInteger("r7.threads", Runtime.getRuntime().availableProcessors());
        long[] seeds;
        // a replay's seed may name its fault kind, <seed>:<KIND>, for seeds of a run whose kinds differ from today's
        java.util.Map<Long, R7Faults.Kind> kinds = new java.util.HashMap<>();
        if (only != null && !only.isBlank()) {
            seeds = java.util.Arrays.stream(only.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                    .mapToLong(x -> {
                        int colon = x.indexOf(':');
                        if (colon < 0) {
                            return Long.parseLong(x);
                        }
                        long seed = Long.parseLong(x.substring(0, colon));
                        kinds.put(seed, R7Faults.Kind.valueOf(x.substring(colon + 1)));
                        return seed;
                    }).toArray();
        } else {
            seeds = new long[sessions];
            for (int i = 0; i < sessions; i++) {
                seeds[i] = baseSeed * 1_000_003L + i;
            }
        }
        R7Stats total = new R7Stats();
        List<R7Session.Outcome> failed = new ArrayList<>();
        List<R7Session.Outcome> replayed = new ArrayList<>();
        AtomicLong done = new AtomicLong();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (long seed : seeds) {
                futures.add(pool.submit(() -> {
                    Path sessionDir = dir.resolve("s" + seed);
                    R7Session.Outcome o = R7Session.run(seed, kinds.get(seed), sessionDir);
                    deleteTree(sessionDir);
                    total.merge(o.stats());
                    if (only != null && !only.isBlank()) {
                        synchronized (replayed) {
                            replayed.add(o);
                        }
                    }
                    if (o.failed()) {
                        synchronized (failed) {
                            failed.add(o);
                        }
                    }
                    long n = done.incrementAndGet();
                    if (n % 1_000 == 0 && seeds.length > 1_000) {
                        System.out.printf(Locale.ROOT, "R-7: %d sessions, %.1f s, %d failed%n", n,
                                (System.nanoTime() - t0) / 1e9, failed.size());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        double wallS = (System.nanoTime() - t0) / 1e9;
        String report = total.report() + String.format(Locale.ROOT,
                "wall %.1f s on %d threads: %.1f sessions/s (base seed %d)%n", wallS, threads, seeds.length / wallS, baseSeed);
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "r7-report.txt"), report);
        if (!replayed.isEmpty()) {
            // a replay: every session's journal, failed or not (to see what a scenario did)
            replayed.sort(Comparator.comparingLong(R7Session.Outcome::seed));
            StringBuilder j = new StringBuilder();
            for (R7Session.Outcome o : replayed) {
                j.append("=== seed ").append(o.seed()).append(" (").append(o.fault()).append(") journal ===\n")
                        .append(o.journal()).append('\n');
            }
            Files.writeString(Path.of("target", "r7-journals.txt"), j);
        }
        if (!failed.isEmpty()) {
            failed.sort(Comparator.comparingLong(R7Session.Outcome::seed));
            StringBuilder b = new StringBuilder(failed.size() + " of " + seeds.length + " sessions violated R-7."
                    + " Replay one with -Dr7.only=<seed>.\n");
            for (R7Session.Outcome o : failed) {
                b.append("seed ").append(o.seed()).append(" (").append(o.fault()).append("): ").append(o.violations())
                        .append('\n');
            }
            // every journal of a replay (-Dr7.only), the first three of a campaign
            for (R7Session.Outcome o : failed.subList(0, only != null ? failed.size() : Math.min(3, failed.size()))) {
                b.append("\n=== seed ").append(o.seed()).append(" journal ===\n").append(o.journal()).append('\n');
            }
            Files.writeString(Path.of("target", "r7-failures.txt"), b);
            fail(b.toString());
        }
        assertTrue(total.reactionsChecked() > 0, "no reaction was exercised");
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.delete(x);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
