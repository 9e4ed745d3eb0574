package com.lianarig.config.rig;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the service keeps what it writes: calibrations, client profiles, the journal. All absolute.
 * How the defaults are chosen: {@link DataPathDefaults}.
 *
 * @param dataDir the root of the service's data
 * @param calibrationDir one calibration file per node serial
 * @param profilesDir one client profile per file
 * @param journalDir the journal
 */
public record DataPaths(Path dataDir, Path calibrationDir, Path profilesDir, Path journalDir) {
    public DataPaths {
        for (Path p : new Path[] {dataDir, calibrationDir, profilesDir, journalDir}) {
            Objects.requireNonNull(p, "path");
            if (!p.isAbsolute()) {
                throw new IllegalArgumentException("data path " + p + " must be absolute");
            }
        }
    }

    /** The default layout under {@code dataDir}: calibration/, profiles/, journal/. */
    public static DataPaths under(Path dataDir) {
        return new DataPaths(dataDir, dataDir.resolve("calibration"), dataDir.resolve("profiles"),
                dataDir.resolve("journal"));
    }
}
