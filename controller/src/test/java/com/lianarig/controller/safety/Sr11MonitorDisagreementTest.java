package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TECHNICIAN;
import static com.lianarig.controller.RigHarness.TRAINER;
import static com.lianarig.controller.safety.SrRig.LEFT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import com.lianarig.sim.physics.SafetyChainSim;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-11 (v3): the monitor contact OR a node's "drive power removed" report is an ESTOP; the two disagreeing for
 * 500 ms is a fault of the monitoring (technician). Issue 13's fourth case: a client stop the monitor contact
 * missed never showed as ESTOP, and after an everyday reset the program lifted the client again.
 */
class Sr11MonitorDisagreementTest {
    @TempDir
    Path dir;

    @Test
    void aClientStopTheMonitorContactMissesIsAnEstopFromTheNodesAndNothingLiftsAfterTheReset() throws Exception {
        try (RigHarness h = RigHarness.standard(1101, dir)) {
            SrRig.ready(h);
            h.holdEnable(true);
            h.must(TRAINER, new Command.ProgramStart(SpineSegment.C7_T1, ""));
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(LEFT) > 40, 10_000), "rising");
            SafetyChainSim chain = h.rig.physics().safetyChain();
            chain.monitorStuckHealthy(true); // the relay's monitoring contact is welded: the Pi reads healthy
            chain.open(SafetyChainSim.Stop.CLIENT_STOP);
            assertTrue(h.stepUntil(() -> h.mode() == Mode.ESTOP, 100), "ESTOP from the nodes' power reports: "
                    + h.controller.status().modeReason());
            h.step(1_000);
            assertTrue(SrRig.pairBraked(h) && SrRig.pairStill(h), "braked");
            Fault f = SrRig.latched(h, SafetyRule.SR_11);
            assertEquals(ResetRole.TECHNICIAN, f.resetBy(), "the disagreement is the monitoring's fault: " + f);
            assertTrue(f.cause().contains("monitor"), f.cause());

            chain.close(SafetyChainSim.Stop.CLIENT_STOP);
            h.step(500);
            Decision trainerReset = h.decide(TRAINER, new Command.Reset());
            assertEquals(Refusal.CAUSE_PRESENT, trainerReset.refusal(), trainerReset.toString());
            double stopped = h.truePositionMm(LEFT);
            h.must(TRAINER, new Command.ReleaseControl());
            h.must(TECHNICIAN, new Command.TakeControl());
            h.must(TECHNICIAN, new Command.Reset());
            h.must(TECHNICIAN, new Command.ReleaseControl());
            h.must(TRAINER, new Command.TakeControl());
            h.holdEnable(true);
            h.step(3_000); // the enable is held: nothing moves by itself after the reset
            assertEquals(stopped, h.truePositionMm(LEFT), 0.5, "the program lifted the client again after the reset");
            assertFalse(h.controller.status().program().isPresent(), "the program ended with the ESTOP");
        }
    }

    @Test
    void aMonitorWireBrokenWhileTheNodesHavePowerIsATechniciansFault() throws Exception {
        try (RigHarness h = RigHarness.standard(1102, dir)) {
            SrRig.ready(h);
            h.rig.physics().safetyChain().breakMonitorWire(true);
            assertTrue(h.stepUntil(() -> h.mode() == Mode.ESTOP, 100), "ESTOP from the monitor contact");
            h.step(600);
            assertEquals(ResetRole.TECHNICIAN, SrRig.latched(h, SafetyRule.SR_11).resetBy(),
                    h.controller.status().faults().toString());
        }
    }
}
