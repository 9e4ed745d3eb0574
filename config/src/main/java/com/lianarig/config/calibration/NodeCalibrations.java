package com.lianarig.config.calibration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every calibration of one node's channels, in the order they were made (the order of the file, not
 * of their timestamps: the Pi may have no real-time clock).
 *
 * @param nodeSerial the node serial
 * @param history oldest first, every entry of this node
 */
public record NodeCalibrations(String nodeSerial, List<Calibration> history) {
    public NodeCalibrations {
        Objects.requireNonNull(nodeSerial, "nodeSerial");
        history = List.copyOf(history);
        for (Calibration c : history) {
            if (!c.channel().nodeSerial().equals(nodeSerial)) {
                throw new IllegalArgumentException(c.channel() + " is not a channel of node " + nodeSerial);
            }
        }
    }

    /** A node with no calibration yet. */
    public static NodeCalibrations empty(String nodeSerial) {
        return new NodeCalibrations(nodeSerial, List.of());
    }

    /** The history of one channel, oldest first. */
    public List<Calibration> history(int channel) {
        return history.stream().filter(c -> c.channel().channel() == channel).toList();
    }

    /**
     * The calibration a channel carries: its latest one, if valid under {@code policy}. An invalid
     * latest calibration leaves the channel uncalibrated (SR-17); it never falls back to an older
     * one, which may belong to a load cell since replaced.
     */
    public Optional<Calibration> current(int channel, CalibrationPolicy policy) {
        List<Calibration> h = history(channel);
        if (h.isEmpty()) {
            return Optional.empty();
        }
        Calibration latest = h.get(h.size() - 1);
        return latest.invalidity(policy).isEmpty() ? Optional.of(latest) : Optional.empty();
    }

    /** This history with one more calibration at the end. */
    public NodeCalibrations plus(Calibration c) {
        List<Calibration> h = new java.util.ArrayList<>(history);
        h.add(c);
        return new NodeCalibrations(nodeSerial, h);
    }
}
