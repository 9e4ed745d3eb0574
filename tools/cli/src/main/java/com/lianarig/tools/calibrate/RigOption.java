package com.lianarig.tools.calibrate;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --rig FILE}: the rig file, shared by the calibrate commands ({@link RigFileLocator} when absent). */
public final class RigOption {
    @Option(names = "--rig", paramLabel = "FILE",
            description = "The rig file (default: $RIG_FILE, else /etc/liana-rig/rig.yaml when installed;"
                    + " in a source checkout give it, e.g. --rig config/examples/rig.yaml for the virtual rig).")
    Path rigFile;

    /** This option, else the parent command's ({@code rig calibrate --rig FILE status}), else null. */
    Path orParent(CalibrateCommand parent) {
        return rigFile != null || parent == null ? rigFile : parent.rigOption.rigFile;
    }
}
