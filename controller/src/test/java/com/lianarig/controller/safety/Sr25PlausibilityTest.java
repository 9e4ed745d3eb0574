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
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.Exercise;
import com.lianarig.sim.physics.VirtualClient;
import com.lianarig.sim.fault.Faults.Brakes;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-25, implausible sensing (issue 14): leg load cells reading 0.6 x true, a profile mass twice the
 * client's, straps sinking with encoders that cannot see the drum, and strap loads at client-ready that
 * do not fit the profile. Each is caught, and judged on the rig's true state.
 */
class Sr25PlausibilityTest {
    static final double BASE_MM = 200;

    @TempDir
    Path dir;

    /** Lifts the legs from 900 mm toward 1,300 mm strap height; returns the position where the pair came to rest. */
    private static double liftAndRest(RigHarness h) {
        h.holdEnable(true);
        h.must(TRAINER, new Command.MoveTo(LEGS, 1300));
        assertTrue(h.stepUntil(() -> h.mode() != Mode.MOVING && SrRig.pairBraked(h), 40_000),
                h.controller.status().toString());
        return h.truePositionMm(LEFT);
    }

    /** Leg cells reading 0.6 x true (mis-scaled): the lift stops within 1 s of the model's 35 % being passed. */
    @Test
    void misScaledLegCellsStopTheLift() throws Exception {
        try (RigHarness h = RigHarness.standard(2501, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 600);
            h.rig.locked(() -> {
                Faults.channelScale(h.rig, 0, 0.6);
                Faults.channelScale(h.rig, 1, 0.6);
                return null;
            });
            double restMm = liftAndRest(h);
            assertTrue(restMm < 1300 - BASE_MM - 50, "lifted on to " + restMm + " mm with cells reading 0.6 x true");
            Fault f = SrRig.latched(h, SafetyRule.SR_25);
            assertTrue(f.cause().contains("load cell scale or profile mass implausible"), f.cause());
            assertEquals(Mode.FAULT, h.mode());
            assertTrue(SrRig.journalledFault(h, "SR-25", "trainer"), h.journal.toString());
        }
    }

    /**
     * A profile mass of 100 kg for a 50 kg client (it would hide a 28 kg grab from SR-2), strapped in with the
     * legs so low that the model expects less than 10 kg (client-ready cannot judge it there): the lift stops.
     */
    @Test
    void aProfileMassTwiceTheClientsStopsTheLift() throws Exception {
        try (RigHarness h = RigHarness.standard(2502, dir)) {
            h.boot();
            h.preUse.record(LocalDate.now(RigHarness.WALL), "test", "passed");
            ClientProfile typed = RigHarness.profile("heavy-typed", 100, 1750);
            h.profiles.save(typed);
            h.must(TRAINER, new Command.TakeControl());
            h.must(TRAINER, new Command.Attach(typed.id()));
            h.holdEnable(true);
            h.must(TRAINER, new Command.Jog(LEGS, Command.Jog.Direction.DOWN));
            assertTrue(h.stepUntil(() -> h.truePositionMm(LEFT) < 40, 60_000), h.controller.status().toString());
            h.must(TRAINER, new Command.Jog(LEGS, Command.Jog.Direction.NONE));
            h.rig.locked(() -> {
                h.rig.physics().client(VirtualClient.reference(50, 1750), Exercise.INVERTED_HANG);
                return null;
            });
            h.step(1_000);
            h.must(TRAINER, new Command.ClientReady());
            double restMm = liftAndRest(h);
            assertTrue(restMm < 1300 - BASE_MM - 50, "lifted on to " + restMm + " mm");
            Fault f = SrRig.latched(h, SafetyRule.SR_25);
            assertTrue(f.cause().contains("100.0 kg"), f.cause());
        }
    }

    /** The same lift with the right cells and the right mass trips nothing (no stop for nothing). */
    @Test
    void aPlausibleLiftTripsNothing() throws Exception {
        try (RigHarness h = RigHarness.standard(2503, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 600);
            double restMm = liftAndRest(h);
            assertEquals(1300 - BASE_MM, restMm, 3);
            h.step(20_000); // holding 20 s: breathing and sway are not motion the encoder does not see
            assertFalse(h.controller.safety().faulted(), h.controller.safety().faults().toString());
        }
    }

    /**
     * Both brakes slip while the encoders have come off the drums: the straps sink and nobody's encoder sees
     * it (SR-14 cannot); the leg load falls as the client settles on the mat: a latched technician fault
     * before the straps sink 100 mm. Without it, they sank all the way.
     */
    @Test
    void strapsSinkingUnseenByTheEncodersAreAFault() throws Exception {
        try (RigHarness h = RigHarness.standard(2504, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 1100);
            h.step(3_000); // settled at rest: the baseline is taken
            double startMm = h.truePositionMm(LEFT);
            h.rig.locked(() -> {
                for (int w = 0; w < 2; w++) {
                    Faults.encoderDecoupled(h.rig, w, true);
                    Faults.brakeSlip(h.rig, w, Brakes.BOTH, 0.001);
                }
                return null;
            });
            long ms;
            try {
                ms = SrRig.msUntil(h, () -> h.controller.safety().faulted(), 20_000, "a fault");
            } catch (AssertionError e) {
                throw new AssertionError("sank " + (startMm - h.truePositionMm(LEFT)) + " mm: " + e.getMessage(), e);
            }
            double sankMm = startMm - h.truePositionMm(LEFT);
            Fault f = SrRig.latched(h, SafetyRule.SR_25);
            assertTrue(f.cause().contains("motion the encoder does not see"), f.cause());
            assertTrue(sankMm < 100, "sank " + sankMm + " mm before the fault (" + ms + " ms)");
            System.out.printf(java.util.Locale.ROOT, "FIGURE SR-25 unseen motion: fault %d ms after the slip began, the"
                    + " straps sank %.1f mm%n", ms, sankMm);
            assertTrue(SrRig.journalledFault(h, "SR-25", "technician"), h.journal.toString());
        }
    }

    /** At client-ready the strap loads must fit the profile: a 100 kg profile on a 50 kg client hanging is refused. */
    @Test
    void clientReadyRefusesStrapLoadsThatDoNotFitTheProfile() throws Exception {
        try (RigHarness h = RigHarness.standard(2505, dir)) {
            h.boot();
            h.preUse.record(LocalDate.now(RigHarness.WALL), "test", "passed");
            ClientProfile typed = RigHarness.profile("typed-heavy", 100, 1750);
            h.profiles.save(typed);
            h.must(TRAINER, new Command.TakeControl());
            h.must(TRAINER, new Command.Attach(typed.id()));
            // strapping in: the legs up to 900 mm at the attach speed, the client's legs in the straps
            h.rig.locked(() -> {
                h.rig.physics().client(VirtualClient.reference(50, 1750), Exercise.INVERTED_HANG);
                return null;
            });
            h.holdEnable(true);
            h.must(TRAINER, new Command.Jog(LEGS, Command.Jog.Direction.UP));
            assertTrue(h.stepUntil(() -> h.truePositionMm(LEFT) > 900 - BASE_MM, 60_000), h.controller.status().toString());
            h.must(TRAINER, new Command.Jog(LEGS, Command.Jog.Direction.NONE));
            h.step(2_000);
            Decision d = h.decide(TRAINER, new Command.ClientReady());
            assertEquals(Refusal.LOADS_IMPLAUSIBLE, d.refusal(), d.toString());
            assertTrue(d.detail().contains("100.0 kg"), d.detail());
            assertEquals(Mode.ATTACHING, h.mode());
        }
    }
}
