package com.lianarig.controller.safety;

import static com.lianarig.controller.safety.SrRig.LEFT;
import static com.lianarig.controller.safety.SrRig.RIGHT;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.LimitSpec;
import com.lianarig.controller.RigHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SR-5: while loading the client, total rope load rises at most a set % of body weight per second: the profile slows. */
class Sr05LoadingRateTest {
    static final double RATE_PERCENT_PER_S = 5;
    /** Window over which the true load rate is measured, ms (smooths breathing and sway). */
    static final int WINDOW_MS = 250;

    @TempDir
    Path dir;

    
    @Test
    void loadingTheClientSlowsTheAscentToTheAllowedLoadRate() throws Exception {
        try (RigHarness h = RigHarness.standard(51, dir, l -> l.with(LimitSpec.LOADING_RATE_PERCENT_PER_S,
                RATE_PERCENT_PER_S))) {
            SrRig.ready(h);
            double allowedKgPerS = RATE_PERCENT_PER_S / 100 * SrRig.CLIENT_KG;
            double[] ring = new double[WINDOW_MS];
            long[] n = {0};
            double[] maxRate = {0};
            double[] slowest = {Double.MAX_VALUE};
            h.everyStep(x -> {
                double kg = SrRig.kgOnRope(x, LEFT) + SrRig.kgOnRope(x, RIGHT);
                int i = (int) (n[0] % WINDOW_MS);
                if (n[0] >= WINDOW_MS) {
                    maxRate[0] = Math.max(maxRate[0], (kg - ring[i]) / (WINDOW_MS / 1000.0));
                }
                ring[i] = kg;
                n[0]++;
            });
            double before = SrRig.kgOnRope(h, LEFT) + SrRig.kgOnRope(h, RIGHT);
            long t0 = h.now;
            SrRig.startMove(h, 1300);
            h.step(3_000);
            // mid-ascent only: on arrival the drive settles onto its target (a few tenths of a mm either way)
            h.everyStep(x -> {
                if (x.controller.safety().view().groupVelocityMmPerS(0) > 1 && x.controller.safety().view().admittedMm(0) < 1090) {
                    slowest[0] = Math.min(slowest[0], x.trueVelocityMmPerS(LEFT));
                }
            });
            h.step(4_000);
            SrRig.moveLegs(h, 1300);
            double after = SrRig.kgOnRope(h, LEFT) + SrRig.kgOnRope(h, RIGHT);
            double seconds = (h.now - t0) / 1e9;
            assertTrue(after - before > 30, "the client was loaded: " + (after - before) + " kg");
            // breathing (1 % at 0.25 Hz) adds up to 0.3 kg/s by itself
            assertTrue(maxRate[0] <= allowedKgPerS * 1.1 + 0.3, "true load rose at " + maxRate[0] + " kg/s, allowed "
                    + allowedKgPerS);
            assertTrue(slowest[0] < 80 * 0.8, "the limiter bound: slowest mid-ascent " + slowest[0] + " mm/s");
            assertTrue(slowest[0] > -1, "never descends during a move up: " + slowest[0] + " mm/s");
            assertTrue(h.controller.safety().faults().isEmpty(), h.controller.safety().faults().toString());
        }
    }
}
