package com.lianarig.sim.physics;

import static com.lianarig.sim.physics.TestRigs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.BrakeId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each brake alone, brake slip, limit switches and the ultimate limits. */
class WinchBrakeAndLimitTest {
    private static final WinchParams LEG = WinchParams.legStrap();

    /** A 70 kg client fully lifted; only {@code holding} engaged, the drive off. */
    private static RigSim liftedOnOneBrake(BrakeId holding) {
        RigSim rig = TestRigs.rig(1_590);
        rig.client(VirtualClient.reference(70, 1750), Exercise.INVERTED_HANG);
        run(rig, 0.1);
        WinchSim w = rig.winch(0);
        w.brake(holding == BrakeId.MOTOR ? BrakeId.DRUM : BrakeId.MOTOR, false);
        run(rig, 0.1);
        assertTrue(w.brakeEngaged(holding), holding + " holds");
        assertFalse(w.brakeEngaged(holding == BrakeId.MOTOR ? BrakeId.DRUM : BrakeId.MOTOR), "the other is free");
        assertEquals(0, w.torquePermille(), "drive off");
        return rig;
    }

    @ParameterizedTest
    @EnumSource(BrakeId.class)
    void eachBrakeAloneHoldsAFullyLiftedClient(BrakeId brake) {
        RigSim rig = liftedOnOneBrake(brake);
        WinchSim w = rig.winch(0);
        double start = w.positionMm();

        run(rig, 10);

        assertEquals(start, w.positionMm(), 0.1, brake + " alone, 10 s: drift in mm");
        assertTrue(rig.tensionN(0) > 340, "it holds the client's half: " + rig.tensionN(0) + " N");
    }

    @ParameterizedTest
    @EnumSource(BrakeId.class)
    void aBrakeHoldingLessThanTheLoadSlips(BrakeId brake) {
        RigSim rig = liftedOnOneBrake(brake);
        WinchSim w = rig.winch(0);
        double holdN = brake == BrakeId.MOTOR ? LEG.motorBrakeHoldN() : LEG.drumBrakeHoldN();
        double tensionN = rig.tensionN(0);
        double factor = 0.8 * tensionN / holdN; // holds 80 % of the load
        w.brakeHoldFactor(brake, factor);
        double start = w.positionMm();

        run(rig, 1);

        double expectedMmPerS = (tensionN - factor * holdN) / LEG.slipDampingNPerMmPerS();
        assertTrue(start - w.positionMm() > 1, brake + " slipped " + (start - w.positionMm()) + " mm in 1 s");
        assertEquals(-expectedMmPerS, w.velocityMmPerS(), 0.2 * expectedMmPerS, "slip speed = excess / damping, mm/s");
    }

    @Test
    void limitSwitchesAreActiveExactlyFromTheirPositions() {
        double lower = LEG.lowerLimitMm();
        double upper = LEG.upperLimitMm();
        assertTrue(new WinchSim(LEG, lower).lowerLimitSwitch(), "at " + lower + " mm");
        assertTrue(new WinchSim(LEG, lower - 1e-6).lowerLimitSwitch());
        assertFalse(new WinchSim(LEG, lower + 1e-6).lowerLimitSwitch());
        assertTrue(new WinchSim(LEG, upper).upperLimitSwitch(), "at " + upper + " mm");
        assertTrue(new WinchSim(LEG, upper + 1e-6).upperLimitSwitch());
        assertFalse(new WinchSim(LEG, upper - 1e-6).upperLimitSwitch());
        assertFalse(new WinchSim(LEG, 800).lowerLimitSwitch() || new WinchSim(LEG, 800).upperLimitSwitch());
    }

    @Test
    void drivingThroughTheLowerSwitchTripsItAtItsPosition() {
        RigSim rig = TestRigs.rig(20);
        WinchSim w = rig.winch(0);
        TestRigs.releaseAndHold(w);
        double c = LEG.countsPerMm();
        double ref = w.positionMm();
        double atSwitch = Double.NaN;
        for (int i = 0; i < 2_000 && Double.isNaN(atSwitch); i++) {
            ref -= 0.01; // 10 mm/s
            w.positionReference(ref * c, -10 * c);
            rig.step(TestRigs.DT_S);
            if (w.lowerLimitSwitch()) {
                atSwitch = w.positionMm();
            }
        }
        assertEquals(LEG.lowerLimitMm(), atSwitch, 0.02, "first seen within one 1 ms step of travel, mm");
    }

    @Test
    void beyondTheUltimateLimitTheSafetyChainOpensAndPowerIsRemoved() {
        RigSim rig = TestRigs.rig(LEG.travelMm() - 5);
        WinchSim w = rig.winch(0);
        TestRigs.releaseAndHold(w);
        run(rig, 0.05);
        w.runaway(50); // upward through the upper switch: only the ultimate limit can stop it here
        double ultimateMm = LEG.travelMm() + LEG.ultimateMarginMm();
        double openedAt = Double.NaN;
        for (int i = 0; i < 2_000 && Double.isNaN(openedAt); i++) {
            rig.step(TestRigs.DT_S);
            if (!rig.safetyChain().relayClosed()) {
                openedAt = w.positionMm();
            }
        }
        assertTrue(openedAt > ultimateMm && openedAt < ultimateMm + 0.2, "opened at " + openedAt + " mm");
        assertEquals(Set.of(SafetyChainSim.Stop.ULTIMATE_LIMIT), rig.safetyChain().openStops());
        assertFalse(rig.safetyChain().monitorHigh());
        run(rig, 0.001);
        assertFalse(w.drivePowerPresent(), "drive power removed");
        run(rig, LEG.brakeEngageS() + 0.01);
        assertTrue(w.brakeEngaged(BrakeId.MOTOR) && w.brakeEngaged(BrakeId.DRUM), "both brakes dropped");
        double stoppedAt = w.positionMm();
        run(rig, 1);
        assertEquals(stoppedAt, w.positionMm(), 1e-9, "stopped");
        assertTrue(stoppedAt < ultimateMm + 5, "overtravel " + (stoppedAt - ultimateMm) + " mm");
    }
}
