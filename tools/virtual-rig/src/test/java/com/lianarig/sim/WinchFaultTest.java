package com.lianarig.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.Brake;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.BrakeTest;
import com.lianarig.protocol.BrakeTestOutcome;
import com.lianarig.protocol.BrakeTestResult;
import com.lianarig.protocol.ClearShutdown;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.Stop;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.Exercise;
import com.lianarig.sim.physics.VirtualClient;
import com.lianarig.sim.physics.WinchSim;
import org.junit.jupiter.api.Test;

/** Winch faults through the node and the host: encoder, brakes, drive (standard rig, winch 0 = left leg). */
class WinchFaultTest {
    private static final double C = SimHost.countsPerMm(0);
    /** SimHost.winchConfig: 20 mm. */
    private static final int MAX_FOLLOWING_ERROR_COUNTS = (int) (20 * C);

    private static SimHost following(long seed) {
        SimHost host = SimHost.standard(seed).configured();
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        assertEquals(WinchState.FOLLOWING, host.rig.node(0).winchState(0));
        return host;
    }

    private static void holdStill(SimHost host, long millis) {
        int at = host.rig.node(0).winchPosition(0);
        host.stream(0, millis, ms -> at, 0);
    }

    private static boolean bothBrakes(WinchSim w) {
        return w.brakeEngaged(BrakeId.MOTOR) && w.brakeEngaged(BrakeId.DRUM);
    }

    @Test
    void anEncoderJumpShowsInWinchStatusWhileTheRopeStays() {
        SimHost host = SimHost.standard(31).configured();
        host.step(50);
        WinchSim winch = host.rig.physics().winch(0);
        int before = host.status(0).positionCounts();
        double trueBefore = winch.positionMm();

        Faults.encoderJump(host.rig, 0, 1_234);
        host.step(50);

        assertEquals(before + 1_234, host.status(0).positionCounts(), "WINCH_STATUS position jumped, counts");
        assertEquals(trueBefore, winch.positionMm(), 1e-9, "braked: the rope did not move");
        assertEquals(WinchState.BRAKED, host.status(0).state());
    }

    @Test
    void anEncoderJumpBeyondTheFollowingErrorLimitWhileFollowingTripsFollowingError() {
        SimHost host = following(32);
        holdStill(host, 200);
        WinchSim winch = host.rig.physics().winch(0);
        double trueBefore = winch.positionMm();

        Faults.encoderJump(host.rig, 0, 2 * MAX_FOLLOWING_ERROR_COUNTS);
        host.step(2);

        assertEquals(WinchState.TRIPPED, host.rig.node(0).winchState(0), "tripped on the next node tick");
        assertEquals(NodeFault.FOLLOWING_ERROR, host.rig.node(0).winchFault(0));
        host.step(100);
        assertTrue(host.faultReports().stream().anyMatch(f -> f.fault() == NodeFault.FOLLOWING_ERROR
                && Math.abs(f.measured()) > f.limit()), host.faultReports().toString());
        assertTrue(bothBrakes(winch), "cat 0: both brakes");
        assertEquals(trueBefore, winch.positionMm(), 2, "the rope barely moved before the brakes held, mm");
    }

    @Test
    void anEncoderGlitchBelowTheLimitMovesTheRopeSilentlyThroughTheDrive() {
        SimHost host = following(33);
        holdStill(host, 200);
        WinchSim winch = host.rig.physics().winch(0);
        double trueBefore = winch.positionMm();
        int glitch = MAX_FOLLOWING_ERROR_COUNTS / 4; // 5 mm
        int target = host.rig.node(0).winchPosition(0);

        Faults.encoderJump(host.rig, 0, glitch);
        host.stream(0, 1_000, ms -> target, 0); // the host keeps asking for the same position

        assertEquals(WinchState.FOLLOWING, host.rig.node(0).winchState(0), "below the limit: no trip");
        assertEquals(trueBefore - glitch / C, winch.positionMm(), 0.2,
                "the servo believes the encoder and moves the rope down by the glitch, mm");
    }

    /** Brake test as the pre-use check does it: 80 % torque for 1 s, 2 mm allowed. */
    private static BrakeTestResult brakeTest(SimHost host, BrakeId brake) {
        int results = host.brakeTests().size();
        host.send(new BrakeTest(0, brake, 800, 1_000, (int) (2 * C)));
        for (int i = 0; i < 1_500 && host.brakeTests().size() == results; i++) {
            host.step(1);
        }
        host.step(50);
        assertEquals(results + 1, host.brakeTests().size(), "one BRAKE_TEST_RESULT");
        return host.brakeTests().get(results);
    }

    @Test
    void aHealthyBrakeHoldsTheBrakeTestAndASlippingOneIsReportedSlipped() {
        SimHost host = SimHost.standard(34).configured();
        WinchSim winch = host.rig.physics().winch(0);
        for (BrakeId b : BrakeId.values()) {
            BrakeTestResult healthy = brakeTest(host, b);
            assertEquals(BrakeTestOutcome.HELD, healthy.outcome(), b + ": " + healthy);
            assertTrue(Math.abs(healthy.movementCounts()) <= 1, "held still: " + healthy.movementCounts());
        }

        Faults.brakeSlip(host.rig, 0, Faults.Brakes.MOTOR, 0.2);
        double before = winch.positionMm();
        BrakeTestResult slipped = brakeTest(host, BrakeId.MOTOR);
        BrakeTestResult drum = brakeTest(host, BrakeId.DRUM);

        assertEquals(BrakeTestOutcome.SLIPPED, slipped.outcome(), slipped.toString());
        assertTrue(slipped.movementCounts() < -2 * C, "moved down beyond 2 mm: " + slipped.movementCounts());
        assertEquals(before, winch.positionMm(), 4, "torque removed at once: the slip stays small, mm");
        assertEquals(BrakeTestOutcome.HELD, drum.outcome(), "the drum brake is still healthy");
        assertEquals(WinchState.BRAKED, host.status(0).state());
    }

    @Test
    void aRunawayDriveIgnoresAStopCat1UntilTheBrakesCloseOnIt() {
        SimHost host = following(35);
        WinchSim winch = host.rig.physics().winch(0);
        int start = host.rig.node(0).winchPosition(0);
        host.stream(0, 1_000, ms -> (int) (start - 40 * C * ms / 1000.0), (int) (-40 * C));

        Faults.runaway(host.rig, 0, -45);
        host.send(new Stop(0b1, StopCategory.CAT_1));
        host.step(200);

        assertEquals(WinchState.STOPPING, host.rig.node(0).winchState(0));
        assertEquals(-45, winch.velocityMmPerS(), 1,
                "200 ms into a 100 mm/s^2 ramp a healthy drive would be at -20 mm/s; the runaway keeps going");
        host.step(400);
        assertTrue(bothBrakes(winch), "the node applies the brakes at the end of its ramp");
        assertEquals(0, winch.velocityMmPerS(), 1e-9, "only the brakes stopped it");
    }

    @Test
    void aRunawayWhileHoldingTripsFollowingErrorAndCat0StopsIt() {
        SimHost host = following(36);
        WinchSim winch = host.rig.physics().winch(0);
        holdStill(host, 100);
        double startMm = winch.positionMm();

        Faults.runaway(host.rig, 0, 30); // up, below the overspeed limit (96 mm/s)
        int at = host.rig.node(0).winchPosition(0);
        for (int i = 0; i < 2_000 && host.rig.node(0).winchState(0) == WinchState.FOLLOWING; i++) {
            if (i % 10 == 0) {
                host.session.sendSetPoint(0, at, 0);
            }
            host.step(1);
        }

        assertEquals(NodeFault.FOLLOWING_ERROR, host.rig.node(0).winchFault(0));
        assertEquals(20, winch.positionMm() - startMm, 1.5, "tripped at the 20 mm following error, mm");
        host.step(30);
        assertTrue(bothBrakes(winch));
        double stoppedMm = winch.positionMm();
        host.step(1_000);
        assertEquals(stoppedMm, winch.positionMm(), 1e-9, "cat 0 (drive off, brakes) stopped the runaway");
    }

    @Test
    void aRunawayIsStoppedByStopCat0() {
        SimHost host = following(37);
        WinchSim winch = host.rig.physics().winch(0);
        Faults.runaway(host.rig, 0, -30);
        int at = host.rig.node(0).winchPosition(0);
        host.stream(0, 100, ms -> at, 0);
        assertEquals(-30, winch.velocityMmPerS(), 1, "running away");

        host.send(new Stop(0b1, StopCategory.CAT_0));
        host.step(1 + (long) Math.ceil(winch.params().brakeEngageS() * 1000) + 1);

        assertTrue(bothBrakes(winch), "both brakes within the engage delay after the STOP arrived");
        assertEquals(0, winch.velocityMmPerS(), 1e-9);
        assertEquals(WinchState.BRAKED, host.rig.node(0).winchState(0));
    }

    @Test
    void aDriveFaultTripsTheWinchAndBlocksReleaseUntilItIsGone() {
        SimHost host = following(38);
        WinchSim winch = host.rig.physics().winch(0);
        holdStill(host, 100);

        Faults.driveFault(host.rig, 0, true);
        host.step(2 + (long) Math.ceil(winch.params().brakeEngageS() * 1000));

        assertEquals(WinchState.TRIPPED, host.rig.node(0).winchState(0));
        assertEquals(NodeFault.DRIVE_FAULT, host.status(0).fault());
        assertTrue(bothBrakes(winch));
        host.send(new ClearShutdown());
        host.step(10);
        assertEquals("nack CLEAR_SHUTDOWN FAULT_PRESENT " + NodeFault.DRIVE_FAULT.code(), host.lastAnswer());

        Faults.driveFault(host.rig, 0, false);
        host.send(new ClearShutdown());
        host.step(10);
        assertEquals("ack CLEAR_SHUTDOWN", host.lastAnswer());
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(10);
        assertEquals("ack BRAKE", host.lastAnswer());
    }

    @Test
    void aPendantStopRemovesDrivePowerTheNodeTripsAndBothBrakesHoldTheClient() {
        SimHost host = following(39);
        host.rig.locked(() -> {
            host.rig.physics().client(VirtualClient.reference(70, 1750), Exercise.INVERTED_HANG);
            return null;
        });
        WinchSim winch = host.rig.physics().winch(0);
        holdStill(host, 200);

        Faults.stopOpen(host.rig, Faults.ChainStop.PENDANT);
        holdStill(host, (long) Math.ceil(winch.params().brakeEngageS() * 1000) + 1);

        assertTrue(bothBrakes(winch), "both brakes within the engage delay");
        assertEquals(WinchState.TRIPPED, host.rig.node(0).winchState(0));
        double heldMm = winch.positionMm();
        holdStill(host, 500);
        WinchStatus s = host.status(0);
        assertFalse(s.drivePowered(), "WINCH_STATUS shows no drive power");
        assertEquals(NodeFault.POWER_REMOVED, s.fault());
        assertEquals(heldMm, winch.positionMm(), 1e-9, "held");
        Faults.stopClose(host.rig, Faults.ChainStop.PENDANT);
        host.send(new ClearShutdown());
        host.step(10);
        assertEquals("ack CLEAR_SHUTDOWN", host.lastAnswer());
        assertEquals(WinchState.BRAKED, host.rig.node(0).winchState(0), "back to BRAKED, not moving");
    }
}
