package com.lianarig.hal.gpio;

/**
 * A GPIO output driving a signal (status light, buzzer).
 *
 * @param bcmPin the output's BCM GPIO number
 * @param activeHigh true when HIGH switches the signal on
 * @param onAtShutdown the signal's state when its device closes or the process exits (Pi4J's shutdown state)
 */
public record OutputPin(int bcmPin, boolean activeHigh, boolean onAtShutdown) {
    public OutputPin {
        if (bcmPin < 0 || bcmPin > 53) {
            throw new IllegalArgumentException("BCM pin " + bcmPin + " is outside 0..53");
        }
    }
}
