package com.lianarig.controller.safety;

import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Scripted drives for supervisor-level tests: records every set-point and stop the supervisor sends,
 * so a test sees what {@link SafetySupervisor#admit} let through when the planner asks for too much.
 */
final class FakeDrives implements Drives {
    /** One set-point as sent. */
    record SetPoint(int winch, int positionCounts, int velocityCountsPerS) {
    }

    final List<SetPoint> setPoints = new ArrayList<>();
    final List<StopCategory> stops = new ArrayList<>();

    @Override
    public void setPoint(int winch, int positionCounts, int velocityCountsPerS) {
        setPoints.add(new SetPoint(winch, positionCounts, velocityCountsPerS));
    }

    @Override
    public void stop(int winch, StopCategory category) {
        stops.add(category);
    }

    @Override
    public void stopAll(StopCategory category) {
        stops.add(category);
    }

    @Override
    public void release(int winch) {
    }

    @Override
    public void applyBrakes(int winch) {
    }

    @Override
    public void brakeTest(int winch, BrakeId brake, int torquePermille, int durationMs, int maxMovementCounts) {
    }

    @Override
    public void reference(int winch, int positionCounts) {
    }

    @Override
    public void clearShutdowns() {
    }

    /**
     * A supervisor on these drives whose leg pair (group 0) follows set-points from {@code positionMm}
     * with a live enable: the link is up, the chain healthy, both winches referenced and released.
     */
    static SafetySupervisor followingLegs(RigModel model, FakeDrives drives, double positionMm, long nowNanos) {
        return followingLegs(model, drives, positionMm, 1, nowNanos);
    }

    /** As {@link #followingLegs(RigModel, FakeDrives, double, long)}, for a motion in {@code direction} (+1 up, -1 down). */
    static SafetySupervisor followingLegs(RigModel model, FakeDrives drives, double positionMm, int direction,
            long nowNanos) {
        SafetySupervisor s = new SafetySupervisor(model, drives, new SafetyListener() {
            @Override
            public void onFault(Fault fault) {
            }

            @Override
            public void onStop(int group, SafetyRule rule, String why) {
            }

            @Override
            public void onWarning(SafetyRule rule, String what) {
            }
        });
        for (int address : model.nodeAddresses()) {
            s.onLink(address, true, "test", nowNanos);
        }
        s.onSafetyChain(true, nowNanos);
        int braked = WinchStatus.FLAG_REFERENCED | WinchStatus.FLAG_DRIVE_POWERED
                | WinchStatus.FLAG_MOTOR_BRAKE_ENGAGED | WinchStatus.FLAG_DRUM_BRAKE_ENGAGED;
        for (RigModel.WinchModel w : model.winches()) {
            int c = w.countsOf(positionMm);
            s.onWinchStatus(w.index(), WinchState.BRAKED, c, 0, c, braked, NodeFault.NONE, nowNanos);
        }
        s.enable(nowNanos);
        java.util.Optional<String> refused = s.begin(0, MotionKind.NORMAL, direction, nowNanos);
        if (refused.isPresent()) {
            throw new AssertionError(refused.get());
        }
        for (int w : model.group(0).winches()) {
            int c = model.winch(w).countsOf(positionMm);
            s.onWinchStatus(w, WinchState.FOLLOWING, c, 0, c, WinchStatus.FLAG_REFERENCED
                    | WinchStatus.FLAG_DRIVE_POWERED, NodeFault.NONE, nowNanos);
        }
        s.enable(nowNanos);
        return s;
    }

    /** Velocities of the set-points sent to one winch, mm/s, in order. */
    List<Double> velocitiesMmPerS(RigModel model, int winch) {
        return setPoints.stream().filter(p -> p.winch() == winch)
                .map(p -> model.winch(winch).mmOf(p.velocityCountsPerS())).toList();
    }

    /** Positions of the set-points sent to one winch, mm, in order. */
    List<Double> positionsMm(RigModel model, int winch) {
        return setPoints.stream().filter(p -> p.winch() == winch)
                .map(p -> model.winch(winch).mmOf(p.positionCounts())).toList();
    }
}
