package com.lianarig.controller.r7;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.Mode;
import com.lianarig.config.rig.NodeConfig;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.BrakeId;
import com.lianarig.sim.physics.VirtualClient;
import com.lianarig.sim.physics.WinchParams;
import com.lianarig.sim.physics.WinchSim;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * SPEC 4.0's invariants I-1..I-6, checked every simulated millisecond on the virtual rig's TRUE state
 * (positions, speeds, brakes and the hanging body come from its physics; what was asked comes from
 * the oracle's own {@link R7Ledger}; the controller's beliefs are never read, its mode only as
 * bookkeeping that can end a motion). Attach it with {@link #attach}: it watches every command the
 * harness sends and runs as an {@link RigHarness#everyStep} check. The exact criteria are in
 * docs/r7-campaign.md ("The invariants").
 *
 * <p>Exempt, as far as their own SR reaction bounds them (R7Checker judges those reactions): a
 * runaway drive while powered (SR-3/SR-13 "runaway braked"), a winch slipping through engaged brakes
 * that hold less than rated (SR-14; nothing may stop it on an untrusted position), a category 0 coast
 * (no drive, brakes not yet holding) for the brakes' engage time, and a drive following an encoder
 * glitch until SR-13's reaction is due. Motion they cause raises the I-4/I-5 allowances to where it
 * left the rope. I-1, I-2 and I-3 are checked here, I-6 by {@link R7Trust}, I-4 and I-5 by
 * {@link R7HeadAndPair}.
 *
 * <p>Owned by the session's thread.
 */
public final class R7Invariants implements Consumer<RigHarness>, RigHarness.CommandWatcher {
    /** A true speed below this is standing still, mm/s. */
    public static final double STILL_MM_PER_S = 0.5;
    /** Servo settling: a reversal or creep up to this is not motion, mm (SPEC I-2). */
    public static final double SETTLE_MM = 1.0;

    private final RigHarness h;
    private final RigModel model;
    private final R7Deadlines d;
    private final R7Journal journal;
    private final R7Violations violations;
    private final R7Ledger ledger;
    private final int winches;
    private final R7Trust trust;
    private final R7HeadAndPair headAndPair;

    private final double[] anchorMm;
    private final double[] lastMm;
    private final long[] coastSinceNanos;
    private final boolean[] reported1;
    private final boolean[] reported2;
    private final boolean[] exempt;

    // I-3
    private final long[] restDueNanos;
    private final long[] restOnsetNanos;
    private final String[] restWhy;
    private Mode lastMode;

    long checks;

    private R7Invariants(RigHarness h, R7Deadlines d, R7Journal journal, R7Violations violations) {
        this.h = h;
        this.model = h.model;
        this.d = d;
        this.journal = journal;
        this.violations = violations;
        this.ledger = new R7Ledger(model, d, journal, h.mode());
        this.winches = model.winches().size();
        this.trust = new R7Trust(h, d, journal, ledger, this::violate);
        this.headAndPair = new R7HeadAndPair(h, d, violations);
        anchorMm = new double[winches];
        lastMm = new double[winches];
        coastSinceNanos = new long[winches];
        reported1 = new boolean[winches];
        reported2 = new boolean[winches];
        exempt = new boolean[winches];
        for (int w = 0; w < winches; w++) {
            WinchSim s = sim(w);
            anchorMm[w] = s.positionMm();
            lastMm[w] = s.positionMm();
            coastSinceNanos[w] = Long.MIN_VALUE;
        }
        int groups = model.groups().size();
        restDueNanos = new long[groups];
        restOnsetNanos = new long[groups];
        restWhy = new String[groups];
        java.util.Arrays.fill(restDueNanos, Long.MAX_VALUE);
        lastMode = h.mode();
        ledger.listener((g, m) -> {
            if (restDueNanos[g] != Long.MAX_VALUE) {
                journal.add(h.now, "I-3 expectation for " + model.group(g).name() + " over: " + m.what + " accepted");
                restDueNanos[g] = Long.MAX_VALUE;
            }
        });
    }

    /**
     * Attaches the invariants to a harness whose groups are referenced at their true positions (as
     * {@link RigHarness#boot} leaves them): from now on every command through the harness feeds the
     * ledger, and every step is checked.
     */
    public static R7Invariants attach(RigHarness h, R7Journal journal, R7Violations violations) {
        NodeConfig node = h.model.config().nodes().get(0);
        R7Deadlines d = R7Deadlines.of(h.model.limits(), WinchParams.legStrap(), node.sampleRateHz(),
                node.statusRateHz());
        R7Invariants inv = new R7Invariants(h, d, journal, violations);
        h.watchCommands(inv);
        h.everyStep(inv);
        return inv;
    }

    /** For focused tests: attaches with a fresh journal and violation list starting now. */
    public static R7Invariants attach(RigHarness h) {
        return attach(h, new R7Journal(h.now), new R7Violations(h.now));
    }

    /** The client whose body hangs in the rig and the SR-20 ceiling of its own profile (I-4), mm. */
    public void clientHanging(VirtualClient body, double ceilingMm) {
        headAndPair.clientHanging(body, ceilingMm);
    }

    public R7Violations violations() {
        return violations;
    }

    public R7Journal journal() {
        return journal;
    }

    /**
     * For a harness started without references ({@link RigHarness#bootUnreferenced}): every winch's
     * position is untrusted from now on until a technician references its group (I-6).
     */
    public void untrustedFromStart(String why) {
        trust.loseAll(why);
    }

    /**
     * Fails, listing every kept violation of the invariants named (of any when none is named) and the
     * oracle's journal, unless there is none.
     */
    public void assertHeld(String... invariantIds) {
        java.util.List<String> ids = java.util.List.of(invariantIds);
        java.util.List<String> found = violations.lines(v -> ids.isEmpty() || ids.contains(v.invariant()));
        if (!found.isEmpty()) {
            throw new AssertionError(String.join("\n", found) + "\n--- oracle journal ---\n" + journal.text());
        }
    }

    R7Ledger ledger() {
        return ledger;
    }

    /** True while the oracle holds the winch's position true (referenced since its last restart, link loss, glitch). */
    public boolean trusted(int winch) {
        return trust.trusted(winch);
    }

    // ------------------------------------------------------------------ commands

    @Override
    public void decided(Issuer who, Command c, Decision decision, long nowNanos) {
        if (c instanceof Command.Stop && decision.accepted()) {
            expectRest("STOP from " + who.panelId(), false);
        }
        ledger.decided(h, who, c, decision);
        if (c instanceof Command.Reference r && decision.accepted() && ledger.group(r.group()) >= 0) {
            trust.referenced(ledger.group(r.group()), r.positionMm());
        }
    }

    // ------------------------------------------------------------------ every step

    @Override
    public void accept(RigHarness x) {
        long now = h.now;
        checks++;
        trust.watch(now);
        Mode mode = h.mode();
        if (mode != lastMode) {
            if ((mode == Mode.FAULT || mode == Mode.ESTOP) && lastMode != Mode.FAULT && lastMode != Mode.ESTOP) {
                expectRest("entered " + mode + " (" + h.controller.status().modeReason() + ")", true);
            }
            lastMode = mode;
        }
        ledger.tick(h);
        boolean legExempt = false;
        for (int w = 0; w < winches; w++) {
            WinchSim s = sim(w);
            exempt[w] = physicallyExempt(w, s, now);
            legExempt |= exempt[w] && headAndPair.isLeg(w);
            motion(w, s, now);
            trust.check(w, s, now, exempt[w]);
        }
        rest(now);
        headAndPair.check(legExempt);
    }

    /** A runaway drive, a slip through engaged brakes, a category 0 coast, a drive following an encoder glitch. */
    private boolean physicallyExempt(int w, WinchSim s, long now) {
        boolean engaged = s.brakeEngaged(BrakeId.MOTOR) && s.brakeEngaged(BrakeId.DRUM);
        boolean drive = s.driveActive();
        if (!drive && !engaged) {
            if (coastSinceNanos[w] == Long.MIN_VALUE) {
                coastSinceNanos[w] = now;
            }
        } else {
            coastSinceNanos[w] = Long.MIN_VALUE;
        }
        boolean coasting = coastSinceNanos[w] != Long.MIN_VALUE && now - coastSinceNanos[w] <= d.cat0BrakeNanos();
        boolean runaway = s.runawayMmPerS() != 0 && drive;
        boolean slipping = engaged && (s.brakeHoldFactor(BrakeId.MOTOR) < 1 || s.brakeHoldFactor(BrakeId.DRUM) < 1);
        boolean glitch = trust.followingGlitch(w, now);
        return coasting || runaway || slipping || glitch;
    }

    /** I-1 (accounted for) and I-2 (in the asked direction), per winch. */
    private void motion(int w, WinchSim s, long now) {
        double p = s.positionMm();
        double v = s.velocityMmPerS();
        double step = p - lastMm[w];
        lastMm[w] = p;
        if (exempt[w]) {
            anchorMm[w] = p;
            ledger.shift(w, step);
            return;
        }
        int g = ledger.groupOfWinch(w);
        R7Ledger.Motion m = ledger.live(g);
        R7Ledger.Stopping st = ledger.stopping(g, now);
        boolean moving = Math.abs(v) >= STILL_MM_PER_S;
        if (m == null && st == null) {
            unaccounted(w, s, g, p, v, moving);
            return;
        }
        if (m != null && m.sinceNanos == now) {
            reported1[w] = false; // a new motion: a new episode
        }
        if (m != null) {
            if (m.dir != 0 && (p - m.extremeMm[w]) * m.dir >= 0) {
                m.extremeMm[w] = p;
                double past = (p - m.targetMm[w]) * m.dir;
                boolean overshoot = st != null && st.dir[w] != -m.dir && coming(st, w, p);
                if (past > SETTLE_MM && !overshoot && !reported1[w]) {
                    reported1[w] = true;
                    violate("I-1", w, String.format(Locale.ROOT, "%.1f mm past the target of %s (accepted %s)", past,
                            m.what, ago(m.sinceNanos)));
                }
            } else if (m.dir != 0) {
                if (st != null && coming(st, w, p)) {
                    m.extremeMm[w] = p; // the motion it replaced still coming to rest the other way
                } else if ((m.extremeMm[w] - p) * m.dir > SETTLE_MM && !reported2[w]) {
                    reported2[w] = true;
                    violate("I-2", w, String.format(Locale.ROOT, "moved %.1f mm %s at %.1f mm/s during %s (accepted %s)",
                            (m.extremeMm[w] - p) * m.dir, m.dir > 0 ? "down" : "up", v, m.what, ago(m.sinceNanos)));
                }
            }
            anchorMm[w] = p;
            return;
        }
        if (st != null) {
            int dir = st.dir[w];
            double travelled = dir == 0 ? Math.abs(p - st.fromMm[w]) : (p - st.fromMm[w]) * dir;
            if (dir != 0 && (p - st.extremeMm[w]) * dir >= 0) {
                st.extremeMm[w] = p;
            }
            if (travelled > st.distanceMm && !reported1[w]) {
                reported1[w] = true;
                violate("I-1", w, String.format(Locale.ROOT, "went on %.1f mm (allowed %.1f mm) after its motion ended"
                        + " (%s, %s) at %.1f mm/s", travelled, st.distanceMm, st.why, ago(st.sinceNanos), v));
            } else if (dir != 0 && (st.extremeMm[w] - p) * dir > SETTLE_MM && !reported2[w]) {
                reported2[w] = true;
                violate("I-2", w, String.format(Locale.ROOT, "reversed %.1f mm while coming to rest (%s, %s)",
                        (st.extremeMm[w] - p) * dir, st.why, ago(st.sinceNanos)));
            }
            anchorMm[w] = p;
            return;
        }
    }

    /** I-1 with no motion and no stop accounting for the winch: at rest where it was left (within 1 mm, under 0.5 mm/s). */
    private void unaccounted(int w, WinchSim s, int g, double p, double v, boolean moving) {
        double moved = p - anchorMm[w];
        if ((moving || Math.abs(moved) > SETTLE_MM) && !reported1[w]) {
            reported1[w] = true;
            R7Ledger.Stopping last = ledger.lastStop(g);
            violate("I-1", w, String.format(Locale.ROOT, "moves at %.1f mm/s (%+.1f mm since at rest) with nothing"
                    + " asked; brakes %s; mode %s; last motion %s", v, moved, brakes(s), h.mode(),
                    last == null ? "none" : "ended " + ago(last.sinceNanos) + " (" + last.why + ")"));
        }
    }

    /** True while {@code st} accounts for the winch being at {@code p}: within its distance, in its direction. */
    private static boolean coming(R7Ledger.Stopping st, int w, double p) {
        int dir = st.dir[w];
        double travelled = dir == 0 ? Math.abs(p - st.fromMm[w]) : (p - st.fromMm[w]) * dir;
        return travelled <= st.distanceMm && (dir == 0 || (p - st.extremeMm[w]) * dir >= -SETTLE_MM);
    }

    // ------------------------------------------------------------------ I-3 STOP stops

    /** I-3: each group (moving under a motion when {@code underMotionOnly}, else not at rest on its brakes) must rest on them. */
    private void expectRest(String why, boolean underMotionOnly) {
        long now = h.now;
        for (RigModel.Group g : model.groups()) {
            int i = g.index();
            boolean concerned;
            if (underMotionOnly) {
                concerned = ledger.live(i) != null || ledger.stopping(i, now) != null;
            } else {
                concerned = false;
                for (int w : g.winches()) {
                    concerned |= !restingOnBrakes(sim(w));
                }
            }
            if (concerned) {
                long due = now + d.restOnBrakesNanos(maxSpeed(g.winches()));
                if (due < restDueNanos[i]) {
                    restDueNanos[i] = due;
                    restOnsetNanos[i] = now;
                    restWhy[i] = why;
                }
            }
        }
    }

    private void rest(long now) {
        for (int g = 0; g < restDueNanos.length; g++) {
            if (now < restDueNanos[g]) {
                continue;
            }
            restDueNanos[g] = Long.MAX_VALUE;
            boolean slipHeld = heldAfterSlip(model.group(g).winches());
            for (int w : model.group(g).winches()) {
                WinchSim s = sim(w);
                boolean slipping = s.brakeEngaged(BrakeId.MOTOR) && s.brakeEngaged(BrakeId.DRUM) && exempt[w];
                if (!restingOnBrakes(s) && !slipping && !(s.runawayMmPerS() != 0) && !slipHeld) {
                    violate("I-3", w, String.format(Locale.ROOT, "not at rest on its brakes %.0f ms after %s: %.1f mm/s,"
                            + " brakes %s", (now - restOnsetNanos[g]) / 1e6, restWhy[g], s.velocityMmPerS(), brakes(s)));
                }
            }
        }
    }

    /**
     * SR-14's own reaction: a group whose brakes truly slip (an injected brake fault), held at rest by its drive
     * once SR-14 latched. At rest is what I-3 asks; resting on brakes that slip is not possible.
     */
    private boolean heldAfterSlip(int[] ws) {
        if (!h.controller.safety().latched(com.lianarig.controller.safety.SafetyRule.SR_14)) {
            return false;
        }
        boolean faultyBrakes = false;
        for (int w : ws) {
            WinchSim s = sim(w);
            faultyBrakes |= s.brakeHoldFactor(BrakeId.MOTOR) < 1 || s.brakeHoldFactor(BrakeId.DRUM) < 1;
            if (Math.abs(s.velocityMmPerS()) >= STILL_MM_PER_S) {
                return false;
            }
        }
        return faultyBrakes;
    }

    private static boolean restingOnBrakes(WinchSim s) {
        return s.brakeEngaged(BrakeId.MOTOR) && s.brakeEngaged(BrakeId.DRUM)
                && Math.abs(s.velocityMmPerS()) < STILL_MM_PER_S;
    }

    // ------------------------------------------------------------------ helpers

    /** Reports a violation about one winch (its index and name first). */
    @FunctionalInterface
    interface Reporter {
        void winch(String invariant, int winch, String what);
    }

    private void violate(String invariant, int w, String what) {
        violations.add(invariant, h.now, "winch " + w + " (" + model.winch(w).config().id() + ") " + what);
    }

    private String ago(long sinceNanos) {
        return String.format(Locale.ROOT, "%.0f ms before", (h.now - sinceNanos) / 1e6);
    }

    private static String brakes(WinchSim s) {
        boolean m = s.brakeEngaged(BrakeId.MOTOR);
        boolean dr = s.brakeEngaged(BrakeId.DRUM);
        return m && dr ? "engaged" : (!m && !dr ? "released" : "half");
    }

    private double maxSpeed(int[] ws) {
        double m = 0;
        for (int w : ws) {
            m = Math.max(m, Math.abs(sim(w).velocityMmPerS()));
        }
        return m;
    }

    private WinchSim sim(int w) {
        return h.rig.physics().winch(w);
    }
}
