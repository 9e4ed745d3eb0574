package com.lianarig.controller.safety;

import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.WinchState;
import java.util.Arrays;
import java.util.Locale;

/**
 * SR-14: brakes engaged and drift since engagement above 3 mm: alarm, latched for a technician. The drive
 * then holds the group instead of its slipping brakes ({@link DriveHold}), but only for a referenced
 * winch whose encoder has been trusted since its brakes engaged on this node boot (SR-23); otherwise the
 * brakes stay applied. The drift reference is forgotten on a link loss or a node restart (the encoder's
 * lost zero is not a slip) and whenever the position is voided.
 */
final class Sr14BrakeSlip implements Protection {
    private final Tracks t;
    private final Reactions react;
    private final double brakeDriftMm;
    /** Per winch: where its brakes last engaged, mm; NaN while released or unknown. */
    private final double[] brakeReferenceMm;
    /** Per winch: its position was trusted (SR-23) when that reference was taken. */
    private final boolean[] referenceTrusted;
    private DriveHold hold;
    private Sr13EncoderJump sr13Jump;
    private Sr23PositionIntegrity sr23;

    Sr14BrakeSlip(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
        this.brakeDriftMm = tracks.limits.brakeDriftMm();
        this.brakeReferenceMm = new double[tracks.winches.length];
        Arrays.fill(brakeReferenceMm, Double.NaN);
        this.referenceTrusted = new boolean[tracks.winches.length];
    }

    void bind(DriveHold driveHold, Sr13EncoderJump encoderJump, Sr23PositionIntegrity integrity) {
        this.hold = driveHold;
        this.sr13Jump = encoderJump;
        this.sr23 = integrity;
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
            referenceTrusted[w.index] = sr23.trusted(w);
            return;
        }
        double drift = Math.abs(w.positionMm - brakeReferenceMm[w.index]);
        GroupTrack g = w.group;
        if (drift <= brakeDriftMm || sr13Jump.suspect(g)) {
            return;
        }
        boolean mayHold = mayHold(g);
        if (!react.isLatched(SafetyRule.SR_14)) {
            react.record(SafetyRule.SR_14, String.format(Locale.ROOT,
                    "winch %s drifted %.1f mm with both brakes applied (max %.1f): %s", w.id(), drift, brakeDriftMm,
                    mayHold ? "the drive holds it" : "its position is not trusted (SR-23), so the drive cannot hold it:"
                            + " lower the client (rescue descent or the manual procedure)"),
                    StopKind.HOLD, ResetRole.TECHNICIAN, nowNanos);
        }
        // Also when already latched: brakes applied again later (after a rescue descent, a STOP) slip again.
        if (mayHold && g.state == GroupState.BRAKED) {
            hold.holdBraked(g);
        }
    }

    /** The drive may hold the group: trusted encoders, trusted since their brakes engaged (SR-23). */
    private boolean mayHold(GroupTrack g) {
        if (!hold.mayHold(g)) {
            return false;
        }
        for (WinchTrack x : g.winches) {
            if (!referenceTrusted[x.index]) {
                return false;
            }
        }
        return true;
    }

    /** The engagement is measured again from where the winch is now (SR-13: its encoder jumped). */
    void restartEngagement(WinchTrack w) {
        brakeReferenceMm[w.index] = w.positionMm;
        referenceTrusted[w.index] = false;
    }

    /** The drift reference is forgotten (brakes applied anew, a link loss, a node restart, a voided position). */
    void forgetEngagement(WinchTrack w) {
        brakeReferenceMm[w.index] = Double.NaN;
        referenceTrusted[w.index] = false;
    }

    @Override
    public void onReset(long nowNanos) {
        hold.endHolds(this);
    }
}
