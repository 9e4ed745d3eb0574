package com.lianarig.tools;

import com.lianarig.hal.gpio.GpioBackend;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --gpio gpiod|mock} (any case) for the commands that reach the rig's GPIO (run, doctor). */
public final class GpioKindConverter implements ITypeConverter<GpioBackend.Kind> {
    @Override
    public GpioBackend.Kind convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "gpiod" -> GpioBackend.Kind.GPIOD;
            case "mock" -> GpioBackend.Kind.MOCK;
            default -> throw new TypeConversionException("--gpio " + value + " is not gpiod or mock");
        };
    }
}
