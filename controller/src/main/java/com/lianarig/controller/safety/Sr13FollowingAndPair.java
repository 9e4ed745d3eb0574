package com.lianarig.controller.safety;

import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import java.util.Locale;

/**
 * SR-13: following error above 20 mm (runaway, jam: category 0) or the two winches of a pair more than
 * 10 mm apart (category 1); both latched for a technician.
 */
final class Sr13FollowingAndPair implements Protection {
    private final Tracks t;
    private final Reactions react;
    private final double followingErrorMm;
    private final double pairDifferenceMm;

    Sr13FollowingAndPair(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
        this.followingErrorMm = tracks.limits.followingErrorMm();
        this.pairDifferenceMm = tracks.limits.pairDifferenceMm();
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_13;
    }

    @Override
    public void onStatus(WinchTrack w, long nowNanos) {
        if (w.state == WinchState.FOLLOWING || w.state == WinchState.STOPPING) {
            double error = Math.abs(w.setpointEchoMm - w.positionMm);
            if (error > followingErrorMm) {
                if (react.trip(SafetyRule.SR_13, StopCategory.CAT_0)) {
                    react.record(SafetyRule.SR_13, String.format(Locale.ROOT, "winch %s following error %.1f mm (max %.1f)",
                            w.id(), error, followingErrorMm), StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos);
                }
                return;
            }
        }
        WinchTrack p = w.partner;
        if (p != null && p.haveStatus) {
            double apart = Math.abs(w.positionMm - p.positionMm);
            if (apart > pairDifferenceMm && react.trip(SafetyRule.SR_13, StopCategory.CAT_1)) {
                react.record(SafetyRule.SR_13, String.format(Locale.ROOT, "pair %s: winches %.1f mm apart (max %.1f)",
                        w.group.name(), apart, pairDifferenceMm), StopKind.CAT_1, ResetRole.TECHNICIAN, nowNanos);
            }
        }
    }

    @Override
    public String causePresent(long nowNanos) {
        for (WinchTrack w : t.winches) {
            if (w.partner != null && Math.abs(w.positionMm - w.partner.positionMm) > pairDifferenceMm) {
                return "pair " + w.group.name() + " still apart";
            }
        }
        return null;
    }
}
