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
    /** Node speed limits over the host's profile caps. */
    public static final double SPEED_HEADROOM = 1.1;
    /** Node acceleration limit over the host's profile cap. */
    public static final double ACCEL_HEADROOM = 1.1;
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
            // The node follows the host's profile with a little headroom (a set-point that arrives a
            // millisecond late must not leave a lag it can never recover); its overspeed trip stays at the
            // SPEC's limit x 1.2 of the host's speed (SR-3: host and node both check the same figure).
            winches.add(new WinchLimits(w.nodeWinch(), counts(l.ascentMmPerS() * SPEED_HEADROOM * cpm),
                    counts(l.descentMmPerS() * SPEED_HEADROOM * cpm), counts(l.accelMmPerS2() * ACCEL_HEADROOM * cpm),
                    Math.max(101, (int) Math.floor(l.overspeedPercent() / SPEED_HEADROOM)),
                    counts(l.followingErrorMm() * cpm), (int) Math.round(w.config().softLowMm() * cpm),
                    (int) Math.round(w.config().softHighMm() * cpm), counts(unreferencedMmPerS(l) * cpm)));
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

    /**
     * The node's speed cap for an unreferenced winch, mm/s: the unreferenced jog's, or the rescue descent's when
     * faster (SR-19 in velocity mode runs on unreferenced winches: a node cap below it would leave the drive behind
     * its set-points until SR-13's following error tripped; PROTOCOL.md D5).
     */
    static double unreferencedMmPerS(com.lianarig.config.rig.Limits l) {
        return Math.max(l.unreferencedJogMmPerS(), l.rescueSpeedMmPerS());
    }
}
