package com.lianarig.sim.hw;

import com.lianarig.protocol.BrakeId;

/**
 * What a node's firmware sees of one winch: incremental encoder, limit switches, drive output stage
 * and the two spring-applied brakes. The virtual node drives the simulated winch only through this,
 * as firmware drives real hardware through its registers.
 *
 * <p>Positions are encoder counts, positive = rope wound in = strap higher.
 */
public interface WinchHardware {

    /** The incremental encoder, counts; its zero is arbitrary after a node start. */
    int encoderCounts();

    boolean lowerLimitSwitch();

    boolean upperLimitSwitch();

    /** True while the safety relay feeds the drive; when false the brakes are dropped by hardware. */
    boolean drivePowerPresent();

    /** True while the drive reports a fault of its own. */
    boolean driveFault();

    /** Enables or disables the drive's output stage (disabled = no torque). */
    void enableDrive(boolean enabled);

    /** The drive's servo reference: position, counts, with velocity feed-forward, counts/s. */
    void positionReference(double positionCounts, double velocityCountsPerS);

    /**
     * Open-loop torque for a brake test instead of the servo: per mille of rated, positive =
     * downward (with gravity); 0 returns to the servo.
     */
    void testTorque(int downwardPermille);

    /** Commands a brake: engaged = spring applied (coil de-energised). */
    void brake(BrakeId brake, boolean engaged);

    /** Brake feedback: true when the brake is (physically) engaged. */
    boolean brakeEngaged(BrakeId brake);

    /** Drive torque, per mille of rated, positive = lifting. */
    int torquePermille();
}
