package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TECHNICIAN;
import static com.lianarig.controller.RigHarness.TRAINER;
import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.LEGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.command.Refusal;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-24, who is in command: command lapses when the panel in command sends nothing for 3 s (panels send
 * a heartbeat every second); a technician panel may take command from a trainer panel; the wired
 * pendant may always take it; every transfer is journalled. Judged on the rig's true state: a change of
 * hands never moves anything, and the motion of the panel that lost command comes to rest.
 */
class Sr24CommandLeaseTest {
    static final Issuer OTHER_TRAINER = new Issuer("tablet-2", PanelRole.TRAINER);
    static final Issuer OTHER_TECHNICIAN = new Issuer("tech-2", PanelRole.TECHNICIAN);

    @TempDir
    Path dir;

    private static Optional<String> owner(RigHarness h) {
        return h.controller.status().controlOwner();
    }

    private static long controlRecords(RigHarness h) {
        return h.journal.stream().filter(r -> r.startsWith("control ")).count();
    }

    @Test
    void aSilentPanelLosesCommandAfterTheLeaseAndNothingMoves() throws Exception {
        try (RigHarness h = RigHarness.standard(2401, dir)) {
            SrRig.ready(h);
            double left = h.truePositionMm(LEFT);
            h.everyStep(x -> assertEquals(left, x.truePositionMm(LEFT), 0.3, "moved while command changed hands"));
            h.silence(TRAINER);
            h.step(2_900);
            assertEquals(Optional.of(TRAINER.panelId()), owner(h), "lapsed before 3 s of silence");
            h.step(200);
            assertEquals(Optional.empty(), owner(h), "a panel silent for 3.1 s is still in command");
            assertTrue(h.journal.stream().anyMatch(r -> r.startsWith("control ") && r.contains("lapsed")
                    && r.contains(TRAINER.panelId())), "the lapse is journalled");
            // the silent panel's next word is refused; another panel takes command
            assertEquals(Refusal.NOT_IN_COMMAND,
                    h.decide(TRAINER, new Command.Jog(LEGS, Command.Jog.Direction.UP)).refusal());
            h.must(OTHER_TRAINER, new Command.TakeControl());
            assertEquals(Optional.of(OTHER_TRAINER.panelId()), owner(h));
            h.step(1_000);
        }
    }

    @Test
    void heartbeatsAloneKeepCommandForAsLongAsThePanelLives() throws Exception {
        try (RigHarness h = RigHarness.standard(2402, dir)) {
            SrRig.ready(h);
            h.step(60_000); // the harness's panels send a heartbeat every second, as the real ones do
            assertEquals(Optional.of(TRAINER.panelId()), owner(h));
            assertEquals(Refusal.CONTROL_HELD, h.decide(OTHER_TRAINER, new Command.TakeControl()).refusal(),
                    "a trainer panel took command from a live trainer panel");
        }
    }

    @Test
    void aPanelGoingSilentMidJogStopsTheLegsAndTheNextPanelResumesNothing() throws Exception {
        try (RigHarness h = RigHarness.standard(2403, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 900);
            h.holdEnable(true);
            h.must(TRAINER, new Command.Jog(LEGS, Command.Jog.Direction.UP));
            h.step(1_500);
            assertTrue(h.trueVelocityMmPerS(LEFT) > 30, "jogging at " + h.trueVelocityMmPerS(LEFT));
            h.silence(TRAINER); // the phone's Wi-Fi drops: no enable refresh, no heartbeat, no release
            SrRig.msUntil(h, () -> SrRig.pairBraked(h), 3_000, "legs at rest on the brakes");
            double stopped = h.truePositionMm(LEFT);
            SrRig.msUntil(h, () -> owner(h).isEmpty(), 3_500, "command lapsed");
            h.must(OTHER_TRAINER, new Command.TakeControl());
            h.must(OTHER_TRAINER, new Command.Enable(true));
            for (int i = 0; i < 30; i++) {
                h.decide(OTHER_TRAINER, new Command.Enable(true));
                h.step(100);
            }
            assertEquals(stopped, h.truePositionMm(LEFT), 0.5, "the jog of the silent panel resumed");
        }
    }

    @Test
    void aTechnicianTakesCommandFromATrainerAndTheTrainersMotionComesToRest() throws Exception {
        try (RigHarness h = RigHarness.standard(2404, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 900);
            long before = controlRecords(h);
            h.holdEnable(true);
            h.must(TRAINER, new Command.Jog(LEGS, Command.Jog.Direction.UP));
            h.step(1_500);
            assertTrue(h.trueVelocityMmPerS(LEFT) > 30, "jogging at " + h.trueVelocityMmPerS(LEFT));
            double v0 = h.trueVelocityMmPerS(LEFT);
            Decision took = h.must(TECHNICIAN, new Command.TakeControl());
            assertTrue(took.detail().contains("taken from " + TRAINER.panelId()), took.detail());
            assertEquals(Optional.of(TECHNICIAN.panelId()), owner(h));
            // the trainer's enable went with its command: the jog ends with a controlled stop
            long stillMs = SrRig.msUntil(h, () -> SrRig.pairStill(h), 2_000, "legs still after the take-over");
            long restMs = stillMs + SrRig.msUntil(h, () -> SrRig.pairBraked(h), 2_000, "legs braked");
            // I-3: at rest within the stopping time of the speed at that moment (v/a + a/j) + 100 ms
            long stopMs = Math.round(v0 / 100 * 1000 + 100.0 / 500 * 1000) + 100;
            assertTrue(stillMs <= stopMs, "still " + stillMs + " ms after the take-over at " + v0 + " mm/s");
            assertTrue(restMs <= SrRig.CAT1_STOP_MS + 200, "braked " + restMs + " ms after the take-over");
            double stopped = h.truePositionMm(LEFT);
            h.step(2_000); // the trainer's panel still refreshes its enable: it counts for nothing now
            assertEquals(stopped, h.truePositionMm(LEFT), 0.5, "moved under the old panel's enable");
            assertEquals(Refusal.NOT_IN_COMMAND,
                    h.decide(TRAINER, new Command.Jog(LEGS, Command.Jog.Direction.UP)).refusal());
            // a trainer never takes it from a technician, nor one technician from another
            assertEquals(Refusal.CONTROL_HELD, h.decide(TRAINER, new Command.TakeControl()).refusal());
            assertEquals(Refusal.CONTROL_HELD, h.decide(OTHER_TECHNICIAN, new Command.TakeControl()).refusal());
            assertEquals(before + 1, controlRecords(h), "the transfer is journalled once: " + h.journal);
            assertTrue(h.journal.stream().anyMatch(r -> r.startsWith("control ") && r.contains(TECHNICIAN.panelId())
                    && r.contains(TRAINER.panelId())), "journalled with both panels");
        }
    }

    @Test
    void theWiredPendantMayAlwaysTakeCommand() throws Exception {
        try (RigHarness h = RigHarness.standard(2405, dir)) {
            SrRig.ready(h);
            double left = h.truePositionMm(LEFT);
            h.must(Issuer.pendant(), new Command.TakeControl());
            assertEquals(Optional.of(Issuer.PENDANT_ID), owner(h));
            h.must(Issuer.pendant(), new Command.ReleaseControl());
            h.must(TECHNICIAN, new Command.TakeControl());
            h.must(Issuer.pendant(), new Command.TakeControl());
            assertEquals(Optional.of(Issuer.PENDANT_ID), owner(h), "the pendant at the rig took it from a technician");
            assertEquals(Refusal.CONTROL_HELD, h.decide(TECHNICIAN, new Command.TakeControl()).refusal(),
                    "a technician panel took command from the pendant at the rig");
            h.step(500);
            assertEquals(left, h.truePositionMm(LEFT), 0.3);
            assertFalse(h.controller.safety().faulted());
        }
    }
}
