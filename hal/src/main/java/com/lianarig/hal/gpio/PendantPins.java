package com.lianarig.hal.gpio;

/**
 * The BCM GPIO numbers of the pendant's hold-to-run buttons. Each button closes to 3.3 V (HIGH =
 * pressed); the pins are pulled down, so a broken wire reads as released.
 *
 * @param upBcm the UP button's input
 * @param downBcm the DOWN button's input
 * @param enableBcm the ENABLE button's input
 */
public record PendantPins(int upBcm, int downBcm, int enableBcm) {
    public PendantPins {
        if (upBcm == downBcm || upBcm == enableBcm || downBcm == enableBcm) {
            throw new IllegalArgumentException("the pendant's buttons need three different pins, not " + upBcm + ", "
                    + downBcm + ", " + enableBcm);
        }
    }
}
