package com.lianarig.sim.physics;

import static com.lianarig.sim.physics.TestRigs.G;
import static com.lianarig.sim.physics.TestRigs.LEFT_LEG;
import static com.lianarig.sim.physics.TestRigs.LEFT_LOOP;
import static com.lianarig.sim.physics.TestRigs.LEG_STIFFNESS_N_PER_MM;
import static com.lianarig.sim.physics.TestRigs.RIGHT_LEG;
import static com.lianarig.sim.physics.TestRigs.RIGHT_LOOP;
import static com.lianarig.sim.physics.TestRigs.bodyLoadN;
import static com.lianarig.sim.physics.TestRigs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.BrakeId;
import org.junit.jupiter.api.Test;

/** Rope loads from the client's body, rope stretch, landing, tilt and the upright hang. */
class RigPhysicsTest {
    private static final double MASS_KG = 70;
    private static final double STATURE_MM = 1750;
    private static final double WEIGHT_N = MASS_KG * G;
    private static final double BASE_MM = WinchParams.legStrap().baseHeightMm();

    /** Winch position that puts the loaded straps at {@code strapMm} when the pair carries {@code share}. */
    private static double winchMmFor(double strapMm, double share) {
        double tensionN = RigSim.STRAP_WEIGHT_N + share * WEIGHT_N / 2;
        return strapMm + tensionN / LEG_STIFFNESS_N_PER_MM - BASE_MM;
    }

    @Test
    void seventyKgAimedAtL4L5HangsPoint464OfBodyWeightOnTheLegRopes() {
        VirtualClient client = VirtualClient.reference(MASS_KG, STATURE_MM);
        double strapMm = client.strapHeightForBend(client.body().heightFraction(SpineSegment.L4_L5));
        RigSim rig = TestRigs.rig(winchMmFor(strapMm, 0.464));
        rig.client(client, Exercise.INVERTED_HANG);

        run(rig, 0.1);

        double pairN = bodyLoadN(rig, LEFT_LEG) + bodyLoadN(rig, RIGHT_LEG);
        // 0.464 x 70 kg x 9.80665 = 318.52 N; SPEC section 5 rounds it (with g = 9.81) to 318.6 N.
        assertEquals(0.464 * WEIGHT_N, pairN, 0.01 * 318.6, "pair load net of strap weight, N");
        assertEquals(318.6, pairN, 0.01 * 318.6, "SPEC section 5's number, N");
        assertEquals(pairN / 2, bodyLoadN(rig, LEFT_LEG), 1e-9, "level straps share evenly");
        assertEquals(strapMm, rig.endHeightMm(LEFT_LEG), 0.1, "the loaded strap is where it was aimed, mm");
    }

    @Test
    void seventyKgFullyLiftedHangsTheWholeBodyWeight() {
        RigSim rig = TestRigs.rig(1_590);
        rig.client(VirtualClient.reference(MASS_KG, STATURE_MM), Exercise.INVERTED_HANG);

        run(rig, 0.1);

        double pairN = bodyLoadN(rig, LEFT_LEG) + bodyLoadN(rig, RIGHT_LEG);
        assertEquals(686.5, WEIGHT_N, 0.05);
        assertEquals(686.5, pairN, 0.02 * 686.5, "pair load net of strap weight, N");
        assertEquals(0, bodyLoadN(rig, LEFT_LOOP) + bodyLoadN(rig, RIGHT_LOOP), 1e-12, "loops unused");
    }

    @Test
    void ropesCarryTheirStrapsOnlyWithoutAClient() {
        RigSim rig = TestRigs.rig(800);
        run(rig, 0.01);
        for (int rope = 0; rope < 4; rope++) {
            assertEquals(RigSim.STRAP_WEIGHT_N, rig.tensionN(rope), 1e-12, "rope " + rope);
        }
    }

    @Test
    void ropeStretchIsTensionOverStiffness() {
        RigSim rig = TestRigs.rig(1_590);
        rig.client(VirtualClient.reference(MASS_KG, STATURE_MM), Exercise.INVERTED_HANG);
        run(rig, 0.1);

        for (int rope : new int[] {LEFT_LEG, RIGHT_LEG}) {
            double stretchMm = rig.winch(rope).unloadedStrapHeightMm() - rig.endHeightMm(rope);
            assertEquals(rig.tensionN(rope) / LEG_STIFFNESS_N_PER_MM, stretchMm, 1e-9, "rope " + rope);
            assertEquals((5 + WEIGHT_N / 2) / 60, stretchMm, 0.01, "about 5.8 mm at 348 N, rope " + rope);
        }
        double loopStretchMm = TestRigs.FIXED_LOOP_HEIGHT_MM - rig.endHeightMm(RIGHT_LOOP);
        assertEquals(RigSim.STRAP_WEIGHT_N / TestRigs.LOOP_STIFFNESS_N_PER_MM, loopStretchMm, 1e-9, "fixed loop");
    }

    @Test
    void loweringOntoTheMatUnloadsBothLegRopesTogether() {
        RigSim rig = TestRigs.rig(800);
        rig.client(VirtualClient.reference(MASS_KG, STATURE_MM), Exercise.INVERTED_HANG);
        WinchSim left = rig.winch(0);
        WinchSim right = rig.winch(1);
        TestRigs.releaseAndHold(left);
        TestRigs.releaseAndHold(right);
        run(rig, 0.1);
        double countsPerMm = left.params().countsPerMm();
        double referenceMm = left.positionMm();
        double speedMmPerS = 40;
        double maxImbalance = 0;
        while (referenceMm > 0) {
            referenceMm -= speedMmPerS * TestRigs.DT_S;
            for (WinchSim w : new WinchSim[] {left, right}) {
                w.positionReference(referenceMm * countsPerMm, -speedMmPerS * countsPerMm);
            }
            rig.step(TestRigs.DT_S);
            double l = bodyLoadN(rig, LEFT_LEG);
            double r = bodyLoadN(rig, RIGHT_LEG);
            maxImbalance = Math.max(maxImbalance, Math.abs(l - r) / Math.max(1, l + r));
        }
        run(rig, 0.5);

        double fiveKgN = 5 * G;
        assertTrue(left.lowerLimitSwitch(), "down to the lower limit: " + left.positionMm() + " mm");
        assertTrue(bodyLoadN(rig, LEFT_LEG) < fiveKgN && bodyLoadN(rig, RIGHT_LEG) < fiveKgN,
                "both below 5 kg of body load: " + bodyLoadN(rig, LEFT_LEG) + " N, " + bodyLoadN(rig, RIGHT_LEG) + " N");
        assertTrue(maxImbalance < 0.02, "the pair unloads together: worst imbalance " + maxImbalance);
    }

    @Test
    void aHigherStrapTakesMoreOfThePairLoad() {
        RigSim level = TestRigs.rig(900, 900, 600);
        RigSim tilted = TestRigs.rig(920, 880, 600);
        for (RigSim rig : new RigSim[] {level, tilted}) {
            rig.client(VirtualClient.reference(MASS_KG, STATURE_MM), Exercise.INVERTED_HANG);
            run(rig, 0.1);
        }
        double pair = bodyLoadN(tilted, LEFT_LEG) + bodyLoadN(tilted, RIGHT_LEG);
        double leftFraction = bodyLoadN(tilted, LEFT_LEG) / pair;
        double heightDifferenceMm = tilted.endHeightMm(LEFT_LEG) - tilted.endHeightMm(RIGHT_LEG);
        assertTrue(heightDifferenceMm > 35, "left strap higher by " + heightDifferenceMm + " mm");
        assertEquals(0.5 + heightDifferenceMm / RigSim.TILT_RANGE_MM, leftFraction, 1e-9,
                "the higher strap's share grows by 1/TILT_RANGE_MM per mm");
        assertEquals(bodyLoadN(level, LEFT_LEG) + bodyLoadN(level, RIGHT_LEG), pair, 0.01 * pair,
                "the pair total barely changes");
    }

    @Test
    void uprightHangLoopsCarryNothingAboveReachAndUpToTheHangShareWhenSunk() {
        VirtualClient client = VirtualClient.reference(MASS_KG, STATURE_MM);
        double fixedLoopMm = TestRigs.FIXED_LOOP_HEIGHT_MM;
        double loopBaseMm = WinchParams.fingerLoop().baseHeightMm();
        // Left loop so high the loops' mean is above the client's reach: nothing hangs.
        double reachMm = VirtualClient.REACH * STATURE_MM;
        RigSim high = TestRigs.rig(100, 100, 2 * reachMm - fixedLoopMm + 20 - loopBaseMm);
        high.client(client, Exercise.UPRIGHT_HANG);
        run(high, 0.1);
        assertEquals(0, bodyLoadN(high, LEFT_LOOP) + bodyLoadN(high, RIGHT_LOOP), 1e-9, "loops above reach");
        assertEquals(0, bodyLoadN(high, LEFT_LEG) + bodyLoadN(high, RIGHT_LEG), 1e-12, "legs unused upright");

        // Left loop at its lowest: the mean is more than the sink range below reach.
        RigSim sunk = TestRigs.rig(100, 100, 10);
        sunk.client(client, Exercise.UPRIGHT_HANG);
        run(sunk, 0.1);
        double loopsN = bodyLoadN(sunk, LEFT_LOOP) + bodyLoadN(sunk, RIGHT_LOOP);
        assertEquals(client.hangShare() * WEIGHT_N, loopsN, 1e-6, "sunk: the hang share, N");
        assertEquals(loopsN / 2, bodyLoadN(sunk, LEFT_LOOP), 1e-6, "shared evenly between the hands");
    }

    @Test
    void extraLoadAddsToItsRopeOnly() {
        RigSim rig = TestRigs.rig(800);
        run(rig, 0.01);
        rig.extraLoad(LEFT_LEG, 200);
        run(rig, 0.01);
        assertEquals(RigSim.STRAP_WEIGHT_N + 200, rig.tensionN(LEFT_LEG), 1e-12);
        assertEquals(RigSim.STRAP_WEIGHT_N, rig.tensionN(RIGHT_LEG), 1e-12);
        rig.extraLoad(LEFT_LEG, 0);
        run(rig, 0.01);
        assertEquals(RigSim.STRAP_WEIGHT_N, rig.tensionN(LEFT_LEG), 1e-12, "let go");
    }

    @Test
    void footSlipUnloadsOneLegRopeAndThePartnerTakesTheLoad() {
        RigSim rig = TestRigs.rig(1_000);
        rig.client(VirtualClient.reference(MASS_KG, STATURE_MM), Exercise.INVERTED_HANG);
        run(rig, 0.1);
        double pairN = bodyLoadN(rig, LEFT_LEG) + bodyLoadN(rig, RIGHT_LEG);

        rig.footSlip(LEFT_LEG, true);
        run(rig, 0.1);

        assertEquals(0, bodyLoadN(rig, LEFT_LEG), 1e-12, "the empty strap");
        assertEquals(pairN, bodyLoadN(rig, RIGHT_LEG), 0.02 * pairN, "the partner carries the pair load");
        rig.footSlip(LEFT_LEG, false);
        run(rig, 0.1);
        assertEquals(bodyLoadN(rig, RIGHT_LEG), bodyLoadN(rig, LEFT_LEG), 1e-6, "back in the strap");
    }

    @Test
    void brakesHoldAFullyLiftedClientWithTheDriveOff() {
        RigSim rig = TestRigs.rig(1_590);
        rig.client(VirtualClient.reference(MASS_KG, STATURE_MM), Exercise.INVERTED_HANG);
        run(rig, 0.1);
        assertTrue(rig.winch(0).brakeEngaged(BrakeId.MOTOR) && rig.winch(0).brakeEngaged(BrakeId.DRUM));
        double start = rig.winch(0).positionMm();
        run(rig, 10);
        assertEquals(start, rig.winch(0).positionMm(), 1e-9, "both brakes, 10 s, mm");
    }
}
