package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.MS;
import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.profile.ProfileStore;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.core.PreUseChecks;
import com.lianarig.controller.core.RigController;
import com.lianarig.controller.rig.RigIo;
import com.lianarig.protocol.link.LinkTiming;
import com.lianarig.sim.hal.SteppedSerialLink;
import com.lianarig.sim.hal.VirtualSafetyChainMonitor;
import com.lianarig.sim.physics.VirtualClient;
import com.lianarig.sim.transport.InProcessLink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-15: after a restart the controller holds, reads positions and never moves without a fresh command. */
class Sr15RestartTest {
    @TempDir
    Path dir;

    @Test
    void aFreshControllerOnTheSameRigComesUpHoldingAndDoesNotMove() throws Exception {
        try (RigHarness h = RigHarness.standard(15, dir)) {
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c15", 70, 1750));
            h.holdEnable(true);
            h.must(TRAINER, new Command.MoveTo("legs", 900));
            assertTrue(h.stepUntil(() -> h.truePositionMm(SrRig.LEFT) > 250, 10_000), "moving up");
            // a command queued while the service dies: never decided by anyone
            CompletableFuture<?> queued = h.controller.submit(new Command.MoveTo("legs", 1_100), TRAINER);

            // the host crashes mid-motion: nothing more reaches the node; the node stops by itself (SR-9)
            // the node's heartbeat watchdog (SR-9: 200 ms after the last heartbeat) drops the brakes; the virtual
            // brakes hold 30 ms after their coils drop (WinchParams), so they hold by 200 + 30 ms
            long now = h.now;
            long brakedAfterMs = -1;
            for (int i = 1; i <= 1_000; i++) {
                now += MS;
                h.rig.advanceTo(now);
                if (brakedAfterMs < 0 && SrRig.bothBraked(h)) {
                    brakedAfterMs = i;
                }
            }
            assertTrue(SrRig.bothBraked(h), "the node dropped the brakes without its host");
            assertTrue(brakedAfterMs > 0 && brakedAfterMs <= 231, "R-5: braked " + brakedAfterMs
                    + " ms after the host died (watchdog 200 ms + brake engage 30 ms)");

            // the service restarts: a fresh controller on the same rig
            List<String> journal = new ArrayList<>();
            long[] clock = {now};
            SteppedSerialLink link = new SteppedSerialLink((InProcessLink) h.rig.port(0));
            VirtualSafetyChainMonitor chain = new VirtualSafetyChainMonitor(h.rig.physics().safetyChain(), 0,
                    () -> clock[0]);
            RigIo io = new RigIo(h.model, node -> link, LinkTiming.DEFAULTS, chain, () -> clock[0]);
            RigController c = new RigController(h.model, io, (kind, body) -> journal.add(kind + " " + body),
                    new ProfileStore(dir.resolve("profiles"), new NioFileOps()),
                    new PreUseChecks(dir.resolve("pre-use-check.txt")), RigHarness.WALL, true);
            io.bind(c.safety(), c, () -> clock[0]);
            c.calibrations(rope -> Optional.of(h.trueCalibration(rope)));
            chain.startStepped();
            io.startStepped();
            link.open();
            double left = h.truePositionMm(SrRig.LEFT);
            double right = h.truePositionMm(SrRig.RIGHT);
            long period = SrRig.periodMs(h) * MS;
            boolean holding = false;
            for (int i = 0; i < 5_000; i++) {
                clock[0] += MS;
                h.rig.advanceTo(clock[0]);
                link.pump();
                chain.step(clock[0]);
                io.step(clock[0]);
                link.pump();
                if (clock[0] % period == 0) {
                    c.step(clock[0]);
                    link.pump();
                }
                assertTrue(SrRig.bothBraked(h), "brakes engaged at " + i + " ms after the restart");
                assertEquals(left, h.truePositionMm(SrRig.LEFT), 0.2, "left winch moved after the restart");
                assertEquals(right, h.truePositionMm(SrRig.RIGHT), 0.2, "right winch moved after the restart");
                if (!holding && c.mode() != Mode.STARTING) {
                    holding = true;
                    assertEquals(Mode.HOLDING, c.mode(), c.status().modeReason());
                    // it read the positions before it said HOLDING
                    assertEquals(left, c.status().positionsMm()[SrRig.LEFT], 0.1, c.status().modeReason());
                    assertEquals(right, c.status().positionsMm()[SrRig.RIGHT], 0.1, c.status().modeReason());
                }
            }
            assertTrue(holding, "still " + c.mode() + ": " + c.status().modeReason() + journal);
            assertEquals(Mode.HOLDING, c.mode(), c.status().modeReason());
            assertFalse(queued.isDone(), "the queued command was decided by the dead controller");
            assertTrue(journal.stream().noneMatch(j -> j.startsWith("command")), "no command ran: " + journal);
            // and motion still needs a fresh command from a panel in command
            assertFalse(c.decide(new Command.Jog("legs", Command.Jog.Direction.UP), TRAINER, clock[0]).accepted());
            io.close();
            chain.close();
        }
    }
}
