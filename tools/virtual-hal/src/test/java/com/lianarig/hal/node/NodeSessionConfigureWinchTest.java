package com.lianarig.hal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.hal.CommandResult;
import com.lianarig.hal.Winch;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.ReferenceMode;
import com.lianarig.protocol.WinchState;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link NodeSession#configureWinch}: other node-side limits for a while (rig commission's move window). */
class NodeSessionConfigureWinchTest {

    /**
     * A referenced winch: the node holds it inside narrower soft limits wherever its set-points ask (an
     * unreferenced one has no soft limits on the node: PROTOCOL.md Annex B.19, below).
     */
    @Test
    void narrowerSoftLimitsHoldTheWinchWhereverItsSetPointsAsk() {
        try (SteppedRig r = SteppedRig.standard(31).ready()) {
            Winch w = r.session.winch(2);
            r.stepUntil(() -> w.latest().isPresent(), 100);
            int here = w.latest().orElseThrow().positionCounts();
            CompletableFuture<CommandResult> referenced = w.reference(ReferenceMode.SET_POSITION, here, 0);
            r.stepUntil(referenced::isDone, 200);
            assertTrue(referenced.join().accepted(), referenced.join().description());
            double cpm = TestRigs.countsPerMm(2);
            WinchLimits l = TestRigs.limits(2);
            WinchLimits window = new WinchLimits(2, l.maxAscentCountsPerS(), l.maxDescentCountsPerS(),
                    l.maxAccelCountsPerS2(), l.overspeedPercent(), l.maxFollowingErrorCounts(), here - (int) (5 * cpm),
                    here + (int) (5 * cpm), l.unreferencedMaxCountsPerS());
            CompletableFuture<CommandResult> narrowed = r.session.configureWinch(window);
            r.stepUntil(narrowed::isDone, 200);
            assertTrue(narrowed.join().accepted(), narrowed.join().description());

            double before = r.truePositionMm(2);
            CompletableFuture<CommandResult> released = w.brake(BrakeAction.RELEASE);
            r.stepUntil(released::isDone, 200);
            assertTrue(released.join().accepted(), released.join().description());
            for (int i = 0; i < 3000; i++) {
                w.setPoint(here + (int) (100 * cpm), 0); // 100 mm up: beyond the window
                r.step(1);
            }
            assertEquals(5, r.truePositionMm(2) - before, 0.5, "stopped at the window's top");
            assertEquals(here + (int) (5 * cpm), w.latest().orElseThrow().setpointPositionCounts(), 2);

            CompletableFuture<CommandResult> whileFollowing = r.session.configureWinch(l);
            r.stepUntil(whileFollowing::isDone, 200);
            assertEquals(NackReason.WRONG_STATE, whileFollowing.join().nackReason(), "only a braked winch takes limits");
            assertEquals(WinchState.FOLLOWING, w.latest().orElseThrow().state());
        }
    }

    /** PROTOCOL.md Annex B.19 (I-6): an unreferenced winch's position means nothing: no soft limit holds it. */
    @Test
    void anUnreferencedWinchIsNotHeldBySoftLimits() {
        try (SteppedRig r = SteppedRig.standard(33).ready()) {
            Winch w = r.session.winch(2);
            r.stepUntil(() -> w.latest().isPresent(), 100);
            assertTrue(!w.latest().orElseThrow().referenced());
            int here = w.latest().orElseThrow().positionCounts();
            double cpm = TestRigs.countsPerMm(2);
            WinchLimits l = TestRigs.limits(2);
            CompletableFuture<CommandResult> narrowed = r.session.configureWinch(new WinchLimits(2,
                    l.maxAscentCountsPerS(), l.maxDescentCountsPerS(), l.maxAccelCountsPerS2(), l.overspeedPercent(),
                    l.maxFollowingErrorCounts(), here - (int) (5 * cpm), here + (int) (5 * cpm),
                    l.unreferencedMaxCountsPerS()));
            r.stepUntil(narrowed::isDone, 200);
            double before = r.truePositionMm(2);
            CompletableFuture<CommandResult> released = w.brake(BrakeAction.RELEASE);
            r.stepUntil(released::isDone, 200);
            for (int i = 0; i < 2000; i++) {
                w.setPoint(here + (int) (15 * cpm), 0); // 15 mm up: beyond the "window"
                r.step(1);
            }
            assertEquals(15, r.truePositionMm(2) - before, 1, "followed its set-point: no window on an unreferenced winch");
        }
    }

    @Test
    void aWinchNotSetUpIsRefusedBeforeAnythingIsSent() {
        try (SteppedRig r = SteppedRig.standard(32).ready()) {
            assertThrows(IllegalArgumentException.class, () -> r.session.configureWinch(new WinchLimits(5, 1, 1, 1, 120,
                    1, -10, 10, 1)));
        }
    }
}
