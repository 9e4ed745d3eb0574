package com.lianarig.controller.rig;

import com.lianarig.config.rig.Limits;
import com.lianarig.config.rig.NodeConfig;
import com.lianarig.hal.node.NodeSetup;
import com.lianarig.hal.node.WinchLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * The node-side limits the controller configures at every connect (SPEC section 3: nodes enforce
 * limits themselves; the host is not the only guard), from the rig file's millimetres to counts:
 * SR-3/SR-4 speeds and acceleration, SR-3 overspeed trip, SR-13 following error, SR-12 soft limits,
 * SR-19 unreferenced speed, SR-9 set-point gap and heartbeat watchdog.
 */
public final class NodeSetups {
    private NodeSetups() {
    }

    /** The set-up of one node. */
    public static NodeSetup of(RigModel model, NodeConfig node) {
        Limits l = model.limits();
        List<WinchLimits> winches = new ArrayList<>();
        for (RigModel.WinchModel w : model.winches()) {
            if (w.nodeAddress() != node.address()) {
                continue;
            }
            double cpm = w.config().countsPerMm();
            winches.add(new WinchLimits(w.nodeWinch(), counts(l.ascentMmPerS() * cpm),
                    counts(l.descentMmPerS() * cpm), counts(l.accelMmPerS2() * cpm), l.overspeedPercent(),
                    counts(l.followingErrorMm() * cpm), (int) Math.round(w.config().softLowMm() * cpm),
                    (int) Math.round(w.config().softHighMm() * cpm), counts(l.unreferencedJogMmPerS() * cpm)));
        }
        int mask = 0;
        for (RigModel.RopeModel r : model.ropes()) {
            if (r.nodeAddress() == node.address()) {
                mask |= 1 << r.config().channel();
            }
        }
        return new NodeSetup(node.address(), node.serial(), node.sampleRateHz(), node.statusRateHz(),
                l.nodeSetpointGapMs(), l.nodeHeartbeatTimeoutMs(), mask, winches);
    }

    private static int counts(double value) {
        return Math.max(1, (int) Math.round(value));
    }
}
