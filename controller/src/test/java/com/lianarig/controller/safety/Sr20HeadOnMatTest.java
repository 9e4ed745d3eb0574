package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TRAINER;
import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.LEGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.profile.ClientProfile;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-20 from measurement (I-4, issue 14): a ceiling above what the client's stature allows is refused,
 * and the ascent stops when the leg ropes' measured share passes the share the model expects at the
 * ceiling + 0.05 of body weight: the head and shoulders leaving the mat, seen by the load cells whatever
 * the profile says about the body. Judged on the rig's true state.
 */
class Sr20HeadOnMatTest {
    /** The leg winches' base height: strap height above the mat at position 0, unloaded, mm. */
    static final double BASE_MM = 200;

    @TempDir
    Path dir;

    @Test
    void aCeilingAboveWhatTheStatureAllowsIsRefused() throws Exception {
        try (RigHarness h = RigHarness.standard(2001, dir)) {
            h.boot();
            h.preUse.record(java.time.LocalDate.now(RigHarness.WALL), "test", "passed");
            // 1,500 mm tall: the ankle-to-C7 length is 0.816 x 1,500 = 1,224 mm; a 1,400 mm ceiling lifts her head
            h.profiles.save(RigHarness.profile("short", 50, 1500, 1400));
            h.profiles.save(RigHarness.profile("short-ok", 50, 1500, 1200));
            h.must(TRAINER, new Command.TakeControl());
            Decision d = h.decide(TRAINER, new Command.Attach("short"));
            assertEquals(Refusal.OUT_OF_LIMITS, d.refusal(), d.toString());
            assertTrue(d.detail().contains("1400 mm") && d.detail().contains("1224 mm"), d.detail());
            assertEquals(Mode.HOLDING, h.mode());
            h.must(TRAINER, new Command.Attach("short-ok"));
        }
    }

    /**
     * The profile's mass is 60 kg, the client's 70 kg (within SR-25's 35 %): the leg ropes' measured share of
     * the profile's body weight passes the model's share at the 1,400 mm ceiling + 0.05 on the way up, and the
     * ascent stops short of the ceiling; no ascent is admitted while the share stays there; lowering is.
     */
    @Test
    void theAscentStopsWhenTheMeasuredShareIsAboveTheCeilingsShare() throws Exception {
        try (RigHarness h = RigHarness.standard(2002, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("typed-light", 60, 1750, 1400));
            SrRig.moveLegs(h, 900);
            double ceilingPositionMm = 1400 - BASE_MM;
            h.holdEnable(true);
            h.must(TRAINER, new Command.MoveTo(LEGS, 1400));
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY && SrRig.pairBraked(h), 40_000),
                    h.controller.status().toString());
            double stoppedMm = h.truePositionMm(LEFT);
            assertTrue(stoppedMm < ceilingPositionMm - 5, "went on to " + stoppedMm + " mm (the ceiling is at "
                    + ceilingPositionMm + " mm)");
            assertTrue(SrRig.journalled(h, "stop", "SR-20"), "the stop is journalled as SR-20's: " + h.journal);
            assertFalse(h.controller.safety().faulted(), "not a latched fault: " + h.controller.safety().faults());
            // no ascent while the load shows it; lowering is allowed and clears it
            Decision up = h.decide(TRAINER, new Command.Jog(LEGS, Command.Jog.Direction.UP));
            h.step(1_000);
            assertTrue(h.truePositionMm(LEFT) <= stoppedMm + 0.5, "rose again after the stop: " + up);
            h.must(TRAINER, new Command.Jog(LEGS, Command.Jog.Direction.NONE));
            h.must(TRAINER, new Command.MoveTo(LEGS, 800));
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY && SrRig.pairBraked(h), 40_000));
            assertEquals(800 - BASE_MM, h.truePositionMm(LEFT), 3);
        }
    }

    /**
     * Issue 14's case: a taller client's profile (1,750 mm, ceiling 1,400 mm) used for a 1,300 mm client whose
     * own ceiling would be about 1,060 mm, same mass. Lifted toward 1,400 mm, she never hangs free: the loads
     * stop the ascent (SR-25's model check or SR-20's share) while her head and shoulders are on the mat.
     */
    @Test
    void aTallerClientsProfileNeverLiftsAShortClientsHeadOffTheMat() throws Exception {
        try (RigHarness h = RigHarness.standard(2004, dir)) {
            h.ready(VirtualClient.reference(55, 1300), RigHarness.profile("taller", 55, 1750, 1400));
            double[] highestShare = {0};
            h.everyStep(x -> highestShare[0] = Math.max(highestShare[0],
                    (SrRig.kgOnRope(x, 0) + SrRig.kgOnRope(x, 1)) / 55));
            h.holdEnable(true);
            h.must(TRAINER, new Command.MoveTo(LEGS, 1400));
            assertTrue(h.stepUntil(() -> h.mode() != Mode.MOVING && SrRig.pairBraked(h), 40_000),
                    h.controller.status().toString());
            // her C7 at the mat is a true share of 0.919; the head and neck are the rest
            assertTrue(highestShare[0] < 0.95, "the ropes carried " + highestShare[0] + " of her weight");
            assertTrue(h.truePositionMm(LEFT) < 1400 - BASE_MM - 100, "lifted to " + h.truePositionMm(LEFT) + " mm");
        }
    }

    /** The reference client with her own profile reaches her ceiling: the measured share trips nothing. */
    @Test
    void aClientWhoseBodyIsTheProfilesReachesTheCeiling() throws Exception {
        try (RigHarness h = RigHarness.standard(2003, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c1", 70, 1750, 1400));
            SrRig.moveLegs(h, 1400);
            assertEquals(1400 - BASE_MM, h.truePositionMm(LEFT), 3);
            assertFalse(SrRig.journalled(h, "stop", "SR-20"), h.journal.toString());
        }
    }
}
