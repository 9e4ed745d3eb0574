package com.lianarig.tools.calibrate;

import com.lianarig.tools.OptionRules;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Which load channel: {@code --rope ID}, or {@code --node SERIAL --channel N}. */
public final class ChannelOptions {
    @Option(names = "--rope", paramLabel = "ID",
            description = "The rope whose load cell to calibrate, by its id in the rig file (e.g. left-leg).")
    String rope;

    @Option(names = "--node", paramLabel = "SERIAL",
            description = "With --channel: the node, by its serial (or its id in the rig file).")
    String node;

    @Option(names = "--channel", paramLabel = "N", description = "With --node: the load channel on that node, 0..15.")
    Integer channel;

    /** The usage errors these options can have on their own (the rig file judges the rest). */
    void check(CommandSpec spec) {
        if (channel != null) {
            OptionRules.of(spec).range("--channel", channel, 0, 15, "");
        }
    }
}
