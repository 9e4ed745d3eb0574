package com.lianarig.tools.commission;

import com.lianarig.config.ChannelRef;
import com.lianarig.config.ConfigException;
import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationStore;
import com.lianarig.config.rig.NodeConfig;
import com.lianarig.config.rig.RigConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The valid calibrations of the rig's channels, read once: commissioning usually comes before
 * calibration, so most channels have none and the checks work in raw counts; where one exists its
 * kilograms are shown and used for the "rope unloaded" check.
 */
final class Calibrations {
    private final Map<String, Optional<Calibration>> byChannel = new HashMap<>();

    Calibrations(RigConfig rig, CalibrationStore store) {
        for (NodeConfig node : rig.nodes()) {
            for (int ch = 0; ch <= ChannelRef.MAX_CHANNEL; ch++) {
                Optional<Calibration> c;
                try {
                    c = store.current(new ChannelRef(node.serial(), ch));
                } catch (ConfigException e) {
                    c = Optional.empty(); // an unreadable file: the channel counts as uncalibrated here
                }
                byChannel.put(node.id() + "#" + ch, c);
            }
        }
    }

    /** The channel's valid calibration, if any. */
    Optional<Calibration> of(String nodeId, int channel) {
        return byChannel.getOrDefault(nodeId + "#" + channel, Optional.empty());
    }

    /** A change of raw counts in kg, or NaN when the channel is not calibrated. */
    double changeKg(String nodeId, int channel, double changeCounts) {
        return of(nodeId, channel).map(c -> c.loadKg(changeCounts) - c.loadKg(0)).orElse(Double.NaN);
    }
}
