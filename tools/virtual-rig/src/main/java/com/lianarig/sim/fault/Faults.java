package com.lianarig.sim.fault;

import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.ResetCause;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.physics.Exercise;
import com.lianarig.sim.physics.LoadCellSim;
import com.lianarig.sim.physics.SafetyChainSim;
import com.lianarig.sim.physics.VirtualClient;
import com.lianarig.sim.physics.WinchSim;
import com.lianarig.sim.transport.LineFaults;
import com.lianarig.sim.transport.NodePort;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Fault injection into a {@link VirtualRig}, one method per fault: what tests call directly and
 * what a {@link Scenario} step runs. Ropes, winches and nodes are the rig's indices
 * ({@link #rope} turns a rope name into its index).
 *
 * <p>Each method takes the rig's lock, so it may be called from a test's thread between steps or
 * from a scheduled action on the rig's own thread.
 */
public final class Faults {

    /** Which brakes of a winch a brake fault affects. */
    public enum Brakes {
        MOTOR, DRUM, BOTH;

        boolean includes(BrakeId brake) {
            return this == BOTH || (this == MOTOR) == (brake == BrakeId.MOTOR);
        }
    }

    /** The stops of the safety chain a scenario may open and close (the ultimate limits open by travel). */
    public enum ChainStop {
        PENDANT(SafetyChainSim.Stop.PENDANT_STOP),
        CLIENT(SafetyChainSim.Stop.CLIENT_STOP),
        WALL(SafetyChainSim.Stop.WALL_ESTOP);

        private final SafetyChainSim.Stop stop;

        ChainStop(SafetyChainSim.Stop stop) {
            this.stop = stop;
        }

        public SafetyChainSim.Stop stop() {
            return stop;
        }
    }

    private Faults() {
    }

    // ---- load cells ----

    /** The channel's conversion freezes: LOAD_SAMPLES repeats the last raw value. */
    public static void channelStuck(VirtualRig rig, int rope) {
        cell(rig, rope, c -> c.stuck(true));
    }

    /** The channel's ADC reads full scale with status SATURATED. */
    public static void channelSaturated(VirtualRig rig, int rope) {
        cell(rig, rope, c -> c.saturated(true));
    }

    /** The channel's bridge is open: status DISCONNECTED. */
    public static void channelDisconnected(VirtualRig rig, int rope) {
        cell(rig, rope, c -> c.disconnected(true));
    }

    /** The channel drifts by this much more, counts/s (0 stops it; what drifted stays). */
    public static void channelDrift(VirtualRig rig, int rope, double countsPerS) {
        finite("drift counts/s", countsPerS);
        cell(rig, rope, c -> c.drift(countsPerS));
    }

    /**
     * The channel's cell reads {@code factor} times the true load above its zero (e.g. 0.6 or 1.5: a
     * mis-scaled cell); 1 repairs it. Not cleared by {@link #channelOk}: a wrong scale is not a
     * transient.
     */
    public static void channelScale(VirtualRig rig, int rope, double factor) {
        if (!(factor > 0 && factor <= 100)) {
            throw new IllegalArgumentException("scale factor " + factor + " is outside (0, 100]");
        }
        cell(rig, rope, c -> c.gainFactor(factor));
    }

    /** Clears stuck, saturated, disconnected and the injected drift rate (what drifted stays). */
    public static void channelOk(VirtualRig rig, int rope) {
        cell(rig, rope, c -> {
            c.stuck(false);
            c.saturated(false);
            c.disconnected(false);
            c.drift(0);
        });
    }

    // ---- winches ----

    /** The encoder count jumps by {@code counts} (a glitch): the node and the drive both see it. */
    public static void encoderJump(VirtualRig rig, int winch, double counts) {
        finite("encoder jump counts", counts);
        winch(rig, winch, w -> w.encoderJump(counts));
    }

    /**
     * The encoder comes off the drum ({@code true}) or is coupled again: while off, its count stands still
     * whatever the drum does, so the node, the drive and the host see no motion (SR-25's "motion the
     * encoder does not see").
     */
    public static void encoderDecoupled(VirtualRig rig, int winch, boolean off) {
        winch(rig, winch, w -> w.encoderDecoupled(off));
    }

    /** The brakes named hold only {@code holdFraction} of their rated force (brake slip). */
    public static void brakeSlip(VirtualRig rig, int winch, Brakes brakes, double holdFraction) {
        if (!(holdFraction >= 0 && holdFraction <= 1)) {
            throw new IllegalArgumentException("hold fraction " + holdFraction + " is outside 0..1");
        }
        winch(rig, winch, w -> {
            for (BrakeId b : BrakeId.values()) {
                if (brakes.includes(b)) {
                    w.brakeHoldFactor(b, holdFraction);
                }
            }
        });
    }

    /** Both brakes hold their rated force again. */
    public static void brakeOk(VirtualRig rig, int winch) {
        brakeSlip(rig, winch, Brakes.BOTH, 1);
    }

    /**
     * The drive runs away at {@code mmPerS} (positive = up) whatever its reference says, while it is
     * powered and enabled: a STOP cat 1 does not stop it, the brakes or a cat 0 do. 0 = healthy.
     */
    public static void runaway(VirtualRig rig, int winch, double mmPerS) {
        finite("runaway mm/s", mmPerS);
        winch(rig, winch, w -> w.runaway(mmPerS));
    }

    /** The drive reports a fault of its own and gives no torque. */
    public static void driveFault(VirtualRig rig, int winch, boolean on) {
        winch(rig, winch, w -> w.driveFault(on));
    }

    // ---- the line ----

    /** Every bit on every node's cable, both directions, flips with this probability. */
    public static void bitErrors(VirtualRig rig, double rate) {
        probability("bit error rate", rate);
        lines(rig, f -> f.bitErrorRate(rate));
    }

    /** Every byte on every node's cable, both directions, is lost with this probability. */
    public static void dropBytes(VirtualRig rig, double rate) {
        probability("byte drop rate", rate);
        lines(rig, f -> f.byteDropRate(rate));
    }

    /** Every node's cable is pulled out now and plugged back in {@code seconds} later. */
    public static void unplug(VirtualRig rig, double seconds) {
        if (!(seconds > 0 && seconds < 1e6)) {
            throw new IllegalArgumentException("unplugged for " + seconds + " s: must be positive");
        }
        rig.locked(() -> {
            setPlugged(rig, true);
            rig.schedule(rig.nowNanos() + Math.round(seconds * 1e9), () -> setPlugged(rig, false));
            return null;
        });
    }

    private static void setPlugged(VirtualRig rig, boolean pulled) {
        for (int i = 0; i < rig.nodeSpecs().size(); i++) {
            rig.port(i).unplugged(pulled);
        }
    }

    // ---- nodes ----

    /** The node's MCU restarts (its watchdog): state lost, brakes applied, encoders unreferenced. */
    public static void nodeReset(VirtualRig rig, int node) {
        if (node < 0 || node >= rig.nodeSpecs().size()) {
            throw new IllegalArgumentException("node " + node + " is outside 0.." + (rig.nodeSpecs().size() - 1));
        }
        rig.resetNode(node, ResetCause.WATCHDOG);
    }

    /** As {@link #nodeReset(VirtualRig, int)}, its encoder counters restarting as {@code encoder} says (at 0 or anywhere). */
    public static void nodeReset(VirtualRig rig, int node, VirtualRig.EncoderRestart encoder) {
        if (node < 0 || node >= rig.nodeSpecs().size()) {
            throw new IllegalArgumentException("node " + node + " is outside 0.." + (rig.nodeSpecs().size() - 1));
        }
        rig.resetNode(node, ResetCause.WATCHDOG, encoder);
    }

    // ---- the people ----

    /** Someone grabs the rope and pulls with {@code newtons} (0 = lets go). */
    public static void extraLoad(VirtualRig rig, int rope, double newtons) {
        finite("extra load N", newtons);
        checkRope(rig, rope);
        rig.locked(() -> {
            rig.physics().extraLoad(rope, newtons);
            return null;
        });
    }

    /** The client's foot slips out of this rope's strap ({@code true}) or is back in it. */
    public static void footSlip(VirtualRig rig, int rope, boolean out) {
        checkRope(rig, rope);
        rig.locked(() -> {
            rig.physics().footSlip(rope, out);
            return null;
        });
    }

    /** A stop in the safety chain is pressed (opens). */
    public static void stopOpen(VirtualRig rig, ChainStop stop) {
        rig.physics().safetyChain().open(stop.stop());
    }

    /**
     * The relay's monitoring contact reads healthy whatever the relay does ({@code true}: stuck; a
     * stop that removes drive power then shows only in the nodes' POWER_REMOVED reports), or is
     * repaired ({@code false}).
     */
    public static void monitorStuckHealthy(VirtualRig rig, boolean stuck) {
        rig.physics().safetyChain().monitorStuckHealthy(stuck);
    }

    /** A stop in the safety chain is released (closes). */
    public static void stopClose(VirtualRig rig, ChainStop stop) {
        rig.physics().safetyChain().close(stop.stop());
    }

    /**
     * A client gets on the rig ({@link Exercise#NONE}: gets off).
     *
     * @param seed null for a client with the tables' body, else the seed of a varied client
     */
    public static void client(VirtualRig rig, double massKg, double statureMm, Exercise exercise, Long seed) {
        VirtualClient c = seed == null ? VirtualClient.reference(massKg, statureMm)
                : VirtualClient.varied(massKg, statureMm, new SplittableRandom(seed));
        rig.locked(() -> {
            rig.physics().client(c, exercise);
            return null;
        });
    }

    // ---- names ----

    /**
     * A rope's index from its index or its name ({@code RopeSpec.name}, e.g. "left-leg").
     *
     * @throws IllegalArgumentException naming the rig's ropes when there is no such rope
     */
    public static int rope(VirtualRig rig, String indexOrName) {
        var ropes = rig.physics().ropes();
        for (int i = 0; i < ropes.size(); i++) {
            if (ropes.get(i).name().equals(indexOrName)) {
                return i;
            }
        }
        if (indexOrName.matches("\\d{1,3}")) {
            int i = Integer.parseInt(indexOrName);
            if (i < ropes.size()) {
                return i;
            }
        }
        throw new IllegalArgumentException("no rope '" + indexOrName + "': this rig has "
                + ropes.stream().map(r -> r.name()).toList() + " (or 0.." + (ropes.size() - 1) + ")");
    }

    private static void cell(VirtualRig rig, int rope, Consumer<LoadCellSim> change) {
        checkRope(rig, rope);
        rig.locked(() -> {
            change.accept(rig.physics().cell(rope));
            return null;
        });
    }

    private static void winch(VirtualRig rig, int winch, Consumer<WinchSim> change) {
        int count = rig.physics().winches().size();
        if (winch < 0 || winch >= count) {
            throw new IllegalArgumentException("winch " + winch + " is outside 0.." + (count - 1));
        }
        rig.locked(() -> {
            change.accept(rig.physics().winch(winch));
            return null;
        });
    }

    private static void lines(VirtualRig rig, Consumer<LineFaults> change) {
        rig.locked(() -> {
            for (int i = 0; i < rig.nodeSpecs().size(); i++) {
                NodePort p = rig.port(i);
                change.accept(p.toHostFaults());
                change.accept(p.toNodeFaults());
            }
            return null;
        });
    }

    private static void checkRope(VirtualRig rig, int rope) {
        int count = rig.physics().ropes().size();
        if (rope < 0 || rope >= count) {
            throw new IllegalArgumentException("rope " + rope + " is outside 0.." + (count - 1));
        }
    }

    private static void finite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " = " + v + " must be a finite number");
        }
    }

    private static void probability(String what, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(what + " = " + p + " is outside 0..1");
        }
    }
}
