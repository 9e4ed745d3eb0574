package com.lianarig.controller.r7;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.sim.physics.Exercise;
import com.lianarig.sim.physics.RigSim;
import com.lianarig.sim.physics.SpineSegment;
import com.lianarig.sim.physics.VirtualClient;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * SPEC I-4 and I-5 for {@link R7Invariants}, every step on the true state.
 *
 * <p>I-4 on the body that hangs in the rig (not the profile the controller has): (a) no leg strap's
 * true loaded height above the SR-20 ceiling of that body's own profile + 1 mm; (b) the pair's mean
 * loaded strap height (what {@link RigSim} hangs the body from) no higher than puts the bend at this
 * body's C7-T1 + 1 mm: above it the shoulders leave the mat, only the head and neck are left on it,
 * and the ropes carry more than all the rest of the body.
 *
 * <p>I-5: the pair's true positions at most SR-13's 10 mm apart + the stopping distance from the
 * faster leg's true speed at the moment 10 mm was exceeded + 1 mm.
 *
 * <p>An exempt fault that moves a leg (a runaway drive, a slip, a coast) raises the allowances to
 * where it leaves the rope: from there the controller is judged. Owned by the session's thread.
 */
final class R7HeadAndPair {
    private final RigHarness h;
    private final R7Deadlines d;
    private final R7Violations violations;
    private final int[] legWinches;
    private final int[] legRopes;
    private final Map<VirtualClient, Double> ceilings = new IdentityHashMap<>();
    private double ceilingSlackMm;
    private double shoulderSlackMm;
    private boolean reportedCeiling;
    private boolean reportedShoulders;
    private double pairAllowanceMm;
    private double pairLimitMm = Double.NaN;
    private boolean reportedPair;

    R7HeadAndPair(RigHarness h, R7Deadlines d, R7Violations violations) {
        this.h = h;
        this.d = d;
        this.violations = violations;
        this.legWinches = h.model.legPair().map(RigModel.Group::winches).orElse(new int[0]);
        this.legRopes = h.model.ropes().stream().filter(RigModel.RopeModel::legStrap)
                .mapToInt(RigModel.RopeModel::index).toArray();
        this.pairAllowanceMm = d.pairDifferenceMm();
    }

    void clientHanging(VirtualClient body, double ceilingMm) {
        ceilings.put(body, ceilingMm);
    }

    boolean isLeg(int winch) {
        for (int l : legWinches) {
            if (l == winch) {
                return true;
            }
        }
        return false;
    }

    /** Both checks; {@code legExempt}: an exempt fault moved a leg this step. */
    void check(boolean legExempt) {
        headOnTheMat(legExempt);
        pair(legExempt);
    }

    private void headOnTheMat(boolean legExempt) {
        RigSim physics = h.rig.physics();
        VirtualClient body = physics.client();
        if (body == null || physics.exercise() != Exercise.INVERTED_HANG || legRopes.length < 2) {
            return;
        }
        double top = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int r : legRopes) {
            double hMm = physics.endHeightMm(r);
            top = Math.max(top, hMm);
            sum += hMm;
        }
        double mean = sum / legRopes.length;
        Double ceiling = ceilings.get(body);
        double shouldersMm = body.strapHeightForBend(body.body().heightFraction(SpineSegment.C7_T1));
        if (legExempt) {
            ceilingSlackMm = ceiling == null ? 0 : Math.max(ceilingSlackMm, top - ceiling);
            shoulderSlackMm = Math.max(shoulderSlackMm, mean - shouldersMm);
            return;
        }
        if (ceiling != null && top > ceiling + Math.max(0, ceilingSlackMm) + R7Invariants.SETTLE_MM
                && !reportedCeiling) {
            reportedCeiling = true;
            violations.add("I-4", h.now, String.format(Locale.ROOT, "a leg strap %.1f mm above the mat: over the"
                    + " hanging client's SR-20 ceiling of %.0f mm (mode %s)", top, ceiling, h.mode()));
        }
        if (mean > shouldersMm + Math.max(0, shoulderSlackMm) + R7Invariants.SETTLE_MM && !reportedShoulders) {
            reportedShoulders = true;
            violations.add("I-4", h.now, String.format(Locale.ROOT, "straps at %.1f mm: the hanging client's shoulders"
                    + " leave the mat above %.1f mm (ropes carry %.3f of the body, %.3f with the bend at C7-T1)", mean,
                    shouldersMm, body.invertedShare(mean), body.invertedShare(shouldersMm)));
        }
    }

    private void pair(boolean legExempt) {
        if (legWinches.length != 2) {
            return;
        }
        RigSim physics = h.rig.physics();
        double apart = Math.abs(physics.winch(legWinches[0]).positionMm() - physics.winch(legWinches[1]).positionMm());
        if (legExempt) {
            pairAllowanceMm = Math.max(pairAllowanceMm, apart); // an injected fault split them: judged from there
            pairLimitMm = Double.NaN;
            return;
        }
        if (apart <= pairAllowanceMm) {
            pairLimitMm = Double.NaN;
            return;
        }
        if (Double.isNaN(pairLimitMm)) {
            double v = Math.max(Math.abs(physics.winch(legWinches[0]).velocityMmPerS()),
                    Math.abs(physics.winch(legWinches[1]).velocityMmPerS()));
            pairLimitMm = pairAllowanceMm + d.stopDistanceMm(v) + R7Invariants.SETTLE_MM;
        }
        if (apart > pairLimitMm && !reportedPair) {
            reportedPair = true;
            violations.add("I-5", h.now, String.format(Locale.ROOT, "the pair %.1f mm apart (allowed %.1f mm: %.1f +"
                    + " the stopping distance); mode %s", apart, pairLimitMm, pairAllowanceMm, h.mode()));
        }
    }
}
