package com.lianarig.sim.physics;

import com.lianarig.protocol.BrakeId;
import com.lianarig.sim.hw.WinchHardware;

/**
 * Physics of one winch: a servo drive with lag and its own speed and acceleration limits, two
 * spring-applied brakes with engage and release delays that each hold up to a force, limit switches,
 * and an incremental encoder whose zero is lost when the node restarts.
 *
 * <p>Cases: brakes released and drive active: the servo follows its reference (a load above the
 * rated force cannot be lifted and sags); a brake holding: the drum stays unless the force on it
 * exceeds the hold, then it slips at (excess / damping); brakes free and no drive: the rope's pull
 * accelerates the hanging mass plus the motor's inertia seen at the rope
 * ({@link WinchParams#reflectedMassKg()}, about 190 kg), not free fall.
 * A runaway drive (fault) ignores its reference while powered: only the brakes or removing power
 * stop it.
 *
 * <p>Owned by the rig's stepping thread.
 */
public final class WinchSim implements WinchHardware {
    private static final double G_MM_PER_S2 = 9806.65;

    private final WinchParams params;
    private final double countsPerMm;
    private final double[] brakeEngagedFor = new double[2];
    private final boolean[] brakeCommandEngaged = {true, true};
    private final boolean[] brakeEngaged = {true, true};
    private final double[] brakeHoldFactor = {1, 1};

    private double positionMm;
    private double velocityMmPerS;
    private boolean driveEnabled;
    private boolean powerPresent = true;
    private double referenceCounts;
    private double referenceVelocityCountsPerS;
    private int testTorquePermille;
    private double encoderOffsetCounts;
    private double tensionN;
    private double driveForceN;
    private double runawayMmPerS;
    private boolean driveFault;
    /** Fault injection: the encoder has come off the drum: its count stays at {@link #frozenEncoderCounts}. */
    private boolean encoderDecoupled;
    private double frozenEncoderCounts;

    public WinchSim(WinchParams params, double initialPositionMm) {
        this.params = params;
        this.countsPerMm = params.countsPerMm();
        this.positionMm = initialPositionMm;
    }

    /**
     * Advances the winch by {@code dtS} under the rope's tension.
     *
     * @param dtS time step, s
     * @param ropeTensionN the rope's pull on the drum, N (downward)
     * @param drivePower whether the safety relay feeds the drive and the brake coils
     */
    public void step(double dtS, double ropeTensionN, boolean drivePower) {
        this.tensionN = ropeTensionN;
        this.powerPresent = drivePower;
        stepBrakes(dtS);
        boolean driveActive = drivePower && driveEnabled && !driveFault;
        double hold = holdN();
        double v;
        if (hold > 0) {
            double downward = ropeTensionN + (driveActive ? activeDriveDownwardN() : 0);
            if (Math.abs(downward) > hold) {
                v = -(downward - Math.copySign(hold, downward)) / params.slipDampingNPerMmPerS();
            } else {
                v = 0;
            }
            driveForceN = driveActive ? Math.min(params.driveRatedForceN(), Math.max(0, ropeTensionN)) : 0;
        } else if (driveActive) {
            v = servoVelocity(dtS);
        } else {
            // Coasting: the rope's pull accelerates the hanging mass and the motor's inertia seen at the rope.
            double massKg = Math.max(0, ropeTensionN) / (G_MM_PER_S2 / 1000) + params.reflectedMassKg();
            v = velocityMmPerS - ropeTensionN / massKg * 1000 * dtS;
            driveForceN = 0;
        }
        velocityMmPerS = v;
        positionMm += v * dtS;
        double end = params.ultimateMarginMm() + 20;
        if (positionMm < -end || positionMm > params.travelMm() + end) {
            positionMm = Math.max(-end, Math.min(params.travelMm() + end, positionMm));
            velocityMmPerS = 0;
        }
        if (encoderDecoupled) {
            // the drum turns, the encoder does not: what it reads drifts from the true position
            encoderOffsetCounts = frozenEncoderCounts - positionMm * countsPerMm;
        }
    }

    private void stepBrakes(double dtS) {
        for (int i = 0; i < 2; i++) {
            boolean wantEngaged = brakeCommandEngaged[i] || !powerPresent;
            if (wantEngaged != brakeEngaged[i]) {
                brakeEngagedFor[i] += dtS;
                double delay = wantEngaged ? params.brakeEngageS() : params.brakeReleaseS();
                if (brakeEngagedFor[i] >= delay) {
                    brakeEngaged[i] = wantEngaged;
                    brakeEngagedFor[i] = 0;
                }
            } else {
                brakeEngagedFor[i] = 0;
            }
        }
    }

    private double holdN() {
        double hold = 0;
        if (brakeEngaged[0]) {
            hold += params.motorBrakeHoldN() * brakeHoldFactor[0];
        }
        if (brakeEngaged[1]) {
            hold += params.drumBrakeHoldN() * brakeHoldFactor[1];
        }
        return hold;
    }

    /** Downward force the active drive adds against a holding brake, N. */
    private double activeDriveDownwardN() {
        if (runawayMmPerS != 0) {
            return -Math.signum(runawayMmPerS) * params.driveRatedForceN();
        }
        if (testTorquePermille != 0) {
            return testTorquePermille / 1000.0 * params.driveRatedForceN();
        }
        return -tensionN; // the servo holds the load itself: nothing extra on the brake
    }

    private double servoVelocity(double dtS) {
        double desired;
        if (runawayMmPerS != 0) {
            desired = runawayMmPerS;
        } else if (testTorquePermille != 0) {
            desired = -params.driveMaxSpeedMmPerS();
        } else {
            double errorMm = (referenceCounts - encoderCountsExact()) / countsPerMm;
            desired = referenceVelocityCountsPerS / countsPerMm + params.servoGainPerS() * errorMm;
        }
        desired = clamp(desired, params.driveMaxSpeedMmPerS());
        double dv = (desired - velocityMmPerS) * Math.min(1, dtS / params.motorLagS());
        dv = clamp(dv, params.driveMaxAccelMmPerS2() * dtS);
        double v = velocityMmPerS + dv;
        if (tensionN > params.driveRatedForceN() && v > 0) {
            v = -(tensionN - params.driveRatedForceN()) / params.slipDampingNPerMmPerS();
        }
        driveForceN = Math.min(params.driveRatedForceN(), Math.max(0, tensionN));
        return v;
    }

    private static double clamp(double v, double limit) {
        return Math.max(-limit, Math.min(limit, v));
    }

    private double encoderCountsExact() {
        return positionMm * countsPerMm + encoderOffsetCounts;
    }

    // ---- WinchHardware: what the node's firmware sees ----

    @Override
    public int encoderCounts() {
        return (int) Math.floor(encoderCountsExact());
    }

    @Override
    public boolean lowerLimitSwitch() {
        return positionMm <= params.lowerLimitMm();
    }

    @Override
    public boolean upperLimitSwitch() {
        return positionMm >= params.upperLimitMm();
    }

    @Override
    public boolean drivePowerPresent() {
        return powerPresent;
    }

    @Override
    public boolean driveFault() {
        return driveFault;
    }

    @Override
    public void enableDrive(boolean enabled) {
        driveEnabled = enabled;
        if (!enabled) {
            testTorquePermille = 0;
        }
    }

    @Override
    public void positionReference(double positionCounts, double velocityCountsPerS) {
        referenceCounts = positionCounts;
        referenceVelocityCountsPerS = velocityCountsPerS;
    }

    @Override
    public void testTorque(int downwardPermille) {
        testTorquePermille = downwardPermille;
    }

    @Override
    public void brake(BrakeId brake, boolean engaged) {
        brakeCommandEngaged[brake == BrakeId.MOTOR ? 0 : 1] = engaged;
    }

    @Override
    public boolean brakeEngaged(BrakeId brake) {
        return brakeEngaged[brake == BrakeId.MOTOR ? 0 : 1];
    }

    @Override
    public int torquePermille() {
        boolean active = powerPresent && driveEnabled && !driveFault;
        if (!active) {
            return 0;
        }
        double force = testTorquePermille != 0 ? -testTorquePermille / 1000.0 * params.driveRatedForceN() : driveForceN;
        return (int) Math.max(-1000, Math.min(1000, Math.round(force / params.driveRatedForceN() * 1000)));
    }

    // ---- the simulation's own view and fault injection ----

    /**
     * True once the brake's coil is de-energised (the node commanded it, or power is gone): the brake
     * is engaging, and holds {@code brakeEngageS} later ({@link #brakeEngaged}).
     */
    public boolean brakeApplied(BrakeId brake) {
        return brakeCommandEngaged[brake == BrakeId.MOTOR ? 0 : 1] || !powerPresent;
    }

    public WinchParams params() {
        return params;
    }

    /** True rope position (wound in from the lowest point), mm. */
    public double positionMm() {
        return positionMm;
    }

    /** True velocity, mm/s, positive = up. */
    public double velocityMmPerS() {
        return velocityMmPerS;
    }

    /** Strap height above the mat with the rope unloaded, mm. */
    public double unloadedStrapHeightMm() {
        return params.baseHeightMm() + positionMm;
    }

    public boolean beyondUltimateLimit() {
        return positionMm < -params.ultimateMarginMm() || positionMm > params.travelMm() + params.ultimateMarginMm();
    }

    /** A node restart loses the encoder's zero: the count jumps to an arbitrary value. */
    public void loseEncoderZero(double newOffsetCounts) {
        encoderOffsetCounts = newOffsetCounts;
    }

    /**
     * A node restart whose counter starts again at {@code counts} where the rope is now (0: an
     * incremental encoder's counter cleared at boot, as most MCUs do), whatever the true position.
     */
    public void restartEncoderAt(double counts) {
        encoderOffsetCounts = counts - positionMm * countsPerMm;
    }

    /**
     * What the encoder count reads above the true position, counts ({@link #encoderCounts} =
     * position x countsPerMm + this): changed by a node restart or an encoder glitch, so a position a
     * host referenced before is no longer true once this changes (SPEC SR-23, the R-7 oracle's I-6).
     */
    public double encoderOffsetCounts() {
        return encoderOffsetCounts;
    }

    /**
     * Fault injection: the encoder comes off the drum (a loose coupling): its count stays where it is while
     * the drum turns; {@code false} couples it again where it stands (its offset from the true position
     * keeps what was lost).
     */
    public void encoderDecoupled(boolean off) {
        if (off && !encoderDecoupled) {
            frozenEncoderCounts = encoderCountsExact();
        }
        encoderDecoupled = off;
    }

    /** Fault injection: the encoder count jumps (glitch) by this many counts. */
    public void encoderJump(double counts) {
        encoderOffsetCounts += counts;
    }

    /** Fault injection: a brake holds only this fraction of its rated force (1 = healthy). */
    public void brakeHoldFactor(BrakeId brake, double factor) {
        brakeHoldFactor[brake == BrakeId.MOTOR ? 0 : 1] = factor;
    }

    /** The fraction of its rated force a brake holds (1 = healthy). */
    public double brakeHoldFactor(BrakeId brake) {
        return brakeHoldFactor[brake == BrakeId.MOTOR ? 0 : 1];
    }

    /** True while the drive is powered, enabled and healthy: it, not the brakes or the load, sets the motion. */
    public boolean driveActive() {
        return powerPresent && driveEnabled && !driveFault;
    }

    /** The injected runaway speed, mm/s (0 = healthy drive). */
    public double runawayMmPerS() {
        return runawayMmPerS;
    }

    /** Fault injection: while powered and enabled the drive runs at this speed whatever it is told (0 = healthy). */
    public void runaway(double speedMmPerS) {
        runawayMmPerS = speedMmPerS;
    }

    /** Fault injection: the drive reports a fault of its own and produces no torque. */
    public void driveFault(boolean fault) {
        driveFault = fault;
    }

    /** Commands the brakes' engaged state at once (initial conditions and tests). */
    void setBrakesImmediately(boolean engaged) {
        for (int i = 0; i < 2; i++) {
            brakeCommandEngaged[i] = engaged;
            brakeEngaged[i] = engaged;
        }
    }
}
