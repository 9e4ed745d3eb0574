package com.lianarig.config.rig;

import com.lianarig.config.ChannelRef;
import java.util.Objects;

/**
 * One microcontroller board ("node") of the rig and how to reach it.
 *
 * @param id the name the rig file's winches and ropes use for it
 * @param address the protocol address, {@value #MIN_ADDRESS}..{@value #MAX_ADDRESS}
 * @param serial the node serial its IDENTIFY must report (calibrations are kept under it)
 * @param port how its serial port is found
 * @param baud serial line rate, {@value #MIN_BAUD}..{@value #MAX_BAUD} bit/s
 * @param sampleRateHz load-cell sample rate, Hz (80 where a winch depends on a channel, SPEC section 1)
 * @param statusRateHz WINCH_STATUS rate per winch, {@value #MIN_STATUS_RATE_HZ}..{@value #MAX_STATUS_RATE_HZ} Hz
 */
public record NodeConfig(String id, int address, String serial, PortSelector port, int baud, int sampleRateHz,
        int statusRateHz) {
    public static final int MIN_ADDRESS = 1;
    public static final int MAX_ADDRESS = 127;
    public static final int MIN_BAUD = 9_600;
    public static final int MAX_BAUD = 4_000_000;
    public static final int DEFAULT_BAUD = 1_000_000;
    public static final int MIN_SAMPLE_RATE_HZ = 10;
    public static final int MAX_SAMPLE_RATE_HZ = 1000;
    public static final int DEFAULT_SAMPLE_RATE_HZ = 80;
    /** The lowest sample rate of a channel a winch depends on (SPEC section 1). */
    public static final int WINCH_CHANNEL_MIN_SAMPLE_RATE_HZ = 80;
    public static final int MIN_STATUS_RATE_HZ = 50;
    public static final int MAX_STATUS_RATE_HZ = 250;
    public static final int DEFAULT_STATUS_RATE_HZ = 100;

    public NodeConfig {
        RigIds.require("node id", id);
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(serial, "serial");
        String why = ChannelRef.serialProblem(serial);
        if (why != null) {
            throw new IllegalArgumentException("node serial \"" + serial + "\" " + why);
        }
        RigIds.range("address", address, MIN_ADDRESS, MAX_ADDRESS);
        RigIds.range("baud", baud, MIN_BAUD, MAX_BAUD);
        RigIds.range("sampleRateHz", sampleRateHz, MIN_SAMPLE_RATE_HZ, MAX_SAMPLE_RATE_HZ);
        RigIds.range("statusRateHz", statusRateHz, MIN_STATUS_RATE_HZ, MAX_STATUS_RATE_HZ);
    }

    /** The calibration key of one of this node's load channels. */
    public ChannelRef channel(int channel) {
        return new ChannelRef(serial, channel);
    }
}
