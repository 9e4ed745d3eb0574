package com.lianarig.controller.r7;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.sim.physics.WinchSim;
import java.util.HashMap;
import java.util.Map;

/**
 * The oracle's own ledger of what was asked (SPEC I-1): built only from the commands sent through the
 * harness and the decisions they got back, never from the controller's internals. Per group at most
 * one live, accepted motion (a jog, move, aim or program under a live enable, a rescue descent under
 * hold-to-run) and at most one stop in progress: the allowance of a motion that ended to come to rest
 * within its stopping time and distance, measured from the rig's true speed when it ended.
 *
 * <p>A motion ends when its panel lets go of the enable (or lets it go stale, or gives up control),
 * on STOP from any panel, jog "none", a rescue let go, program-stop or program-pause, a new motion of
 * its group, the controller entering FAULT/ESTOP or leaving PROGRAM (the mode is bookkeeping: it can
 * only end a motion here, never start one), drive power removed, or the group's position trust lost
 * (node restart, link loss, encoder fault). Nothing but an accepted command under a live enable
 * creates one: an enable held again, a reset, a reference or a reconnect never does (SPEC SR-10).
 *
 * <p>Owned by the session's thread.
 */
public final class R7Ledger {
    /** What a motion is. */
    public enum Kind {
        JOG, MOVE, AIM, PROGRAM, RESCUE
    }

    /** A live, accepted motion of one group. */
    public static final class Motion {
        final Kind kind;
        /** +1 up, -1 down, 0 either way (aim and program: their steps and refinement go both ways). */
        final int dir;
        /** Per winch (rig index), the true position the motion may not pass in its direction, mm; NaN = none. */
        final double[] targetMm;
        final String panelId;
        final long sinceNanos;
        final String what;
        /** Per winch, the furthest true position reached in {@link #dir} (I-2 measures reversals from it). */
        final double[] extremeMm;

        Motion(Kind kind, int dir, double[] targetMm, String panelId, long sinceNanos, String what, double[] nowMm) {
            this.kind = kind;
            this.dir = dir;
            this.targetMm = targetMm;
            this.panelId = panelId;
            this.sinceNanos = sinceNanos;
            this.what = what;
            this.extremeMm = nowMm;
        }
    }

    /** A motion that ended, coming to rest: allowed until {@link #untilNanos}, within {@link #distanceMm}. */
    public static final class Stopping {
        final Kind kind;
        final long sinceNanos;
        final long untilNanos;
        /** Per winch, the direction it may still travel (its true direction when the motion ended), 0 = either. */
        final int[] dir;
        final double[] fromMm;
        final double[] extremeMm;
        final double distanceMm;
        final String why;

        Stopping(Kind kind, long sinceNanos, long untilNanos, int[] dir, double[] fromMm, double distanceMm,
                String why) {
            this.kind = kind;
            this.sinceNanos = sinceNanos;
            this.untilNanos = untilNanos;
            this.dir = dir;
            this.fromMm = fromMm;
            this.extremeMm = fromMm.clone();
            this.distanceMm = distanceMm;
            this.why = why;
        }
    }

    /** Told when a motion is accepted into the ledger (an I-3 expectation for its group is then over). */
    interface Listener {
        void accepted(int group, Motion m);
    }

    /** A speed at which a motion's direction is its own, not a servo's settling, mm/s. */
    static final double CLEARLY_MOVING_MM_PER_S = 2;

    private final RigModel model;
    private final R7Deadlines d;
    private final R7Journal journal;
    private final Motion[] live;
    private final Stopping[] stopping;
    private final int legGroup;
    private final long leaseNanos;
    private final Map<String, Long> leaseUntilNanos = new HashMap<>();
    private Listener listener = (g, m) -> { };
    private Mode lastMode;

    R7Ledger(RigModel model, R7Deadlines d, R7Journal journal, Mode mode) {
        this.model = model;
        this.d = d;
        this.journal = journal;
        this.live = new Motion[model.groups().size()];
        this.stopping = new Stopping[model.groups().size()];
        this.legGroup = model.legPair().map(RigModel.Group::index).orElse(-1);
        this.leaseNanos = d.enableRefreshNanos();
        this.lastMode = mode;
    }

    void listener(Listener l) {
        this.listener = l;
    }

    /** The live motion of a group, or null. */
    Motion live(int group) {
        return live[group];
    }

    /** The group's stop in progress while its allowance lasts, or null. */
    Stopping stopping(int group, long nowNanos) {
        Stopping s = stopping[group];
        return s != null && nowNanos <= s.untilNanos ? s : null;
    }

    /**
     * An exempt physical fault (runaway, slip, coast) moved the winch by {@code dMm}: what it moved is
     * not the motion's, so its budgets (stopping distance, target, reversal) shift with it.
     */
    void shift(int winch, double dMm) {
        int g = groupOfWinch(winch);
        Motion m = live[g];
        if (m != null) {
            m.extremeMm[winch] += dMm;
            m.targetMm[winch] += dMm;
        }
        Stopping s = stopping[g];
        if (s != null) {
            s.fromMm[winch] += dMm;
            s.extremeMm[winch] += dMm;
        }
    }

    /** The group's last stop, over or not (for the journal), or null. */
    Stopping lastStop(int group) {
        return stopping[group];
    }

    boolean enableLive(String panelId, long nowNanos) {
        Long until = leaseUntilNanos.get(panelId);
        return until != null && nowNanos <= until;
    }

    // ------------------------------------------------------------------ what was asked

    /** One command and its decision, as the harness sent it. */
    void decided(RigHarness h, Issuer who, Command c, Decision decision) {
        long now = h.now;
        if (!decision.accepted()) {
            return; // a refused command changes nothing (a refused STOP cannot happen: SPEC section 1)
        }
        String panel = who.panelId();
        if (c instanceof Command.Enable e) {
            if (e.held()) {
                leaseUntilNanos.put(panel, now + leaseNanos);
            } else {
                leaseUntilNanos.remove(panel);
                endPanel(h, panel, "enable let go");
            }
        } else if (c instanceof Command.ReleaseControl) {
            leaseUntilNanos.remove(panel);
            endPanel(h, panel, "control released");
        } else if (c instanceof Command.TakeControl) {
            for (String other : Map.copyOf(leaseUntilNanos).keySet()) {
                if (!other.equals(panel)) {
                    leaseUntilNanos.remove(other);
                    endPanel(h, other, "command taken by " + panel);
                }
            }
        } else if (c instanceof Command.Stop) {
            endAll(h, "STOP from " + panel, 0, false);
        } else if (c instanceof Command.Jog j) {
            int g = group(j.group());
            if (g < 0) {
                return;
            }
            if (j.direction() == Command.Jog.Direction.NONE) {
                if (live[g] != null && live[g].kind == Kind.JOG) {
                    end(h, g, "jog let go", 0);
                }
            } else {
                int dir = j.direction() == Command.Jog.Direction.UP ? 1 : -1;
                start(h, g, Kind.JOG, dir, null, panel, "jog " + j.direction().name().toLowerCase());
            }
        } else if (c instanceof Command.RescueDescent r) {
            if (legGroup < 0) {
                return;
            }
            if (!r.held()) {
                if (live[legGroup] != null && live[legGroup].kind == Kind.RESCUE) {
                    end(h, legGroup, "rescue let go", 0);
                }
            } else {
                start(h, legGroup, Kind.RESCUE, -1, null, panel, "rescue descent");
            }
        } else if (c instanceof Command.MoveTo m) {
            int g = group(m.group());
            if (g >= 0) {
                moveTo(h, g, m.heightMm(), panel);
            }
        } else if (c instanceof Command.AimAt a) {
            if (legGroup >= 0) {
                start(h, legGroup, Kind.AIM, 0, null, panel, "aim " + a.segment());
            }
        } else if (c instanceof Command.ProgramStart p) {
            if (legGroup >= 0) {
                start(h, legGroup, Kind.PROGRAM, 0, null, panel, "program " + p.segment());
            }
        } else if (c instanceof Command.ProgramResume) {
            if (legGroup >= 0) {
                start(h, legGroup, Kind.PROGRAM, 0, null, panel, "program resumed");
            }
        } else if (c instanceof Command.ProgramPause || c instanceof Command.ProgramStop) {
            if (legGroup >= 0 && live[legGroup] != null && live[legGroup].kind == Kind.PROGRAM) {
                end(h, legGroup, c.name(), 0);
            }
        }
    }

    /**
     * A move: its direction from the lead's true position to the target, and per winch the true
     * position it may not pass (the target plus the winch's true offset from the lead: a pair moves by
     * one amount, each winch from where it is).
     */
    private void moveTo(RigHarness h, int g, double heightMm, String panel) {
        int[] ws = model.group(g).winches();
        double base = model.winch(ws[0]).config().baseHeightMm();
        double leadTarget = heightMm - base;
        double lead = pos(h, ws[0]);
        double[] target = nanArray();
        for (int w : ws) {
            target[w] = leadTarget + (pos(h, w) - lead);
        }
        // the direction from where the group comes to rest from its motion now (a plain S-curve stop): a move
        // accepted at speed may first have to pass its target; close to that point, either way
        double v = vel(h, ws[0]);
        double a = d.accelMmPerS2();
        double restMm = lead + Math.signum(v) * Math.abs(v) * (Math.abs(v) / a + a / d.jerkMmPerS3()) / 2;
        double toGo = leadTarget - restMm;
        double near = Math.abs(v) < R7Invariants.STILL_MM_PER_S ? R7Invariants.SETTLE_MM
                : d.stopDistanceMm(v) - Math.abs(restMm - lead);
        int dir = Math.abs(toGo) <= near ? 0 : (toGo > 0 ? 1 : -1);
        start(h, g, Kind.MOVE, dir, target, panel, String.format(java.util.Locale.ROOT, "move-to %.0f mm", heightMm));
    }

    private void start(RigHarness h, int g, Kind kind, int dir, double[] target, String panel, String what) {
        long now = h.now;
        if (!enableLive(panel, now)) {
            journal.add(now, "ledger: " + what + " accepted WITHOUT a live enable from " + panel
                    + ": it accounts for no motion (SR-10)");
            return;
        }
        Motion old = live[g];
        if (old != null) {
            if (old.kind == kind && old.dir == dir && (kind == Kind.JOG || kind == Kind.RESCUE)) {
                return; // pressed again: the same hold-to-run motion goes on
            }
            end(h, g, "replaced by " + what, 0);
        } else if (groupMoving(h, g)) {
            // moving with no motion asked (coming to rest, or a violation already seen): it too must come to rest
            // before this one, from where it is now (merged with a stop still in progress)
            live[g] = new Motion(kind, 0, nanArray(), panel, now, "motion in progress", nanArray());
            end(h, g, "in progress when " + what + " was accepted", 0);
        }
        double[] nowMm = nanArray();
        for (int w : model.group(g).winches()) {
            nowMm[w] = pos(h, w);
        }
        Motion m = new Motion(kind, dir, target == null ? nanArray() : target, panel, now, what, nowMm);
        live[g] = m;
        listener.accepted(g, m);
    }

    // ------------------------------------------------------------------ what ends motion

    /** Per step, before the checks: enable leases that ran out, the mode's FAULT/ESTOP entry or PROGRAM exit, power removed. */
    void tick(RigHarness h) {
        long now = h.now;
        for (int g = 0; g < live.length; g++) {
            Motion m = live[g];
            if (m != null && !enableLive(m.panelId, now)) {
                end(h, g, "enable of " + m.panelId + " stale for " + leaseNanos / 1_000_000 + " ms", 0);
            }
        }
        Mode mode = h.mode();
        if (mode != lastMode) {
            if (mode == Mode.ESTOP) {
                endAll(h, "entered ESTOP", 0, false);
            } else if (mode == Mode.FAULT && lastMode != Mode.ESTOP) {
                endAll(h, "entered FAULT", 0, true);
            }
            if (lastMode == Mode.PROGRAM && legGroup >= 0 && live[legGroup] != null
                    && live[legGroup].kind == Kind.PROGRAM) {
                end(h, legGroup, "left PROGRAM for " + mode, 0);
            }
            lastMode = mode;
        }
        if (!h.rig.physics().safetyChain().relayClosed()) {
            endAll(h, "drive power removed (safety relay open)", 0, false);
        }
    }

    /** Ends every motion (keeping a rescue descent when {@code keepRescue}); {@code slackNanos} adds to each stop's allowance. */
    void endAll(RigHarness h, String why, long slackNanos, boolean keepRescue) {
        for (int g = 0; g < live.length; g++) {
            if (live[g] != null && !(keepRescue && live[g].kind == Kind.RESCUE)) {
                end(h, g, why, slackNanos);
            }
        }
    }

    private void endPanel(RigHarness h, String panel, String why) {
        for (int g = 0; g < live.length; g++) {
            if (live[g] != null && live[g].panelId.equals(panel)) {
                end(h, g, why, 0);
            }
        }
    }

    /**
     * Ends the group's live motion: from the true state now, each winch may still travel in the
     * direction it moves (the motion's own when at rest) for a controlled stop from the group's fastest
     * speed, its distance, and I-3's 100 ms at that speed, + {@code slackNanos} (e.g. a node's set-point
     * gap before it starts its own stop), then must rest.
     */
    void end(RigHarness h, int g, String why, long slackNanos) {
        Motion m = live[g];
        if (m == null) {
            return;
        }
        live[g] = null;
        long now = h.now;
        int[] ws = model.group(g).winches();
        double v = 0;
        for (int w : ws) {
            v = Math.max(v, Math.abs(vel(h, w)));
        }
        int[] dir = new int[m.extremeMm.length];
        double[] from = nanArray();
        for (int w : ws) {
            // the direction asked; for an aim or a program (either way) the one it moves in, if it clearly moves
            double vw = vel(h, w);
            dir[w] = m.dir != 0 ? m.dir : Math.abs(vw) >= CLEARLY_MOVING_MM_PER_S ? (vw > 0 ? 1 : -1) : 0;
            from[w] = pos(h, w);
        }
        double slackS = (R7Deadlines.I3_SLACK_NANOS + slackNanos) / 1e9;
        double distance = d.stopDistanceMm(v) + v * slackS + R7Invariants.SETTLE_MM;
        long until = now + slackNanos + d.restOnBrakesNanos(v);
        Stopping old = stopping(g, now);
        if (old != null) {
            // the stop of the motion this one replaced still runs: either may account for what follows
            for (int w : ws) {
                if (old.dir[w] != dir[w]) {
                    dir[w] = 0;
                }
            }
            distance += old.distanceMm;
            until = Math.max(until, old.untilNanos);
        }
        stopping[g] = new Stopping(m.kind, now, until, dir, from, distance, why);
        journal.add(now, String.format(java.util.Locale.ROOT,
                "ledger: %s of %s ends (%s) at %.1f mm/s: at rest within %.0f ms and %.1f mm", m.what,
                model.group(g).name(), why, v, (until - now) / 1e6, distance));
    }

    // ------------------------------------------------------------------ helpers

    int group(String name) {
        for (RigModel.Group g : model.groups()) {
            if (g.name().equals(name)) {
                return g.index();
            }
        }
        return -1;
    }

    int groupOfWinch(int winch) {
        return model.winch(winch).group();
    }

    int legGroup() {
        return legGroup;
    }

    private boolean groupMoving(RigHarness h, int g) {
        for (int w : model.group(g).winches()) {
            if (Math.abs(vel(h, w)) >= R7Invariants.STILL_MM_PER_S) {
                return true;
            }
        }
        return false;
    }

    private double[] nanArray() {
        double[] a = new double[model.winches().size()];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    private static double pos(RigHarness h, int w) {
        WinchSim s = h.rig.physics().winch(w);
        return s.positionMm();
    }

    private static double vel(RigHarness h, int w) {
        return h.rig.physics().winch(w).velocityMmPerS();
    }
}
