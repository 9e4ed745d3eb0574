package com.lianarig.sim.physics;

import static com.lianarig.sim.physics.TestRigs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.BrakeId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The hardwired safety chain: any stop removes drive power and drops both brakes (SR-11). */
class SafetyChainTest {

    @ParameterizedTest
    @EnumSource(value = SafetyChainSim.Stop.class, names = {"PENDANT_STOP", "CLIENT_STOP", "WALL_ESTOP"})
    void openingAnyStopRemovesDrivePowerAndDropsBothBrakesWithinTheEngageDelay(SafetyChainSim.Stop stop) {
        RigSim rig = TestRigs.rig(800);
        rig.client(VirtualClient.reference(70, 1750), Exercise.INVERTED_HANG);
        WinchSim w = rig.winch(0);
        TestRigs.releaseAndHold(w);
        run(rig, 0.1);
        assertFalse(w.brakeEngaged(BrakeId.MOTOR) || w.brakeEngaged(BrakeId.DRUM), "released, following");
        List<Boolean> monitor = new ArrayList<>();
        rig.safetyChain().onMonitorChange(monitor::add);

        rig.safetyChain().open(stop);

        assertFalse(rig.safetyChain().monitorHigh(), "monitor reads tripped at once");
        assertEquals(List.of(false), monitor, "listener told of the change");
        double engageS = w.params().brakeEngageS();
        int engageSteps = (int) Math.round(engageS / TestRigs.DT_S);
        run(rig, (engageSteps - 1) * TestRigs.DT_S);
        assertFalse(w.drivePowerPresent(), "drive power removed on the first step");
        assertEquals(0, w.torquePermille(), "no torque without power");
        assertFalse(w.brakeEngaged(BrakeId.MOTOR), "not before the engage delay");
        run(rig, TestRigs.DT_S);
        assertTrue(w.brakeEngaged(BrakeId.MOTOR) && w.brakeEngaged(BrakeId.DRUM),
                "both brakes engaged " + engageS + " s after the chain opened");
        double heldAt = w.positionMm();
        run(rig, 1);
        assertEquals(heldAt, w.positionMm(), 1e-9, "held");

        rig.safetyChain().close(stop);
        assertTrue(rig.safetyChain().monitorHigh(), "healthy again");
        assertEquals(List.of(false, true), monitor);
        run(rig, 0.01);
        assertTrue(w.drivePowerPresent(), "power restored");
    }

    @Test
    void aRemovedMonitorListenerHearsNoMore() {
        SafetyChainSim chain = new SafetyChainSim();
        List<Boolean> heard = new ArrayList<>();
        java.util.function.Consumer<Boolean> listener = heard::add;
        chain.onMonitorChange(listener);
        chain.breakMonitorWire(true);
        chain.removeMonitorListener(listener);
        chain.breakMonitorWire(false);
        assertEquals(List.of(false), heard);
        assertTrue(chain.monitorHigh());
    }

    @Test
    void onPowerLossALiftedClientSinksUnderAMillimetreBeforeTheBrakesHold() {
        RigSim rig = TestRigs.rig(1_590);
        rig.client(VirtualClient.reference(70, 1750), Exercise.INVERTED_HANG);
        WinchSim w = rig.winch(0);
        TestRigs.releaseAndHold(w);
        run(rig, 0.2);
        double before = w.positionMm();

        rig.safetyChain().open(SafetyChainSim.Stop.WALL_ESTOP);
        run(rig, w.params().brakeEngageS() + 0.005);

        // 348 N on a drive train that reflects J (gear / r)^2 = 1.2e-4 x (50 / 0.04)^2 = 187.5 kg
        // to the rope, plus the 35 kg hanging: about 1.6 m/s^2 for 30 ms, 0.7 mm (free fall: 4.4 mm).
        double tensionN = rig.tensionN(0);
        double accelMmPerS2 = tensionN / (tensionN / TestRigs.G + w.params().reflectedMassKg()) * 1000;
        double engageS = w.params().brakeEngageS();
        double sinkMm = before - w.positionMm();
        assertEquals(187.5, w.params().reflectedMassKg(), 0.1, "drive train seen at the rope, kg");
        assertEquals(0.5 * accelMmPerS2 * engageS * engageS, sinkMm, 0.03, "sink before the brakes hold, mm");
        double freeFallMm = 0.5 * TestRigs.G * 1000 * engageS * engageS;
        assertTrue(sinkMm < 0.2 * freeFallMm, "far from free fall (" + freeFallMm + " mm): " + sinkMm + " mm");
    }

    @Test
    void anEmptyStrapDoesNotDropWhileTheBrakesEngage() {
        RigSim rig = TestRigs.rig(800);
        WinchSim w = rig.winch(0);
        TestRigs.releaseAndHold(w);
        run(rig, 0.2);
        double before = w.positionMm();
        rig.safetyChain().open(SafetyChainSim.Stop.PENDANT_STOP);
        run(rig, 1);
        assertEquals(before, w.positionMm(), 0.02, "5 N of strap hardly turns a 187 kg drive train, mm");
    }

    @Test
    void aBrokenMonitorWireReadsAsTrippedWithoutRemovingPower() {
        SafetyChainSim chain = new SafetyChainSim();
        List<Boolean> monitor = new ArrayList<>();
        chain.onMonitorChange(monitor::add);
        chain.breakMonitorWire(true);
        assertFalse(chain.monitorHigh(), "pull-down: a cut wire reads tripped");
        assertTrue(chain.relayClosed(), "the relay itself is still closed");
        chain.breakMonitorWire(false);
        assertTrue(chain.monitorHigh());
        assertEquals(List.of(false, true), monitor);
    }

    @Test
    void aStuckMonitorContactReadsHealthyWhileAStopRemovesDrivePower() {
        SafetyChainSim chain = new SafetyChainSim();
        List<Boolean> monitor = new ArrayList<>();
        chain.onMonitorChange(monitor::add);
        chain.monitorStuckHealthy(true);
        chain.open(SafetyChainSim.Stop.CLIENT_STOP);
        assertFalse(chain.relayClosed(), "the client stop removes drive power");
        assertTrue(chain.monitorHigh(), "the stuck contact still reads healthy");
        chain.close(SafetyChainSim.Stop.CLIENT_STOP);
        chain.monitorStuckHealthy(false);
        chain.open(SafetyChainSim.Stop.CLIENT_STOP);
        assertFalse(chain.monitorHigh(), "repaired: the stop shows");
        assertEquals(List.of(false), monitor, "the Pi heard nothing while the contact was stuck");
    }

    @Test
    void theChainClosesOnlyWhenEveryStopIsClosed() {
        SafetyChainSim chain = new SafetyChainSim();
        chain.open(SafetyChainSim.Stop.PENDANT_STOP);
        chain.open(SafetyChainSim.Stop.WALL_ESTOP);
        chain.close(SafetyChainSim.Stop.PENDANT_STOP);
        assertFalse(chain.relayClosed(), "the wall e-stop is still open");
        chain.close(SafetyChainSim.Stop.WALL_ESTOP);
        assertTrue(chain.relayClosed());
        assertTrue(chain.openStops().isEmpty());
    }
}
