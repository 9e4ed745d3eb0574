package com.lianarig.controller.safety;

import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.StopCategory;
import java.util.Arrays;
import java.util.Locale;

/**
 * SR-10 and I-1: every motion needs a live enable from the panel in command. When the enable lapses (not
 * refreshed within 250 ms) or is let go, every live motion ends in the gate's ledger at once and comes to
 * rest along the gate's own jerk-limited stop; an enable never starts or resumes anything by itself. The
 * backstop: a group that keeps moving with no live motion and no stop accounting for it (motion nobody
 * asked for) is stopped by its nodes (category 1).
 */
final class Sr10Enable implements Protection {
    /** Measured speed above which a group with no live motion counts as moving, mm/s. */
    static final double UNACCOUNTED_MM_PER_S = 2;
    /** How long such motion may last before the backstop stops it, ns (longer than the brakes take to hold). */
    static final long UNACCOUNTED_NANOS = 300_000_000L;

    private final Tracks t;
    private final Reactions react;
    private MotionGate gate;
    /** Per group: since when it moves with nothing accounting for it (MIN_VALUE: it does not). */
    private final long[] unaccountedSinceNanos;

    Sr10Enable(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
        unaccountedSinceNanos = new long[tracks.groups.length];
        Arrays.fill(unaccountedSinceNanos, Long.MIN_VALUE);
    }

    void bind(MotionGate motionGate) {
        this.gate = motionGate;
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_10;
    }

    /** The enable was let go: every live motion ends now. */
    void letGo() {
        endAll("the enable was let go");
    }

    private void endAll(String why) {
        for (GroupTrack g : t.groups) {
            if (g.permitted) {
                boolean moving = g.moving();
                gate.end(g, why + " (SR-10)");
                if (moving) {
                    react.stopped(g, SafetyRule.SR_10, why + ": the motion ends with a controlled stop");
                }
            }
        }
    }

    @Override
    public void onTick(long nowNanos) {
        if (!t.enableLive(nowNanos) && anyLive()) { // words only when a motion ends: the tick allocates nothing
            endAll("the enable lapsed (not refreshed for " + t.limits.enableRefreshMs() + " ms)");
        }
        for (GroupTrack g : t.groups) {
            if (g.state != GroupState.FOLLOWING || g.permitted || g.ending || g.kind == MotionKind.HOLD
                    || fastestMmPerS(g) <= UNACCOUNTED_MM_PER_S) {
                unaccountedSinceNanos[g.index] = Long.MIN_VALUE;
                continue;
            }
            if (unaccountedSinceNanos[g.index] == Long.MIN_VALUE) {
                unaccountedSinceNanos[g.index] = nowNanos;
            } else if (nowNanos - unaccountedSinceNanos[g.index] > UNACCOUNTED_NANOS) {
                react.stopGroup(g, StopCategory.CAT_1);
                react.stopped(g, SafetyRule.SR_10, String.format(Locale.ROOT,
                        "%s moves at %.1f mm/s with no live motion accounting for it (I-1)", g.name(), fastestMmPerS(g)));
                unaccountedSinceNanos[g.index] = Long.MIN_VALUE;
            }
        }
    }

    private boolean anyLive() {
        for (GroupTrack g : t.groups) {
            if (g.permitted) {
                return true;
            }
        }
        return false;
    }

    private static double fastestMmPerS(GroupTrack g) {
        double v = 0;
        for (WinchTrack w : g.winches) {
            v = Math.max(v, Math.abs(w.velocityMmPerS));
        }
        return v;
    }
}
