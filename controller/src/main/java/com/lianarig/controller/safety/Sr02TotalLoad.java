package com.lianarig.controller.safety;

import com.lianarig.config.rig.Limits;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.StopCategory;
import java.util.Locale;

/**
 * SR-2: total rope load above expected + max(15 kg, 20 % of body weight) for 500 ms, or above 150 % of
 * body weight for 100 ms: category 1, latched (someone else on the rig, a snag).
 */
final class Sr02TotalLoad implements Protection {
    private final Tracks t;
    private final Reactions react;
    private long extraLoadSinceNanos = Long.MIN_VALUE;
    private long totalLoadSinceNanos = Long.MIN_VALUE;
    /** The measures, written by {@link #measure} (allocation-free: every sample), N. */
    private double totalN;
    private double expectedN;
    private double marginN;
    private double totalLimitN;

    Sr02TotalLoad(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_2;
    }

    /** A new client mass: the limits change, so the hold times start again. */
    void clientChanged() {
        extraLoadSinceNanos = Long.MIN_VALUE;
        totalLoadSinceNanos = Long.MIN_VALUE;
    }

    @Override
    public void onSample(RopeTrack rope, long nowNanos) {
        if (react.isLatched(SafetyRule.SR_2)) {
            return;
        }
        measure();
        Limits l = t.limits;
        if (totalN > expectedN + marginN) {
            if (extraLoadSinceNanos == Long.MIN_VALUE) {
                extraLoadSinceNanos = nowNanos;
            }
        } else {
            extraLoadSinceNanos = Long.MIN_VALUE;
        }
        if (totalN > totalLimitN) {
            if (totalLoadSinceNanos == Long.MIN_VALUE) {
                totalLoadSinceNanos = nowNanos;
            }
        } else {
            totalLoadSinceNanos = Long.MIN_VALUE;
        }
        boolean extra = extraLoadSinceNanos != Long.MIN_VALUE
                && nowNanos - extraLoadSinceNanos >= l.extraLoadHoldMs() * 1_000_000L;
        boolean over = totalLoadSinceNanos != Long.MIN_VALUE
                && nowNanos - totalLoadSinceNanos >= l.totalLoadHoldMs() * 1_000_000L;
        if ((extra || over) && react.trip(SafetyRule.SR_2, StopCategory.CAT_1)) {
            String cause = String.format(Locale.ROOT, over
                    ? "total rope load %.1f kg above %.0f %% of the client's %.1f kg for %d ms"
                    : "total rope load %.1f kg above expected %.1f kg + margin %.1f kg for %d ms",
                    totalN / RigModel.G_MPS2, over ? l.totalLoadMaxPercentOfBody() : expectedN / RigModel.G_MPS2,
                    over ? t.clientMassKg : marginN / RigModel.G_MPS2, over ? l.totalLoadHoldMs() : l.extraLoadHoldMs());
            react.record(SafetyRule.SR_2, cause, StopKind.CAT_1, ResetRole.TRAINER, nowNanos);
        }
    }

    /**
     * SPEC section 4: a latched fault resets only with its cause gone: the extra load still on the ropes keeps
     * SR-2 latched (a reset would only re-trip it 500 ms later, after motion). No hold time here.
     */
    @Override
    public String causePresent(long nowNanos) {
        measure();
        if (totalN > expectedN + marginN || totalN > totalLimitN) {
            return String.format(Locale.ROOT, "total rope load %.1f kg still above expected %.1f kg + margin %.1f kg",
                    totalN / RigModel.G_MPS2, expectedN / RigModel.G_MPS2, marginN / RigModel.G_MPS2);
        }
        return null;
    }

    /**
     * The measures now: the total and expected rope loads, the extra-load margin and the 150 % limit. Without
     * a client (HOLDING) nothing should hang on the ropes: expected 0, margin 15 kg, and the 150 % rule has no
     * body weight to apply to.
     */
    private void measure() {
        double total = 0;
        double expected = 0;
        for (RopeTrack r : t.ropes) {
            if (!Double.isNaN(r.loadN)) {
                total += r.loadN;
            }
            expected += r.expectedN;
        }
        Limits l = t.limits;
        boolean noClient = t.noClient();
        double bodyN = noClient ? 0 : t.clientMassKg * RigModel.G_MPS2;
        totalN = total;
        expectedN = expected;
        marginN = Math.max(l.extraLoadMarginKg() * RigModel.G_MPS2, l.extraLoadMarginPercentOfBody() / 100 * bodyN);
        totalLimitN = noClient ? Double.POSITIVE_INFINITY : l.totalLoadMaxPercentOfBody() / 100 * bodyN;
    }
}
