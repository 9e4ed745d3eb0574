/**
 * GPIO through Pi4J 2.x: the {@link com.lianarig.hal.gpio.GpioBackend} chosen once at start-up (the
 * gpiod provider on a Pi, the mock plugin in tests), and the Pi4J implementations of the safety-chain
 * monitor, the pendant, the status light and the buzzer. No Pi4J type appears in this package's
 * public API.
 */
package com.lianarig.hal.gpio;
