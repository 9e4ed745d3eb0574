package com.lianarig.controller.safety;

import com.lianarig.config.rig.Limits;
import com.lianarig.controller.motion.MotionLimits;
import com.lianarig.controller.motion.SCurveAxis;
import com.lianarig.controller.rig.RigModel;

/**
 * Every track of the rig (ropes, winches, groups, nodes) and the rig-wide inputs the rules share (the
 * safety chain, the enable, the client), allocated once. Written and read under the supervisor's lock.
 */
final class Tracks {
    final RigModel model;
    final Limits limits;
    /** The control period, s. */
    final double periodS;
    final RopeTrack[] ropes;
    final WinchTrack[] winches;
    final GroupTrack[] groups;
    final NodeTrack[] nodes;

    /** SR-11: the safety chain's monitor contact reads healthy. */
    boolean chainHealthy;
    /** The client's body mass, kg; NaN without a client. */
    double clientMassKg = Double.NaN;
    /** SR-20: the highest position any set-point of the leg pair may ask for, mm; +inf for none. */
    double strapCeilingMm = Double.POSITIVE_INFINITY;
    /** Upright hang: the highest unloaded height of a finger loop on a winch, mm (+inf for none). */
    double loopCeilingHeightMm = Double.POSITIVE_INFINITY;
    /** SR-20: the leg ropes' measured share of body weight that shows the head leaving the mat; NaN for none. */
    double headOffMatShare = Double.NaN;
    /** SR-25: a client is strapped in (READY or moving from it), not being strapped in or out. */
    boolean clientSettled;
    /** The leg-strap pair's group, or null; its ropes. */
    final GroupTrack legGroup;
    final RopeTrack[] legRopes;
    /** SR-10: the last enable refresh, controller clock ns, and whether it was let go since. */
    long enableNanos = Long.MIN_VALUE;
    boolean enableReleased;
    /** The newest load sample of any rope, never forgotten (telemetry's sample age, P-6). */
    long newestSampleNanos = Long.MIN_VALUE;

    Tracks(RigModel model) {
        this.model = model;
        this.limits = model.limits();
        this.periodS = 1.0 / limits.controlRateHz();
        winches = new WinchTrack[model.winches().size()];
        for (int w = 0; w < winches.length; w++) {
            winches[w] = new WinchTrack(model.winch(w));
        }
        for (WinchTrack w : winches) {
            w.partner = w.model.paired() ? winches[w.model.partner()] : null;
        }
        MotionLimits motionLimits = MotionLimits.of(limits);
        groups = new GroupTrack[model.groups().size()];
        for (int g = 0; g < groups.length; g++) {
            int[] ws = model.group(g).winches();
            WinchTrack[] members = new WinchTrack[ws.length];
            for (int i = 0; i < ws.length; i++) {
                members[i] = winches[ws[i]];
            }
            groups[g] = new GroupTrack(model.group(g), members, new SCurveAxis(motionLimits, 0));
            for (WinchTrack m : members) {
                m.group = groups[g];
            }
        }
        ropes = new RopeTrack[model.ropes().size()];
        for (int r = 0; r < ropes.length; r++) {
            RigModel.RopeModel m = model.rope(r);
            ropes[r] = new RopeTrack(m, (long) (limits.sampleMaxAgePeriods() * 1e9 / m.sampleRateHz()));
            ropes[r].winch = m.winch() >= 0 ? winches[m.winch()] : null;
        }
        for (RopeTrack r : ropes) {
            if (r.winch != null && r.winch.partner != null) {
                int p = model.ropeOfWinch(r.winch.partner.index);
                r.partner = p >= 0 ? ropes[p] : null;
            }
        }
        legGroup = model.legPair().map(g -> groups[g.index()]).orElse(null);
        legRopes = java.util.Arrays.stream(ropes).filter(r -> r.model.legStrap()).toArray(RopeTrack[]::new);
        int[] addresses = model.nodeAddresses();
        nodes = new NodeTrack[addresses.length];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new NodeTrack(addresses[i]);
        }
        for (RopeTrack r : ropes) {
            r.node = node(r.model.nodeAddress());
        }
        for (WinchTrack w : winches) {
            w.node = node(w.model.nodeAddress());
        }
    }

    /** SR-10: whether an enable was seen within the refresh time and not let go since. */
    boolean enableLive(long nowNanos) {
        return !enableReleased && enableNanos != Long.MIN_VALUE
                && nowNanos - enableNanos <= limits.enableRefreshMs() * 1_000_000L;
    }

    NodeTrack node(int address) {
        for (NodeTrack n : nodes) {
            if (n.address == address) {
                return n;
            }
        }
        throw new IllegalArgumentException("no node at address " + address);
    }

    /** The rope that hangs from a winch (the first in config order), or null. */
    RopeTrack ropeOf(WinchTrack w) {
        int r = model.ropeOfWinch(w.index);
        return r >= 0 ? ropes[r] : null;
    }

    /** The leg ropes' total load, N; NaN until every leg rope has a calibrated sample. */
    double legLoadN() {
        double sum = 0;
        for (RopeTrack r : legRopes) {
            double n = r.seenLoadN();
            if (Double.isNaN(n)) {
                return Double.NaN;
            }
            sum += n;
        }
        return legRopes.length == 0 ? Double.NaN : sum;
    }

    /** The leg ropes' total expected load for the current heights, N. */
    double legExpectedN() {
        double sum = 0;
        for (RopeTrack r : legRopes) {
            sum += r.expectedN;
        }
        return sum;
    }

    boolean noClient() {
        return Double.isNaN(clientMassKg);
    }
}
