package com.lianarig.config;

import java.util.Objects;

/**
 * One load-cell channel, named the way calibrations are kept (SPEC section 7): the node's serial
 * (as its IDENTIFY reports it) and the channel number on that node.
 *
 * @param nodeSerial 1..32 printable ASCII characters (0x21..0x7E), as in the protocol's IDENTIFY
 * @param channel 0..{@value #MAX_CHANNEL}
 */
public record ChannelRef(String nodeSerial, int channel) implements Comparable<ChannelRef> {
    /** The highest load channel number a node can have (the protocol's 16 channels). */
    public static final int MAX_CHANNEL = 15;
    /** The longest node serial the protocol carries. */
    public static final int MAX_SERIAL_LENGTH = 32;

    public ChannelRef {
        Objects.requireNonNull(nodeSerial, "nodeSerial");
        String why = serialProblem(nodeSerial);
        if (why != null) {
            throw new IllegalArgumentException("node serial \"" + nodeSerial + "\" " + why);
        }
        if (channel < 0 || channel > MAX_CHANNEL) {
            throw new IllegalArgumentException("channel " + channel + " is outside 0.." + MAX_CHANNEL);
        }
    }

    /** Why {@code serial} is not a valid node serial, or null when it is. */
    public static String serialProblem(String serial) {
        if (serial.isEmpty() || serial.length() > MAX_SERIAL_LENGTH) {
            return "must be 1.." + MAX_SERIAL_LENGTH + " characters long";
        }
        for (int i = 0; i < serial.length(); i++) {
            char c = serial.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return "must be printable ASCII without spaces (character " + (i + 1) + " is not)";
            }
        }
        return null;
    }

    @Override
    public int compareTo(ChannelRef o) {
        int c = nodeSerial.compareTo(o.nodeSerial);
        return c != 0 ? c : Integer.compare(channel, o.channel);
    }

    /** E.g. {@code VR-0001 channel 2}. */
    @Override
    public String toString() {
        return nodeSerial + " channel " + channel;
    }
}
