package com.lianarig.sim.miswire;

import com.lianarig.protocol.BrakeId;
import com.lianarig.sim.hw.WinchHardware;

/**
 * A winch whose encoder is wired into the node with its A and B signals swapped: the node counts
 * down while the drum winds up. The drive's own motion feedback is not affected (it has its own), so
 * the drive moves the way the node asks, relative to where it stood when the node enabled it; the
 * node, seeing the position go the other way, ends in its following-error trip (SR-13).
 *
 * <p>The count the node reads mirrors the true one around the count at start, so a fresh rig reads
 * as it would correctly wired until it moves. Owned by the rig's stepping thread.
 */
final class InvertedEncoder implements WinchHardware {
    private final WinchHardware wired;
    private final int mirrorCounts;
    private boolean driveEnabled;
    private double anchorNodeCounts;
    private double anchorDriveCounts;

    InvertedEncoder(WinchHardware wired) {
        this.wired = wired;
        this.mirrorCounts = 2 * wired.encoderCounts();
    }

    @Override
    public int encoderCounts() {
        return mirrorCounts - wired.encoderCounts();
    }

    @Override
    public void enableDrive(boolean enabled) {
        driveEnabled = enabled;
        wired.enableDrive(enabled);
    }

    /**
     * A reference given while the drive is off anchors the node's count to the drive's own (the node
     * sets one just before it enables the drive); while on, the drive moves by the node's change.
     */
    @Override
    public void positionReference(double positionCounts, double velocityCountsPerS) {
        if (!driveEnabled) {
            anchorNodeCounts = positionCounts;
            anchorDriveCounts = wired.encoderCounts();
            wired.positionReference(anchorDriveCounts, velocityCountsPerS);
            return;
        }
        wired.positionReference(anchorDriveCounts + (positionCounts - anchorNodeCounts), velocityCountsPerS);
    }

    @Override
    public boolean lowerLimitSwitch() {
        return wired.lowerLimitSwitch();
    }

    @Override
    public boolean upperLimitSwitch() {
        return wired.upperLimitSwitch();
    }

    @Override
    public boolean drivePowerPresent() {
        return wired.drivePowerPresent();
    }

    @Override
    public boolean driveFault() {
        return wired.driveFault();
    }

    @Override
    public void testTorque(int downwardPermille) {
        wired.testTorque(downwardPermille);
    }

    @Override
    public void brake(BrakeId brake, boolean engaged) {
        wired.brake(brake, engaged);
    }

    @Override
    public boolean brakeEngaged(BrakeId brake) {
        return wired.brakeEngaged(brake);
    }

    @Override
    public int torquePermille() {
        return wired.torquePermille();
    }
}
