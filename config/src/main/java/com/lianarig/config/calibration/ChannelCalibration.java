package com.lianarig.config.calibration;

import com.lianarig.config.ChannelRef;
import java.util.Objects;
import java.util.Optional;

/**
 * What a load channel carries (SR-17): its current calibration, or why it has none: no calibration on
 * record, an invalid latest one, or a calibration file that cannot be used (damaged, truncated, garbage,
 * unreadable), in words a technician can act on.
 *
 * @param channel the node serial and channel
 * @param calibration its current (latest valid) calibration, if any
 * @param whyNot why it has none; null when it has one
 */
public record ChannelCalibration(ChannelRef channel, Optional<Calibration> calibration, String whyNot) {
    public ChannelCalibration {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(calibration, "calibration");
        if (calibration.isPresent() == (whyNot != null)) {
            throw new IllegalArgumentException("a channel has a calibration or a reason for none, not both or neither");
        }
    }
}
