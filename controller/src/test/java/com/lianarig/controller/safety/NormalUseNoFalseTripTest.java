package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import com.lianarig.sim.fault.Faults;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** A whole ordinary session, light and heavy client, with breathing, sway and weight shifts: no protection trips. */
class NormalUseNoFalseTripTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} kg, {1} mm")
    @CsvSource({"40, 1500, 401", "130, 1900, 1301"})
    void wholeSessionNeverFaults(double massKg, double statureMm, long seed) throws Exception {
        try (RigHarness h = RigHarness.standard(seed, dir)) {
            h.ready(RigHarness.client(massKg, statureMm, seed), RigHarness.profile("n" + seed, massKg, statureMm));
            h.everyStep(x -> {
                assertNotEquals(Mode.FAULT, x.mode(), () -> x.controller.status().modeReason());
                assertNotEquals(Mode.ESTOP, x.mode());
            });
            h.holdEnable(true);
            for (SpineSegment s : new SpineSegment[] {SpineSegment.L4_L5, SpineSegment.T12_L1, SpineSegment.L3}) {
                h.must(TRAINER, new Command.AimAt(s));
                assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 60_000), s + ": " + h.controller.status());
                h.step(4_000); // refinement
                // weight shift: a few kg more on one strap, then on the other
                Faults.extraLoad(h.rig, 0, 30);
                h.step(1_500);
                Faults.extraLoad(h.rig, 0, 0);
                Faults.extraLoad(h.rig, 1, 30);
                h.step(1_500);
                Faults.extraLoad(h.rig, 1, 0);
                h.step(500);
            }
            h.step(500);
            // the trainer nudges: jog up a little, then down
            braked(h);
            h.must(TRAINER, new Command.Jog("legs", Command.Jog.Direction.UP));
            h.step(600);
            h.must(TRAINER, new Command.Jog("legs", Command.Jog.Direction.NONE));
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 5_000));
            braked(h);
            h.must(TRAINER, new Command.Jog("legs", Command.Jog.Direction.DOWN));
            h.step(1_000);
            h.must(TRAINER, new Command.Jog("legs", Command.Jog.Direction.NONE));
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 5_000));
            // landing: lower to the mat (both ropes unload together: no SR-6)
            braked(h);
            h.must(TRAINER, new Command.MoveTo("legs", 220));
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 60_000), h.controller.status().toString());
            h.step(2_000);
            assertTrue(h.controller.status().faults().isEmpty(), h.controller.status().faults().toString());
            assertTrue(SrRig.bothBraked(h));
            // on the mat: the move ends at its target, the soft low end (20 mm), through the slow-down zone
            assertEquals(20, h.truePositionMm(SrRig.LEFT), 1.5, "landed at " + h.truePositionMm(SrRig.LEFT));
            h.must(TRAINER, new Command.Detach());
            h.must(TRAINER, new Command.Detach());
            assertEquals(Mode.HOLDING, h.mode());
        }
    }

    private static void braked(RigHarness h) {
        assertTrue(h.stepUntil(() -> h.controller.safety().view().groupState(SrRig.legs(h))
                == SafetySupervisor.GroupState.BRAKED, 2_000), "legs braked");
    }
}
