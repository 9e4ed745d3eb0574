package com.lianarig.config.calibration;

import com.lianarig.config.ChannelRef;
import java.util.Objects;

/**
 * A channel that may not carry a client (SR-17), and why.
 *
 * @param channel the node serial and channel
 * @param reason e.g. "no calibration on record"
 */
public record MissingCalibration(ChannelRef channel, String reason) {
    public MissingCalibration {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(reason, "reason");
    }

    /** E.g. {@code VR-0001 channel 2: no calibration on record}. */
    public String message() {
        return channel + ": " + reason;
    }
}
