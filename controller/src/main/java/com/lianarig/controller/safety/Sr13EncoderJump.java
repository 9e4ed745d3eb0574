package com.lianarig.controller.safety;

import com.lianarig.protocol.StopCategory;
import java.util.Locale;

/**
 * SR-13: an encoder reading that jumps between two status frames by more than any motion could (a
 * glitch, a lost count train): the position is untrustworthy; category 0, technician. Not a brake slip:
 * the drive is never asked to hold on such an encoder ({@link #suspect}).
 */
final class Sr13EncoderJump implements Protection {
    private final Tracks t;
    private final Reactions react;
    /** Largest credible position change between two status frames, mm: 5 x the fastest speed over 20 ms, at least 5 mm. */
    private final double maxStatusStepMm;
    /** Per winch: its encoder jumped since the last reset. */
    private final boolean[] jumped;
    private final Sr14BrakeSlip sr14;
    private final Sr23PositionIntegrity sr23;

    Sr13EncoderJump(Tracks tracks, Reactions react, Sr14BrakeSlip sr14, Sr23PositionIntegrity sr23) {
        this.t = tracks;
        this.react = react;
        this.sr14 = sr14;
        this.sr23 = sr23;
        this.maxStatusStepMm = Math.max(5, 5 * Math.max(tracks.limits.ascentMmPerS(), tracks.limits.descentMmPerS()) * 0.02);
        this.jumped = new boolean[tracks.winches.length];
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_13;
    }

    /** Judges the step since the previous status (none after a link loss), then remembers this position. */
    @Override
    public void onStatus(WinchTrack w, long nowNanos) {
        double stepMm = w.positionMm - w.lastPositionMm;
        w.lastPositionMm = w.positionMm;
        if (Double.isNaN(stepMm) || Math.abs(stepMm) <= maxStatusStepMm) {
            return;
        }
        jumped[w.index] = true;
        sr14.restartEngagement(w);
        sr23.encoderFault(w, nowNanos);
        if (react.trip(SafetyRule.SR_13, StopCategory.CAT_0)) {
            react.record(SafetyRule.SR_13, String.format(Locale.ROOT,
                    "encoder of winch %s jumped %.1f mm between two status frames: position untrustworthy", w.id(),
                    stepMm), StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos);
        }
    }

    /** Whether an encoder of the group jumped since the last reset (no drive hold on it). */
    boolean suspect(GroupTrack g) {
        for (WinchTrack w : g.winches) {
            if (jumped[w.index]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onReset(long nowNanos) {
        java.util.Arrays.fill(jumped, false);
    }
}
