package com.lianarig.sim;

import com.lianarig.protocol.ResetCause;
import com.lianarig.sim.miswire.Miswiring;
import com.lianarig.sim.node.NodeIdentity;
import com.lianarig.sim.node.VirtualNode;
import com.lianarig.sim.physics.LoadCellSim;
import com.lianarig.sim.physics.RigSim;
import com.lianarig.sim.physics.RopeSpec;
import com.lianarig.sim.physics.WinchParams;
import com.lianarig.sim.physics.WinchSim;
import com.lianarig.sim.transport.InProcessLink;
import com.lianarig.sim.transport.NodePort;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A whole simulated rig: its physics ({@link RigSim}) and its nodes ({@link VirtualNode}), each
 * behind a {@link NodePort}, advanced together in node ticks of {@link #TICK_NANOS} by
 * {@link #advanceTo}: by a test's stepped clock, or by {@link RealTimeRunner} for demos.
 *
 * <p>Thread-safe: stepping and fault injection are serialised on this object.
 */
public final class VirtualRig implements AutoCloseable {
    /** The node tick and physics step, ns. */
    public static final long TICK_NANOS = 1_000_000L;

    /**
     * One node of the rig.
     *
     * @param identity what it says in IDENTIFY
     * @param winches indices of the rig's winches the node drives, as its winch 0, 1, ...
     * @param ropes indices of the ropes whose load cells are its channel 0, 1, ...
     */
    public record NodeSpec(NodeIdentity identity, List<Integer> winches, List<Integer> ropes) {
        public NodeSpec {
            winches = List.copyOf(winches);
            ropes = List.copyOf(ropes);
        }
    }

    private record Scheduled(long atNanos, long order, Runnable action) {
    }

    private final RigSim physics;
    private final List<NodeSpec> specs;
    private final List<VirtualNode> nodes = new ArrayList<>();
    private final List<NodePort> ports = new ArrayList<>();
    private final SplittableRandom random;
    private final PriorityQueue<Scheduled> scheduled = new PriorityQueue<>(
            (a, b) -> a.atNanos != b.atNanos ? Long.compare(a.atNanos, b.atNanos) : Long.compare(a.order, b.order));
    private long scheduleOrder;
    private long nowNanos;
    private boolean started;

    /**
     * @param portFactory makes the cable of each node (e.g. an in-process pipe, a pty, TCP)
     */
    public VirtualRig(RigSim physics, List<NodeSpec> specs, Function<NodeSpec, NodePort> portFactory,
            SplittableRandom random) {
        this(physics, specs, portFactory, random, Miswiring.NONE);
    }

    /**
     * @param portFactory makes the cable of each node (e.g. an in-process pipe, a pty, TCP)
     * @param miswiring wiring mistakes between the physics and the nodes ({@link Miswiring#NONE}: none)
     */
    public VirtualRig(RigSim physics, List<NodeSpec> specs, Function<NodeSpec, NodePort> portFactory,
            SplittableRandom random, Miswiring miswiring) {
        this.physics = physics;
        this.specs = List.copyOf(specs);
        this.random = random;
        for (NodeSpec spec : specs) {
            NodePort port = portFactory.apply(spec);
            List<WinchSim> w = spec.winches().stream().map(physics::winch).toList();
            List<LoadCellSim> c = spec.ropes().stream().map(physics::cell).toList();
            VirtualNode node = new VirtualNode(spec.identity(), miswiring.winches(w), miswiring.channels(c), port,
                    random.split());
            port.connectNode(node::receive);
            nodes.add(node);
            ports.add(port);
        }
    }

    /**
     * The standard 4-rope rig of the example configuration: node 1 ("VR-0001") drives the two
     * leg-strap winches (its winches 0 and 1, a pair) and the left finger-loop winch (its winch 2);
     * its load channels 0..3 are the left leg, right leg, left loop and the right loop on a fixed
     * point at 2,100 mm.
     */
    public static VirtualRig standard(long seed, Function<NodeSpec, NodePort> portFactory) {
        return standard(seed, portFactory, Miswiring.NONE);
    }

    /** The standard rig, wired with these mistakes (for the commissioning checks to find). */
    public static VirtualRig standard(long seed, Function<NodeSpec, NodePort> portFactory, Miswiring miswiring) {
        SplittableRandom random = new SplittableRandom(seed);
        List<WinchSim> winches = List.of(new WinchSim(WinchParams.legStrap(), 100),
                new WinchSim(WinchParams.legStrap(), 100), new WinchSim(WinchParams.fingerLoop(), 600));
        List<RopeSpec> ropes = List.of(
                new RopeSpec("left-leg", RopeSpec.Kind.LEG_STRAP, RopeSpec.Side.LEFT, 0, 0, 60, 0),
                new RopeSpec("right-leg", RopeSpec.Kind.LEG_STRAP, RopeSpec.Side.RIGHT, 1, 0, 60, 1),
                new RopeSpec("left-loop", RopeSpec.Kind.FINGER_LOOP, RopeSpec.Side.LEFT, 2, 0, 40, 2),
                new RopeSpec("right-loop", RopeSpec.Kind.FINGER_LOOP, RopeSpec.Side.RIGHT, -1, 2100, 40, 3));
        RigSim physics = new RigSim(winches, ropes, 0.01, 0.03, random.split());
        NodeSpec node = new NodeSpec(NodeIdentity.of(1, "VR-0001"), List.of(0, 1, 2), List.of(0, 1, 2, 3));
        return new VirtualRig(physics, List.of(node), portFactory, random, miswiring);
    }

    /** The standard rig on in-process pipes. */
    public static VirtualRig standardInProcess(long seed) {
        SplittableRandom linkRandom = new SplittableRandom(seed ^ 0x5DEECE66DL);
        return standard(seed, spec -> new InProcessLink(linkRandom.split()));
    }

    /** Powers the nodes up at {@code startNanos}: each sends its boot IDENTIFY. */
    public synchronized void start(long startNanos) {
        nowNanos = startNanos;
        for (VirtualNode n : nodes) {
            n.start(startNanos, ResetCause.POWER_ON);
        }
        started = true;
    }

    /** Advances physics and nodes tick by tick up to {@code targetNanos}, running scheduled faults on time. */
    public synchronized void advanceTo(long targetNanos) {
        if (!started) {
            throw new IllegalStateException("start the rig first");
        }
        while (targetNanos - nowNanos >= TICK_NANOS) {
            nowNanos += TICK_NANOS;
            while (!scheduled.isEmpty() && scheduled.peek().atNanos - nowNanos <= 0) {
                scheduled.poll().action.run();
            }
            physics.step(TICK_NANOS / 1e9);
            for (VirtualNode n : nodes) {
                n.tick(nowNanos);
            }
        }
    }

    /** Runs {@code action} on the rig's thread when the rig reaches {@code atNanos}. */
    public synchronized void schedule(long atNanos, Runnable action) {
        scheduled.add(new Scheduled(atNanos, scheduleOrder++, action));
    }

    /** Where a node's encoder counters restart after a node reset. */
    public enum EncoderRestart {
        /** At 0 where the rope now is: the counter an MCU clears at boot. */
        ZERO,
        /** At an arbitrary count (offset uniform in +-10^6 counts, about +-12.6 m): a counter left as it was. */
        RANDOM
    }

    /** Restarts a node mid-whatever: its state is lost, brakes apply, its encoders restart at an arbitrary count. */
    public synchronized void resetNode(int node, ResetCause cause) {
        resetNode(node, cause, EncoderRestart.RANDOM);
    }

    /** Restarts a node mid-whatever: its state is lost, brakes apply, its encoders restart as {@code encoder} says. */
    public synchronized void resetNode(int node, ResetCause cause, EncoderRestart encoder) {
        for (int w : specs.get(node).winches()) {
            if (encoder == EncoderRestart.ZERO) {
                physics.winch(w).restartEncoderAt(0);
            } else {
                physics.winch(w).loseEncoderZero(random.nextDouble(-1e6, 1e6));
            }
        }
        nodes.get(node).start(nowNanos, cause);
    }

    public synchronized long nowNanos() {
        return nowNanos;
    }

    public RigSim physics() {
        return physics;
    }

    public VirtualNode node(int index) {
        return nodes.get(index);
    }

    public NodePort port(int index) {
        return ports.get(index);
    }

    public List<NodeSpec> nodeSpecs() {
        return specs;
    }

    /** Runs {@code action} with the rig's lock held (for consistent reads of several values). */
    public synchronized <T> T locked(java.util.function.Supplier<T> action) {
        return action.get();
    }

    @Override
    public void close() {
        for (NodePort p : ports) {
            p.close();
        }
    }
}
