package com.lianarig.hal;

import java.util.Optional;

/**
 * One load-cell channel: raw ADC counts with their status and node timestamp (SPEC section 1).
 * Calibration to newtons is the controller's.
 *
 * <p>Thread-safe: samples are written by the node session's owner thread; {@link #latest()} may be
 * called from any thread; listeners are called on the owner thread.
 */
public interface LoadCellChannel {

    /** The channel's index on its node, 0..15. */
    int channel();

    /**
     * The node's serial number, the key of the channel's calibration with {@link #channel()} (SPEC
     * section 7); empty until the node has identified itself.
     */
    Optional<String> nodeSerial();

    /** The latest sample (a copy), or empty before the first one since the node last identified. */
    Optional<LoadSample> latest();

    /** Registers a listener called for every sample as it is decoded (SR-8). */
    void addListener(LoadSampleListener listener);

    void removeListener(LoadSampleListener listener);
}
