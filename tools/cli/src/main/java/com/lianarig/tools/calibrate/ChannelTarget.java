package com.lianarig.tools.calibrate;

import com.lianarig.config.ChannelRef;
import com.lianarig.config.rig.NodeConfig;
import com.lianarig.config.rig.RopeConfig;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The load channel a command works on, as the rig file describes it.
 *
 * @param node the node it is on
 * @param channel the channel on that node
 * @param rope the rope on it, if the rig file has one there
 * @param nodeChannels every channel of the rig file's ropes on this node (sampled together, as the service does)
 */
public record ChannelTarget(NodeConfig node, int channel, Optional<RopeConfig> rope, List<Integer> nodeChannels) {
    public ChannelTarget {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(rope, "rope");
        nodeChannels = List.copyOf(nodeChannels);
    }

    /** The calibration key: node serial and channel. */
    public ChannelRef ref() {
        return node.channel(channel);
    }

    /** E.g. "rope left-leg (node main, serial VR-0001, channel 0)". */
    public String describe() {
        String where = "node " + node.id() + ", serial " + node.serial() + ", channel " + channel;
        return rope.map(r -> "rope " + r.id() + " (" + where + ")").orElse(where + " (no rope of the rig file)");
    }
}
