package com.lianarig.controller.safety;

import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.StopCategory;
import java.util.Locale;

/**
 * SR-25, implausible sensing: the leg ropes' loads must be what the body on them explains.
 *
 * <ul>
 *   <li>While the leg pair lifts a known client (strapped in: READY), the measured load must follow the model (expected
 *       rope load = model share x the profile's body weight) within +-{@value #MODEL_TOLERANCE_PERCENT} %
 *       once the expected load is above {@value #MODEL_MIN_EXPECTED_KG} kg, for
 *       {@value #MODEL_HOLD_MS} ms: otherwise category 1, latched ("load cell scale or profile mass
 *       implausible": cells reading 0.6 x true would hide an overload and a second person, a profile
 *       mass twice the client's a grab of half the body weight).</li>
 *   <li>While the pair stands still on its brakes (or the drive's hold) with a client strapped in (not
 *       strapping in or out), the leg load may not drift by more than {@value #UNSEEN_CHANGE_KG} kg from
 *       what it settled at: a change of load the encoders do not explain is motion they do not see (a
 *       slipping encoder coupling, a drum that turns without its encoder). Category 1, latched for a
 *       technician. The load is smoothed over {@value #FILTER_MS} ms (breathing, sway) and the baseline
 *       taken {@value #SETTLE_MS} ms after the pair came to rest.</li>
 * </ul>
 * The check at client-ready (the strap loads against the profile's mass) is the control logic's
 * (ClientSession). Allocation-free until it trips.
 */
final class Sr25Plausibility implements Protection {
    static final double MODEL_TOLERANCE_PERCENT = 35;
    static final double MODEL_MIN_EXPECTED_KG = 10;
    static final long MODEL_HOLD_MS = 1_000;
    static final double UNSEEN_CHANGE_KG = 5;
    /** Encoder motion below this since the pair came to rest counts as none, mm (SR-14 judges the drift). */
    static final double UNSEEN_MOTION_MM = 1;
    static final long SETTLE_MS = 2_000;
    static final long FILTER_MS = 2_000;

    private final Tracks t;
    private final Reactions react;
    /** Since when the lifted load is off the model; MIN_VALUE while it follows. */
    private long offModelSinceNanos = Long.MIN_VALUE;
    /** At rest: since when, the lead winches' positions then, the smoothed load and its baseline. */
    private long restSinceNanos = Long.MIN_VALUE;
    private final double[] restPositionMm;
    private double filteredN;
    private long filteredAtNanos;
    private double baselineN = Double.NaN;
    /** The leg load summed over the second half of the settling time, N, and the samples summed. */
    private double settleSumN;
    private int settleSamples;

    Sr25Plausibility(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
        this.restPositionMm = new double[tracks.legGroup == null ? 0 : tracks.legGroup.winches.length];
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_25;
    }

    /** A new client or a client strapped in or out: the rest baseline starts again. */
    void clientChanged() {
        restSinceNanos = Long.MIN_VALUE;
        offModelSinceNanos = Long.MIN_VALUE;
    }

    @Override
    public void onSample(RopeTrack rope, long nowNanos) {
        GroupTrack legs = t.legGroup;
        if (!rope.model.legStrap() || legs == null || react.isLatched(SafetyRule.SR_25)) {
            return;
        }
        double legN = t.legLoadN();
        if (t.noClient() || Double.isNaN(legN)) {
            offModelSinceNanos = Long.MIN_VALUE;
            restSinceNanos = Long.MIN_VALUE;
            return;
        }
        followsTheModel(legs, legN, nowNanos);
        if (!react.isLatched(SafetyRule.SR_25)) {
            explainedByMotion(legs, legN, nowNanos);
        }
    }

    private void followsTheModel(GroupTrack legs, double legN, long nowNanos) {
        double expectedN = t.legExpectedN();
        // a known client: strapped in (while strapping in or out, hands on the straps make the loads anything)
        boolean lifting = t.clientSettled && legs.state == GroupState.FOLLOWING
                && legs.velocityMmPerS > SafetySupervisor.STANDSTILL_MM_PER_S;
        boolean off = lifting && expectedN > MODEL_MIN_EXPECTED_KG * RigModel.G_MPS2
                && Math.abs(legN - expectedN) > MODEL_TOLERANCE_PERCENT / 100 * expectedN;
        if (!off) {
            offModelSinceNanos = Long.MIN_VALUE;
            return;
        }
        if (offModelSinceNanos == Long.MIN_VALUE) {
            offModelSinceNanos = nowNanos;
        }
        if (nowNanos - offModelSinceNanos >= MODEL_HOLD_MS * 1_000_000L && react.trip(SafetyRule.SR_25, StopCategory.CAT_1)) {
            react.record(SafetyRule.SR_25, String.format(Locale.ROOT, "load cell scale or profile mass implausible: the"
                    + " leg ropes carry %.1f kg while lifting, the model expects %.1f kg for the profile's %.1f kg"
                    + " (more than %.0f %% apart for %d ms)", legN / RigModel.G_MPS2, expectedN / RigModel.G_MPS2,
                    t.clientMassKg, MODEL_TOLERANCE_PERCENT, MODEL_HOLD_MS), StopKind.CAT_1, ResetRole.TRAINER, nowNanos);
        }
    }

    private void explainedByMotion(GroupTrack legs, double legN, long nowNanos) {
        if (!t.clientSettled || !atRest(legs)) {
            restSinceNanos = Long.MIN_VALUE;
            return;
        }
        if (restSinceNanos == Long.MIN_VALUE || encoderMoved(legs)) {
            // at rest from now (or the encoders saw motion: SR-14 judges that; the load is explained)
            restSinceNanos = nowNanos;
            for (int i = 0; i < restPositionMm.length; i++) {
                restPositionMm[i] = legs.winches[i].positionMm;
            }
            filteredN = legN;
            filteredAtNanos = nowNanos;
            baselineN = Double.NaN;
            settleSumN = 0;
            settleSamples = 0;
            return;
        }
        double dtS = (nowNanos - filteredAtNanos) / 1e9;
        filteredAtNanos = nowNanos;
        filteredN += (legN - filteredN) * Math.min(1, dtS / (FILTER_MS / 1e3));
        if (Double.isNaN(baselineN)) {
            long restedNanos = nowNanos - restSinceNanos;
            if (restedNanos >= SETTLE_MS * 500_000L) {
                settleSumN += legN; // the second half of the settling time: the load the rest settled at
                settleSamples++;
            }
            if (restedNanos >= SETTLE_MS * 1_000_000L) {
                // the baseline is the mean the load settled at, and the filter starts from it: a baseline read
                // off the filter while it still converged from the first sample at rest was up to 1.1 kg off
                // (R-7 seeds 20261184783942, 20261184784072)
                baselineN = settleSamples > 0 ? settleSumN / settleSamples : filteredN;
                filteredN = baselineN;
            }
            return;
        }
        double changeN = filteredN - baselineN;
        if (Math.abs(changeN) > UNSEEN_CHANGE_KG * RigModel.G_MPS2 && react.trip(SafetyRule.SR_25, StopCategory.CAT_1)) {
            react.record(SafetyRule.SR_25, String.format(Locale.ROOT, "motion the encoder does not see: the leg ropes'"
                    + " load went from %.1f kg to %.1f kg while the encoders of %s stood still", baselineN / RigModel.G_MPS2,
                    filteredN / RigModel.G_MPS2, legs.name()), StopKind.CAT_1, ResetRole.TECHNICIAN, nowNanos);
        }
    }

    private static boolean atRest(GroupTrack legs) {
        if (legs.state != GroupState.BRAKED && legs.kind != MotionKind.HOLD) {
            return false;
        }
        for (WinchTrack w : legs.winches) {
            if (!w.haveStatus || Math.abs(w.velocityMmPerS) >= SafetySupervisor.STANDSTILL_MM_PER_S) {
                return false;
            }
        }
        return true;
    }

    private boolean encoderMoved(GroupTrack legs) {
        for (int i = 0; i < restPositionMm.length; i++) {
            if (Math.abs(legs.winches[i].positionMm - restPositionMm[i]) > UNSEEN_MOTION_MM) {
                return true;
            }
        }
        return false;
    }

    /**
     * A reset with the cause still there: the rest check's cause is gone once a technician resets (the
     * baseline starts again); the model check's only shows while lifting, so it never blocks a reset.
     */
    @Override
    public void onReset(long nowNanos) {
        clientChanged();
    }
}
