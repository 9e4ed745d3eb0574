package com.lianarig.hal.node;

import com.lianarig.protocol.link.LinkTiming;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.node.NodeIdentity;
import com.lianarig.sim.physics.RigSim;
import com.lianarig.sim.physics.RopeSpec;
import com.lianarig.sim.physics.WinchParams;
import com.lianarig.sim.physics.WinchSim;
import com.lianarig.sim.transport.InProcessLink;
import com.lianarig.sim.transport.NodePort;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/** The standard virtual rig's node set-up, and rigs whose node claims something else. */
final class TestRigs {
    private TestRigs() {
    }

    /**
     * The protocol's timing with a tolerant silence limit and ack timeout, for tests on the wall clock
     * of a shared, noisy machine (as the virtual rig's own real-time tests): they check transports,
     * rates and recovery; SR-9's 100 ms is tested on the stepped clock.
     */
    static final LinkTiming REAL_TIME_TIMING = new LinkTiming(LinkTiming.DEFAULTS.identifyRetryNanos(),
            LinkTiming.DEFAULTS.identifyAttempts(), 200_000_000L, LinkTiming.DEFAULTS.maxRetransmissions(),
            LinkTiming.DEFAULTS.commandWindow(), LinkTiming.DEFAULTS.heartbeatPeriodNanos(), 1_000_000_000L);

    static double countsPerMm(int winch) {
        return (winch < 2 ? WinchParams.legStrap() : WinchParams.fingerLoop()).countsPerMm();
    }

    /** SPEC section 4 defaults in counts: ascent 80 mm/s, descent 50 mm/s, 100 mm/s^2, 120 %, 20 mm, 10 mm/s unreferenced. */
    static WinchLimits limits(int winch) {
        WinchParams p = winch < 2 ? WinchParams.legStrap() : WinchParams.fingerLoop();
        double c = p.countsPerMm();
        return new WinchLimits(winch, (int) (80 * c), (int) (50 * c), (int) (100 * c), 120, (int) (20 * c),
                (int) (-50 * c), (int) ((p.travelMm() + 50) * c), (int) (10 * c));
    }

    /** The standard rig's node 1 (VR-0001): 4 channels at 80 Hz, 3 winches at 100 Hz, 50 ms gap, 200 ms watchdog. */
    static NodeSetup standardSetup() {
        return new NodeSetup(1, "VR-0001", 80, 100, 50, 200, 0x0F, List.of(limits(0), limits(1), limits(2)));
    }

    /** The standard rig, but its node claims {@code identity}. */
    static VirtualRig rigWithNode(long seed, NodeIdentity identity, Function<VirtualRig.NodeSpec, NodePort> ports) {
        SplittableRandom random = new SplittableRandom(seed);
        List<WinchSim> winches = List.of(new WinchSim(WinchParams.legStrap(), 100),
                new WinchSim(WinchParams.legStrap(), 100), new WinchSim(WinchParams.fingerLoop(), 600));
        List<RopeSpec> ropes = List.of(
                new RopeSpec("left-leg", RopeSpec.Kind.LEG_STRAP, RopeSpec.Side.LEFT, 0, 0, 60, 0),
                new RopeSpec("right-leg", RopeSpec.Kind.LEG_STRAP, RopeSpec.Side.RIGHT, 1, 0, 60, 1),
                new RopeSpec("left-loop", RopeSpec.Kind.FINGER_LOOP, RopeSpec.Side.LEFT, 2, 0, 40, 2),
                new RopeSpec("right-loop", RopeSpec.Kind.FINGER_LOOP, RopeSpec.Side.RIGHT, -1, 2100, 40, 3));
        RigSim physics = new RigSim(winches, ropes, 0.01, 0.03, random.split());
        VirtualRig.NodeSpec node = new VirtualRig.NodeSpec(identity, List.of(0, 1, 2), List.of(0, 1, 2, 3));
        return new VirtualRig(physics, List.of(node), ports, random);
    }

    static VirtualRig rigWithNodeInProcess(long seed, NodeIdentity identity) {
        SplittableRandom linkRandom = new SplittableRandom(seed ^ 0x5DEECE66DL);
        return rigWithNode(seed, identity, spec -> new InProcessLink(linkRandom.split()));
    }
}
