package com.lianarig.controller.safety;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.r7.R7Invariants;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SR-10 (v3), issue 13 case 2: program-stop and program-pause end the program's motion at once
 * (controlled stop) whatever the enable; the trainer still holding the enable resumes nothing. Judged
 * on the virtual rig's true state by the R-7 oracle ({@link R7Invariants}, I-1): after the stop the
 * legs come to rest within their stopping time and distance and stay there.
 */
class Sr10ProgramStopTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"program-stop", "program-pause"})
    void programStopOrPauseWithTheEnableStillHeldStopsTheLegsForGood(String how) throws Exception {
        try (RigHarness h = RigHarness.standard(1001, dir)) {
            VirtualClient body = VirtualClient.reference(SrRig.CLIENT_KG, 1750);
            h.ready(body, SrRig.profile());
            R7Invariants oracle = R7Invariants.attach(h);
            oracle.clientHanging(body, SrRig.profile().maxStrapHeightMm().getAsDouble());
            h.holdEnable(true);
            h.must(RigHarness.TRAINER, new Command.ProgramStart(SpineSegment.T4, ""));
            assertTrue(h.stepUntil(() -> h.trueVelocityMmPerS(SrRig.LEFT) > 60, 5_000), "the program lifts the legs");

            h.must(RigHarness.TRAINER, how.equals("program-stop") ? new Command.ProgramStop() : new Command.ProgramPause());
            h.step(2_000); // the controlled stop from 80 mm/s: 1.3 s, its brakes, 100 ms (I-3)
            double restMm = h.truePositionMm(SrRig.LEFT);
            double[] furthest = {0};
            h.everyStep(x -> furthest[0] = Math.max(furthest[0], Math.abs(x.truePositionMm(SrRig.LEFT) - restMm)));
            h.step(8_000); // the trainer keeps holding the enable

            oracle.assertHeld("I-1", "I-2");
            assertTrue(furthest[0] <= R7Invariants.SETTLE_MM, String.format(Locale.ROOT,
                    "after %s the legs moved %.1f mm more (mode %s)", how, furthest[0], h.mode()));
            assertTrue(SrRig.pairBraked(h), "the legs rest on their brakes after " + how);
        }
    }
}
