package com.lianarig.hal.node;

import com.lianarig.protocol.link.LinkTiming;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.hal.SteppedSerialLink;
import com.lianarig.sim.transport.InProcessLink;
import java.util.function.BooleanSupplier;

/**
 * A virtual rig and a node session on one stepped clock, in the test's thread: each millisecond the
 * rig advances, the node's bytes reach the session, the session steps, and its bytes reach the node.
 */
final class SteppedRig implements AutoCloseable {
    static final long MS = 1_000_000L;

    final VirtualRig rig;
    final SentFrames sent = new SentFrames();
    final SteppedSerialLink link;
    final RecordingNodeListener events;
    final NodeSession session;
    long now = 5_000 * MS;

    SteppedRig(VirtualRig rig, NodeSetup setup, LinkTiming timing) {
        this.rig = rig;
        this.link = new SteppedSerialLink((InProcessLink) rig.port(0), sent);
        this.events = new RecordingNodeListener(() -> now);
        this.session = new NodeSession(setup, link, timing, events, () -> now);
    }

    static SteppedRig standard(long seed) {
        return new SteppedRig(VirtualRig.standardInProcess(seed), TestRigs.standardSetup(), LinkTiming.DEFAULTS);
    }

    /** Powers the rig up and opens the link: the session identifies and configures the node. */
    SteppedRig boot() {
        rig.start(now);
        session.startStepped();
        link.open();
        step(1);
        return this;
    }

    /** Boots and steps until the session is READY. */
    SteppedRig ready() {
        boot();
        if (!stepUntil(() -> session.linkState() == NodeLinkState.READY, 1_000)) {
            throw new AssertionError("not READY after 1 s: " + session.linkState() + " " + session.linkStateReason());
        }
        return this;
    }

    void step(long millis) {
        for (long i = 0; i < millis; i++) {
            now += MS;
            rig.advanceTo(now);
            link.pump();
            session.step(now);
            link.pump();
        }
    }

    /** Steps until {@code condition} holds, at most {@code millis}; false if it never did. */
    boolean stepUntil(BooleanSupplier condition, long millis) {
        for (long i = 0; i < millis; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            step(1);
        }
        return condition.getAsBoolean();
    }

    double truePositionMm(int winch) {
        return rig.locked(() -> rig.physics().winch(winch).positionMm());
    }

    boolean trueBrakesEngaged(int winch) {
        return rig.locked(() -> rig.physics().winch(winch).brakeEngaged(com.lianarig.protocol.BrakeId.MOTOR)
                && rig.physics().winch(winch).brakeEngaged(com.lianarig.protocol.BrakeId.DRUM));
    }

    @Override
    public void close() {
        session.close();
        rig.close();
    }
}
