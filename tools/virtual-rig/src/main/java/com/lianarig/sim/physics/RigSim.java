package com.lianarig.sim.physics;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The rig's physics: winches, ropes that stretch under load, load cells, the safety chain and a
 * client who hangs in them. {@link #step} advances everything by one time step; the rope loads
 * follow from the strap heights through the client's body model.
 *
 * <p>Owned by one stepping thread (the virtual rig's); fault-injection methods must be called on it
 * or between steps.
 */
public final class RigSim {
    /** What the empty strap, loop and shackle weigh on each rope, N. */
    static final double STRAP_WEIGHT_N = 5;
    /**
     * Tilt of the body, mm: the higher strap's share of the pair load grows by 1/TILT_RANGE_MM per mm
     * of height difference, so half this difference puts the whole load on one strap.
     */
    static final double TILT_RANGE_MM = 400;

    private final List<WinchSim> winches;
    private final List<RopeSpec> ropes;
    private final LoadCellSim[] cells;
    private final SafetyChainSim safetyChain = new SafetyChainSim();
    private final double[] tensionN;
    /** Scratch for {@link #updateTensions}: what the client's body puts on each rope this step, N. */
    private final double[] bodyLoadN;
    private final double[] extraLoadN;
    private final boolean[] slipped;
    private final double breathingAmplitude;
    private final double swayAmplitude;

    private VirtualClient client;
    private Exercise exercise = Exercise.NONE;
    private double timeS;

    /**
     * @param winches the winches, indexed as the ropes name them
     * @param ropes the ropes; each rope's load cell is created here with a plausible offset and scale
     * @param breathingAmplitude relative change of the hanging load with breathing (0.25 Hz), e.g. 0.01
     * @param swayAmplitude relative left/right shift of the pair load with sway (0.1 Hz), e.g. 0.03
     */
    public RigSim(List<WinchSim> winches, List<RopeSpec> ropes, double breathingAmplitude, double swayAmplitude,
            SplittableRandom random) {
        this.winches = List.copyOf(winches);
        this.ropes = List.copyOf(ropes);
        this.tensionN = new double[ropes.size()];
        this.bodyLoadN = new double[ropes.size()];
        this.extraLoadN = new double[ropes.size()];
        this.slipped = new boolean[ropes.size()];
        this.cells = new LoadCellSim[ropes.size()];
        this.breathingAmplitude = breathingAmplitude;
        this.swayAmplitude = swayAmplitude;
        for (int i = 0; i < ropes.size(); i++) {
            RopeSpec r = ropes.get(i);
            if (r.winch() >= winches.size()) {
                throw new IllegalArgumentException(r.name() + " names winch " + r.winch() + " of " + winches.size());
            }
            int rope = i;
            // A 200 kg cell at 2 mV/V on a gain-128 HX711: about 2,100 counts per newton.
            cells[i] = new LoadCellSim(random.nextDouble(-300_000, 300_000), random.nextDouble(1_900, 2_300),
                    40, random.nextDouble(-2, 2), () -> tensionN[rope], random.split());
            tensionN[i] = STRAP_WEIGHT_N;
        }
    }

    /** The client gets on (or off, with {@link Exercise#NONE}) the rig. */
    public void client(VirtualClient newClient, Exercise newExercise) {
        this.client = newExercise == Exercise.NONE ? null : newClient;
        this.exercise = newClient == null ? Exercise.NONE : newExercise;
    }

    /** Advances the rig by {@code dtS} seconds. */
    public void step(double dtS) {
        timeS += dtS;
        for (WinchSim w : winches) {
            if (w.beyondUltimateLimit()) {
                safetyChain.open(SafetyChainSim.Stop.ULTIMATE_LIMIT);
            }
        }
        updateTensions();
        boolean power = safetyChain.relayClosed();
        for (int i = 0; i < winches.size(); i++) {
            winches.get(i).step(dtS, winchTensionN(i), power);
        }
        for (LoadCellSim c : cells) {
            c.step(dtS);
        }
    }

    private double winchTensionN(int winch) {
        double sum = 0;
        for (int i = 0; i < ropes.size(); i++) {
            if (ropes.get(i).winch() == winch) {
                sum += tensionN[i];
            }
        }
        return sum;
    }

    private void updateTensions() {
        double breathing = 1 + breathingAmplitude * Math.sin(2 * Math.PI * 0.25 * timeS);
        double sway = swayAmplitude * Math.sin(2 * Math.PI * 0.1 * timeS);
        Arrays.fill(bodyLoadN, 0);
        if (exercise == Exercise.INVERTED_HANG) {
            shareOverPair(RopeSpec.Kind.LEG_STRAP, bodyLoadN, breathing, sway, true);
        } else if (exercise == Exercise.UPRIGHT_HANG) {
            shareOverPair(RopeSpec.Kind.FINGER_LOOP, bodyLoadN, breathing, sway, false);
        }
        for (int i = 0; i < ropes.size(); i++) {
            tensionN[i] = STRAP_WEIGHT_N + bodyLoadN[i] + extraLoadN[i];
        }
    }

    private void shareOverPair(RopeSpec.Kind kind, double[] out, double breathing, double sway, boolean inverted) {
        int left = -1;
        int right = -1;
        for (int i = 0; i < ropes.size(); i++) {
            RopeSpec r = ropes.get(i);
            if (r.kind() == kind) {
                if (r.side() == RopeSpec.Side.LEFT && left < 0) {
                    left = i;
                } else if (r.side() == RopeSpec.Side.RIGHT && right < 0) {
                    right = i;
                }
            }
        }
        if (left < 0 || right < 0) {
            return;
        }
        double hLeft = endHeightMm(left);
        double hRight = endHeightMm(right);
        double mean = (hLeft + hRight) / 2;
        double share = inverted ? client.invertedShare(mean) : client.uprightShare(mean);
        double total = share * client.weightN() * breathing;
        double leftFraction = inverted ? 0.5 + (hLeft - hRight) / TILT_RANGE_MM + sway : 0.5 + sway;
        if (slipped[left]) {
            leftFraction = 0;
        } else if (slipped[right]) {
            leftFraction = 1;
        }
        leftFraction = Math.max(0, Math.min(1, leftFraction));
        out[left] = total * leftFraction;
        out[right] = total * (1 - leftFraction);
    }

    /** Height of a rope's strap or loop above the mat, loaded (stretch included), mm. */
    public double endHeightMm(int rope) {
        RopeSpec r = ropes.get(rope);
        double unloaded = r.winch() >= 0 ? winches.get(r.winch()).unloadedStrapHeightMm() : r.fixedHeightMm();
        return unloaded - tensionN[rope] / r.stiffnessNPerMm();
    }

    /** True tension in a rope, N. */
    public double tensionN(int rope) {
        return tensionN[rope];
    }

    public List<WinchSim> winches() {
        return winches;
    }

    public WinchSim winch(int index) {
        return winches.get(index);
    }

    public List<RopeSpec> ropes() {
        return ropes;
    }

    /** The load cell on a rope. */
    public LoadCellSim cell(int rope) {
        return cells[rope];
    }

    public SafetyChainSim safetyChain() {
        return safetyChain;
    }

    public VirtualClient client() {
        return client;
    }

    public Exercise exercise() {
        return exercise;
    }

    /** Fault injection: someone grabs the rope (or lets go, with 0), adding this load, N. */
    public void extraLoad(int rope, double loadN) {
        extraLoadN[rope] = loadN;
    }

    /** True while the client's foot (or hand) is out of this rope's strap (fault). */
    public boolean footSlipped(int rope) {
        return slipped[rope];
    }

    /** Fault injection: the client's foot slips out of this rope's strap (the partner takes the load). */
    public void footSlip(int rope, boolean out) {
        slipped[rope] = out;
    }
}
