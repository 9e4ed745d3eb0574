package com.lianarig.sim.physics;

/**
 * A simulated winch's mechanics. Positions are rope wound in from the lowest point, mm; the strap
 * hangs at {@code baseHeightMm + position} above the mat when the rope is unloaded.
 *
 * @param drumRadiusMm drum radius, mm
 * @param gearRatio motor turns per drum turn
 * @param encoderCountsPerMotorRev quadrature counts per motor revolution
 * @param driveMaxSpeedMmPerS the drive's own speed limit at the rope, mm/s
 * @param driveMaxAccelMmPerS2 the drive's own acceleration limit, mm/s^2
 * @param driveRatedForceN rope force at the drive's rated torque, N
 * @param motorLagS time constant of the drive's velocity response, s
 * @param servoGainPerS the drive's position-loop gain, 1/s
 * @param motorBrakeHoldN rope force the motor brake holds alone, N
 * @param drumBrakeHoldN rope force the drum brake holds alone, N
 * @param brakeEngageS time from de-energising a brake coil to the brake holding, s
 * @param brakeReleaseS time from energising a brake coil to the brake free, s
 * @param slipDampingNPerMmPerS rope force above the hold per mm/s of slip, N/(mm/s)
 * @param travelMm rope travel from lowest to highest, mm
 * @param lowerLimitMm position of the lower limit switch, mm
 * @param upperLimitMm position of the upper limit switch, mm
 * @param ultimateMarginMm the ultimate limits sit this far beyond the travel ends, mm
 * @param baseHeightMm strap height above the mat at position 0, unloaded, mm
 */
public record WinchParams(double drumRadiusMm, double gearRatio, int encoderCountsPerMotorRev,
        double driveMaxSpeedMmPerS, double driveMaxAccelMmPerS2, double driveRatedForceN, double motorLagS,
        double servoGainPerS, double motorBrakeHoldN, double drumBrakeHoldN, double brakeEngageS, double brakeReleaseS,
        double slipDampingNPerMmPerS, double travelMm, double lowerLimitMm, double upperLimitMm,
        double ultimateMarginMm, double baseHeightMm) {

    public WinchParams {
        positive("drumRadiusMm", drumRadiusMm);
        positive("gearRatio", gearRatio);
        positive("encoderCountsPerMotorRev", encoderCountsPerMotorRev);
        positive("driveMaxSpeedMmPerS", driveMaxSpeedMmPerS);
        positive("driveMaxAccelMmPerS2", driveMaxAccelMmPerS2);
        positive("driveRatedForceN", driveRatedForceN);
        positive("motorLagS", motorLagS);
        positive("servoGainPerS", servoGainPerS);
        positive("slipDampingNPerMmPerS", slipDampingNPerMmPerS);
        positive("travelMm", travelMm);
        if (!(0 <= lowerLimitMm && lowerLimitMm < upperLimitMm && upperLimitMm <= travelMm)) {
            throw new IllegalArgumentException("limit switches " + lowerLimitMm + ".." + upperLimitMm
                    + " mm must lie inside the travel 0.." + travelMm + " mm");
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(name + " = " + v + " must be positive");
        }
    }

    /**
     * Rotor inertia of the motor with its gearbox input stage, kg m^2: the drive gives 2 N m at the
     * motor (2,500 N on a 40 mm drum through 50:1) and 2,400 rpm (200 mm/s), a 0.5..0.75 kW servo motor,
     * whose catalogues list rotor inertias of about 1e-4..1.6e-4 kg m^2.
     */
    public static final double MOTOR_ROTOR_INERTIA_KG_M2 = 1.2e-4;

    /**
     * The motor's inertia as a mass at the rope, kg: J x (gear ratio / drum radius)^2. It is what
     * slows a winch whose drive is off and whose brakes are not yet engaged.
     */
    public double reflectedMassKg() {
        double ratioPerM = gearRatio / (drumRadiusMm / 1000);
        return MOTOR_ROTOR_INERTIA_KG_M2 * ratioPerM * ratioPerM;
    }

    /** Encoder counts per mm of rope: counts per motor turn x gear ratio / drum circumference. */
    public double countsPerMm() {
        return encoderCountsPerMotorRev * gearRatio / (2 * Math.PI * drumRadiusMm);
    }

    /*
     * Brake times: spring-applied brakes switched on the DC side, 0.75 kW servo-motor class. Motor
     * manuals give: Mitsubishi MELSERVO-J2-Super (HC-MFS/HC-SFS) braking delay 0.01..0.03 s switched on
     * the DC side, 0.08..0.12 s on the AC side, release 0.03..0.1 s; Moons M-series up to 750 W: release
     * and engage < 25 ms each; Yaskawa SGMGV (0.45 kW and up): release 100 ms, applied 80 ms. The model
     * takes 30 ms to engage and 40 ms to release.
     */

    /** A leg-strap winch: 1,600 mm travel, straps 200..1,800 mm above the mat. */
    public static WinchParams legStrap() {
        return new WinchParams(40, 50, 400, 200, 800, 2500, 0.02, 20, 3000, 3000, 0.03, 0.04, 40, 1600, 5,
                1595, 15, 200);
    }

    /** A finger-loop winch: 1,200 mm travel, loops 1,200..2,400 mm above the mat. */
    public static WinchParams fingerLoop() {
        return new WinchParams(40, 50, 400, 200, 800, 1500, 0.02, 20, 2000, 2000, 0.03, 0.04, 40, 1200, 5, 1195,
                15, 1200);
    }
}
