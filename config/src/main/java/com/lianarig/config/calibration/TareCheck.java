package com.lianarig.config.calibration;

import com.lianarig.config.yaml.Problems;
import java.util.Locale;
import java.util.Optional;

/**
 * SR-17's "tare refused while loaded", as a pure function of recent readings: a tare is accepted only
 * when the rope reads (with the current calibration) within {@code tareMaxLoadKg} of zero and the
 * readings spread no more than {@code tareMaxSpreadKg}. The new zero is the readings' mean.
 */
public final class TareCheck {
    private TareCheck() {
    }

    /**
     * Judges a tare.
     *
     * @param rawCounts recent raw readings of the channel, oldest first (status OK samples only)
     * @param current the channel's current valid calibration, if there is one
     */
    public static TareDecision check(double[] rawCounts, Optional<Calibration> current, CalibrationPolicy policy) {
        if (current.isEmpty()) {
            return TareDecision.refuse(TareDecision.Refusal.NO_CALIBRATION,
                    "no valid calibration to judge the load by: run a full calibration (tare, reference masses,"
                            + " fit) instead");
        }
        Calibration cal = current.get();
        if (rawCounts.length < policy.minTareSamples()) {
            return TareDecision.refuse(TareDecision.Refusal.TOO_FEW_SAMPLES, "tare needs at least "
                    + policy.minTareSamples() + " readings, got " + rawCounts.length);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double c : rawCounts) {
            if (!(Math.abs(c) <= CalibrationPoint.MAX_ABS_COUNTS)) {
                return TareDecision.refuse(TareDecision.Refusal.BAD_SAMPLE, "reading " + c
                        + " is not a 24-bit ADC value");
            }
            sum += c;
            min = Math.min(min, c);
            max = Math.max(max, c);
        }
        double mean = sum / rawCounts.length;
        double loadKg = cal.loadKg(mean);
        if (loadKg > policy.tareMaxLoadKg()) {
            return TareDecision.refuse(TareDecision.Refusal.LOADED, "the rope reads " + kg(loadKg)
                    + ", more than " + Problems.number(policy.tareMaxLoadKg())
                    + " kg: take everything off the rope before tare (SR-17)");
        }
        if (loadKg < -policy.tareMaxLoadKg()) {
            return TareDecision.refuse(TareDecision.Refusal.ZERO_TOO_FAR, "the rope reads " + kg(loadKg)
                    + ": the zero has drifted more than " + Problems.number(policy.tareMaxLoadKg())
                    + " kg, too far for a tare; check the load cell and run a full calibration");
        }
        double spreadKg = Math.abs((max - min) / cal.countsPerN()) / CalibrationPoint.STANDARD_GRAVITY_M_PER_S2;
        if (spreadKg > policy.tareMaxSpreadKg()) {
            return TareDecision.refuse(TareDecision.Refusal.MOVING, "the readings spread " + kg(spreadKg)
                    + ", more than " + Problems.number(policy.tareMaxSpreadKg())
                    + " kg: wait until the rope hangs still");
        }
        return TareDecision.accept(mean, "tare accepted: the zero moves by " + kg(loadKg));
    }

    private static String kg(double kg) {
        return String.format(Locale.ROOT, "%.2f kg", kg);
    }
}
