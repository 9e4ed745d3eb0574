package com.lianarig.controller.r7;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import com.lianarig.protocol.BrakeId;
import com.lianarig.sim.physics.VirtualClient;
import com.lianarig.sim.physics.WinchSim;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The oracle sees what the rope does, whatever the controller believes: each invariant of SPEC 4.0
 * is shown firing on a true-state hazard made behind the controller's back (a rogue drive, a brake
 * opened by hand, the wrong client's ceiling), and staying quiet through ordinary use. These judge
 * {@link R7Invariants} itself, so they pass on any controller.
 */
class R7InvariantsTest {
    @TempDir
    Path dir;

    private static final VirtualClient BODY = VirtualClient.reference(70, 1750);

    private R7Invariants ready(RigHarness h, double ceilingMm) throws Exception {
        h.ready(BODY, RigHarness.profile("c1", 70, 1750, ceilingMm));
        R7Invariants oracle = R7Invariants.attach(h);
        oracle.clientHanging(BODY, ceilingMm);
        return oracle;
    }

    /**
     * From now on the drive of {@code winch} creeps by itself at {@code mmPerS} with its brakes open, as no
     * node would (it re-asserts its outputs every millisecond): nobody asked.
     */
    private static void rogueDrive(RigHarness h, int winch, double mmPerS) {
        WinchSim w = h.winchSim(winch);
        double[] refCounts = {w.encoderCounts()};
        h.everyStep(x -> {
            refCounts[0] += mmPerS * w.params().countsPerMm() / 1000;
            w.positionReference(refCounts[0], mmPerS * w.params().countsPerMm());
            w.enableDrive(true);
            w.brake(BrakeId.MOTOR, false);
            w.brake(BrakeId.DRUM, false);
        });
    }

    private static void assertSeen(R7Invariants oracle, String invariant) {
        assertTrue(oracle.violations().invariants().contains(invariant), invariant + " not seen; seen: "
                + oracle.violations() + "\n" + oracle.journal().text());
    }

    @Test
    void ordinaryMovesJogsAndStopsViolateNothing() throws Exception {
        try (RigHarness h = RigHarness.standard(7001, dir)) {
            R7Invariants oracle = ready(h, 1_400);
            h.holdEnable(true);
            h.must(RigHarness.TRAINER, new Command.MoveTo("legs", 700));
            assertTrue(h.stepUntil(() -> h.mode() == Mode.READY, 20_000), h.controller.status().toString());
            h.step(1_000);
            h.must(RigHarness.TRAINER, new Command.Jog("legs", Command.Jog.Direction.DOWN));
            h.step(1_000);
            h.must(RigHarness.TRAINER, new Command.Jog("legs", Command.Jog.Direction.NONE));
            h.step(1_500);
            h.must(RigHarness.TRAINER, new Command.MoveTo("legs", 900));
            h.step(1_000);
            h.must(RigHarness.TRAINER, new Command.Stop());
            h.step(3_000);
            oracle.assertHeld();
        }
    }

    @Test
    void aWinchMovingWithNothingAskedIsI1() throws Exception {
        try (RigHarness h = RigHarness.standard(7002, dir)) {
            R7Invariants oracle = ready(h, 1_400);
            h.step(500);
            rogueDrive(h, 2, 10);
            h.step(2_000);
            assertSeen(oracle, "I-1");
        }
    }

    @Test
    void aGroupStillMovingAfterStopIsI3() throws Exception {
        try (RigHarness h = RigHarness.standard(7003, dir)) {
            R7Invariants oracle = ready(h, 1_400);
            rogueDrive(h, 2, 10);
            h.step(300);
            h.decide(RigHarness.TECHNICIAN, new Command.Stop());
            h.step(1_500); // at rest on its brakes is due 0.5 s + 30 ms + 100 ms after a STOP at 10 mm/s
            assertSeen(oracle, "I-3");
        }
    }

    @Test
    void strapsAboveTheHangingClientsCeilingOrShouldersAreI4() throws Exception {
        try (RigHarness h = RigHarness.standard(7004, dir)) {
            // the client's own profile (ceiling 1,000 mm); drives that ignore the host lift the straps past it and
            // on until the shoulders leave the mat (the product's SR-20 and SR-25 would stop an ordinary lift: the
            // oracle must see it whatever the product believes)
            h.ready(BODY, RigHarness.profile("own", 70, 1750, 1_000));
            R7Invariants oracle = R7Invariants.attach(h);
            oracle.clientHanging(BODY, 1_000);
            rogueDrive(h, 0, 80);
            rogueDrive(h, 1, 80);
            h.step(20_000);
            assertSeen(oracle, "I-4");
            assertTrue(oracle.violations().lines().stream().anyMatch(l -> l.contains("SR-20 ceiling"))
                    && oracle.violations().lines().stream().anyMatch(l -> l.contains("shoulders")),
                    oracle.violations().toString());
        }
    }

    @Test
    void aPairDrivenApartIsI5() throws Exception {
        try (RigHarness h = RigHarness.standard(7005, dir)) {
            R7Invariants oracle = ready(h, 1_400);
            h.step(500);
            rogueDrive(h, 0, 10);
            h.step(3_000); // 10 mm + the 8 mm stopping distance from 10 mm/s + 1 mm: apart after about 1.9 s
            assertSeen(oracle, "I-5");
        }
    }

    @Test
    void brakesOpenOnAnUntrustedPositionAreI6() throws Exception {
        try (RigHarness h = RigHarness.standard(7006, dir)) {
            R7Invariants oracle = ready(h, 1_400);
            h.step(500);
            oracle.untrustedFromStart("test: positions declared untrusted");
            h.rig.locked(() -> {
                h.winchSim(2).brake(BrakeId.MOTOR, false);
                return null;
            });
            h.step(200);
            assertSeen(oracle, "I-6");
        }
    }
}
