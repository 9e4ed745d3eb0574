package com.lianarig.controller.core;

import com.lianarig.controller.aiming.BodyGeometry;
import com.lianarig.controller.aiming.ShareModel;

/**
 * SR-5: while the client is being loaded, the total rope load may rise by at most a set share of
 * body weight per second; the profile itself is slowed to respect it. The ascent speed cap is the
 * allowed load rate over the load gradient ahead (the model's, from {@link ShareModel}, looking one
 * stopping distance ahead), scaled down further while the measured rate runs close to the limit
 * (real bodies differ from the tables). Owner: the control thread; allocation-free.
 */
final class LoadingRateLimiter {
    /** Look-ahead for the model gradient, mm (covers the stopping distance at the ascent cap). */
    static final double LOOKAHEAD_MM = 40;
    /** Gradient sampling step, mm. */
    static final double GRADIENT_STEP_MM = 5;
    /** Measured load rate is smoothed with this time constant, s. */
    static final double RATE_TAU_S = 0.15;
    /** The measured rate aims at this fraction of the limit. */
    static final double TARGET_FRACTION = 0.8;

    private double scale = 1;
    private double lastLoadN = Double.NaN;
    private double rateNPerS;

    /** Forgets the history (a new motion, a new client). */
    void reset() {
        scale = 1;
        lastLoadN = Double.NaN;
        rateNPerS = 0;
    }

    /** The measured (smoothed) load rate, N/s. */
    double rateNPerS() {
        return rateNPerS;
    }

    /**
     * The ascent speed cap now, mm/s.
     *
     * @param body the client's geometry
     * @param massKg the client's body mass, kg
     * @param strapHeightMm loaded strap height above the mat now, mm
     * @param strapOffsetMm the strap's offset from the ankle, mm
     * @param totalLoadN the measured total leg-rope load now, N
     * @param ratePercentPerS the allowed rise, % of body weight per second
     * @param dtS control period, s
     */
    double ascentCapMmPerS(BodyGeometry body, double massKg, double strapHeightMm, double strapOffsetMm,
            double totalLoadN, double ratePercentPerS, double dtS) {
        double weightN = massKg * com.lianarig.controller.rig.RigModel.G_MPS2;
        double allowedNPerS = ratePercentPerS / 100 * weightN;
        if (!Double.isNaN(totalLoadN)) {
            if (!Double.isNaN(lastLoadN)) {
                double instant = (totalLoadN - lastLoadN) / dtS;
                rateNPerS += (instant - rateNPerS) * Math.min(1, dtS / RATE_TAU_S);
            }
            lastLoadN = totalLoadN;
        }
        if (rateNPerS > TARGET_FRACTION * allowedNPerS) {
            scale = Math.max(0.05, scale * 0.9);
        } else {
            scale = Math.min(1, scale * 1.02);
        }
        double worstShareGradientPerMm = 0;
        for (double h = strapHeightMm; h <= strapHeightMm + LOOKAHEAD_MM; h += GRADIENT_STEP_MM) {
            double g = (ShareModel.atStrapHeight(body, h + GRADIENT_STEP_MM, strapOffsetMm)
                    - ShareModel.atStrapHeight(body, h, strapOffsetMm)) / GRADIENT_STEP_MM;
            worstShareGradientPerMm = Math.max(worstShareGradientPerMm, g);
        }
        double gradientNPerMm = worstShareGradientPerMm * weightN;
        double cap = gradientNPerMm <= 1e-9 ? Double.POSITIVE_INFINITY
                : TARGET_FRACTION * allowedNPerS / gradientNPerMm;
        return cap * scale;
    }
}
