package com.lianarig.tools.calibrate;

import com.lianarig.config.calibration.Calibration;
import java.nio.file.Path;

/**
 * A calibration appended to its node's file.
 *
 * @param calibration what was saved
 * @param file the node's calibration file
 * @param channelHistory how many calibrations of this channel the file now holds, this one included
 */
public record Saved(Calibration calibration, Path file, int channelHistory) {
}
