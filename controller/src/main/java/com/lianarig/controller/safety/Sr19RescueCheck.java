package com.lianarig.controller.safety;

import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.StopCategory;
import java.util.Arrays;
import java.util.Locale;

/**
 * SR-19: the rescue descent is verified. Within {@link #VERIFY_NANOS} of its first downward set-point the
 * winches must have moved down (at least {@link #MIN_DOWN_MM}) and the leg load must not have risen (more
 * than {@link #LOAD_RISE_KG}); at no moment may a winch rise more than {@link #MAX_RISE_MM} above its
 * lowest point. Otherwise: category 0, and the manual brake-release procedure (a technician resets).
 */
final class Sr19RescueCheck implements Protection {
    static final long VERIFY_NANOS = 300_000_000L;
    static final double MIN_DOWN_MM = 0.3;
    static final double MAX_RISE_MM = 1.0;
    static final double LOAD_RISE_KG = 3;

    private final Tracks t;
    private final Reactions react;
    private final boolean[] watching;
    private final boolean[] verified;
    private final long[] downSinceNanos;
    private final double[] startLoadN;
    /** Per winch: where it was when the rescue started, and its lowest point since, mm. */
    private final double[] startMm;
    private final double[] lowestMm;

    Sr19RescueCheck(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
        watching = new boolean[tracks.groups.length];
        verified = new boolean[tracks.groups.length];
        downSinceNanos = new long[tracks.groups.length];
        startLoadN = new double[tracks.groups.length];
        startMm = new double[tracks.winches.length];
        lowestMm = new double[tracks.winches.length];
        Arrays.fill(downSinceNanos, Long.MIN_VALUE);
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_19;
    }

    /** A rescue descent of the group was admitted: watch it. */
    void started(GroupTrack g) {
        watching[g.index] = true;
        verified[g.index] = false;
        downSinceNanos[g.index] = Long.MIN_VALUE;
        startLoadN[g.index] = loadN(g);
        for (WinchTrack w : g.winches) {
            startMm[w.index] = w.positionMm;
            lowestMm[w.index] = w.positionMm;
        }
    }

    @Override
    public void onStatus(WinchTrack w, long nowNanos) {
        GroupTrack g = w.group;
        if (!watching[g.index]) {
            return;
        }
        lowestMm[w.index] = Math.min(lowestMm[w.index], w.positionMm);
        double roseMm = w.positionMm - lowestMm[w.index];
        if (roseMm > MAX_RISE_MM) {
            fail(g, String.format(Locale.ROOT, "lifted winch %s by %.1f mm", w.id(), roseMm), nowNanos);
        }
    }

    @Override
    public void onTick(long nowNanos) {
        for (GroupTrack g : t.groups) {
            if (!watching[g.index]) {
                continue;
            }
            if (g.kind != MotionKind.RESCUE || g.state == GroupState.BRAKED) {
                watching[g.index] = false;
                continue;
            }
            if (verified[g.index] || !g.permitted || g.state != GroupState.FOLLOWING) {
                continue;
            }
            if (downSinceNanos[g.index] == Long.MIN_VALUE) {
                if (g.velocityMmPerS < 0) {
                    downSinceNanos[g.index] = nowNanos;
                }
                continue;
            }
            if (nowNanos - downSinceNanos[g.index] < VERIFY_NANOS) {
                continue;
            }
            verify(g, nowNanos);
        }
    }

    private void verify(GroupTrack g, long nowNanos) {
        for (WinchTrack w : g.winches) {
            double movedMm = w.positionMm - startMm[w.index];
            if (movedMm > -MIN_DOWN_MM) {
                fail(g, String.format(Locale.ROOT, "did not lower winch %s (moved %+.1f mm in %d ms)", w.id(), movedMm,
                        VERIFY_NANOS / 1_000_000), nowNanos);
                return;
            }
        }
        double loadN = loadN(g);
        if (loadN > startLoadN[g.index] + LOAD_RISE_KG * RigModel.G_MPS2) {
            fail(g, String.format(Locale.ROOT, "raised the leg load from %.1f to %.1f kg", startLoadN[g.index]
                    / RigModel.G_MPS2, loadN / RigModel.G_MPS2), nowNanos);
            return;
        }
        verified[g.index] = true;
    }

    /** The load on the group's ropes, N (unknown loads count as 0). */
    private double loadN(GroupTrack g) {
        double sum = 0;
        for (WinchTrack w : g.winches) {
            RopeTrack r = t.ropeOf(w);
            if (r != null && !Double.isNaN(r.loadN)) {
                sum += r.loadN;
            }
        }
        return sum;
    }

    private void fail(GroupTrack g, String what, long nowNanos) {
        watching[g.index] = false;
        if (react.trip(SafetyRule.SR_19, StopCategory.CAT_0)) {
            react.record(SafetyRule.SR_19, "the rescue descent " + what + ": lower the client with the manual"
                    + " brake-release procedure", StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos);
        }
    }
}
