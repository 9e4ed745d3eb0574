package com.lianarig.controller.safety;

import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.StopCategory;
import java.util.Arrays;

/**
 * SR-10: every motion needs a live enable from the panel in command. The control logic pauses a motion
 * whose enable went with its own controlled stop; this rule is the backstop: a set-point that keeps or
 * gains speed past the stop's onset without an enable is refused ({@link #refusesSpeed}), and a motion
 * that did not stop within its stopping time is stopped (category 1).
 */
final class Sr10Enable implements Protection {
    private final Tracks t;
    private final Reactions react;
    private final double accelMmPerS2;
    private final double jerkMmPerS3;
    private final long enableRefreshNanos;
    /** Per group: when its motion was first seen without a live enable (MIN_VALUE: none), and its speed then. */
    private final long[] enableLostAtNanos;
    private final double[] speedAtEnableLossMmPerS;

    Sr10Enable(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
        accelMmPerS2 = tracks.limits.accelMmPerS2();
        jerkMmPerS3 = tracks.limits.jerkMmPerS3();
        enableRefreshNanos = tracks.limits.enableRefreshMs() * 1_000_000L;
        enableLostAtNanos = new long[tracks.groups.length];
        Arrays.fill(enableLostAtNanos, Long.MIN_VALUE);
        speedAtEnableLossMmPerS = new double[tracks.groups.length];
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_10;
    }

    /** A motion whose enable went stale is stopped (category 1) if the control logic did not slow it. */
    @Override
    public void onTick(long nowNanos) {
        for (GroupTrack g : t.groups) {
            if (g.state != GroupState.FOLLOWING || g.kind == MotionKind.HOLD
                    || Math.abs(g.velocityMmPerS) <= SafetySupervisor.STANDSTILL_MM_PER_S || t.enableLive(nowNanos)) {
                enableLostAtNanos[g.index] = Long.MIN_VALUE;
                continue;
            }
            if (enableLostAtNanos[g.index] == Long.MIN_VALUE) {
                enableLostAtNanos[g.index] = nowNanos;
                speedAtEnableLossMmPerS[g.index] = Math.abs(g.velocityMmPerS);
                continue;
            }
            // the control logic's own stop takes v/a + a/j from the speed it had when the enable expired
            double stoppingS = speedAtEnableLossMmPerS[g.index] / accelMmPerS2 + accelMmPerS2 / jerkMmPerS3;
            if (nowNanos - enableLostAtNanos[g.index] > (long) (stoppingS * 1.5e9) + 100_000_000L) {
                react.stopGroup(g, StopCategory.CAT_1);
                react.stopped(g, SafetyRule.SR_10, "enable stale and the motion did not stop");
            }
        }
    }

    /**
     * Whether a set-point of {@code vMmPerS} after {@code vPrevMmPerS} must be refused: without a live enable
     * only slowing down is admitted, once the stop's onset has passed.
     */
    boolean refusesSpeed(GroupTrack g, double vMmPerS, double vPrevMmPerS, long nowNanos) {
        return g.kind != MotionKind.HOLD && !t.enableLive(nowNanos) && Math.abs(vMmPerS) > SafetySupervisor.STANDSTILL_MM_PER_S
                && Math.abs(vMmPerS) >= Math.abs(vPrevMmPerS) - 1e-9 && beyondStopOnset(nowNanos);
    }

    /**
     * A jerk-limited stop may keep its speed for up to a/j (the acceleration ramps to braking first) plus
     * two periods after the enable expired; past that, without an enable, only slowing down is admitted.
     */
    private boolean beyondStopOnset(long nowNanos) {
        if (t.enableNanos == Long.MIN_VALUE) {
            return true; // never enabled: no stop is under way, nothing may speed up or hold its speed
        }
        // when the enable went: let go (at the last refresh, conservatively) or expired
        long lostAtNanos = t.enableReleased ? t.enableNanos : t.enableNanos + enableRefreshNanos;
        long onsetNanos = (long) (accelMmPerS2 / jerkMmPerS3 * 1e9) + (long) (2 * t.periodS * 1e9);
        return nowNanos - lostAtNanos > onsetNanos;
    }
}
