package com.lianarig.controller.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.r7.R7Invariants;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-11 (v3), issue 13 case 4: the client presses the client stop, the safety relay removes drive
 * power, but the relay's monitor contact is stuck healthy, so only the node's POWER_REMOVED reports
 * show it. That is ESTOP at once; after the stop is released and a trainer's everyday reset, no
 * program lifts the client again by itself (I-1, judged on the true state by {@link R7Invariants}).
 */
class Sr11PowerRemovedTest {
    @TempDir
    Path dir;

    private static R7Invariants ready(RigHarness h) throws Exception {
        VirtualClient body = VirtualClient.reference(SrRig.CLIENT_KG, 1750);
        h.ready(body, SrRig.profile());
        R7Invariants oracle = R7Invariants.attach(h);
        oracle.clientHanging(body, SrRig.profile().maxStrapHeightMm().getAsDouble());
        return oracle;
    }

    @Test
    void aNodeReportingDrivePowerRemovedIsEstopWhileTheMonitorContactReadsHealthy() throws Exception {
        try (RigHarness h = RigHarness.standard(1101, dir)) {
            ready(h);
            Faults.monitorStuckHealthy(h.rig, true);

            Faults.stopOpen(h.rig, Faults.ChainStop.CLIENT);
            h.step(100); // a node's next status frame (10 ms) and FAULT_REPORT, one control period, margin

            assertTrue(h.rig.physics().safetyChain().monitorHigh(), "the monitor contact still reads healthy");
            assertEquals(Mode.ESTOP, h.mode(), "SR-11: a node reports its drive power removed: "
                    + h.controller.status().modeReason());
        }
    }

    @Test
    void afterTheStopIsReleasedAndAnEverydayResetNoProgramLiftsTheClientAgain() throws Exception {
        try (RigHarness h = RigHarness.standard(1102, dir)) {
            R7Invariants oracle = ready(h);
            h.holdEnable(true);
            h.must(RigHarness.TRAINER, new Command.ProgramStart(SpineSegment.T4, ""));
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(SrRig.LEFT) > 60, 5_000), "the program lifts the legs");
            Faults.monitorStuckHealthy(h.rig, true);
            Faults.stopOpen(h.rig, Faults.ChainStop.CLIENT);
            h.step(1_000);
            assertTrue(SrRig.pairBraked(h) && SrRig.pairStill(h), "the relay dropped the brakes");

            Faults.stopClose(h.rig, Faults.ChainStop.CLIENT);
            h.step(500);
            Decision reset = h.decide(RigHarness.TRAINER, new Command.Reset());
            double restMm = h.truePositionMm(SrRig.LEFT);
            double[] rose = {0};
            h.everyStep(x -> rose[0] = Math.max(rose[0], x.truePositionMm(SrRig.LEFT) - restMm));
            h.step(8_000); // the trainer still holds the enable

            oracle.assertHeld("I-1");
            assertTrue(rose[0] <= R7Invariants.SETTLE_MM, String.format(Locale.ROOT, "the legs rose %.1f mm after the"
                    + " reset (%s), mode %s", rose[0], reset, h.mode()));
        }
    }
}
