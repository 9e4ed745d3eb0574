package com.lianarig.controller.core;

import com.lianarig.controller.aiming.BodyGeometry;
import com.lianarig.controller.aiming.ShareModel;
import com.lianarig.controller.aiming.UprightShareModel;

/**
 * SR-5: while the client is being loaded, the total rope load may rise by at most a set share of
 * body weight per second; the profile itself is slowed to respect it. The ascent speed cap is the
 * allowed load rate over the steepest load gradient ahead: the model's (from {@link ShareModel},
 * looking one stopping distance ahead) or the measured one (load change per mm of strap height,
 * smoothed), whichever is steeper, since real bodies differ from the tables. In the upright hang the
 * loops load the client as they are lowered: the same rule gives a descent cap from
 * {@link UprightShareModel}. Owner: the control thread; allocation-free.
 */
final class LoadingRateLimiter {
    /** Look-ahead for the model gradient, mm (covers the stopping distance at the ascent cap). */
    static final double LOOKAHEAD_MM = 60;
    /** Gradient sampling step, mm. */
    static final double GRADIENT_STEP_MM = 5;
    /** A measured gradient sample spans at least this much strap height, mm. */
    static final double MEASURE_SPAN_MM = 2;
    /** Weight of a new measured gradient sample. */
    static final double MEASURE_WEIGHT = 0.3;
    /** The cap aims the load rate at this fraction of the limit. */
    static final double TARGET_FRACTION = 0.7;

    private double measuredNPerMm;
    private double spanStartLoadN = Double.NaN;
    private double spanStartHeightMm = Double.NaN;

    /** Forgets the history (a new motion, a new client). */
    void reset() {
        measuredNPerMm = 0;
        spanStartLoadN = Double.NaN;
        spanStartHeightMm = Double.NaN;
    }

    /** The measured (smoothed) load gradient, N per mm of strap height. */
    double measuredNPerMm() {
        return measuredNPerMm;
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
        measure(strapHeightMm, totalLoadN);
        double worstShareGradientPerMm = 0;
        for (double h = strapHeightMm; h <= strapHeightMm + LOOKAHEAD_MM; h += GRADIENT_STEP_MM) {
            double g = (ShareModel.atStrapHeight(body, h + GRADIENT_STEP_MM, strapOffsetMm)
                    - ShareModel.atStrapHeight(body, h, strapOffsetMm)) / GRADIENT_STEP_MM;
            worstShareGradientPerMm = Math.max(worstShareGradientPerMm, g);
        }
        double gradientNPerMm = Math.max(worstShareGradientPerMm * weightN, measuredNPerMm);
        return gradientNPerMm <= 1e-9 ? Double.POSITIVE_INFINITY : TARGET_FRACTION * allowedNPerS / gradientNPerMm;
    }

    /**
     * Upright hang: the loop winch's descent speed cap now, mm/s. The model's gradient (looking one stopping
     * distance further down) or the measured one, whichever is steeper, times how far the loops' mean height
     * moves per mm of the winch.
     *
     * @param model the upright hang's model for the client
     * @param massKg the client's body mass, kg
     * @param loopMeanHeightMm the loops' mean loaded height now, mm
     * @param meanPerWinchMm mm of mean loop height per mm of the loop winch (1 when every loop is on it)
     * @param loopLoadN the measured total finger-loop load now, N
     * @param ratePercentPerS the allowed rise, % of body weight per second
     */
    double descentCapMmPerS(UprightShareModel model, double massKg, double loopMeanHeightMm, double meanPerWinchMm,
            double loopLoadN, double ratePercentPerS) {
        double weightN = massKg * com.lianarig.controller.rig.RigModel.G_MPS2;
        double allowedNPerS = ratePercentPerS / 100 * weightN;
        // lowering is the loading direction: measured in mm of descent
        measure(-loopMeanHeightMm, loopLoadN);
        double worstShareGradientPerMm = 0;
        for (double h = loopMeanHeightMm; h >= loopMeanHeightMm - LOOKAHEAD_MM; h -= GRADIENT_STEP_MM) {
            double g = (model.expectedShare(h - GRADIENT_STEP_MM) - model.expectedShare(h)) / GRADIENT_STEP_MM;
            worstShareGradientPerMm = Math.max(worstShareGradientPerMm, g);
        }
        double gradientNPerMm = Math.max(worstShareGradientPerMm * weightN, measuredNPerMm) * meanPerWinchMm;
        return gradientNPerMm <= 1e-9 ? Double.POSITIVE_INFINITY : TARGET_FRACTION * allowedNPerS / gradientNPerMm;
    }

    /** The measured gradient: load change per mm of {@code xMm} (the loading direction), smoothed. */
    private void measure(double xMm, double totalLoadN) {
        if (Double.isNaN(totalLoadN)) {
            return;
        }
        if (Double.isNaN(spanStartHeightMm) || xMm < spanStartHeightMm) {
            spanStartHeightMm = xMm;
            spanStartLoadN = totalLoadN;
        } else if (xMm - spanStartHeightMm >= MEASURE_SPAN_MM) {
            double g = Math.max(0, (totalLoadN - spanStartLoadN) / (xMm - spanStartHeightMm));
            measuredNPerMm += (g - measuredNPerMm) * MEASURE_WEIGHT;
            spanStartHeightMm = xMm;
            spanStartLoadN = totalLoadN;
        }
    }
}
