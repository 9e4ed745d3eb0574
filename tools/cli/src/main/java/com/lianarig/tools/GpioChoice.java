package com.lianarig.tools;

import com.lianarig.hal.gpio.BenchSafetyChain;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code --gpio} asks of the commands that reach the rig's GPIO ({@code rig run}, {@code rig doctor}):
 * the Pi's GPIO chip (gpiod, the default), none at all (a bench without GPIO: the safety chain is a simulated,
 * always healthy contact), or Pi4J's mock plugin (a test seam: its plugin is only on a test's class path).
 */
public enum GpioChoice {
    /** The Linux GPIO character device (libgpiod), on a Raspberry Pi. */
    GPIOD("gpiod"),
    /** No GPIO: a firmware engineer's bench, the soak ({@link BenchSafetyChain}). */
    NONE(BenchSafetyChain.DESCRIPTION),
    /** Pi4J's mock plugin (tests only). */
    MOCK("mock (test)");

    private final String description;

    GpioChoice(String description) {
        this.description = description;
    }

    /** How the state and {@code rig doctor} name it: "gpiod", "none (bench)", "mock (test)". */
    public String description() {
        return description;
    }

    /**
     * The GPIO chips this machine has ({@code gpiochip*} in {@code devDirectory}): where one exists the machine
     * may be a rig, and neither {@code none} nor {@code mock} may stand in for its safety chain.
     */
    public static List<Path> chips(Path devDirectory) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(devDirectory, "gpiochip*")) {
            dir.forEach(found::add);
        } catch (IOException e) {
            // no /dev (not Linux): no chip
        }
        found.sort(null);
        return found;
    }

    /** {@code --gpio gpiod|none|mock} (any case). */
    public static final class Converter implements ITypeConverter<GpioChoice> {
        @Override
        public GpioChoice convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "gpiod" -> GPIOD;
                case "none" -> NONE;
                case "mock" -> MOCK;
                default -> throw new TypeConversionException("--gpio " + value + " is not gpiod or none");
            };
        }
    }
}
