package com.lianarig.controller.safety;

import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-3: commanded descent is clamped to 50 mm/s; a measured descent above 50 x 1.2 mm/s on 2
 * consecutive status frames is a category 0 stop, latched for a technician.
 */
class Sr03DescentSpeedTest {
    static final double LIMIT_MM_PER_S = 50;
    static final double TRIP_MM_PER_S = LIMIT_MM_PER_S * 1.2;
    /** The virtual leg winch's brake engage time, ms. */
    static final double BRAKE_ENGAGE_MS = 30;

    @TempDir
    Path dir;

    @Test
    void commandedDescentNeverExceedsTheLimit() throws Exception {
        try (RigHarness h = RigHarness.standard(31, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 1300);
            double[] fastest = {0};
            h.everyStep(x -> fastest[0] = Math.max(fastest[0], -Math.min(x.trueVelocityMmPerS(LEFT),
                    x.trueVelocityMmPerS(RIGHT))));
            SrRig.moveLegs(h, 500);
            assertTrue(fastest[0] > LIMIT_MM_PER_S * 0.95, "descended at full speed: " + fastest[0]);
            // the servo follows the clamped set-points with a few per cent of overshoot, far below the trip
            assertTrue(fastest[0] <= LIMIT_MM_PER_S * 1.05, "true descent " + fastest[0] + " mm/s");
            assertTrue(h.controller.safety().faults().isEmpty(), h.controller.safety().faults().toString());
        }
    }

    @Test
    void runawayDescentIsACategoryZeroStopWithinTwoStatusFrames() throws Exception {
        try (RigHarness h = RigHarness.standard(32, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 1300);
            SrRig.startMove(h, 500);
            h.step(1_500);
            assertTrue(h.trueVelocityMmPerS(LEFT) < -45, "descending: " + h.trueVelocityMmPerS(LEFT));
            // The left drive runs away downward: a STOP cat 1 would not stop it, only its brakes or power off.
            h.rig.locked(() -> {
                h.rig.physics().winch(LEFT).runaway(-90);
                return null;
            });
            SrRig.msUntil(h, () -> h.trueVelocityMmPerS(LEFT) < -TRIP_MM_PER_S, 1_000, "runaway over the trip speed");
            long t1 = h.now;
            double p1 = h.truePositionMm(LEFT);
            long brakedMs = SrRig.msUntil(h, () -> SrRig.pairBraked(h), 2_000, "brakes applied");
            long stillMs = brakedMs + SrRig.msUntil(h, () -> SrRig.pairStill(h), 2_000, "pair still");
            double fell = p1 - h.truePositionMm(LEFT);
            // 2 status frames (20 ms) to detect, then the brakes' engage time (cat 0: at once, no ramp).
            assertTrue(brakedMs <= 2 * SrRig.STATUS_MS + SrRig.LATENCY_MS + BRAKE_ENGAGE_MS, "braked after " + brakedMs + " ms");
            assertTrue(stillMs <= brakedMs + 5, "still after " + stillMs + " ms");
            assertTrue(fell < 6, "fell " + fell + " mm after passing the trip speed");
            Fault f = SrRig.latched(h, SafetyRule.SR_3);
            assertTrue(f.atNanos() - t1 <= (long) ((2 * SrRig.STATUS_MS + SrRig.LATENCY_MS) * RigHarness.MS),
                    "latched " + (f.atNanos() - t1) / 1e6 + " ms after the overspeed");
            assertEquals(StopKind.CAT_0, f.stop());
            assertEquals(ResetRole.TECHNICIAN, f.resetBy());
            assertTrue(SrRig.journalledFault(h, "SR-3", "technician"), h.journal.toString());
            assertEquals(Mode.FAULT, h.mode());

            // Latched for a technician: a trainer's reset is refused, motion too.
            h.rig.locked(() -> {
                h.rig.physics().winch(LEFT).runaway(0);
                return null;
            });
            h.step(500);
            assertEquals(Refusal.CAUSE_PRESENT, h.decide(RigHarness.TRAINER, new Command.Reset()).refusal());
            assertFalse(h.decide(RigHarness.TRAINER, new Command.MoveTo(SrRig.LEGS, 500)).accepted());
            assertEquals(Mode.FAULT, h.mode());
        }
    }

    /**
     * The node's own check (SPEC section 3: nodes enforce limits themselves): the controller configures it
     * to trip at the same figure as the host, so a runaway trips the node by itself too.
     */
    @Test
    void nodeTripsARunawayByItselfAtTheSameFigure() throws Exception {
        try (RigHarness h = RigHarness.standard(35, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 1300);
            SrRig.startMove(h, 500);
            h.step(1_500);
            h.rig.locked(() -> {
                h.rig.physics().winch(LEFT).runaway(-90);
                return null;
            });
            SrRig.msUntil(h, () -> SrRig.pairBraked(h), 2_000, "brakes applied");
            h.step(100);
            var nodeFault = h.rig.locked(() -> h.rig.node(0).winchFault(h.model.winch(LEFT).nodeWinch()));
            assertEquals(com.lianarig.protocol.NodeFault.OVERSPEED, nodeFault, "the node's own overspeed trip");
            assertEquals(StopKind.CAT_0, SrRig.latched(h, SafetyRule.SR_3).stop());
        }
    }

    /**
     * The node's own speed limit (SPEC section 3: the host is not the only guard): set-points that reach the
     * drives past the supervisor (a host fault) asking for a descent at 80 mm/s are followed at no more than
     * the configured node limit (the descent limit x 1.1), below the trip speed.
     */
    @Test
    void nodeLimitsADescentThatBypassesTheHost() throws Exception {
        try (RigHarness h = RigHarness.standard(36, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 1300);
            double fastest = SrRig.bypassingStream(h, -80);
            assertTrue(fastest <= LIMIT_MM_PER_S * 1.1 * 1.03, "true descent " + fastest + " mm/s");
        }
    }

    /** The host's own check (the node's is the second): two overspeed frames as decoded, while the rig descends normally. */
    @Test
    void hostTripsOnTwoConsecutiveOverspeedFramesAndDropsTheBrakes() throws Exception {
        try (RigHarness h = RigHarness.standard(33, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 1300);
            SrRig.startMove(h, 500);
            h.step(1_500);
            SafetySupervisor s = h.controller.safety();
            // One frame above the trip speed, then a normal one: not two consecutive, no trip.
            frame(h, LEFT, -(TRIP_MM_PER_S + 10));
            frame(h, LEFT, h.trueVelocityMmPerS(LEFT));
            h.step(2);
            frame(h, LEFT, -(TRIP_MM_PER_S + 10));
            h.step(15); // the node's real frames in between
            assertFalse(s.latched(SafetyRule.SR_3), "one frame above the limit is not a trip");
            assertTrue(h.trueVelocityMmPerS(LEFT) < -45, "still descending");

            long t0 = h.now;
            frame(h, LEFT, -(TRIP_MM_PER_S + 10));
            frame(h, LEFT, -(TRIP_MM_PER_S + 10));
            Fault f = SrRig.latched(h, SafetyRule.SR_3);
            assertTrue(f.cause().contains("descends at"), "the host's check: " + f);
            assertEquals(StopKind.CAT_0, f.stop());
            assertEquals(ResetRole.TECHNICIAN, f.resetBy());
            long brakedMs = SrRig.msUntil(h, () -> SrRig.pairBraked(h), 1_000, "brakes applied");
            assertTrue(brakedMs <= SrRig.LATENCY_MS + BRAKE_ENGAGE_MS, "braked after " + brakedMs + " ms");
            assertTrue(SrRig.pairStill(h));
            assertTrue(SrRig.journalledFault(h, "SR-3", "technician"), h.journal.toString());
            assertTrue(h.now - t0 < 100 * RigHarness.MS);
        }
    }

    /** Hands the supervisor one WINCH_STATUS of a following winch as if just decoded, at this speed. */
    private static void frame(RigHarness h, int winch, double velocityMmPerS) {
        var w = h.model.winch(winch);
        int pos = w.countsOf(h.controller.safety().view().positionMm(winch));
        int flags = com.lianarig.protocol.WinchStatus.FLAG_REFERENCED | com.lianarig.protocol.WinchStatus.FLAG_DRIVE_POWERED;
        h.controller.safety().onWinchStatus(winch, com.lianarig.protocol.WinchState.FOLLOWING, pos,
                w.countsOf(velocityMmPerS), pos, flags, com.lianarig.protocol.NodeFault.NONE, h.now);
    }

    /** The supervisor's clamp: a planner asking for 100 mm/s downward gets 50 mm/s set-points (within 5 %). */
    @Test
    void supervisorClampsACommandedDescent() throws Exception {
        try (RigHarness h = RigHarness.standard(34, dir)) {
            FakeDrives drives = new FakeDrives();
            long now = 1_000 * RigHarness.MS;
            SafetySupervisor s = FakeDrives.followingLegs(h.model, drives, 800, -1, now);
            for (int i = 0; i < 300; i++) {
                now += 10 * RigHarness.MS;
                s.enable(now);
                assertTrue(s.admit(0, -1.0, now), "admitted"); // -1 mm per 10 ms period = -100 mm/s
            }
            var v = drives.velocitiesMmPerS(h.model, LEFT);
            var p = drives.positionsMm(h.model, LEFT);
            assertEquals(300, v.size());
            for (int i = 0; i < v.size(); i++) {
                assertTrue(v.get(i) >= -LIMIT_MM_PER_S * 1.05, "set-point " + i + " at " + v.get(i) + " mm/s");
            }
            assertTrue(v.get(299) < -LIMIT_MM_PER_S * 0.95, "reaches the limit: " + v.get(299));
            double perPeriod = (p.get(0) - p.get(299)) / 299;
            assertTrue(perPeriod <= LIMIT_MM_PER_S * 1.05 * 0.01, "positions advance " + perPeriod + " mm per period");
        }
    }
}
