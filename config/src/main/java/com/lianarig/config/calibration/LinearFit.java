package com.lianarig.config.calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * The least-squares line through calibration points: raw counts = offsetCounts + countsPerN x load.
 * The reference loads are known exactly, so the counts (which carry the noise) are regressed on them.
 *
 * <p>Residuals are in newtons: the load a point's reading implies minus its reference load. The
 * linearity error is the largest residual's magnitude as a percentage of full scale, which is the
 * largest reference load of the fit (the calibrated range, not the cell's rated capacity).
 *
 * @param points at least two points with at least two distinct reference masses
 */
public record LinearFit(List<CalibrationPoint> points) {
    /** The most points one fit takes. */
    public static final int MAX_POINTS = 50;
    /** A slope smaller than this (counts per newton) means the channel does not respond to load. */
    public static final double MIN_ABS_COUNTS_PER_N = 0.01;

    public LinearFit {
        points = List.copyOf(points);
        if (points.size() < 2 || points.size() > MAX_POINTS) {
            throw new IllegalArgumentException("a fit takes 2.." + MAX_POINTS + " points, not " + points.size());
        }
        if (points.stream().mapToDouble(CalibrationPoint::referenceMassKg).distinct().count() < 2) {
            throw new IllegalArgumentException("a fit needs at least two different reference masses");
        }
        double slope = solve(points)[0];
        if (!(Math.abs(slope) >= MIN_ABS_COUNTS_PER_N)) {
            throw new IllegalArgumentException("the readings do not change with the load (" + slope
                    + " counts/N): is the load cell connected?");
        }
    }

    /** [slope counts/N, intercept counts], centred sums for accuracy with large offsets. */
    private static double[] solve(List<CalibrationPoint> points) {
        int n = points.size();
        double meanX = 0;
        double meanY = 0;
        for (CalibrationPoint p : points) {
            meanX += p.referenceLoadN() / n;
            meanY += p.rawCounts() / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (CalibrationPoint p : points) {
            double dx = p.referenceLoadN() - meanX;
            sxx += dx * dx;
            sxy += dx * (p.rawCounts() - meanY);
        }
        double slope = sxy / sxx;
        return new double[] {slope, meanY - slope * meanX};
    }

    /** The fitted scale (slope), counts per newton. */
    public double countsPerN() {
        return solve(points)[0];
    }

    /** The fitted zero (intercept), counts at no load. */
    public double offsetCounts() {
        return solve(points)[1];
    }

    /** Per point, in order: the load its reading implies minus its reference load, N. */
    public List<Double> residualsN() {
        double[] s = solve(points);
        List<Double> out = new ArrayList<>(points.size());
        for (CalibrationPoint p : points) {
            out.add((p.rawCounts() - s[1]) / s[0] - p.referenceLoadN());
        }
        return List.copyOf(out);
    }

    /** The largest reference load of the fit, N. */
    public double fullScaleN() {
        return points.stream().mapToDouble(CalibrationPoint::referenceLoadN).max().orElseThrow();
    }

    /** The largest reference mass of the fit, kg. */
    public double fullScaleKg() {
        return points.stream().mapToDouble(CalibrationPoint::referenceMassKg).max().orElseThrow();
    }

    /** Largest |residual| as a percentage of full scale. */
    public double linearityErrorPercent() {
        double worst = residualsN().stream().mapToDouble(Math::abs).max().orElse(0);
        return worst / fullScaleN() * 100;
    }
}
