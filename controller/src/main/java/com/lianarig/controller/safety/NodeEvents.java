package com.lianarig.controller.safety;

import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.StopCategory;
import java.util.Locale;

/**
 * What a node's own reports mean to the host's safety core: a node-side protection that acted
 * (FAULT_REPORT) becomes the host's latched fault of the same SR, and a link that failed voids what the
 * host knew of that node's winches and ropes (SR-9, SR-14, SR-23).
 *
 * <p>Not thread-safe: {@link SafetySupervisor} calls it with its lock held.
 */
final class NodeEvents {
    private final Tracks t;
    private final Reactions react;
    private final Sr09LinkLoss sr09;
    private final Sr14BrakeSlip sr14;
    private final Sr23PositionIntegrity sr23;

    NodeEvents(RuleSet rules) {
        this.t = rules.t;
        this.react = rules.react;
        this.sr09 = rules.sr09;
        this.sr14 = rules.sr14;
        this.sr23 = rules.sr23;
    }

    /** A node-side protection acted: the latched ones become the host's faults too. */
    void fault(int winch, NodeFault fault, int measured, int limit, long nowNanos) {
        String where = winch == 255 ? "node" : t.winches[winch].id();
        switch (fault) {
            case OVERSPEED -> react.latch(SafetyRule.SR_3, where + ": node saw overspeed " + measured + " counts/s > "
                    + limit, StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos, StopCategory.CAT_0);
            case FOLLOWING_ERROR -> react.latch(SafetyRule.SR_13, where + ": node saw following error " + measured
                    + " counts > " + limit, StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos, StopCategory.CAT_0);
            case DRIVE_FAULT, ENCODER_FAULT -> {
                if (fault == NodeFault.ENCODER_FAULT && winch != 255) {
                    sr23.encoderFault(t.winches[winch], nowNanos);
                }
                react.latch(SafetyRule.SR_13, where + ": "
                    + fault.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " (code " + measured + ")",
                    StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos, StopCategory.CAT_0);
            }
            case BRAKE_FAULT -> react.latch(SafetyRule.SR_14, where + ": brake did not respond", StopKind.CAT_0,
                    ResetRole.TECHNICIAN, nowNanos, StopCategory.CAT_0);
            case HEARTBEAT_TIMEOUT -> react.latch(SafetyRule.SR_9, where + ": heartbeat watchdog expired after "
                    + measured + " ms: node shut down", StopKind.CAT_1, ResetRole.TRAINER, nowNanos, StopCategory.CAT_1);
            default -> {
                // SETPOINT_GAP, limit switches, SOFT_LIMIT, POWER_REMOVED: the node stopped or clamped by
                // itself; the status shows it and the safety chain explains POWER_REMOVED.
            }
        }
    }

    /** SR-9: a node's link became usable ({@code ready}) or failed (stop everything, forget what it said). */
    void link(int nodeAddress, boolean ready, String why, long nowNanos) {
        NodeTrack n = t.node(nodeAddress);
        boolean was = n.ready;
        n.ready = ready;
        n.answering = ready;
        if (ready && !was) {
            n.readyAtNanos = nowNanos;
        }
        if (!ready && was) {
            sr09.linkLost(n, why, nowNanos);
        }
        if (!ready) {
            // SR-23 / SR-14: the positions of its winches are void, and the brakes' drift reference forgotten
            // (a restarted node's lost encoder zero is not a slip)
            sr23.linkLost(n, nowNanos);
            for (WinchTrack w : t.winches) {
                if (w.node == n) {
                    w.haveStatus = false;
                    sr14.forgetEngagement(w);
                }
            }
            for (RopeTrack r : t.ropes) {
                if (r.node == n) {
                    r.haveSample = false;
                    r.nodeTimeUs = -1; // a new link: the node's clock may have restarted
                }
            }
            n.lastStatusNodeTimeUs = -1;
        }
    }
}
