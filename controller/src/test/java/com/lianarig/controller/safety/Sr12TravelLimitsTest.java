package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TECHNICIAN;
import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.Mode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-12: soft limits clamp every target, a slow-down zone near each end, limit switches allow reverse only. */
class Sr12TravelLimitsTest {
    @TempDir
    Path dir;

    @Test
    void supervisorClampsARoguePlannerAtTheSoftLimitAndSlowsInTheZone() throws Exception {
        try (RigHarness h = RigHarness.standard(12, dir)) {
            h.boot();
            h.must(TRAINER, new Command.TakeControl());
            h.holdEnable(true);
            double softLowMm = h.model.winch(SrRig.LEFT).config().softLowMm();
            double zoneMm = h.model.limits().slowZoneMm();
            double slowMmPerS = h.model.limits().slowZoneSpeedMmPerS();
            SafetySupervisor s = h.controller.safety();
            int legs = SrRig.legs(h);
            // what reaches the drives: past the distance needed to slow from 50 to 10 mm/s (12 mm at
            // 100 mm/s^2), every set-point in the zone is at most the slow speed
            h.everyStep(x -> {
                if (s.view().admittedMm(SrRig.LEFT) < softLowMm + zoneMm - 13) {
                    assertTrue(Math.abs(s.view().groupVelocityMmPerS(legs)) <= slowMmPerS * 1.05, "set-point at "
                            + s.view().groupVelocityMmPerS(legs) + " mm/s at " + s.view().admittedMm(SrRig.LEFT) + " mm");
                }
            });
            double[] fastestInZone = {0};
            double[] fastestAt = {0};
            h.everyStep(x -> {
                for (int w : new int[] {SrRig.LEFT, SrRig.RIGHT}) {
                    double p = x.truePositionMm(w);
                    assertTrue(p >= softLowMm - 1.0, "winch " + w + " below the soft limit: " + p + " mm");
                    // the zone (50 mm) covers the stopping distance from full speed: the last 15 mm are slow
                    if (p < softLowMm + 15) {
                        if (Math.abs(x.trueVelocityMmPerS(w)) > fastestInZone[0]) {
                            fastestInZone[0] = Math.abs(x.trueVelocityMmPerS(w));
                            fastestAt[0] = p;
                        }
                    }
                }
            });
            SrRig.roguePlanner(h, SrRig.legs(h), () -> -50);
            h.step(8_000);
            assertTrue(fastestInZone[0] <= slowMmPerS * 1.2, "fastest in the slow zone " + fastestInZone[0] + " mm/s at " + fastestAt[0] + " mm");
            assertEquals(softLowMm, h.truePositionMm(SrRig.LEFT), 1.0);
            assertEquals(softLowMm, h.truePositionMm(SrRig.RIGHT), 1.0);
        }
    }

    @Test
    void lowerLimitSwitchStopsDescentAndAllowsAscentOnly() throws Exception {
        try (RigHarness h = RigHarness.standard(13, dir)) {
            h.boot();
            // the encoder reads 8 mm high (less than the SR-13 pair difference): the soft limit (10 mm) now lies below the switch (5 mm true)
            h.must(TECHNICIAN, new Command.TakeControl());
            h.must(TECHNICIAN, new Command.Reference("legs", h.truePositionMm(SrRig.LEFT) + 8));
            h.must(TECHNICIAN, new Command.ReleaseControl());
            h.must(TRAINER, new Command.TakeControl());
            h.step(100); // SR-23: trusted once the node reports the new reference
            h.holdEnable(true);
            double switchMm = 5;
            long[] hitAt = {-1};
            h.everyStep(x -> {
                if (hitAt[0] < 0 && Math.min(x.truePositionMm(SrRig.LEFT), x.truePositionMm(SrRig.RIGHT)) <= switchMm) {
                    hitAt[0] = x.now;
                }
                if (hitAt[0] >= 0 && x.now - hitAt[0] > 300 * RigHarness.MS && x.now - hitAt[0] < 650 * RigHarness.MS) {
                    assertTrue(SrRig.bothBraked(x), "brakes engaged 300 ms after the switch " + x.truePositionMm(0) + " "
                            + x.truePositionMm(1) + " " + x.controller.status() + x.journal);
                }
            });
            h.must(TRAINER, new Command.Jog("legs", Command.Jog.Direction.DOWN));
            assertTrue(h.stepUntil(() -> hitAt[0] >= 0, 15_000), "never reached the lower limit switch " + h.truePositionMm(0) + " " + h.controller.status() + h.journal);
            h.step(500);
            double atSwitch = h.truePositionMm(SrRig.LEFT);
            assertTrue(atSwitch > switchMm - 3, "stopped within 3 mm past the switch: " + atSwitch);
            assertTrue(h.journalHas("SR-12"), "stop journalled under SR-12: " + h.journal);
            h.must(TRAINER, new Command.Jog("legs", Command.Jog.Direction.NONE));
            h.step(200);
            // descent again: refused or stopped at once, nothing moves down
            h.journal.clear();
            h.decide(TRAINER, new Command.Jog("legs", Command.Jog.Direction.DOWN));
            h.step(1_000);
            assertTrue(h.truePositionMm(SrRig.LEFT) > atSwitch - 0.5, "moved down on the switch: "
                    + h.truePositionMm(SrRig.LEFT));
            assertTrue(h.journalHas("descent refused: lower limit switch"), "host refused descent: " + h.journal);
            h.decide(TRAINER, new Command.Jog("legs", Command.Jog.Direction.NONE));
            h.step(500);
            // reverse (up) is allowed
            assertTrue(h.mode() != Mode.FAULT, h.controller.status().toString());
            h.must(TRAINER, new Command.Jog("legs", Command.Jog.Direction.UP));
            h.step(2_000);
            assertTrue(h.truePositionMm(SrRig.LEFT) > atSwitch + 5, "ascent off the switch: " + h.truePositionMm(SrRig.LEFT));
        }
    }

    /** The supervisor's own clamp: whatever a planner asks, no set-point it sends lies beyond a soft limit. */
    @Test
    void supervisorSendsNoSetPointBeyondTheSoftLimits() throws Exception {
        try (RigHarness h = RigHarness.standard(14, dir)) {
            double softLowMm = h.model.winch(SrRig.LEFT).config().softLowMm();
            double softHighMm = h.model.winch(SrRig.LEFT).config().softHighMm();
            for (double[] run : new double[][] {{100, -0.5}, {1500, 0.8}}) {
                FakeDrives drives = new FakeDrives();
                long now = 1_000 * RigHarness.MS;
                SafetySupervisor s = FakeDrives.followingLegs(h.model, drives, run[0], (int) Math.signum(run[1]), now);
                for (int i = 0; i < 600; i++) {
                    now += 10 * RigHarness.MS;
                    s.enable(now);
                    s.admit(0, run[1], now); // -50 or +80 mm/s
                }
                for (int w : new int[] {SrRig.LEFT, SrRig.RIGHT}) {
                    var p = drives.positionsMm(h.model, w);
                    assertTrue(p.size() > 100, "set-points sent: " + p.size());
                    for (int i = 0; i < p.size(); i++) {
                        assertTrue(p.get(i) >= softLowMm - 0.01 && p.get(i) <= softHighMm + 0.01,
                                "set-point " + i + " of winch " + w + " at " + p.get(i) + " mm");
                    }
                }
            }
        }
    }

    /**
     * I-2 (issue 13's third case): a group below its lower soft limit does not move toward it, nor back up, on
     * a "jog down" (the clamp once stepped it up at 10 mm/s); a jog away from the limit moves it.
     */
    @Test
    void aJogTowardALimitTheGroupIsBeyondMovesItNeitherWay() throws Exception {
        try (RigHarness h = RigHarness.standard(124, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 400);
            h.holdEnable(false);
            // a technician references the pair 30 mm below its lower soft limit (a wrong reference, or limits changed)
            double softLowMm = h.model.winch(SrRig.LEFT).config().softLowMm();
            h.must(RigHarness.TRAINER, new Command.ReleaseControl());
            h.must(RigHarness.TECHNICIAN, new Command.TakeControl());
            h.must(RigHarness.TECHNICIAN, new Command.Reference(SrRig.LEGS, softLowMm - 30));
            h.must(RigHarness.TECHNICIAN, new Command.ReleaseControl());
            h.must(RigHarness.TRAINER, new Command.TakeControl());
            h.step(300);
            double p = h.truePositionMm(SrRig.LEFT);
            RigHarness.LegRise rise = new RigHarness.LegRise();
            h.everyStep(rise);
            h.holdEnable(true);
            var down = h.decide(RigHarness.TRAINER, new Command.Jog(SrRig.LEGS, Command.Jog.Direction.DOWN));
            assertFalse(down.accepted(), "jog down below the soft limit: " + down);
            h.step(2_000);
            assertEquals(p, h.truePositionMm(SrRig.LEFT), 0.5, "jog down moved the legs");
            rise.assertAtMost(0.1, 1.0);
            h.must(RigHarness.TRAINER, new Command.Jog(SrRig.LEGS, Command.Jog.Direction.UP));
            assertTrue(h.stepUntil(() -> h.truePositionMm(SrRig.LEFT) > p + 10, 3_000), "jog up moves it");
            h.must(RigHarness.TRAINER, new Command.Jog(SrRig.LEGS, Command.Jog.Direction.NONE));
        }
    }
}
