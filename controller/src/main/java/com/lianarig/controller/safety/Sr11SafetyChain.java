package com.lianarig.controller.safety;

import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchStatus;
import java.util.Locale;

/**
 * SR-11: the safety chain's monitor contact reads tripped, OR any node reports its drive power removed:
 * ESTOP at once (category 0). The two sources disagreeing for {@link #DISAGREE_NANOS} is a fault of the
 * monitoring itself (a technician checks the monitor wiring). No motion until both read healthy and a
 * trainer (or, after a disagreement, a technician) resets.
 */
final class Sr11SafetyChain implements Protection {
    /** How long the monitor contact and the nodes' power reports may disagree (relay and contact switch apart), ns. */
    static final long DISAGREE_NANOS = 500_000_000L;

    private final Tracks t;
    private final Reactions react;
    /** The monitor contact (GPIO) reads healthy. */
    private boolean monitorHealthy;
    private long disagreeSinceNanos = Long.MIN_VALUE;
    private boolean disagreementLatched;

    Sr11SafetyChain(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_11;
    }

    /** The monitor contact changed (GPIO thread). */
    void onChain(boolean healthy, long nowNanos) {
        monitorHealthy = healthy;
        judge(nowNanos);
    }

    @Override
    public void onStatus(WinchTrack w, long nowNanos) {
        judge(nowNanos);
    }

    @Override
    public void onTick(long nowNanos) {
        judge(nowNanos);
    }

    /** Every winch whose node reports on it has drive power (vacuously true before the first status). */
    private WinchTrack unpowered() {
        for (WinchTrack w : t.winches) {
            if (w.haveStatus && (w.flags & WinchStatus.FLAG_DRIVE_POWERED) == 0) {
                return w;
            }
        }
        return null;
    }

    private void judge(long nowNanos) {
        WinchTrack unpowered = unpowered();
        boolean powered = unpowered == null;
        t.chainHealthy = monitorHealthy && powered;
        if (!t.chainHealthy && react.trip(SafetyRule.SR_11, StopCategory.CAT_0)) {
            react.record(SafetyRule.SR_11, monitorHealthy
                    ? "node " + unpowered.node.address + " reports drive power removed at winch " + unpowered.id()
                            + " (client, pendant or wall stop, or an ultimate limit)"
                    : "safety chain tripped (pendant, client or wall stop, or an ultimate limit)",
                    StopKind.CAT_0, ResetRole.TRAINER, nowNanos);
        }
        if (monitorHealthy == powered) {
            disagreeSinceNanos = Long.MIN_VALUE;
            return;
        }
        if (disagreeSinceNanos == Long.MIN_VALUE) {
            disagreeSinceNanos = nowNanos;
        } else if (!disagreementLatched && nowNanos - disagreeSinceNanos >= DISAGREE_NANOS) {
            disagreementLatched = true;
            react.trip(SafetyRule.SR_11, StopCategory.CAT_0);
            react.record(SafetyRule.SR_11, String.format(Locale.ROOT,
                    "the safety chain's monitor contact reads %s while node %d reports drive power %s, for %d ms:"
                            + " check the monitor wiring", monitorHealthy ? "healthy" : "tripped",
                    powered ? t.nodes[0].address : unpowered.node.address, powered ? "present" : "removed",
                    (nowNanos - disagreeSinceNanos) / 1_000_000), StopKind.CAT_0, ResetRole.TECHNICIAN, nowNanos);
        }
    }

    @Override
    public String causePresent(long nowNanos) {
        if (!monitorHealthy) {
            return "safety chain still tripped";
        }
        WinchTrack unpowered = unpowered();
        if (unpowered != null) {
            return "node " + unpowered.node.address + " still reports drive power removed";
        }
        return null;
    }

    @Override
    public void onReset(long nowNanos) {
        disagreementLatched = false;
    }
}
