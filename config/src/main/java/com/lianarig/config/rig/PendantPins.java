package com.lianarig.config.rig;

/**
 * The wired pendant's hold-to-run inputs (its STOP is in the safety chain, not on a GPIO).
 *
 * @param upPin BCM GPIO of UP
 * @param downPin BCM GPIO of DOWN
 * @param enablePin BCM GPIO of ENABLE
 */
public record PendantPins(int upPin, int downPin, int enablePin) {
    public PendantPins {
        RigIds.range("upPin", upPin, 0, GpioConfig.MAX_PIN);
        RigIds.range("downPin", downPin, 0, GpioConfig.MAX_PIN);
        RigIds.range("enablePin", enablePin, 0, GpioConfig.MAX_PIN);
    }
}
