package com.lianarig.controller.r7;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one session (or one focused test) found, each violation named by what it breaks: an invariant
 * of SPEC 4.0 ("I-1" .. "I-6"), a reaction missed ("reaction"), or one of the older step checks
 * ("cap": SR-3/SR-4 speed x 1.2; "coast": a category 0 coast longer than the brake engage time;
 * "FAULT-still": motion in FAULT/ESTOP after the entering stop). Repeats of one violation with other
 * numbers are kept once, and at most {@link #MAX_KEPT} texts are kept; every id seen is counted.
 *
 * <p>Owned by the session's thread.
 */
public final class R7Violations {
    /** Texts kept per session (the ids are all kept). */
    public static final int MAX_KEPT = 20;

    /** One violation: the invariant (or check) it breaks, when (ns on the rig's clock) and what happened. */
    public record Violation(String invariant, long atNanos, String text) {
    }

    private final long startNanos;
    private final List<Violation> kept = new ArrayList<>();
    private final Set<String> patterns = new HashSet<>();
    private final Set<String> invariants = new TreeSet<>();
    private final List<Consumer> listeners = new ArrayList<>();

    /** Hears each violation kept (the session's journal). */
    @FunctionalInterface
    public interface Consumer {
        void violated(Violation v);
    }

    public R7Violations(long startNanos) {
        this.startNanos = startNanos;
    }

    void onViolation(Consumer c) {
        listeners.add(c);
    }

    /** Records a violation of {@code invariant} at {@code nowNanos}. Call it once per episode: it formats nothing else. */
    public void add(String invariant, long nowNanos, String text) {
        invariants.add(invariant);
        if (kept.size() < MAX_KEPT && patterns.add(invariant + ' ' + text.replaceAll("[-0-9.]+", "#"))) {
            Violation v = new Violation(invariant, nowNanos, text);
            kept.add(v);
            for (Consumer c : listeners) {
                c.violated(v);
            }
        }
    }

    public boolean any() {
        return !invariants.isEmpty();
    }

    /** Every invariant or check id violated at least once, sorted. */
    public Set<String> invariants() {
        return Collections.unmodifiableSet(invariants);
    }

    public List<Violation> kept() {
        return Collections.unmodifiableList(kept);
    }

    /** The kept violations of one invariant. */
    public List<Violation> of(String invariant) {
        return kept.stream().filter(v -> v.invariant().equals(invariant)).toList();
    }

    /** One line per kept violation: "t=1.234 s [I-1] what happened". */
    public List<String> lines() {
        return lines(v -> true);
    }

    /** The lines of the kept violations {@code which} selects. */
    public List<String> lines(java.util.function.Predicate<Violation> which) {
        List<String> out = new ArrayList<>(kept.size());
        for (Violation v : kept) {
            if (!which.test(v)) {
                continue;
            }
            out.add(String.format(Locale.ROOT, "t=%.3f s [%s] %s", (v.atNanos() - startNanos) / 1e9, v.invariant(),
                    v.text()));
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }
}
