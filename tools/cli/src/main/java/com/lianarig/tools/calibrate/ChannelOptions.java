package com.lianarig.tools.calibrate;

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
}
