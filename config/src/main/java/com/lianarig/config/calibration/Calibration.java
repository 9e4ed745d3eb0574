package com.lianarig.config.calibration;

import com.lianarig.config.ChannelRef;
import com.lianarig.config.yaml.Problems;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One calibration of one load channel: a zero (tare offset) and a scale, with the fit the scale came
 * from, when it was done and by whom.
 *
 * <p>A {@link CalibrationKind#FIT FIT}'s zero is its fit's intercept; a {@link CalibrationKind#TARE TARE}
 * keeps the scale (and carries the fit) of the calibration it re-zeroed, with a new zero measured
 * unloaded.
 *
 * @param channel the node serial and channel
 * @param kind fit or tare
 * @param at when it was done (passed in by the caller: the Pi may have no real-time clock)
 * @param technician who did it, 1..64 printable characters
 * @param offsetCounts the zero: raw counts at no load
 * @param fit the fit the scale comes from (its points hold the reference masses)
 */
public record Calibration(ChannelRef channel, CalibrationKind kind, Instant at, String technician,
        double offsetCounts, LinearFit fit) {
    public static final int MAX_TECHNICIAN_CHARS = 64;

    public Calibration {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(technician, "technician");
        Objects.requireNonNull(fit, "fit");
        String why = technicianProblem(technician);
        if (why != null) {
            throw new IllegalArgumentException("technician \"" + technician + "\" " + why);
        }
        if (!(Math.abs(offsetCounts) <= CalibrationPoint.MAX_ABS_COUNTS)) {
            throw new IllegalArgumentException("offsetCounts " + offsetCounts + " is outside +-2^23");
        }
        if (kind == CalibrationKind.FIT
                && Math.abs(offsetCounts - fit.offsetCounts()) > 1e-6 * Math.max(1, Math.abs(offsetCounts))) {
            throw new IllegalArgumentException("a fit's offset is its intercept " + fit.offsetCounts());
        }
    }

    /** Why a technician's name is not acceptable, or null. */
    public static String technicianProblem(String technician) {
        if (technician.isBlank() || technician.length() > MAX_TECHNICIAN_CHARS) {
            return "must be 1.." + MAX_TECHNICIAN_CHARS + " characters, not blank";
        }
        if (technician.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return "holds a control character";
        }
        return null;
    }

    /** A new calibration from points: the fit gives the scale and the zero. */
    public static Calibration fromPoints(ChannelRef channel, Instant at, String technician,
            List<CalibrationPoint> points) {
        LinearFit fit = new LinearFit(points);
        return new Calibration(channel, CalibrationKind.FIT, at, technician, fit.offsetCounts(), fit);
    }

    /** This calibration re-zeroed: same scale, zero {@code offsetCounts} (see {@link TareCheck}). */
    public Calibration tared(Instant when, String byTechnician, double newOffsetCounts) {
        return new Calibration(channel, CalibrationKind.TARE, when, byTechnician, newOffsetCounts, fit);
    }

    /** The scale, counts per newton. */
    public double countsPerN() {
        return fit.countsPerN();
    }

    /** The scale the other way, newtons per count. */
    public double newtonsPerCount() {
        return 1 / fit.countsPerN();
    }

    /** A raw reading as rope tension, N. */
    public double loadN(double rawCounts) {
        return (rawCounts - offsetCounts) / fit.countsPerN();
    }

    /** A raw reading as the mass it would hold up, kg. */
    public double loadKg(double rawCounts) {
        return loadN(rawCounts) / CalibrationPoint.STANDARD_GRAVITY_M_PER_S2;
    }

    /** The reference masses of the fit, kg, in order. */
    public List<Double> referenceMassesKg() {
        return fit.points().stream().map(CalibrationPoint::referenceMassKg).toList();
    }

    /**
     * Verification against a known mass: the reading's error, % of that mass.
     *
     * @param knownMassKg more than 0
     */
    public double errorPercent(double rawCounts, double knownMassKg) {
        if (!(knownMassKg > 0)) {
            throw new IllegalArgumentException("verify with a mass above 0 kg");
        }
        return (loadKg(rawCounts) - knownMassKg) / knownMassKg * 100;
    }

    /** Why this calibration may not carry a client under {@code policy}, or empty when it may (SR-17). */
    public Optional<String> invalidity(CalibrationPolicy policy) {
        double linearity = fit.linearityErrorPercent();
        if (!(linearity <= policy.maxLinearityErrorPercent())) {
            return Optional.of(String.format(Locale.ROOT,
                    "its linearity error %.3f %% of full scale is above %s %%", linearity,
                    Problems.number(policy.maxLinearityErrorPercent())));
        }
        if (fit.fullScaleKg() < policy.minFullScaleKg()) {
            return Optional.of("its largest reference mass " + Problems.number(fit.fullScaleKg()) + " kg is below "
                    + Problems.number(policy.minFullScaleKg()) + " kg");
        }
        return Optional.empty();
    }
}
