package com.lianarig.controller.safety;

import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.WinchState;
import java.util.Arrays;
import java.util.Locale;

/**
 * SR-14: brakes engaged and drift since engagement above 3 mm: alarm, latched for a technician, and the
 * drive holds the group instead of its slipping brakes ({@link MotionGate#holdBraked}).
 */
final class Sr14BrakeSlip implements Protection {
    private final Tracks t;
    private final Reactions react;
    private final double brakeDriftMm;
    /** Per winch: where its brakes last engaged, mm; NaN while they are released. */
    private final double[] brakeReferenceMm;
    private MotionGate gate;
    private Sr13EncoderJump sr13Jump;

    Sr14BrakeSlip(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
        this.brakeDriftMm = tracks.limits.brakeDriftMm();
        this.brakeReferenceMm = new double[tracks.winches.length];
        Arrays.fill(brakeReferenceMm, Double.NaN);
    }

    void bind(MotionGate motionGate, Sr13EncoderJump encoderJump) {
        this.gate = motionGate;
        this.sr13Jump = encoderJump;
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_14;
    }

    @Override
    public void onStatus(WinchTrack w, long nowNanos) {
        boolean bothFlags = w.brakeFlagsEngaged();
        boolean engaged = w.state == WinchState.BRAKED && bothFlags;
        if (!engaged) {
            // A new engagement starts only once a brake has really opened: a release given up before the brakes
            // opened (a motion stopped within the brake release time) keeps the drift since the engagement.
            if (w.state != WinchState.BRAKED && !bothFlags) {
                brakeReferenceMm[w.index] = Double.NaN;
            }
            return;
        }
        if (Double.isNaN(brakeReferenceMm[w.index])) {
            brakeReferenceMm[w.index] = w.positionMm;
            return;
        }
        double drift = Math.abs(w.positionMm - brakeReferenceMm[w.index]);
        if (drift > brakeDriftMm && !sr13Jump.suspect(w.group)) {
            if (!react.isLatched(SafetyRule.SR_14)) {
                react.record(SafetyRule.SR_14, String.format(Locale.ROOT,
                        "winch %s drifted %.1f mm with both brakes applied (max %.1f): the drive holds it", w.id(),
                        drift, brakeDriftMm), StopKind.HOLD, ResetRole.TECHNICIAN, nowNanos);
            }
            // Also when already latched: brakes applied again later (e.g. after a rescue descent) slip again.
            GroupTrack g = w.group;
            if (t.chainHealthy && g.state == GroupState.BRAKED) {
                gate.holdBraked(g);
            }
        }
    }

    /** The engagement is measured again from where the winch is now (SR-13: its encoder jumped). */
    void restartEngagement(WinchTrack w) {
        brakeReferenceMm[w.index] = w.positionMm;
    }

    /** The brakes are applied anew: the next engagement is measured from its own start. */
    void forgetEngagement(WinchTrack w) {
        brakeReferenceMm[w.index] = Double.NaN;
    }

    @Override
    public void onReset(long nowNanos) {
        gate.endHolds(this);
    }
}
