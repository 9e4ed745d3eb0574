package com.lianarig.controller.core;

import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.rig.RopeKind;
import com.lianarig.controller.aiming.UprightShareModel;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.TrackView;
import java.util.Locale;

/**
 * The rig's finger loops for the upright hang (SPEC section 5): which ropes they are and which winches they
 * hang from, their measured load and mean loaded height, and where the loop winch must be for the client to
 * stand under them. Allocation-free apart from the attach-time checks. Owner: the control thread.
 */
final class FingerLoops {
    private final RigModel model;
    private final TrackView tracks;
    /** Each rope's load this control step, N (the controller's array, filled every step). */
    private final double[] loadsN;
    /** The finger-loop ropes. */
    final int[] ropes;
    /** The group of the first loop on a winch (the one aiming moves), or -1. */
    final int group;
    /** Per winch: a finger loop hangs from it. */
    private final boolean[] onWinch;
    /** How many loops hang from winches; the fixed loops' heights summed, mm (both fixed by the rig file). */
    private final int winched;
    private final double fixedSumMm;

    FingerLoops(RigModel model, TrackView tracks, double[] loadsN) {
        this.model = model;
        this.tracks = tracks;
        this.loadsN = loadsN;
        this.ropes = model.ropes().stream().filter(r -> r.config().kind() == RopeKind.FINGER_LOOP)
                .mapToInt(RigModel.RopeModel::index).toArray();
        this.onWinch = new boolean[model.winches().size()];
        int firstLoopGroup = -1;
        int onWinches = 0;
        double fixedMm = 0;
        for (int r : ropes) {
            int w = model.rope(r).winch();
            if (w >= 0) {
                onWinch[w] = true;
                onWinches++;
                if (firstLoopGroup < 0) {
                    firstLoopGroup = model.winch(w).group();
                }
            } else {
                fixedMm += model.rope(r).config().fixedHeightMm().orElse(0);
            }
        }
        this.group = firstLoopGroup;
        this.winched = onWinches;
        this.fixedSumMm = fixedMm;
    }

    /** Total load on the finger-loop ropes this step, N (NaN when unknown). */
    double loadN() {
        double sum = 0;
        for (int r : ropes) {
            sum += loadsN[r];
        }
        return sum;
    }

    /**
     * The finger loops' mean loaded height above the mat, mm: each loop's unloaded height (its winch's base
     * height + position, or its fixed point) less its rope's stretch under the measured load.
     */
    double meanHeightMm() {
        double sumMm = 0;
        for (int r : ropes) {
            sumMm += unloadedHeightMm(r) - stretchMm(r);
        }
        return sumMm / ropes.length;
    }

    private double unloadedHeightMm(int rope) {
        RigModel.RopeModel m = model.rope(rope);
        return m.winch() >= 0 ? model.winch(m.winch()).config().baseHeightMm() + tracks.positionMm(m.winch())
                : m.config().fixedHeightMm().orElse(0);
    }

    private double stretchMm(int rope) {
        double loadN = loadsN[rope];
        return Double.isNaN(loadN) ? 0 : Math.max(0, loadN) / model.rope(rope).config().stiffnessNPerMm();
    }

    /**
     * The winch-loop unloaded height that puts the loops' mean at {@code meanMm}, mm: the loops on winches
     * (all in {@link #group}) move together, the fixed loops stay.
     */
    double winchHeightForMeanMm(double meanMm) {
        return (ropes.length * meanMm - fixedSumMm) / winched;
    }

    /** How many mm the loops' mean moves per mm of the loop winch, 0..1. */
    double meanPerWinchMm() {
        return ropes.length == 0 ? 0 : (double) winched / ropes.length;
    }

    /** SR-23: whether every loop winch's position is trusted. */
    boolean trusted() {
        for (int r : ropes) {
            int w = model.rope(r).winch();
            if (w >= 0 && !tracks.trusted(w)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a finger loop hangs from a winch of group {@code g}. */
    boolean inGroup(int g) {
        for (int w : model.group(g).winches()) {
            if (onWinch[w]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Upright hang, the SR-20 analogue: the highest unloaded height of a loop on a winch at which the client
     * still stands under the loops, mm. Both the loop itself and the loops' mean (where the body hangs) stay
     * at or below the client's standing reach; with the loops on winches at this height and the fixed loops
     * where they are, the mean is at the reach at most.
     */
    double ceilingHeightMm(UprightShareModel m) {
        double reachMm = m.standingReachMm();
        if (winched == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.min(reachMm, (ropes.length * reachMm - fixedSumMm) / winched);
    }

    /**
     * Upright hang: why the loops cannot be brought low enough for this client to stand under them (the loop
     * winch's lowest height above the ceiling, or fixed loops alone above the reach), or null.
     */
    String cannotStand(ClientProfile p, double loopCeilingMm) {
        UprightShareModel m = UprightShareModel.of(p.statureMm());
        double lowestMm = Double.NEGATIVE_INFINITY;
        for (int r : ropes) {
            int w = model.rope(r).winch();
            if (w >= 0) {
                var c = model.winch(w).config();
                lowestMm = Math.max(lowestMm, c.baseHeightMm() + c.softLowMm());
            }
        }
        if (winched == 0 && fixedSumMm / ropes.length > m.standingReachMm()) {
            return String.format(Locale.ROOT, "the finger loops hang at %.0f mm on average, above client %s's"
                    + " standing reach of %.0f mm: the client cannot stand under them", fixedSumMm / ropes.length,
                    p.id(), m.standingReachMm());
        }
        if (lowestMm > loopCeilingMm) {
            return String.format(Locale.ROOT, "the finger loops cannot come low enough for client %s to stand"
                    + " under them: the loop winch's lowest height is %.0f mm, the client's standing reach allows %.0f mm",
                    p.id(), lowestMm, loopCeilingMm);
        }
        return null;
    }
}
