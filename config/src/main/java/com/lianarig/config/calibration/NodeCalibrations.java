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

    /** The latest valid calibration of one channel. */
    public Optional<Calibration> current(int channel, CalibrationPolicy policy) {
        List<Calibration> h = history(channel);
        for (int i = h.size() - 1; i >= 0; i--) {
            if (h.get(i).invalidity(policy).isEmpty()) {
                return Optional.of(h.get(i));
            }
        }
        return Optional.empty();
    }

    /** This history with one more calibration at the end. */
    public NodeCalibrations plus(Calibration c) {
        List<Calibration> h = new java.util.ArrayList<>(history);
        h.add(c);
        return new NodeCalibrations(nodeSerial, h);
    }
}
