package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TRAINER;
import static com.lianarig.controller.safety.SrRig.LEFT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-10 (v3) and I-1: program-stop and program-pause end the program's motion at once with a controlled
 * stop, whatever the enable; the enable still held starts nothing again. Issue 13's second case: with the
 * enable held the legs braked, then drove on at up to 80 mm/s (605 mm more lift) while the state read READY.
 */
class Sr10ProgramPauseResumeTest {
    /** A jerk-limited stop from 80 mm/s (v/a + a/j) and the brakes' engage time, with margin, ms. */
    static final long STOP_MS = 80 * 1000 / 100 + 100 * 1000 / 500 + 200;

    @TempDir
    Path dir;

    /** A program on C7-T1 (the highest aim) runs; the legs rise fast with the enable held. */
    private static void programRising(RigHarness h) throws Exception {
        SrRig.ready(h);
        h.holdEnable(true);
        h.must(TRAINER, new Command.ProgramStart(SpineSegment.C7_T1, ""));
        assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(LEFT) > 40, 10_000), "rising");
    }

    private static void staysStoppedWithTheEnableHeld(RigHarness h, Command end) {
        h.must(TRAINER, end);
        long stillMs = SrRig.msUntil(h, () -> SrRig.pairStill(h) && SrRig.pairBraked(h), 3_000, "legs braked");
        assertTrue(stillMs <= STOP_MS, "braked " + stillMs + " ms after " + end.name());
        double stopped = h.truePositionMm(LEFT);
        RigHarness.LegRise rise = new RigHarness.LegRise();
        h.everyStep(rise);
        h.step(5_000); // the trainer still holds the enable
        assertEquals(stopped, h.truePositionMm(LEFT), 0.5, "moved again after " + end.name() + " with the enable held");
        assertTrue(SrRig.pairBraked(h), "the brakes opened again");
        rise.assertAtMost(0.1, 1.0);
    }

    @Test
    void programStopWithTheEnableHeldStopsTheLegsForGood() throws Exception {
        try (RigHarness h = RigHarness.standard(1001, dir)) {
            programRising(h);
            staysStoppedWithTheEnableHeld(h, new Command.ProgramStop());
            assertEquals(Mode.READY, h.mode(), h.controller.status().modeReason());
        }
    }

    @Test
    void programPauseWithTheEnableHeldStopsTheLegsUntilResumed() throws Exception {
        try (RigHarness h = RigHarness.standard(1002, dir)) {
            programRising(h);
            staysStoppedWithTheEnableHeld(h, new Command.ProgramPause());
            assertEquals("paused", h.controller.status().program().orElseThrow().phase());
            double paused = h.truePositionMm(LEFT);
            h.must(TRAINER, new Command.ProgramResume());
            assertTrue(h.stepUntil(() -> h.truePositionMm(LEFT) > paused + 10, 5_000), "resumed by the trainer");
        }
    }
}
