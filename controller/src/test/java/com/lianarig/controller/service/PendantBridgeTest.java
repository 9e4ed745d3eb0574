package com.lianarig.controller.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Issuer;
import com.lianarig.hal.Pendant.Button;
import com.lianarig.sim.hal.VirtualPendant;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wired pendant drives the same command model as a panel (issue 6): ENABLE + UP moves the leg
 * pair while held and stops when let go; ENABLE takes command from whichever panel has it (SR-24).
 */
class PendantBridgeTest {
    @TempDir
    Path dir;

    private RigHarness h;
    private Thread stepper;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private VirtualPendant pendant;
    private PendantBridge bridge;

    @BeforeEach
    void start() throws Exception {
        h = RigHarness.standard(1, dir);
        CompletableFuture<Void> booted = new CompletableFuture<>();
        stepper = new Thread(() -> {
            try {
                synchronized (this) {
                    h.boot();
                }
                booted.complete(null);
            } catch (Throwable e) {
                booted.completeExceptionally(e);
                return;
            }
            long wall = System.nanoTime();
            long sim = h.now;
            while (running.get()) {
                synchronized (this) {
                    h.step(5);
                }
                long ahead = (h.now - sim) - (System.nanoTime() - wall);
                if (ahead > 0) {
                    LockSupport.parkNanos(ahead);
                }
            }
        }, "pendant-test-rig");
        stepper.setDaemon(true);
        stepper.start();
        booted.get(30, TimeUnit.SECONDS);
        pendant = new VirtualPendant(System::nanoTime);
        bridge = new PendantBridge(pendant, h.controller, "legs");
    }

    @AfterEach
    void stop() throws Exception {
        bridge.close();
        running.set(false);
        stepper.join(5_000);
        h.close();
    }

    private synchronized <T> T read(Supplier<T> s) {
        return s.get();
    }

    @Test
    void enableAndUpMoveTheLegsWhileHeldAndLettingGoStopsThem() throws Exception {
        double startMm = read(() -> h.truePositionMm(0));
        pendant.press(Button.ENABLE);
        Thread.sleep(200);
        assertEquals(Optional.of(Issuer.PENDANT_ID), h.controller.status().controlOwner(), "the pendant took control");
        pendant.press(Button.UP);
        Thread.sleep(1_500);
        double movedMm = read(() -> h.truePositionMm(0)) - startMm;
        assertTrue(movedMm > 5, "held: the legs went up " + movedMm + " mm");
        pendant.release(Button.UP);
        pendant.release(Button.ENABLE);
        Thread.sleep(1_500);
        double a = read(() -> h.truePositionMm(0));
        Thread.sleep(500);
        assertEquals(a, read(() -> h.truePositionMm(0)), 0.2, "let go: at rest");
        assertTrue(h.controller.status().controlOwner().isEmpty(), "the pendant gave control back");
    }

    /** SR-24: a tablet in command (here one gone silent) never locks out the person at the rig. */
    @Test
    void thePendantTakesCommandFromThePanelThatHasIt() throws Exception {
        assertTrue(h.controller.submit(new Command.TakeControl(), RigHarness.TRAINER).get(2, TimeUnit.SECONDS).accepted());
        double startMm = read(() -> h.truePositionMm(0));
        pendant.press(Button.ENABLE);
        Thread.sleep(200);
        assertEquals(Optional.of(Issuer.PENDANT_ID), h.controller.status().controlOwner(), "the pendant took command");
        pendant.press(Button.UP);
        Thread.sleep(1_500);
        double movedMm = read(() -> h.truePositionMm(0)) - startMm;
        assertTrue(movedMm > 5, "held: the legs went up " + movedMm + " mm");
        pendant.release(Button.UP);
        pendant.release(Button.ENABLE);
        Thread.sleep(1_500);
        assertTrue(h.controller.status().controlOwner().isEmpty(), "the pendant released command");
        assertTrue(read(() -> h.journal.stream().anyMatch(r -> r.startsWith("control ") && r.contains("pendant")
                && r.contains("trainer-tablet"))), "the transfer is journalled");
    }
}
