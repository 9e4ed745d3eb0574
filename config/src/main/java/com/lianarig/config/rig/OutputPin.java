package com.lianarig.config.rig;

import java.util.Objects;

/**
 * A GPIO output (status light, buzzer) with the level it is driven to when the service shuts down.
 *
 * @param pin BCM GPIO number, 0..{@value GpioConfig#MAX_PIN}
 * @param shutdownState the level applied on shutdown (Pi4J's shutdown state)
 */
public record OutputPin(int pin, PinState shutdownState) {
    public OutputPin {
        RigIds.range("pin", pin, 0, GpioConfig.MAX_PIN);
        Objects.requireNonNull(shutdownState, "shutdownState");
    }
}
