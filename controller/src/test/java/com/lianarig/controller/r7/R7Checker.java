package com.lianarig.controller.r7;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.safety.SafetyRule;
import com.lianarig.protocol.BrakeId;
import com.lianarig.sim.physics.WinchSim;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The R-7 reaction checker, run by {@link RigHarness#everyStep} every millisecond on the virtual
 * rig's true state. Two kinds of checks: reactions (opened by an event with a deadline; met when
 * their condition first holds, the latency recorded; violated when the deadline passes first:
 * "reaction") and the older step checks (speed caps x 1.2: "cap"; a category 0 coast no longer than
 * the brake engage time: "coast"; no motion in FAULT/ESTOP after the entering stop: "FAULT-still").
 * SPEC 4.0's invariants I-1..I-6 are {@link R7Invariants}' (I-5 replaced the pair-level check here).
 */
final class R7Checker implements Consumer<RigHarness> {
    /** A true speed below this is standing still, mm/s. */
    static final double STILL_MM_PER_S = 0.5;
    /** Tolerance on the speed caps x 1.2, mm/s (servo overshoot). */
    static final double SPEED_MARGIN_MM_PER_S = 2;
    /** Replay aid ({@code -Dr7.trace=true}): journal the true speeds every 10 ms while anything moves. */
    private static final boolean TRACE = Boolean.getBoolean("r7.trace");

    /** A reaction being waited for. */
    static final class Reaction {
        final String name;
        final long onsetNanos;
        final long deadlineNanos;
        final Predicate<RigHarness> met;
        final String detail;
        /** When true, the reaction is dropped (not applicable any more) instead of judged. */
        Predicate<RigHarness> cancel = h -> false;

        Reaction(String name, long onsetNanos, long deadlineNanos, Predicate<RigHarness> met, String detail) {
            this.name = name;
            this.onsetNanos = onsetNanos;
            this.deadlineNanos = deadlineNanos;
            this.met = met;
            this.detail = detail;
        }
    }

    private final R7Deadlines d;
    private final R7Stats stats;
    private final R7Journal journal;
    private final List<Reaction> pending = new ArrayList<>();
    private final R7Violations violations;
    private final int winchCount;
    private final int[] pair;

    private Mode lastMode;
    private long faultStillFrom = Long.MAX_VALUE;
    private final long[] coastingSince;
    /** Winches exempt from the speed caps while a runaway reaction on them is open. */
    private final boolean[] runawayOpen;
    /** Per winch: motion in this FAULT/ESTOP episode already reported (the check runs every millisecond). */
    private final boolean[] faultStillReported;
    /** Last time a rescue descent was held (the rescue may move the legs down in FAULT). */
    long rescueHeldUntilNanos = Long.MIN_VALUE;
    long invariantChecks;

    R7Checker(RigHarness h, R7Deadlines d, R7Stats stats, R7Journal journal, R7Violations violations) {
        this.violations = violations;
        this.d = d;
        this.stats = stats;
        this.journal = journal;
        this.winchCount = h.rig.physics().winches().size();
        this.pair = new int[] {0, 1};
        this.coastingSince = new long[winchCount];
        java.util.Arrays.fill(coastingSince, Long.MIN_VALUE);
        this.runawayOpen = new boolean[winchCount];
        this.faultStillReported = new boolean[winchCount];
        this.lastMode = h.mode();
    }

    void open(Reaction r) {
        pending.add(r);
        journal.add(r.onsetNanos, "expect " + r.name + " within "
                + String.format(Locale.ROOT, "%.1f ms", (r.deadlineNanos - r.onsetNanos) / 1e6) + ": " + r.detail);
    }

    boolean pending(String name) {
        for (Reaction r : pending) {
            if (r.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    void cancel(String name, String why, long now) {
        if (pending.removeIf(r -> r.name.equals(name))) {
            journal.add(now, "expectation " + name + " dropped: " + why);
        }
    }

    boolean idle() {
        return pending.isEmpty();
    }

    /**
     * Fastest true speed of any winch, mm/s. A winch slipping through brakes with an injected brake
     * slip is left out: SR-14's own reaction judges it (and the FAULT invariant still sees it).
     */
    static double maxSpeed(RigHarness h) {
        double m = 0;
        for (int w = 0; w < h.rig.physics().winches().size(); w++) {
            WinchSim s = h.rig.physics().winch(w);
            if (!slipping(h, s)) {
                m = Math.max(m, Math.abs(s.velocityMmPerS()));
            }
        }
        return m;
    }

    /**
     * A winch on its engaged brakes that hold less than rated (an injected brake slip): SR-14's reaction
     * judges it (from the true drift since each engagement), also while SR-14 is latched and the drive
     * takes it over (the brakes still hold for their release time).
     */
    static boolean slipping(RigHarness h, WinchSim s) {
        return s.brakeEngaged(BrakeId.MOTOR) && s.brakeEngaged(BrakeId.DRUM) && s.brakeHoldFactor(BrakeId.MOTOR) < 1;
    }

    static boolean allStill(RigHarness h) {
        return maxSpeed(h) < STILL_MM_PER_S;
    }

    static boolean latched(RigHarness h, SafetyRule rule) {
        return h.controller.safety().latched(rule);
    }

    /**
     * Met once the rule has been seen latched and every winch is still. SPEC section 4: a latched fault
     * resets with its cause gone, and a session may clear the cause and reset while the category 1 stop
     * still runs; that stop is then still judged here (and by "fault-stop").
     */
    Predicate<RigHarness> latchedThenStill(SafetyRule rule) {
        boolean[] seen = {false};
        return h -> {
            seen[0] |= latched(h, rule);
            return seen[0] && stillOrRescue(h);
        };
    }

    /**
     * Every winch still, except the leg pair during an accepted rescue descent at its speed: SR-19 keeps
     * the rescue available in FAULT, and the trainer may start it before the entering stop has ended.
     */
    boolean stillOrRescue(RigHarness h) {
        if (h.now > rescueHeldUntilNanos) {
            return allStill(h);
        }
        for (int w = 0; w < h.rig.physics().winches().size(); w++) {
            double v = h.rig.physics().winch(w).velocityMmPerS();
            boolean legRescue = (w == pair[0] || w == pair[1]) && v < SPEED_MARGIN_MM_PER_S
                    && -v <= d.rescueMmPerS() * d.overspeedFactor() + SPEED_MARGIN_MM_PER_S;
            if (Math.abs(v) >= STILL_MM_PER_S && !legRescue) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void accept(RigHarness h) {
        long now = h.now;
        // reactions
        for (Iterator<Reaction> it = pending.iterator(); it.hasNext();) {
            Reaction r = it.next();
            if (r.met.test(h)) {
                stats.latency(r.name, now - r.onsetNanos, r.deadlineNanos - r.onsetNanos);
                journal.add(now, String.format(Locale.ROOT, "met %s after %.1f ms", r.name, (now - r.onsetNanos) / 1e6));
                it.remove();
            } else if (r.cancel.test(h)) {
                journal.add(now, "expectation " + r.name + " dropped (no longer applicable)");
                it.remove();
            } else if (now > r.deadlineNanos) {
                violation(h, "reaction", String.format(Locale.ROOT, "%s not met within %.1f ms (%s); speeds %s, mode %s", r.name,
                        (r.deadlineNanos - r.onsetNanos) / 1e6, r.detail, speeds(h), h.mode()));
                it.remove();
            }
        }
        Mode mode = h.mode();
        if (mode != lastMode) {
            journal.add(now, "mode " + lastMode + " -> " + mode + " (" + h.controller.status().modeReason() + ")");
            if ((mode == Mode.FAULT || mode == Mode.ESTOP) && lastMode != Mode.FAULT && lastMode != Mode.ESTOP) {
                double v = maxSpeed(h);
                faultStillFrom = now + d.faultStillNanos(v);
                open(new Reaction("fault-stop", now, faultStillFrom, this::stillOrRescue,
                        "entered " + mode + " at " + String.format(Locale.ROOT, "%.1f mm/s", v)));
            }
            if (mode != Mode.FAULT && mode != Mode.ESTOP) {
                faultStillFrom = Long.MAX_VALUE;
                java.util.Arrays.fill(faultStillReported, false);
            }
            lastMode = mode;
        }
        invariants(h, now, mode);
        if (TRACE && (now - journal.startNanos()) % 10_000_000L == 0 && maxSpeed(h) >= STILL_MM_PER_S) {
            journal.add(now, "trace " + speeds(h) + " torque " + torques(h) + " " + mode);
        }
    }

    private static String torques(RigHarness h) {
        StringBuilder b = new StringBuilder("[");
        for (int w = 0; w < h.rig.physics().winches().size(); w++) {
            b.append(String.format(Locale.ROOT, "%s%d at %.1f (set-point %.1f)", w == 0 ? "" : ", ",
                    h.rig.physics().winch(w).torquePermille(), h.rig.physics().winch(w).positionMm(),
                    h.controller.safety().view().admittedMm(w)));
        }
        return b.append(']').toString();
    }

    private void invariants(RigHarness h, long now, Mode mode) {
        invariantChecks++;
        boolean rescue = now <= rescueHeldUntilNanos;
        for (int w = 0; w < winchCount; w++) {
            WinchSim s = h.rig.physics().winch(w);
            double v = s.velocityMmPerS();
            boolean brakesFree = !s.brakeEngaged(BrakeId.MOTOR) && !s.brakeEngaged(BrakeId.DRUM);
            boolean driveActive = s.torquePermille() != 0;
            // Coasting (no drive, brakes not yet holding) lasts at most the brake engage time.
            if (brakesFree && !driveActive) {
                if (coastingSince[w] == Long.MIN_VALUE) {
                    coastingSince[w] = now;
                } else if (now - coastingSince[w] > d.cat0BrakeNanos()) {
                    violation(h, "coast", "winch " + w + " coasting (no drive, brakes free) for "
                            + (now - coastingSince[w]) / 1_000_000 + " ms");
                    coastingSince[w] = now;
                }
            } else {
                coastingSince[w] = Long.MIN_VALUE;
            }
            if (s.runawayMmPerS() != 0) {
                // An injected runaway: once over SR-3's (down) or the overspeed (up) threshold, it must be braked.
                double trip = v < 0 ? d.descentTripMmPerS() : d.ascentTripMmPerS();
                if (!runawayOpen[w] && Math.abs(v) > trip && driveActive) {
                    runawayOpen[w] = true;
                    int winch = w;
                    Reaction r = new Reaction(v < 0 ? "SR-3 runaway braked" : "SR-13 runaway braked", now,
                            now + d.runawayBrakedNanos(), x -> {
                                WinchSim ws = x.rig.physics().winch(winch);
                                boolean done = ws.brakeEngaged(BrakeId.MOTOR) && ws.brakeEngaged(BrakeId.DRUM)
                                        && Math.abs(ws.velocityMmPerS()) < STILL_MM_PER_S;
                                if (done) {
                                    runawayOpen[winch] = false;
                                }
                                return done;
                            }, String.format(Locale.ROOT, "winch %d runs away at %.1f mm/s", w, v));
                    open(r);
                }
            } else if (driveActive && brakesFree) {
                if (-v > d.descentTripMmPerS() + SPEED_MARGIN_MM_PER_S) {
                    violation(h, "cap", String.format(Locale.ROOT, "winch %d descends at %.1f mm/s (SR-3 cap x %.2f = %.1f)", w,
                            -v, d.overspeedFactor(), d.descentTripMmPerS()));
                }
                if (v > d.ascentTripMmPerS() + SPEED_MARGIN_MM_PER_S) {
                    violation(h, "cap", String.format(Locale.ROOT, "winch %d ascends at %.1f mm/s (SR-4 cap x %.2f = %.1f)", w,
                            v, d.overspeedFactor(), d.ascentTripMmPerS()));
                }
            }
            // No motion in FAULT / ESTOP (after the stop that entering it started), except the rescue descent.
            if (now > faultStillFrom && Math.abs(v) >= STILL_MM_PER_S && !runawayOpen[w]) {
                // the rescue descent, and its servo settling (a position loop may correct upward by a little)
                boolean legRescue = rescue && (w == pair[0] || w == pair[1]) && v < SPEED_MARGIN_MM_PER_S
                        && -v <= d.rescueMmPerS() * d.overspeedFactor() + SPEED_MARGIN_MM_PER_S;
                // SR-19: the rescue descent stays watched by SR-3 / SR-13, so a drive that runs away during it
                // (an injected runaway) owes a category 0 stop only once over SR-3's limit x 1.2 (or SR-13's
                // following error): its own "runaway braked" reaction judges it from there, not this invariant
                // while it is still speeding up (R-7 seed 8000072: 14.4 mm/s, braked 52 ms after 60 mm/s).
                boolean runawayInRescue = rescue && s.runawayMmPerS() != 0 && driveActive;
                // A category 0 stop (SR-3/SR-13/SR-19) drops drive and brakes at once: the winch coasts under the
                // load until the brakes hold; the coasting invariant above bounds that by the brake engage time.
                boolean coasting = brakesFree && !driveActive;
                // SR-14 allows 3 mm of drift through engaged brakes before the drive holds: the SR-14 reaction
                // (true drift since engagement) judges a slipping winch until then (seed 7040584).
                if (!legRescue && !runawayInRescue && !coasting && !slipping(h, s) && !faultStillReported[w]) {
                    faultStillReported[w] = true; // once per FAULT/ESTOP episode
                    violation(h, "FAULT-still", String.format(Locale.ROOT, "winch %d moves at %.1f mm/s in %s", w, v, mode));
                }
            }
        }
    }

    private void violation(RigHarness h, String check, String what) {
        violations.add(check, h.now, what);
    }

    static String speeds(RigHarness h) {
        StringBuilder b = new StringBuilder("[");
        for (int w = 0; w < h.rig.physics().winches().size(); w++) {
            WinchSim s = h.rig.physics().winch(w);
            b.append(String.format(Locale.ROOT, "%s%.1f%s", w == 0 ? "" : ", ", s.velocityMmPerS(),
                    s.brakeEngaged(BrakeId.MOTOR) && s.brakeEngaged(BrakeId.DRUM) ? "B" : ""));
        }
        return b.append("] mm/s (B = braked)").toString();
    }
}
