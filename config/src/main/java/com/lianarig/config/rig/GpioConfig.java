package com.lianarig.config.rig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Pi's GPIO: the safety relay's monitoring contact (HIGH = healthy; a broken wire reads as
 * tripped, SR-11), the pendant's inputs, and the status light and buzzer outputs. Every pin is
 * distinct.
 *
 * @param safetyChainMonitorPin BCM GPIO of the safety relay's monitoring contact
 * @param pendant the wired pendant, when the rig has one
 * @param debounceMs input debounce, {@value #MIN_DEBOUNCE_MS}..{@value #MAX_DEBOUNCE_MS} ms
 * @param statusLight the status light, when fitted
 * @param buzzer the buzzer, when fitted
 */
public record GpioConfig(int safetyChainMonitorPin, Optional<PendantPins> pendant, int debounceMs,
        Optional<OutputPin> statusLight, Optional<OutputPin> buzzer) {
    /** The highest BCM GPIO on the Pi's 40-pin header. */
    public static final int MAX_PIN = 27;
    public static final int MIN_DEBOUNCE_MS = 1;
    /** Debounce delays a hold-to-run release: kept short. */
    public static final int MAX_DEBOUNCE_MS = 50;
    public static final int DEFAULT_DEBOUNCE_MS = 10;

    public GpioConfig {
        RigIds.range("safetyChainMonitorPin", safetyChainMonitorPin, 0, MAX_PIN);
        Objects.requireNonNull(pendant, "pendant");
        Objects.requireNonNull(statusLight, "statusLight");
        Objects.requireNonNull(buzzer, "buzzer");
        RigIds.range("debounceMs", debounceMs, MIN_DEBOUNCE_MS, MAX_DEBOUNCE_MS);
        Set<Integer> seen = new HashSet<>();
        for (int pin : pins(safetyChainMonitorPin, pendant, statusLight, buzzer)) {
            if (!seen.add(pin)) {
                throw new IllegalArgumentException("GPIO " + pin + " is used twice");
            }
        }
    }

    /** Every pin in use, in the order safety chain, pendant up/down/enable, status light, buzzer. */
    static List<Integer> pins(int safetyChainMonitorPin, Optional<PendantPins> pendant,
            Optional<OutputPin> statusLight, Optional<OutputPin> buzzer) {
        List<Integer> pins = new ArrayList<>();
        pins.add(safetyChainMonitorPin);
        pendant.ifPresent(p -> pins.addAll(List.of(p.upPin(), p.downPin(), p.enablePin())));
        statusLight.ifPresent(p -> pins.add(p.pin()));
        buzzer.ifPresent(p -> pins.add(p.pin()));
        return pins;
    }
}
