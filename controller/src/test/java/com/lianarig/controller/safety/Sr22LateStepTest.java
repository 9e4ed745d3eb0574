package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.MS;
import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-22: a control step more than 50 ms late stops motion (category 1) and is journalled. */
class Sr22LateStepTest {
    @TempDir
    Path dir;

    @Test
    void aLateStepStopsMotionAndIsJournalled() throws Exception {
        try (RigHarness h = RigHarness.standard(22, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c22", 70, 1750));
            h.holdEnable(true);
            h.must(TRAINER, new Command.MoveTo("legs", 1_000));
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(SrRig.LEFT) > 30, 8_000), "moving up");
            h.controller.lateStep(60 * MS, h.now);
            // category 1 from <= 80 mm/s at 100 mm/s^2 (jerk-limited): stopped and braked within 1.5 s
            h.step(1_500);
            assertTrue(SrRig.bothBraked(h), "brakes engaged 1.5 s after the late step");
            assertEquals(0, h.trueVelocityMmPerS(SrRig.LEFT), 0.5);
            double p = h.truePositionMm(SrRig.LEFT);
            h.step(2_000);
            assertEquals(p, h.truePositionMm(SrRig.LEFT), 0.5, "the motion does not resume by itself");
            assertTrue(h.journalHas("late-step"), "late step journalled");
            assertTrue(h.journalHas("\"rule\":\"SR-22\""), "stop journalled under SR-22: " + h.journal);
        }
    }
}
