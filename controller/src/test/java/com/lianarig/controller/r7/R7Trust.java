package com.lianarig.controller.r7;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.BrakeId;
import com.lianarig.sim.physics.WinchSim;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * SPEC I-6 for {@link R7Invariants}: which winch positions are true. A position is untrusted from a
 * node restart (its boot id changes), a link loss (the cable unplugged for SR-9's link timeout), or
 * an encoder count that no longer says the true position ({@link WinchSim#encoderOffsetCounts}
 * changed: a glitch or a restart), until an accepted REFERENCE of its group. Then, after a grace to
 * come to rest (none when it rested on its brakes), both brakes stay applied unless a rescue descent
 * of its group runs, and it moves only down in that rescue.
 *
 * <p>Owned by the session's thread.
 */
final class R7Trust {
    private final RigHarness h;
    private final RigModel model;
    private final R7Deadlines d;
    private final R7Journal journal;
    private final R7Ledger ledger;
    private final R7Invariants.Reporter report;
    private final boolean[] trusted;
    private final String[] why;
    private final long[] graceUntilNanos;
    private final double[] referencedOffsetCounts;
    /** Per winch: its drive follows a glitched count until SR-13's reaction is due (exempt until then). */
    private final long[] glitchUntilNanos;
    private final boolean[] reportedBrakes;
    private final boolean[] reportedMotion;
    /** Per winch: its lowest point during the rescue descent now judged (I-2's settling allowance), mm. */
    private final double[] rescueLowMm;
    private final long[] bootIds;
    private final long[] unpluggedSince;
    private final boolean[] linkLossNoted;

    R7Trust(RigHarness h, R7Deadlines d, R7Journal journal, R7Ledger ledger, R7Invariants.Reporter report) {
        this.h = h;
        this.model = h.model;
        this.d = d;
        this.journal = journal;
        this.ledger = ledger;
        this.report = report;
        int winches = model.winches().size();
        trusted = new boolean[winches];
        why = new String[winches];
        graceUntilNanos = new long[winches];
        referencedOffsetCounts = new double[winches];
        glitchUntilNanos = new long[winches];
        reportedBrakes = new boolean[winches];
        reportedMotion = new boolean[winches];
        rescueLowMm = new double[winches];
        Arrays.fill(rescueLowMm, Double.POSITIVE_INFINITY);
        for (int w = 0; w < winches; w++) {
            trusted[w] = true;
            referencedOffsetCounts[w] = sim(w).encoderOffsetCounts();
            glitchUntilNanos[w] = Long.MIN_VALUE;
        }
        int nodes = h.rig.nodeSpecs().size();
        bootIds = new long[nodes];
        unpluggedSince = new long[nodes];
        linkLossNoted = new boolean[nodes];
        for (int n = 0; n < nodes; n++) {
            bootIds[n] = h.rig.node(n).bootId();
            unpluggedSince[n] = Long.MIN_VALUE;
        }
    }

    boolean trusted(int winch) {
        return trusted[winch];
    }

    /** True while the winch's drive follows a glitched encoder count (SR-13's reaction judges it). */
    boolean followingGlitch(int winch, long nowNanos) {
        return nowNanos <= glitchUntilNanos[winch];
    }

    /** An accepted REFERENCE of the group: its winches' positions are true again (the technician read them off). */
    void referenced(int group, double positionMm) {
        for (int w : model.group(group).winches()) {
            if (!trusted[w]) {
                journal.add(h.now, String.format(Locale.ROOT, "I-6: winch %d trusted again (referenced at %.1f mm,"
                        + " true %.1f mm)", w, positionMm, sim(w).positionMm()));
            }
            trusted[w] = true;
            referencedOffsetCounts[w] = sim(w).encoderOffsetCounts();
            reportedBrakes[w] = false;
            reportedMotion[w] = false;
        }
    }

    /** Per step, before the checks: node restarts, link losses and encoders that no longer tell the truth. */
    void watch(long now) {
        for (int n = 0; n < bootIds.length; n++) {
            long boot = h.rig.node(n).bootId();
            if (boot != bootIds[n]) {
                bootIds[n] = boot;
                lose(h.rig.nodeSpecs().get(n).winches(), String.format(Locale.ROOT, "node %d restarted (boot id %08x)",
                        n, boot), 0, now);
            }
            boolean pulled = h.rig.port(n).toHostFaults().unplugged();
            if (!pulled) {
                unpluggedSince[n] = Long.MIN_VALUE;
                linkLossNoted[n] = false;
            } else if (unpluggedSince[n] == Long.MIN_VALUE) {
                unpluggedSince[n] = now;
            } else if (!linkLossNoted[n] && now - unpluggedSince[n] >= d.linkTimeoutNanos()) {
                // SR-9's link loss: the node follows its last set-point for its set-point gap, then stops by itself
                linkLossNoted[n] = true;
                lose(h.rig.nodeSpecs().get(n).winches(), "link lost (cable unplugged "
                        + d.linkTimeoutNanos() / 1_000_000 + " ms)", d.setPointGapNanos(), unpluggedSince[n]);
            }
        }
        for (int w = 0; w < trusted.length; w++) {
            WinchSim s = sim(w);
            if (trusted[w] && s.encoderOffsetCounts() != referencedOffsetCounts[w]) {
                if (s.driveActive()) {
                    glitchUntilNanos[w] = now + d.encoderJumpNanos(Math.abs(s.velocityMmPerS()));
                }
                lose(List.of(w), String.format(Locale.ROOT, "encoder of winch %d no longer true (%+.0f counts)", w,
                        s.encoderOffsetCounts() - referencedOffsetCounts[w]), 0, now);
            }
        }
    }

    /** Every winch untrusted from now (a harness powered up without references). */
    void loseAll(String reason) {
        Integer[] all = new Integer[trusted.length];
        for (int w = 0; w < all.length; w++) {
            all[w] = w;
        }
        lose(Arrays.asList(all), reason, 0, h.now);
    }

    /** Positions of these winches untrusted from {@code sinceNanos}: their motion ends, brakes due once at rest. */
    private void lose(List<Integer> ws, String reason, long slackNanos, long sinceNanos) {
        double v = 0;
        for (int w : ws) {
            v = Math.max(v, Math.abs(sim(w).velocityMmPerS()));
        }
        for (int w : ws) {
            WinchSim s = sim(w);
            boolean atRest = s.brakeEngaged(BrakeId.MOTOR) && s.brakeEngaged(BrakeId.DRUM)
                    && Math.abs(s.velocityMmPerS()) < R7Invariants.STILL_MM_PER_S;
            long grace = atRest ? sinceNanos : sinceNanos + slackNanos + d.restOnBrakesNanos(v);
            graceUntilNanos[w] = trusted[w] ? grace : Math.max(graceUntilNanos[w], grace);
            trusted[w] = false;
            why[w] = reason;
            referencedOffsetCounts[w] = Double.NaN;
        }
        journal.add(h.now, "I-6: positions of winches " + ws + " untrusted: " + reason);
        for (int w : ws) {
            ledger.end(h, ledger.groupOfWinch(w), reason, slackNanos);
        }
    }

    /** I-6 on one winch, every step: both brakes applied, no motion but the rescue descent (exempt slips excepted). */
    void check(int w, WinchSim s, long now, boolean exempt) {
        if (trusted[w] || now < graceUntilNanos[w]) {
            return;
        }
        int g = ledger.groupOfWinch(w);
        R7Ledger.Motion m = ledger.live(g);
        R7Ledger.Stopping st = ledger.stopping(g, now);
        boolean rescue = (m != null && m.kind == R7Ledger.Kind.RESCUE)
                || (st != null && st.kind == R7Ledger.Kind.RESCUE);
        boolean applied = s.brakeApplied(BrakeId.MOTOR) && s.brakeApplied(BrakeId.DRUM);
        if (!applied && !rescue && !reportedBrakes[w]) {
            reportedBrakes[w] = true;
            report.winch("I-6", w, "brakes released on an untrusted position (" + why[w] + "), no rescue descent;"
                    + " mode " + h.mode());
        }
        double v = s.velocityMmPerS();
        // the rescue only lowers; I-2's servo settling (a rise of at most SETTLE_MM from its lowest point, as its
        // stop ends) is not a lift
        if (rescue) {
            rescueLowMm[w] = Math.min(rescueLowMm[w], s.positionMm());
        } else {
            rescueLowMm[w] = Double.POSITIVE_INFINITY;
        }
        boolean settling = rescue && v > 0 && s.positionMm() - rescueLowMm[w] <= R7Invariants.SETTLE_MM;
        if (Math.abs(v) >= R7Invariants.STILL_MM_PER_S && !exempt && !(rescue && v < 0) && !settling
                && !reportedMotion[w]) {
            reportedMotion[w] = true;
            report.winch("I-6", w, String.format(Locale.ROOT, "moves at %.1f mm/s on an untrusted position (%s)%s", v,
                    why[w], m == null ? "" : " under " + m.what));
        }
    }

    private WinchSim sim(int w) {
        return h.rig.physics().winch(w);
    }
}
