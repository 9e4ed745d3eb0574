package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TECHNICIAN;
import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-16: bad commands are rejected with a specific reason and nothing moves. */
class Sr16BadCommandTest {
    @TempDir
    Path dir;

    @Test
    void badCommandsAreRefusedWithTheirReasonAndNothingMoves() throws Exception {
        try (RigHarness h = RigHarness.standard(16, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c16", 70, 1750));
            double left = h.truePositionMm(SrRig.LEFT);
            double loop = h.truePositionMm(SrRig.LOOP_WINCH);
            h.everyStep(x -> {
                assertTrue(SrRig.bothBraked(x) && x.trueBrakesEngaged(SrRig.LOOP_WINCH), "a brake was released");
                assertEquals(left, x.truePositionMm(SrRig.LEFT), 0.2);
                assertEquals(loop, x.truePositionMm(SrRig.LOOP_WINCH), 0.2);
            });
            Issuer stranger = new Issuer("other-tablet", PanelRole.TRAINER);
            // a panel not in command, even with a live enable of its own
            h.decide(stranger, new Command.Enable(true));
            refused(h, stranger, new Command.Jog("legs", Command.Jog.Direction.UP), Refusal.NOT_IN_COMMAND);
            refused(h, stranger, new Command.MoveTo("legs", 800), Refusal.NOT_IN_COMMAND);
            refused(h, stranger, new Command.TakeControl(), Refusal.CONTROL_HELD);
            // the panel in command, but no enable held
            refused(h, TRAINER, new Command.MoveTo("legs", 800), Refusal.NO_ENABLE);
            h.holdEnable(true);
            // unknown targets
            refused(h, TRAINER, new Command.MoveTo("arms", 800), Refusal.UNKNOWN_TARGET);
            // targets outside the limits: below the soft low end, above the client's SR-20 ceiling
            refused(h, TRAINER, new Command.MoveTo("legs", 100), Refusal.OUT_OF_LIMITS);
            refused(h, TRAINER, new Command.MoveTo("legs", 5_000), Refusal.OUT_OF_LIMITS);
            refused(h, TRAINER, new Command.Jog("arms", Command.Jog.Direction.UP), Refusal.UNKNOWN_TARGET);
            refused(h, TRAINER, new Command.Attach("nobody"), Refusal.UNKNOWN_CLIENT);
            // technician-only commands from a trainer
            refused(h, TRAINER, new Command.Reference("legs", 0), Refusal.TECHNICIAN_ONLY);
            refused(h, TRAINER, new Command.PreUseCheckWaive("because"), Refusal.TECHNICIAN_ONLY);
            // wrong state
            refused(h, TRAINER, new Command.ProgramPause(), Refusal.WRONG_STATE);
            refused(h, TRAINER, new Command.RescueDescent(true), Refusal.WRONG_STATE);
            // malformed fields never become commands
            assertThrows(IllegalArgumentException.class, () -> new Command.MoveTo("legs", Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> new Command.MoveTo("legs", Double.POSITIVE_INFINITY));
            assertThrows(IllegalArgumentException.class, () -> new Command.Reference("legs", Double.NaN));
            assertThrows(IllegalArgumentException.class, () -> new Command.PreUseCheckWaive(" "));
            assertThrows(NullPointerException.class, () -> new Command.Jog("legs", null));
            h.step(2_000);
            assertTrue(h.journalHas("\"refusal\":\"NOT_IN_COMMAND\""), "refusals journalled");
            assertFalse(h.decide(TECHNICIAN, new Command.Jog("legs", Command.Jog.Direction.DOWN)).accepted());
        }
    }

    /**
     * In FAULT every command but stop, reset, the rescue descent, control and enable is refused FAULT, naming
     * the latched fault, and nothing moves (each command also checks its own mode: this is the refusal a
     * trainer sees first, with the reason).
     */
    @Test
    void commandsInFaultAreRefusedNamingTheLatchedFault() throws Exception {
        try (RigHarness h = RigHarness.standard(161, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c16", 70, 1750));
            h.holdEnable(true);
            Faults.channelSaturated(h.rig, 2);
            assertTrue(h.stepUntil(() -> h.mode() == Mode.FAULT, 2_000), "no FAULT: " + h.controller.status());
            h.step(1_000);
            double left = h.truePositionMm(SrRig.LEFT);
            double loop = h.truePositionMm(SrRig.LOOP_WINCH);
            h.everyStep(x -> {
                assertEquals(left, x.truePositionMm(SrRig.LEFT), 0.2);
                assertEquals(loop, x.truePositionMm(SrRig.LOOP_WINCH), 0.2);
            });
            for (Command c : new Command[] {new Command.MoveTo("legs", 800),
                    new Command.Jog("legs", Command.Jog.Direction.DOWN), new Command.AimAt(SpineSegment.L4_L5),
                    new Command.ProgramStart(SpineSegment.L4_L5, ""), new Command.Attach("c16"),
                    new Command.ClientReady()}) {
                Decision d = h.decide(TRAINER, c);
                assertEquals(Refusal.FAULT, d.refusal(), c + ": " + d);
                assertTrue(d.detail().contains("SR-8"), c + " names the fault: " + d.detail());
                h.step(300);
            }
        }
    }

    private static void refused(RigHarness h, Issuer who, Command c, Refusal why) {
        Decision d = h.decide(who, c);
        assertFalse(d.accepted(), c + " accepted: " + d);
        assertEquals(why, d.refusal(), c + ": " + d);
        assertFalse(d.detail().isBlank());
        h.step(300);
    }
}
