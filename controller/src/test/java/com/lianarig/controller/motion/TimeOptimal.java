package com.lianarig.controller.motion;

/**
 * The textbook time-optimal rest-to-rest jerk-limited move (symmetric double S, Biagiotti and
 * Melchiorri, "Trajectory Planning for Automatic Machines and Robots", section 3.4), written here
 * independently of the code under test.
 */
final class TimeOptimal {
    private TimeOptimal() {
    }

    /** Duration, s, of the fastest move over {@code distanceMm} (not negative) from rest to rest. */
    static double restToRestS(double distanceMm, double speedMmPerS, double accelMmPerS2, double jerkMmPerS3) {
        double d = distanceMm;
        double vMax = speedMmPerS;
        double aMax = accelMmPerS2;
        double j = jerkMmPerS3;
        if (d == 0) {
            return 0;
        }
        double tAccel = accelTimeS(vMax, aMax, j);
        if (d >= vMax * tAccel) {
            return d / vMax + tAccel;
        }
        // No cruise: the peak speed v solves v * tAccel(v) = d.
        double v = aMax / 2 * (-aMax / j + Math.sqrt(aMax * aMax / (j * j) + 4 * d / aMax));
        if (v < aMax * aMax / j) {
            v = Math.cbrt(d * d * j / 4);
        }
        return 2 * accelTimeS(v, aMax, j);
    }

    /** Time, s, to reach speed {@code v} from rest with zero acceleration at both ends. */
    private static double accelTimeS(double v, double aMax, double j) {
        return v >= aMax * aMax / j ? v / aMax + aMax / j : 2 * Math.sqrt(v / j);
    }
}
