package com.lianarig.tools.journal;

import com.lianarig.config.ChannelRef;
import com.lianarig.config.ConfigException;
import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationPolicy;
import com.lianarig.config.calibration.CalibrationStore;
import com.lianarig.config.calibration.MissingCalibration;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RopeConfig;
import com.lianarig.config.store.NioFileOps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The calibration of every rope's load channel and its age, from the rig file's calibration store
 * ({@code paths.calibrationDir}); used by {@code rig journal maintenance} and {@code rig doctor}.
 */
public final class CalibrationAges {

    /**
     * One rope's channel.
     *
     * @param rope the rope's id
     * @param channel its node serial and channel
     * @param current its current (latest valid) calibration, if any
     * @param age now minus the calibration's time, when there is one
     * @param missingReason why there is none (SR-17's words), when there is none
     */
    public record Entry(String rope, ChannelRef channel, Optional<Calibration> current, Optional<Duration> age,
            String missingReason) {
    }

    private CalibrationAges() {
    }

    /** Every rope of {@code rig}, in the rig file's order. Never throws: an unreadable file is a reason. */
    public static List<Entry> of(RigConfig rig, Instant now) {
        CalibrationStore store = new CalibrationStore(rig.paths().calibrationDir(), new NioFileOps(),
                CalibrationPolicy.from(rig.limits()));
        List<Entry> out = new ArrayList<>();
        for (RopeConfig rope : rig.ropes()) {
            ChannelRef ref = rig.loadChannel(rope);
            Optional<Calibration> current;
            String reason = null;
            try {
                current = store.current(ref);
            } catch (ConfigException e) {
                current = Optional.empty();
                reason = "its calibration file cannot be used: " + e.errors().get(0).message();
            }
            if (current.isEmpty() && reason == null) {
                List<MissingCalibration> missing = store.missingCalibrations(List.of(ref));
                reason = missing.isEmpty() ? "no valid calibration" : missing.get(0).reason();
            }
            out.add(new Entry(rope.id(), ref, current, current.map(c -> Duration.between(c.at(), now)), reason));
        }
        return out;
    }
}
