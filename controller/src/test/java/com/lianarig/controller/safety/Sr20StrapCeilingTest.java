package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.ClientProfile;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-20: no target or refinement above the client's maximum strap height. */
class Sr20StrapCeilingTest {
    static final double CEILING_MM = 600;

    @TempDir
    Path dir;

    private RigHarness readyWithCeiling(long seed) throws Exception {
        RigHarness h = RigHarness.standard(seed, dir);
        h.ready(VirtualClient.reference(70, 1750), new ClientProfile("c20", 1750, 70, Map.of(), Map.of(),
                OptionalDouble.of(CEILING_MM), List.of()));
        double base = h.model.winch(SrRig.LEFT).config().baseHeightMm();
        h.everyStep(x -> {
            for (int w : new int[] {SrRig.LEFT, SrRig.RIGHT}) {
                assertTrue(base + x.truePositionMm(w) <= CEILING_MM + 1.0, "strap of winch " + w + " at "
                        + (base + x.truePositionMm(w)) + " mm, above the ceiling");
            }
        });
        return h;
    }

    @Test
    void supervisorHoldsARoguePlannerBelowTheCeiling() throws Exception {
        try (RigHarness h = readyWithCeiling(20)) {
            h.holdEnable(true);
            SrRig.roguePlanner(h, SrRig.legs(h), () -> 60);
            h.step(12_000);
            assertEquals(CEILING_MM - 200, h.truePositionMm(SrRig.LEFT), 1.5);
        }
    }

    @Test
    void aimingAboveTheCeilingStopsAtIt() throws Exception {
        try (RigHarness h = readyWithCeiling(21)) {
            h.holdEnable(true);
            h.must(TRAINER, new Command.AimAt(SpineSegment.C7_T1));
            assertTrue(h.controller.status().aimedHeightMm() <= CEILING_MM, "aimed at "
                    + h.controller.status().aimedHeightMm());
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 30_000), h.controller.status().toString());
            h.step(8_000); // refinement
            assertTrue(h.controller.status().faults().isEmpty(), h.controller.status().faults().toString());
            assertEquals(CEILING_MM - 200, h.truePositionMm(SrRig.LEFT), 3);
        }
    }

    /**
     * The controller's own ceiling (not only the supervisor's clamp): a panel's target above the client's
     * maximum strap height (1,400 mm) is refused naming SR-20, and nothing moves.
     */
    @Test
    void aTargetAboveTheCeilingIsRefusedNamingSr20() throws Exception {
        try (RigHarness h = RigHarness.standard(205, dir)) {
            SrRig.ready(h);
            double left = h.truePositionMm(SrRig.LEFT);
            h.holdEnable(true);
            com.lianarig.controller.command.Decision d = h.decide(RigHarness.TRAINER,
                    new com.lianarig.controller.command.Command.MoveTo(SrRig.LEGS, 1_500));
            org.junit.jupiter.api.Assertions.assertEquals(com.lianarig.controller.command.Refusal.OUT_OF_LIMITS,
                    d.refusal(), d.toString());
            org.junit.jupiter.api.Assertions.assertTrue(d.toString().contains("SR-20"), d.toString());
            h.step(1_000);
            org.junit.jupiter.api.Assertions.assertEquals(left, h.truePositionMm(SrRig.LEFT), 0.5, "moved");
        }
    }

    /**
     * A re-attach never raises the ceiling of the body that hangs: with the client off the mat, attaching a
     * profile with a higher ceiling (the same person, a wrong profile) is refused, and a move above the
     * hanging client's own ceiling stays refused; nothing moves.
     */
    @Test
    void aReattachWhileTheClientHangsIsRefusedAndTheCeilingStays() throws Exception {
        try (RigHarness h = RigHarness.standard(2004, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("own", 70, 1750, 1_000));
            SrRig.moveLegs(h, 900);
            h.profiles.save(RigHarness.profile("higher", 70, 1750, 1_400));
            var d = h.decide(TRAINER, new Command.Attach("higher"));
            assertTrue(!d.accepted(), "a re-attach with the client hanging was accepted: " + d);
            double leftMm = h.truePositionMm(SrRig.LEFT);
            var move = h.decide(TRAINER, new Command.MoveTo("legs", 1_200));
            assertTrue(!move.accepted(), "a move above the hanging client's ceiling was accepted: " + move);
            h.step(2_000);
            assertEquals(leftMm, h.truePositionMm(SrRig.LEFT), 0.5, "moved");
        }
    }
}
