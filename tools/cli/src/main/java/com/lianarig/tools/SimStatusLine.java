package com.lianarig.tools;

import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.node.VirtualNode;
import com.lianarig.sim.physics.RigSim;
import com.lianarig.sim.physics.RopeSpec;
import com.lianarig.sim.physics.SafetyChainSim;
import com.lianarig.sim.physics.WinchSim;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The one-line status of {@code rig sim}, from the virtual rig's true state (read under the rig's
 * lock, so one line is one instant):
 *
 * <pre>
 * t=12.5s heights 912/912/1600 mm, loads 158/161/5/5 N, brakes on/on/on, node RUNNING, chain closed, faults none
 * </pre>
 *
 * heights: each winch's strap (or loop) height above the mat, stretch included; loads: each rope's
 * true tension; brakes: per winch "on" (both engaged), "off" (both released) or the one engaged
 * ("motor", "drum"); node: each node's protocol state; chain: "closed" or the open stops; faults:
 * each winch's latched or last fault, as the node sees it.
 */
final class SimStatusLine {
    private SimStatusLine() {
    }

    static String of(VirtualRig rig, long elapsedNanos) {
        return rig.locked(() -> format(rig, elapsedNanos));
    }

    private static String format(VirtualRig rig, long elapsedNanos) {
        RigSim physics = rig.physics();
        StringJoiner heights = new StringJoiner("/");
        StringJoiner brakes = new StringJoiner("/");
        for (int w = 0; w < physics.winches().size(); w++) {
            WinchSim winch = physics.winch(w);
            heights.add(Long.toString(Math.round(strapHeightMm(physics, w))));
            brakes.add(brakes(winch));
        }
        StringJoiner loads = new StringJoiner("/");
        for (int r = 0; r < physics.ropes().size(); r++) {
            loads.add(Long.toString(Math.round(physics.tensionN(r))));
        }
        StringJoiner states = new StringJoiner("/");
        List<String> faults = new ArrayList<>();
        for (int n = 0; n < rig.nodeSpecs().size(); n++) {
            VirtualNode node = rig.node(n);
            NodeState state = node.state();
            states.add(state == null ? "OFF" : state.name());
            if (state == null) {
                continue;
            }
            List<Integer> winches = rig.nodeSpecs().get(n).winches();
            for (int i = 0; i < node.winchCount(); i++) {
                NodeFault f = node.winchFault(i);
                if (f != NodeFault.NONE) {
                    faults.add("w" + winches.get(i) + " " + f);
                }
            }
        }
        var open = physics.safetyChain().openStops();
        String chain = open.isEmpty() ? "closed" : "OPEN " + String.join("+", open.stream()
                .map(SafetyChainSim.Stop::name).toList());
        return String.format(Locale.ROOT, "t=%.1fs heights %s mm, loads %s N, brakes %s, node %s, chain %s, faults %s",
                elapsedNanos / 1e9, heights, loads, brakes, states, chain,
                faults.isEmpty() ? "none" : String.join(", ", faults));
    }

    /** The loaded height of the strap or loop on winch {@code w}, mm; the empty hook's without a rope. */
    private static double strapHeightMm(RigSim physics, int w) {
        List<RopeSpec> ropes = physics.ropes();
        for (int r = 0; r < ropes.size(); r++) {
            if (ropes.get(r).winch() == w) {
                return physics.endHeightMm(r);
            }
        }
        return physics.winch(w).unloadedStrapHeightMm();
    }

    private static String brakes(WinchSim winch) {
        boolean motor = winch.brakeEngaged(BrakeId.MOTOR);
        boolean drum = winch.brakeEngaged(BrakeId.DRUM);
        if (motor && drum) {
            return "on";
        }
        if (!motor && !drum) {
            return "off";
        }
        return motor ? "motor" : "drum";
    }
}
