package com.lianarig.controller.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.ClientProfile;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trainer nudges saved as personal offsets, and session programs (SPEC section 5), on the virtual rig. */
class SessionFeaturesTest {
    @TempDir
    Path dir;

    @Test
    void aNudgeIsSavedAsThePersonalOffsetAndTheNextAimUsesIt() throws Exception {
        try (RigHarness h = RigHarness.standard(61, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("nudge", 70, 1750));
            h.holdEnable(true);
            h.must(RigHarness.TRAINER, new Command.AimAt(SpineSegment.L4_L5));
            assertTrue(h.stepUntil(() -> h.journalHas("aim-refined"), 60_000), h.controller.status().toString());
            h.step(500);
            double aimedMm = h.truePositionMm(0);
            // the trainer nudges 25 mm up (hold-to-run) and saves it
            h.must(RigHarness.TRAINER, new Command.Jog("legs", Command.Jog.Direction.UP));
            assertTrue(h.stepUntil(() -> h.truePositionMm(0) > aimedMm + 25, 10_000), "nudged up");
            h.must(RigHarness.TRAINER, new Command.Jog("legs", Command.Jog.Direction.NONE));
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 5_000), h.controller.status().toString());
            double nudgedMm = h.truePositionMm(0);
            var saved = h.must(RigHarness.TRAINER, new Command.SaveOffset());
            ClientProfile stored = h.profiles.load("nudge").orElseThrow();
            double offsetMm = stored.offsetMm(SpineSegment.L4_L5);
            assertTrue(offsetMm > 20, "offset saved: " + offsetMm + " mm (" + saved + ") aimed " + aimedMm + " nudged " + nudgedMm + " " + h.journal.stream().filter(j -> j.startsWith("aim") || j.startsWith("command")).toList());
            // next session: the aimed height includes the offset
            h.must(RigHarness.TRAINER, new Command.Detach());
            h.must(RigHarness.TRAINER, new Command.Detach());
            h.must(RigHarness.TRAINER, new Command.Attach("nudge"));
            h.step(200);
            h.must(RigHarness.TRAINER, new Command.ClientReady());
            h.journal.clear();
            h.must(RigHarness.TRAINER, new Command.AimAt(SpineSegment.L4_L5));
            String aim = h.journal.stream().filter(j -> j.startsWith("aim ")).findFirst().orElseThrow();
            double geometric = com.lianarig.controller.aiming.GeometricEstimate.of(stored.withOffset(SpineSegment.L4_L5, 0),
                    SpineSegment.L4_L5, new com.lianarig.controller.aiming.StrapGeometry(0, 60, 2, 0))
                    .setPointHeightMm();
            double aimedHeightMm = h.controller.status().aimedHeightMm();
            assertEquals(geometric + offsetMm, aimedHeightMm, 0.5, aim);
            assertEquals(nudgedMm + 200, aimedHeightMm, 3, "the preset puts the straps where the nudge left them");
        }
    }

    @Test
    void aProgramHoldsFromThreeSecondsRepeatsThreeTimesLowersBetweenAndNeedsTheEnableAndAResumeToGoOn() throws Exception {
        try (RigHarness h = RigHarness.standard(62, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("prog", 70, 1750));
            double restMm = h.truePositionMm(0);
            List<String> phases = new ArrayList<>();
            List<Double> holds = new ArrayList<>();
            h.everyStep(x -> x.controller.status().program().ifPresent(p -> {
                String key = p.repetition() + ":" + p.phase();
                if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(key)) {
                    phases.add(key);
                    if (p.phase().equals("holding")) {
                        holds.add(p.holdS());
                    }
                }
            }));
            // without the enable the program's first motion does not start
            assertFalse(h.decide(RigHarness.TRAINER, new Command.ProgramStart(SpineSegment.L4_L5, "")).accepted(),
                    "no enable: refused");
            h.holdEnable(true);
            h.must(RigHarness.TRAINER, new Command.ProgramStart(SpineSegment.L4_L5, ""));
            // the program owns the motion: aiming elsewhere is refused until it is paused or stopped
            assertEquals(com.lianarig.controller.command.Refusal.WRONG_STATE,
                    h.decide(RigHarness.TRAINER, new Command.AimAt(SpineSegment.T8)).refusal());
            // let go during the first rise: the program pauses, nothing moves
            h.step(1_500);
            h.holdEnable(false);
            h.step(1_500);
            double pausedMm = h.truePositionMm(0);
            h.step(2_000);
            assertEquals(pausedMm, h.truePositionMm(0), 0.5, "no motion without the enable");
            // SR-10: holding the enable again resumes nothing by itself; the trainer resumes the program
            h.holdEnable(true);
            h.step(2_000);
            assertEquals(pausedMm, h.truePositionMm(0), 0.5, "the enable alone resumed the program");
            assertEquals("paused", h.controller.status().program().orElseThrow().phase());
            h.must(RigHarness.TRAINER, new Command.ProgramResume());
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 240_000), h.controller.status() + " " + phases);
            assertEquals(List.of(3.0, 5.0, 7.0), holds, "holds start at 3 s and grow: " + phases);
            assertTrue(phases.contains("3:lowering"), phases.toString());
            assertEquals(restMm, h.truePositionMm(0), 1.5, "lowered back to where it started");
            assertTrue(h.controller.status().faults().isEmpty(), h.controller.status().faults().toString());
            assertTrue(h.journalHas("all 3 repetitions done"), h.journal.toString());
        }
    }
}
