package com.lianarig.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControllerClosedLoopTest {
    @TempDir
    Path dir;

    @Test
    void bootsHoldingAndNeverMovesWithoutACommand() throws Exception {
        try (RigHarness h = RigHarness.standard(1, dir)) {
            h.boot();
            assertEquals(Mode.HOLDING, h.mode(), h.controller.status().modeReason());
            double before = h.truePositionMm(0);
            h.step(2_000);
            assertEquals(before, h.truePositionMm(0), 0.01);
            assertTrue(h.trueBrakesEngaged(0) && h.trueBrakesEngaged(1));
        }
    }

    @Test
    void aimsAtL4L5AndArrivesLevel() throws Exception {
        try (RigHarness h = RigHarness.standard(2, dir)) {
            h.ready(com.lianarig.sim.physics.VirtualClient.reference(70, 1750), RigHarness.profile("c1", 70, 1750));
            assertEquals(Mode.READY, h.mode());
            h.everyStep(x -> assertTrue(Math.abs(x.truePositionMm(0) - x.truePositionMm(1)) < 2,
                    "pair level: " + x.truePositionMm(0) + " vs " + x.truePositionMm(1)));
            h.holdEnable(true);
            h.must(RigHarness.TRAINER, new Command.AimAt(SpineSegment.L4_L5));
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 60_000), h.controller.status().toString());
            h.step(5_000);
            var s = h.controller.status();
            assertTrue(s.faults().isEmpty(), s.faults().toString());
            assertTrue(h.trueBrakesEngaged(0) && h.trueBrakesEngaged(1));
            assertEquals(s.aimedHeightMm() - 200, h.truePositionMm(0), 70, s.toString());
        }
    }
}
