package com.lianarig.tools.commission;

/**
 * A short trapezoidal move (accelerate, cruise, decelerate; a triangle when too short to cruise) from
 * a start position by a signed distance. Pure: positions and velocities for a time since its start.
 *
 * @param startCounts where the move starts, counts
 * @param distanceCounts how far, counts (positive = up)
 * @param speedCountsPerS cruising speed, counts/s, above 0
 * @param accelCountsPerS2 acceleration and deceleration, counts/s^2, above 0
 */
record MoveProfile(double startCounts, double distanceCounts, double speedCountsPerS, double accelCountsPerS2) {

    MoveProfile {
        if (!(speedCountsPerS > 0) || !(accelCountsPerS2 > 0)) {
            throw new IllegalArgumentException("a move needs a speed and an acceleration above 0");
        }
    }

    /** The top speed actually reached, counts/s. */
    double peakSpeedCountsPerS() {
        double d = Math.abs(distanceCounts);
        return Math.min(speedCountsPerS, Math.sqrt(d * accelCountsPerS2));
    }

    /** How long the move takes, s. */
    double durationS() {
        double d = Math.abs(distanceCounts);
        double v = peakSpeedCountsPerS();
        return v == 0 ? 0 : d / v + v / accelCountsPerS2;
    }

    /** The position {@code tS} seconds after the start, counts (the end position after the end). */
    double positionAt(double tS) {
        return startCounts + Math.signum(distanceCounts) * travelled(tS);
    }

    /** The velocity {@code tS} seconds after the start, counts/s (0 before and after). */
    double velocityAt(double tS) {
        double v = peakSpeedCountsPerS();
        double rampS = v / accelCountsPerS2;
        double total = durationS();
        double speed;
        if (tS <= 0 || tS >= total) {
            speed = 0;
        } else if (tS < rampS) {
            speed = accelCountsPerS2 * tS;
        } else if (tS > total - rampS) {
            speed = accelCountsPerS2 * (total - tS);
        } else {
            speed = v;
        }
        return Math.signum(distanceCounts) * speed;
    }

    double endCounts() {
        return startCounts + distanceCounts;
    }

    private double travelled(double tS) {
        double d = Math.abs(distanceCounts);
        double v = peakSpeedCountsPerS();
        if (v == 0 || tS <= 0) {
            return 0;
        }
        double rampS = v / accelCountsPerS2;
        double total = durationS();
        if (tS >= total) {
            return d;
        }
        if (tS < rampS) {
            return 0.5 * accelCountsPerS2 * tS * tS;
        }
        if (tS <= total - rampS) {
            return 0.5 * v * rampS + v * (tS - rampS);
        }
        double left = total - tS;
        return d - 0.5 * accelCountsPerS2 * left * left;
    }
}
