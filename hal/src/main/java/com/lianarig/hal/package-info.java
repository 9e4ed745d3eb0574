/**
 * Hardware layer: the role interfaces the controller drives ({@link com.lianarig.hal.LoadCellChannel},
 * {@link com.lianarig.hal.Winch}, {@link com.lianarig.hal.SafetyChainMonitor}, {@link com.lianarig.hal.Pendant},
 * {@link com.lianarig.hal.StatusLight}, {@link com.lianarig.hal.Buzzer}) and their implementations by backend:
 * node sessions over serial links ({@code hal.node}, {@code hal.serial}, jSerialComm) and GPIO
 * ({@code hal.gpio}, Pi4J).
 *
 * <p>Only this module touches {@code com.fazecast} and {@code com.pi4j}, and none of their types
 * appears in its public API; it depends on {@code firmware-protocol} and nothing else of ours (SPEC
 * section 2). Hal speaks encoder counts, raw ADC counts and protocol enums: the controller converts
 * to millimetres and newtons.
 */
package com.lianarig.hal;
