package com.lianarig.controller.safety;

import com.lianarig.protocol.StopCategory;
import java.util.Locale;

/**
 * SR-3: measured descent above the descent limit x the overspeed factor on 2 consecutive status frames:
 * category 0, latched for a technician. (The commanded descent is clamped by the motion gate.)
 */
final class Sr03DescentSpeed implements Protection {
    /** Status frames in a row over the limit before the trip. */
    static final int FRAMES = 2;

    private final Tracks t;
    private final Reactions react;
    private final double limitMmPerS;
    /** Per winch: status frames in a row over the limit. */
    private final int[] overspeedFrames;

    Sr03DescentSpeed(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
        this.limitMmPerS = tracks.limits.descentMmPerS() * tracks.limits.overspeedPercent() / 100.0;
        this.overspeedFrames = new int[tracks.winches.length];
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_3;
    }

    @Override
    public void onStatus(WinchTrack w, long nowNanos) {
        if (-w.velocityMmPerS > limitMmPerS) {
            if (++overspeedFrames[w.index] >= FRAMES && react.trip(SafetyRule.SR_3, StopCategory.CAT_0)) {
                react.record(SafetyRule.SR_3, String.format(Locale.ROOT, "winch %s descends at %.1f mm/s, limit %.1f mm/s",
                        w.id(), -w.velocityMmPerS, limitMmPerS), StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos);
            }
        } else {
            overspeedFrames[w.index] = 0;
        }
    }

    @Override
    public String causePresent(long nowNanos) {
        for (WinchTrack w : t.winches) {
            if (Math.abs(w.velocityMmPerS) > SafetySupervisor.STANDSTILL_MM_PER_S) {
                return "winch " + w.id() + " still moving";
            }
        }
        return null;
    }
}
