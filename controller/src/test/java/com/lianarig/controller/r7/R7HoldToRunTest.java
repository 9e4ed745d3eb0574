package com.lianarig.controller.r7;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.safety.SafetyRule;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression found by the R-7 campaign (seed 8000847 of base seed 8): a hold-to-run jog or rescue
 * descent pressed again while the stop of its last release was still running went on after the
 * next release, at full speed and for good (SR-10, SR-19: hold-to-run), because the "stopping"
 * flag of the first release was never cleared.
 */
class R7HoldToRunTest {
    @TempDir
    Path dir;

    private static void legsStillAndBrakedWithin(RigHarness h, long millis, String what) {
        assertTrue(h.stepUntil(() -> Math.abs(h.trueVelocityMmPerS(0)) < 0.5 && Math.abs(h.trueVelocityMmPerS(1)) < 0.5
                && h.trueBrakesEngaged(0) && h.trueBrakesEngaged(1), millis),
                what + ": the legs still move at " + h.trueVelocityMmPerS(0) + " mm/s");
    }

    @Test
    void aJogPressedAgainDuringItsStopStopsAtTheNextRelease() throws Exception {
        try (RigHarness h = RigHarness.standard(11, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c1", 70, 1750));
            h.holdEnable(true);
            h.must(RigHarness.TRAINER, new Command.MoveTo("legs", 900));
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 30_000), h.controller.status().toString());
            h.step(500); // the brakes engage
            h.must(RigHarness.TRAINER, new Command.Jog("legs", Command.Jog.Direction.DOWN));
            h.step(1_000);
            h.must(RigHarness.TRAINER, new Command.Jog("legs", Command.Jog.Direction.NONE));
            h.step(100); // the stop of that release runs
            h.must(RigHarness.TRAINER, new Command.Jog("legs", Command.Jog.Direction.DOWN));
            h.step(500);
            h.must(RigHarness.TRAINER, new Command.Jog("legs", Command.Jog.Direction.NONE));
            // a controlled stop from the 50 mm/s descent cap: 0.5 + 0.5 s, the brakes 30 ms, margin
            legsStillAndBrakedWithin(h, 1_500, "jog released");
        }
    }

    @Test
    void aRescuePressedAgainDuringItsStopStopsAtTheNextRelease() throws Exception {
        try (RigHarness h = RigHarness.standard(12, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c1", 70, 1750));
            h.holdEnable(true);
            h.must(RigHarness.TRAINER, new Command.MoveTo("legs", 900));
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 30_000), h.controller.status().toString());
            Faults.extraLoad(h.rig, 0, 40 * RigHarness.G_KG);
            Faults.extraLoad(h.rig, 1, 40 * RigHarness.G_KG);
            assertTrue(h.stepUntil(() -> h.controller.safety().latched(SafetyRule.SR_2), 2_000), "SR-2 never latched");
            h.step(500);
            h.must(RigHarness.TRAINER, new Command.RescueDescent(true));
            h.step(1_000);
            h.must(RigHarness.TRAINER, new Command.RescueDescent(false));
            h.step(50); // the stop of that release runs
            h.must(RigHarness.TRAINER, new Command.RescueDescent(true));
            h.step(400);
            h.must(RigHarness.TRAINER, new Command.RescueDescent(false));
            legsStillAndBrakedWithin(h, 1_000, "rescue released");
        }
    }
}
