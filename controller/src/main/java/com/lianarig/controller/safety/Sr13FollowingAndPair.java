package com.lianarig.controller.safety;

import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import java.util.Locale;

/**
 * SR-13: following error above 20 mm between the set-point the host admitted and the measured position
 * (runaway, jam, a drive that follows something else: category 0; also between the node's own reference and
 * its encoder, behind the node's check), or the two winches of a pair more than
 * 10 mm apart (category 1); both latched for a technician. While a pair's positions are void (SR-23) the
 * pair is judged on how far each winch moved since its brakes were released.
 */
final class Sr13FollowingAndPair implements Protection {
    private final Tracks t;
    private final Reactions react;
    private final Sr23PositionIntegrity sr23;
    private final double followingErrorMm;
    private final double pairDifferenceMm;

    Sr13FollowingAndPair(Tracks tracks, Reactions react, Sr23PositionIntegrity sr23) {
        this.t = tracks;
        this.react = react;
        this.sr23 = sr23;
        this.followingErrorMm = tracks.limits.followingErrorMm();
        this.pairDifferenceMm = tracks.limits.pairDifferenceMm();
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_13;
    }

    @Override
    public void onStatus(WinchTrack w, long nowNanos) {
        // the host's own set-points against the encoder, while the host streams them; and, as a second layer
        // behind the node's own check, the node's reference (its echo) against the encoder while it drives
        double error = Double.NaN;
        if (w.state == WinchState.FOLLOWING && w.group.state == GroupState.FOLLOWING) {
            error = Math.abs(w.admittedMm - w.positionMm);
        }
        if (w.state == WinchState.FOLLOWING || w.state == WinchState.STOPPING) {
            double echoError = Math.abs(w.setpointEchoMm - w.positionMm);
            error = Double.isNaN(error) ? echoError : Math.max(error, echoError);
        }
        if (error > followingErrorMm) {
            if (react.trip(SafetyRule.SR_13, StopCategory.CAT_0)) {
                react.record(SafetyRule.SR_13, String.format(Locale.ROOT,
                        "winch %s following error %.1f mm (max %.1f) from the set-point the host admitted or the"
                                + " node follows", w.id(), error, followingErrorMm), StopKind.CAT_0,
                        ResetRole.TECHNICIAN, nowNanos);
            }
            return;
        }
        WinchTrack p = w.partner;
        if (p == null || !p.haveStatus) {
            return;
        }
        double apart = apartMm(w, p);
        if (apart > pairDifferenceMm && react.trip(SafetyRule.SR_13, StopCategory.CAT_1)) {
            react.record(SafetyRule.SR_13, String.format(Locale.ROOT, "pair %s: winches %.1f mm apart (max %.1f)",
                    w.group.name(), apart, pairDifferenceMm), StopKind.CAT_1, ResetRole.TECHNICIAN, nowNanos);
        }
    }

    /** How far apart the pair is, mm: by position when both are trusted, else by motion since release; 0 unknown. */
    private double apartMm(WinchTrack w, WinchTrack p) {
        if (sr23.trusted(w) && sr23.trusted(p)) {
            return Math.abs(w.positionMm - p.positionMm);
        }
        if (w.group.moving()) {
            return Math.abs((w.positionMm - w.releaseMm) - (p.positionMm - p.releaseMm));
        }
        return 0;
    }

    @Override
    public String causePresent(long nowNanos) {
        for (WinchTrack w : t.winches) {
            if (w.partner != null && apartMm(w, w.partner) > pairDifferenceMm) {
                return "pair " + w.group.name() + " still apart";
            }
        }
        return null;
    }
}
