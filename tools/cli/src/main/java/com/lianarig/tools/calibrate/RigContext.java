package com.lianarig.tools.calibrate;

import com.lianarig.config.ChannelRef;
import com.lianarig.config.ConfigException;
import com.lianarig.config.calibration.CalibrationPolicy;
import com.lianarig.config.calibration.CalibrationStore;
import com.lianarig.config.rig.NodeConfig;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.config.rig.RopeConfig;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.tools.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the calibrate commands read first: the rig file, the calibration store it names, and the
 * channel asked for.
 *
 * @param rigFile the rig file read
 * @param rig its contents
 * @param store the calibrations, in the rig file's {@code paths.calibrationDir}
 */
public record RigContext(Path rigFile, RigConfig rig, CalibrationStore store) {

    /**
     * Finds and loads the rig file.
     *
     * @param option {@code --config}, or null
     * @param env the environment (RIG_FILE, RIG_DATA_DIR)
     * @throws BadInputException when no rig file is given, or it cannot be used (every problem listed)
     */
    public static RigContext load(Path option, Map<String, String> env) throws BadInputException {
        Path file = RigFileLocator.locate(option, env, RigFileLocator.INSTALLED);
        RigConfig rig;
        try {
            rig = new RigConfigLoader(env).load(file);
        } catch (ConfigException e) {
            throw new BadInputException("the rig file cannot be used: " + e.getMessage());
        }
        CalibrationStore store = new CalibrationStore(rig.paths().calibrationDir(), new NioFileOps(),
                CalibrationPolicy.from(rig.limits()));
        return new RigContext(file, rig, store);
    }

    /**
     * The channel {@code --rope}, or {@code --node} and {@code --channel}, name.
     *
     * @throws BadInputException naming what is missing or not in the rig file, and what is
     */
    public ChannelTarget channel(ChannelOptions o) throws BadInputException {
        if (o.rope != null && (o.node != null || o.channel != null)) {
            throw new BadInputException("give --rope, or --node and --channel, not both");
        }
        if (o.rope != null) {
            RopeConfig rope = rig.rope(o.rope).orElseThrow(() -> new BadInputException("rope '" + o.rope
                    + "' is not in " + rigFile + " (its ropes: " + ropeIds() + ")"));
            NodeConfig node = rig.node(rope.node()).orElseThrow();
            return new ChannelTarget(node, rope.channel(), Optional.of(rope), channelsOf(node));
        }
        if (o.node == null && o.channel == null) {
            throw new BadInputException("which channel? give --rope ID (" + ropeIds() + "), or --node SERIAL"
                    + " --channel N");
        }
        if (o.node == null || o.channel == null) {
            throw new BadInputException(o.node == null ? "--channel needs --node SERIAL" : "--node needs --channel N");
        }
        NodeConfig node = rig.nodes().stream().filter(n -> n.serial().equals(o.node)).findFirst()
                .or(() -> rig.node(o.node))
                .orElseThrow(() -> new BadInputException("node '" + o.node + "' is not in " + rigFile
                        + " (its nodes: " + rig.nodes().stream().map(n -> n.serial() + " (" + n.id() + ")")
                                .collect(Collectors.joining(", ")) + ")"));
        if (o.channel < 0 || o.channel > ChannelRef.MAX_CHANNEL) {
            throw new BadInputException("--channel " + o.channel + " is outside 0.." + ChannelRef.MAX_CHANNEL);
        }
        Optional<RopeConfig> rope = rig.ropes().stream()
                .filter(r -> r.node().equals(node.id()) && r.channel() == o.channel).findFirst();
        return new ChannelTarget(node, o.channel, rope, channelsOf(node));
    }

    private List<Integer> channelsOf(NodeConfig node) {
        return rig.ropes().stream().filter(r -> r.node().equals(node.id())).map(RopeConfig::channel).sorted()
                .toList();
    }

    private String ropeIds() {
        return rig.ropes().stream().map(RopeConfig::id).collect(Collectors.joining(", "));
    }
}
