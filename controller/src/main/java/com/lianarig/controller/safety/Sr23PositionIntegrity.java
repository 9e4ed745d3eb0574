package com.lianarig.controller.safety;

import java.util.Locale;

/**
 * SR-23 (I-6): a winch's position is trusted only while it is true. A node restart, a lost link or an
 * encoder fault voids it until the winch is referenced again; meanwhile every position-derived protection
 * and action (soft limits, slow zones, the pair check, the drift check, the ceiling, the drive hold) is
 * void, the brakes stay applied, and only the rescue descent may move the winch, in velocity mode.
 *
 * <p>At the service's first contact with a node, the node's own REFERENCED flag counts (the node kept
 * counting while the service was down; SR-15 reads positions). A REFERENCE sent by the host makes the
 * encoder jump on purpose: until the node reports the winch REFERENCED at the position asked (within
 * {@link #REFERENCE_MATCH_MM}), its position is re-read from scratch (no encoder-jump or brake-drift
 * judgement), then trusted; a reference not confirmed within {@link #REFERENCE_TIMEOUT_NANOS} leaves it void.
 */
final class Sr23PositionIntegrity implements Protection {
    /** How long a REFERENCE may take to show in the node's status, ns (the node acknowledges in milliseconds). */
    static final long REFERENCE_TIMEOUT_NANOS = 1_000_000_000L;
    /** How close to the position asked the node must report a referenced winch, mm (a braked winch: encoder noise). */
    static final double REFERENCE_MATCH_MM = 1.0;

    private enum Trust {
        /** No status seen since the service started: the node's REFERENCED flag decides at the first one. */
        UNSEEN,
        TRUSTED,
        /** Void until referenced again. */
        VOID
    }

    private final Tracks t;
    private final Reactions react;
    private final Trust[] trust;
    /** Per winch: when the host sent a REFERENCE, controller clock ns; MIN_VALUE when none is pending. */
    private final long[] referencedAtNanos;
    /** Per winch: the position the pending REFERENCE asked for, mm. */
    private final double[] referenceMm;
    private Sr14BrakeSlip sr14;

    Sr23PositionIntegrity(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
        this.trust = new Trust[tracks.winches.length];
        java.util.Arrays.fill(trust, Trust.UNSEEN);
        this.referencedAtNanos = new long[tracks.winches.length];
        this.referenceMm = new double[tracks.winches.length];
        java.util.Arrays.fill(referencedAtNanos, Long.MIN_VALUE);
    }

    void bind(Sr14BrakeSlip brakeSlip) {
        this.sr14 = brakeSlip;
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_23;
    }

    boolean trusted(WinchTrack w) {
        return trust[w.index] == Trust.TRUSTED;
    }

    /** Whether every winch of the group has a trusted position. */
    boolean trusted(GroupTrack g) {
        for (WinchTrack w : g.winches) {
            if (trust[w.index] != Trust.TRUSTED) {
                return false;
            }
        }
        return true;
    }

    /** Runs first on every status: trust follows the node's REFERENCED flag and the host's own references. */
    @Override
    public void onStatus(WinchTrack w, long nowNanos) {
        if (referencedAtNanos[w.index] != Long.MIN_VALUE) {
            // the jump a REFERENCE makes is expected: read the position from scratch until it has settled
            w.lastPositionMm = Double.NaN;
            w.admittedMm = w.positionMm;
            sr14.forgetEngagement(w);
            if (w.referenced() && Math.abs(w.positionMm - referenceMm[w.index]) <= REFERENCE_MATCH_MM) {
                referencedAtNanos[w.index] = Long.MIN_VALUE;
                trust[w.index] = Trust.TRUSTED;
            } else if (nowNanos - referencedAtNanos[w.index] > REFERENCE_TIMEOUT_NANOS) {
                referencedAtNanos[w.index] = Long.MIN_VALUE;
                voidPosition(w, "the reference at " + referenceMm[w.index] + " mm was not confirmed by the node", nowNanos);
            }
            return;
        }
        switch (trust[w.index]) {
            case UNSEEN -> trust[w.index] = w.referenced() ? Trust.TRUSTED : Trust.VOID;
            case TRUSTED -> {
                if (!w.referenced()) {
                    voidPosition(w, "the node no longer reports it referenced", nowNanos);
                }
            }
            default -> {
            }
        }
    }

    /** The host sent REFERENCE SET_POSITION for this winch. */
    void referenceSent(WinchTrack w, double positionMm, long nowNanos) {
        referencedAtNanos[w.index] = nowNanos;
        referenceMm[w.index] = positionMm;
        trust[w.index] = Trust.VOID; // until the node reports the position asked: a pair half-referenced is not apart
    }

    /** A node's link failed (a restart shows as one too): its winches' positions are void. */
    void linkLost(NodeTrack node, long nowNanos) {
        for (WinchTrack w : t.winches) {
            if (w.node == node && trust[w.index] == Trust.TRUSTED) {
                voidPosition(w, "link to node " + node.address + " lost", nowNanos);
            }
        }
    }

    /** The encoder of this winch is faulty or jumped. */
    void encoderFault(WinchTrack w, long nowNanos) {
        if (trust[w.index] != Trust.VOID) {
            voidPosition(w, "encoder fault", nowNanos);
        }
    }

    private void voidPosition(WinchTrack w, String why, long nowNanos) {
        trust[w.index] = Trust.VOID;
        referencedAtNanos[w.index] = Long.MIN_VALUE;
        sr14.forgetEngagement(w);
        react.warn(SafetyRule.SR_23, String.format(Locale.ROOT,
                "position of winch %s no longer trusted (%s): brakes stay applied, only the rescue descent until it is"
                        + " referenced again", w.id(), why));
    }
}
