package com.lianarig.tools.calibrate;

import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationPoint;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A least-squares fit of the points taken, with what the technician is shown.
 *
 * @param calibration the calibration the fit makes (not saved yet)
 * @param invalidity why it may not carry a client (SR-17: linearity above the limit, too small a
 *     span), or empty when it is valid
 * @param maxLinearityErrorPercent the rig's limit, % of full scale
 */
public record FitReport(Calibration calibration, Optional<String> invalidity, double maxLinearityErrorPercent) {
    public FitReport {
        Objects.requireNonNull(calibration, "calibration");
        Objects.requireNonNull(invalidity, "invalidity");
    }

    public boolean valid() {
        return invalidity.isEmpty();
    }

    /** The zero: counts with the strap hanging free. */
    public double offsetCounts() {
        return calibration.offsetCounts();
    }

    /** The scale, counts per newton. */
    public double countsPerN() {
        return calibration.countsPerN();
    }

    /** The largest residual as a percentage of full scale. */
    public double linearityErrorPercent() {
        return calibration.fit().linearityErrorPercent();
    }

    /** The points, in the order taken. */
    public List<CalibrationPoint> points() {
        return calibration.fit().points();
    }

    /** Per point: the load its reading implies minus its reference load, N. */
    public List<Double> residualsN() {
        return calibration.fit().residualsN();
    }

    /** Per point: the residual as a mass, kg. */
    public List<Double> residualsKg() {
        return residualsN().stream().map(n -> n / CalibrationPoint.STANDARD_GRAVITY_M_PER_S2).toList();
    }
}
