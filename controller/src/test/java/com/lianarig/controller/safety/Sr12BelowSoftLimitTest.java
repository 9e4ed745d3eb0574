package com.lianarig.controller.safety;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.r7.R7Invariants;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-12 / SR-23 / I-2, issue 13 case 3: after a power-up the leg encoders count from 0 while the
 * legs truly hang at 100 mm, so the host reads them below their 10 mm lower soft limit and
 * unreferenced. A jog toward the limit (down) must not move them up (the node's clamp of an
 * unreferenced set-point into its soft limits drove them 0 -> 20 mm up); a jog away from it may move
 * them. The technician's REFERENCE in that state is what a reference is for: it must not trip SR-13.
 * Judged on the true state by the R-7 oracle ({@link R7Invariants}).
 */
class Sr12BelowSoftLimitTest {
    @TempDir
    Path dir;

    /** Powered up with both leg encoders at 0 (true position 100 mm); nobody has referenced anything. */
    private static RigHarness poweredUpBelowTheSoftLimit(Path dir, long seed) throws Exception {
        RigHarness h = RigHarness.standard(seed, dir);
        for (int w : new int[] {SrRig.LEFT, SrRig.RIGHT}) {
            h.winchSim(w).restartEncoderAt(0);
        }
        h.bootUnreferenced();
        return h;
    }

    @Test
    void jogDownBelowTheLowerSoftLimitNeverRaisesTheLegs() throws Exception {
        try (RigHarness h = poweredUpBelowTheSoftLimit(dir, 1201)) {
            R7Invariants oracle = R7Invariants.attach(h);
            oracle.untrustedFromStart("powered up unreferenced");
            double startMm = h.truePositionMm(SrRig.LEFT);
            RigHarness.LegRise rise = new RigHarness.LegRise();
            h.everyStep(rise);
            h.must(RigHarness.TRAINER, new Command.TakeControl());
            h.holdEnable(true);

            Decision jog = h.decide(RigHarness.TRAINER, new Command.Jog(SrRig.LEGS, Command.Jog.Direction.DOWN));
            h.step(3_000);
            h.decide(RigHarness.TRAINER, new Command.Jog(SrRig.LEGS, Command.Jog.Direction.NONE));
            h.step(1_500);

            oracle.assertHeld("I-2");
            assertTrue(h.truePositionMm(SrRig.LEFT) <= startMm + R7Invariants.SETTLE_MM, String.format(Locale.ROOT,
                    "jog down (%s) raised the legs from %.1f to %.1f mm", jog, startMm, h.truePositionMm(SrRig.LEFT)));
            rise.assertAtMost(R7Invariants.SETTLE_MM, 2);
        }
    }

    @Test
    void referencingBelowTheLowerSoftLimitDoesNotTripSr13AndMovesNothing() throws Exception {
        try (RigHarness h = poweredUpBelowTheSoftLimit(dir, 1202)) {
            R7Invariants oracle = R7Invariants.attach(h);
            oracle.untrustedFromStart("powered up unreferenced");
            double trueMm = h.truePositionMm(SrRig.LEFT);
            h.must(RigHarness.TECHNICIAN, new Command.TakeControl());

            Decision ref = h.decide(RigHarness.TECHNICIAN, new Command.Reference(SrRig.LEGS, trueMm));
            h.step(2_000);

            assertTrue(ref.accepted(), "a technician references an unreferenced pair at rest: " + ref);
            assertFalse(h.controller.safety().latched(SafetyRule.SR_13), "the reference tripped SR-13: "
                    + h.controller.status().faults());
            assertNotEquals(Mode.FAULT, h.mode(), h.controller.status().modeReason());
            oracle.assertHeld("I-1", "I-2", "I-6");
        }
    }

    /**
     * The gate's clamps only ever hold a winch back: a referenced pair below its lower soft limit whose planner
     * asks for a descent (the control logic refuses one: this is a rogue planner) is not moved down, and not
     * stepped up to the limit against the motion either (I-2).
     */
    @Test
    void aDescentBelowTheLowerSoftLimitIsHeldNotSteppedUpToTheLimit() throws Exception {
        try (RigHarness h = poweredUpBelowTheSoftLimit(dir, 1203)) {
            double trueMm = h.truePositionMm(SrRig.LEFT);
            h.must(RigHarness.TECHNICIAN, new Command.TakeControl());
            h.must(RigHarness.TECHNICIAN, new Command.Reference(SrRig.LEGS, 5)); // 5 mm: below the 10 mm soft limit
            h.step(2_000);
            SafetySupervisor s = h.controller.safety();
            assertTrue(s.view().trusted(SrRig.LEFT) && s.view().trusted(SrRig.RIGHT), "referenced");
            h.everyStep(x -> s.enable(x.now)); // the technician's enable, straight to the supervisor
            s.enable(h.now);
            double[] highest = {trueMm};
            h.everyStep(x -> highest[0] = Math.max(highest[0], Math.max(x.truePositionMm(SrRig.LEFT),
                    x.truePositionMm(SrRig.RIGHT))));
            SrRig.roguePlanner(h, SrRig.legs(h), () -> -10);
            h.step(1_500);
            assertTrue(highest[0] <= trueMm + R7Invariants.SETTLE_MM, String.format(Locale.ROOT,
                    "a descent below the soft limit raised the legs from %.1f to %.1f mm", trueMm, highest[0]));
            assertTrue(h.truePositionMm(SrRig.LEFT) >= trueMm - R7Invariants.SETTLE_MM, "went further down: "
                    + h.truePositionMm(SrRig.LEFT));
        }
    }
}
