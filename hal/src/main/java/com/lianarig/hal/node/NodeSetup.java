package com.lianarig.hal.node;

import com.lianarig.protocol.ConfigureNode;
import com.lianarig.protocol.FrameFormat;
import com.lianarig.protocol.Identify;
import java.util.ArrayList;
import java.util.List;

/**
 * How hal sets a node up once it has identified itself: which node is expected, its streams and
 * watchdogs (CONFIGURE_NODE), and the limits it enforces on each winch (CONFIGURE_WINCH). The
 * controller builds it from the rig file; hal does not read configuration itself.
 *
 * @param address the node's protocol address, 1..127
 * @param expectedSerial the node's serial number as its IDENTIFY gives it, or "" to accept any node
 *        (calibrations are keyed by it, so a swapped board must not be taken for another)
 * @param sampleRateHz load-cell sample rate, Hz (SPEC: 80 where a winch depends on the channel)
 * @param statusRateHz WINCH_STATUS rate per winch, Hz, 50..250
 * @param setpointGapMs no SET_POINT for this long: the node ramps the winch to a stop and brakes, ms, 10..50 (SR-9)
 * @param heartbeatTimeoutMs no HEARTBEAT for this long: cat 0 and sticky shutdown, ms, 50..200 (SR-9)
 * @param channelMask bit i set = sample load channel i
 * @param winches the node-side limits of each winch this node drives, one per winch index
 */
public record NodeSetup(int address, String expectedSerial, int sampleRateHz, int statusRateHz, int setpointGapMs,
        int heartbeatTimeoutMs, int channelMask, List<WinchLimits> winches) {

    /**
     * @throws IllegalArgumentException naming the value outside its range, or a winch given twice
     */
    public NodeSetup {
        if (address < FrameFormat.MIN_NODE_ADDRESS || address > FrameFormat.MAX_NODE_ADDRESS) {
            throw new IllegalArgumentException("node address " + address + " is outside 1..127");
        }
        expectedSerial = expectedSerial == null ? "" : expectedSerial.strip();
        new ConfigureNode(sampleRateHz, statusRateHz, setpointGapMs, heartbeatTimeoutMs, channelMask);
        winches = List.copyOf(winches);
        boolean[] seen = new boolean[8];
        for (WinchLimits w : winches) {
            if (seen[w.winch()]) {
                throw new IllegalArgumentException("winch " + w.winch() + " of node " + address + " is set up twice");
            }
            seen[w.winch()] = true;
        }
    }

    /** The CONFIGURE_NODE that sets the node's streams and watchdogs. */
    public ConfigureNode configureNode() {
        return new ConfigureNode(sampleRateHz, statusRateHz, setpointGapMs, heartbeatTimeoutMs, channelMask);
    }

    /** The channels sampled, ascending. */
    public List<Integer> channels() {
        List<Integer> c = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            if ((channelMask & (1 << i)) != 0) {
                c.add(i);
            }
        }
        return List.copyOf(c);
    }

    /**
     * Why the node that answered cannot be set up like this (another serial number, too few channels
     * or winches, too low a maximum sample rate), or null when it fits.
     */
    String misfit(Identify node) {
        List<String> why = new ArrayList<>();
        if (!expectedSerial.isEmpty() && !expectedSerial.equals(node.serial())) {
            why.add("serial number " + node.serial() + " instead of " + expectedSerial);
        }
        int highestChannel = 31 - Integer.numberOfLeadingZeros(channelMask);
        if (highestChannel >= node.loadChannelCount()) {
            why.add("channel " + highestChannel + " is set up but the node has " + node.loadChannelCount()
                    + " load channels");
        }
        for (WinchLimits w : winches) {
            if (w.winch() >= node.winchCount()) {
                why.add("winch " + w.winch() + " is set up but the node has " + node.winchCount() + " winches");
            }
        }
        if (sampleRateHz > node.maxSampleRateHz()) {
            why.add("sample rate " + sampleRateHz + " Hz is above the node's maximum " + node.maxSampleRateHz() + " Hz");
        }
        return why.isEmpty() ? null : "node " + node.serial() + " at address " + address + " does not fit its set-up: "
                + String.join("; ", why);
    }
}
