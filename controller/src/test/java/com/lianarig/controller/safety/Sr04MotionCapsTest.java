package com.lianarig.controller.safety;

import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.RIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-4: ascent 80 mm/s, acceleration 100 mm/s^2, jerk-limited profiles that never exceed them. */
class Sr04MotionCapsTest {
    static final double ASCENT_MM_PER_S = 80;
    static final double ACCEL_MM_PER_S2 = 100;
    static final double JERK_MM_PER_S3 = 500;

    @TempDir
    Path dir;

    @Test
    void movesUpAndDownNeverExceedSpeedOrAcceleration() throws Exception {
        try (RigHarness h = RigHarness.standard(41, dir)) {
            SrRig.ready(h);
            double[] maxUp = {0};
            double[] maxAccel = {0};
            double[][] history = new double[2][20];
            long[] n = {0};
            h.everyStep(x -> {
                for (int w : new int[] {LEFT, RIGHT}) {
                    double v = x.trueVelocityMmPerS(w);
                    maxUp[0] = Math.max(maxUp[0], v);
                    // acceleration over 20 ms windows of the true velocity
                    int i = (int) (n[0] % 20);
                    if (n[0] >= 20) {
                        maxAccel[0] = Math.max(maxAccel[0], Math.abs(v - history[w][i]) / 0.020);
                    }
                    history[w][i] = v;
                }
                n[0]++;
            });
            // the profile itself: admitted set-point velocity of the pair, once per 10 ms control period
            double[] sp = {0, 0, Double.NaN};
            double[] maxSpAccel = {0};
            double[] maxSpJerk = {0};
            h.everyStep(x -> {
                if (x.now % (10 * RigHarness.MS) == 0) {
                    double v = x.controller.safety().view().groupVelocityMmPerS(0);
                    double a = (v - sp[0]) / 0.01;
                    maxSpAccel[0] = Math.max(maxSpAccel[0], Math.abs(a));
                    if (!Double.isNaN(sp[2])) {
                        maxSpJerk[0] = Math.max(maxSpJerk[0], Math.abs(a - sp[1]) / 0.01);
                    }
                    sp[0] = v;
                    sp[1] = a;
                    sp[2] = 0;
                }
            });
            SrRig.moveLegs(h, 1300);
            SrRig.moveLegs(h, 600);
            assertTrue(maxUp[0] > ASCENT_MM_PER_S * 0.95, "reached the ascent speed: " + maxUp[0]);
            assertTrue(maxUp[0] <= ASCENT_MM_PER_S * 1.05, "true ascent " + maxUp[0] + " mm/s");
            // the profile: acceleration within the cap, jerk-limited (500 mm/s^3; 10 ms differences blur the corners)
            assertTrue(maxSpAccel[0] <= ACCEL_MM_PER_S2 * 1.01, "set-point acceleration " + maxSpAccel[0]);
            assertTrue(maxSpAccel[0] > ACCEL_MM_PER_S2 * 0.9, "used the acceleration: " + maxSpAccel[0]);
            assertTrue(maxSpJerk[0] <= JERK_MM_PER_S3 * 1.25, "set-point jerk " + maxSpJerk[0]);
            // the winch itself follows with its servo's lag: measured over 20 ms it overshoots the profile by
            // about a quarter at the corners (virtual drive), never a step
            assertTrue(maxAccel[0] <= ACCEL_MM_PER_S2 * 1.3, "true acceleration " + maxAccel[0] + " mm/s^2");
            assertEquals(0, h.controller.safety().view().clampedSetPoints(), "the planner stays inside the caps");
        }
    }

    /** The supervisor's caps: a planner asking for a step to 200 mm/s gets an 80 mm/s ramp at <= 100 mm/s^2. */
    @Test
    void supervisorCapsAscentSpeedAndAcceleration() throws Exception {
        try (RigHarness h = RigHarness.standard(42, dir)) {
            FakeDrives drives = new FakeDrives();
            long now = 1_000 * RigHarness.MS;
            SafetySupervisor s = FakeDrives.followingLegs(h.model, drives, 300, now);
            for (int i = 0; i < 200; i++) {
                now += 10 * RigHarness.MS;
                s.enable(now);
                assertTrue(s.admit(0, 2.0, now), "admitted"); // 2 mm per 10 ms = 200 mm/s
            }
            var v = drives.velocitiesMmPerS(h.model, LEFT);
            double prev = 0;
            for (int i = 0; i < v.size(); i++) {
                assertTrue(v.get(i) <= ASCENT_MM_PER_S * 1.05, "set-point " + i + " at " + v.get(i) + " mm/s");
                assertTrue(Math.abs(v.get(i) - prev) / 0.01 <= ACCEL_MM_PER_S2 * 1.05 + 1.5,
                        "set-point " + i + " changes speed by " + (v.get(i) - prev) / 0.01 + " mm/s^2");
                prev = v.get(i);
            }
            assertTrue(v.get(v.size() - 1) > ASCENT_MM_PER_S * 0.95, "reaches the cap: " + v.get(v.size() - 1));
            assertTrue(s.view().clampedSetPoints() > 0, "clamps are counted");
        }
    }

    /**
     * The node's own speed limit (SPEC section 3): set-points that reach the drives past the supervisor (a
     * host fault) asking for an ascent at 120 mm/s are followed at no more than the node limit (80 x 1.1).
     */
    @Test
    void nodeLimitsAnAscentThatBypassesTheHost() throws Exception {
        try (RigHarness h = RigHarness.standard(45, dir)) {
            SrRig.ready(h);
            SrRig.moveLegs(h, 500);
            double fastest = SrRig.bypassingStream(h, 120);
            assertTrue(fastest <= 80 * 1.1 * 1.03, "true ascent " + fastest + " mm/s");
        }
    }
}
