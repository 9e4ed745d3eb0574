package com.lianarig.tools.doctor;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.hal.gpio.GpioBackend;
import com.lianarig.tools.GpioChoice;
import java.nio.file.Path;
import java.util.List;
import com.lianarig.hal.gpio.Pi4jSafetyChainMonitor;
import java.time.Duration;
import java.util.Locale;

/**
 * GPIO access and the safety chain's monitoring input (SR-11): opens the GPIO backend (gpiod on a
 * Pi), reads the monitor pin once and says what it reads: healthy (HIGH) or tripped (LOW, or a
 * broken wire). With {@code --gpio none} (a bench without GPIO) there is no pin to read: it says so, as a
 * warning, and fails where a GPIO chip exists (the service refuses {@code --gpio none} there).
 */
final class GpioCheck {
    private GpioCheck() {
    }

    static Check of(RigConfig rig, GpioChoice choice, Path devDirectory) {
        if (choice == GpioChoice.NONE) {
            return Check.of("safety chain (GPIO)", Duration.ofSeconds(2), "listing " + devDirectory + " hung", name -> {
                List<Path> chips = GpioChoice.chips(devDirectory);
                if (!chips.isEmpty()) {
                    return CheckResult.fail(name, "gpio: none (bench) asked, but this machine has GPIO (" + chips.get(0)
                            + "): it may be a rig, and rig run refuses --gpio none here", "run rig doctor and rig run"
                            + " without --gpio none, so that the safety chain's monitor is read");
                }
                return CheckResult.warn(name, "gpio: " + choice.description() + ": no GPIO chip here; the service's"
                        + " safety chain is simulated (always healthy), so emergency stops are NOT monitored",
                        "a bench only (a firmware engineer's desk, the soak); on a rig, run without --gpio none");
            });
        }
        return of(rig, choice == GpioChoice.MOCK ? GpioBackend.Kind.MOCK : GpioBackend.Kind.GPIOD);
    }

    static Check of(RigConfig rig, GpioBackend.Kind kind) {
        int pin = rig.gpio().safetyChainMonitorPin();
        return Check.of("safety chain (GPIO)", Duration.ofSeconds(8), "GPIO did not answer: check that /dev/gpiochip0"
                + " exists and that no other program hangs on it, then run rig doctor again", name -> {
                    GpioBackend backend;
                    try {
                        backend = GpioBackend.open(kind);
                    } catch (RuntimeException | LinkageError e) {
                        return CheckResult.fail(name, "GPIO is not available: " + e.getMessage(), notAvailableFix());
                    }
                    try (backend; Pi4jSafetyChainMonitor monitor = new Pi4jSafetyChainMonitor(backend, pin, 0)) {
                        if (monitor.healthy()) {
                            return CheckResult.pass(name, "BCM " + pin + " reads HIGH: the safety chain is healthy");
                        }
                        return CheckResult.fail(name, "BCM " + pin + " reads LOW: the safety chain is TRIPPED",
                                "release every stop (trainer's pendant STOP, client stop, wall e-stop), check the"
                                        + " ultimate limit switches and reset the safety relay; if all are released,"
                                        + " check the monitor wire to BCM " + pin + " (a broken wire reads as tripped)"
                                        + " and gpio.safetyChainMonitorPin in the rig file");
                    } catch (RuntimeException | LinkageError e) {
                        String why = String.valueOf(e.getMessage());
                        if (why.toLowerCase(Locale.ROOT).contains("busy")) {
                            return CheckResult.warn(name, "BCM " + pin + " is in use by another process: " + why,
                                    "that is the rig service when it runs (it watches the chain itself); to read the"
                                            + " pin from here: " + Fixes.STOP_SERVICE + ", rig doctor, "
                                            + Fixes.START_SERVICE);
                        }
                        return CheckResult.fail(name, "cannot read BCM " + pin + ": " + why, notAvailableFix());
                    }
                });
    }

    private static String notAvailableFix() {
        return "on a Raspberry Pi: sudo adduser " + System.getProperty("user.name") + " gpio, log out and in again,"
                + " and check that /dev/gpiochip0"
                + " exists (Raspberry Pi OS bookworm); off a Pi there is no GPIO: run the service on the virtual"
                + " rig (rig run --virtual) instead";
    }
}
