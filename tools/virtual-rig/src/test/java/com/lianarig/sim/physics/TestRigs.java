package com.lianarig.sim.physics;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The standard rig's physics (as {@code VirtualRig.standard} builds it) with chosen winch positions
 * and no breathing or sway, so loads can be checked exactly.
 */
final class TestRigs {
    static final double G = VirtualClient.STANDARD_GRAVITY_M_PER_S2;
    static final double DT_S = 0.001;
    static final int LEFT_LEG = 0;
    static final int RIGHT_LEG = 1;
    static final int LEFT_LOOP = 2;
    static final int RIGHT_LOOP = 3;
    static final double LEG_STIFFNESS_N_PER_MM = 60;
    static final double LOOP_STIFFNESS_N_PER_MM = 40;
    static final double FIXED_LOOP_HEIGHT_MM = 2100;

    private TestRigs() {
    }

    /** Winch positions (rope wound in, mm): left leg, right leg, left loop. */
    static RigSim rig(double leftLegMm, double rightLegMm, double leftLoopMm) {
        List<WinchSim> winches = List.of(new WinchSim(WinchParams.legStrap(), leftLegMm),
                new WinchSim(WinchParams.legStrap(), rightLegMm), new WinchSim(WinchParams.fingerLoop(), leftLoopMm));
        List<RopeSpec> ropes = List.of(
                new RopeSpec("left-leg", RopeSpec.Kind.LEG_STRAP, RopeSpec.Side.LEFT, 0, 0, LEG_STIFFNESS_N_PER_MM, 0),
                new RopeSpec("right-leg", RopeSpec.Kind.LEG_STRAP, RopeSpec.Side.RIGHT, 1, 0, LEG_STIFFNESS_N_PER_MM, 1),
                new RopeSpec("left-loop", RopeSpec.Kind.FINGER_LOOP, RopeSpec.Side.LEFT, 2, 0, LOOP_STIFFNESS_N_PER_MM, 2),
                new RopeSpec("right-loop", RopeSpec.Kind.FINGER_LOOP, RopeSpec.Side.RIGHT, -1, FIXED_LOOP_HEIGHT_MM,
                        LOOP_STIFFNESS_N_PER_MM, 3));
        return new RigSim(winches, ropes, 0, 0, new SplittableRandom(42));
    }

    static RigSim rig(double legsMm) {
        return rig(legsMm, legsMm, 600);
    }

    /** Steps the rig for {@code seconds} in 1 ms steps. */
    static void run(RigSim rig, double seconds) {
        long steps = Math.round(seconds / DT_S);
        for (long i = 0; i < steps; i++) {
            rig.step(DT_S);
        }
    }

    /** What the client's body puts on a rope: its tension without the strap's own weight, N. */
    static double bodyLoadN(RigSim rig, int rope) {
        return rig.tensionN(rope) - RigSim.STRAP_WEIGHT_N;
    }

    /** Releases both brakes and enables the drive holding the present position (as the node does). */
    static void releaseAndHold(WinchSim w) {
        w.positionReference(w.encoderCounts(), 0);
        w.enableDrive(true);
        w.brake(com.lianarig.protocol.BrakeId.MOTOR, false);
        w.brake(com.lianarig.protocol.BrakeId.DRUM, false);
    }
}
