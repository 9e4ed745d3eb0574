package com.lianarig.hal.gpio;

import com.lianarig.hal.SignalPattern;
import com.lianarig.hal.StatusLight;

/** The status light on a GPIO output; off at start, its configured shutdown state on close and at exit. */
public final class Pi4jStatusLight implements StatusLight {
    static final String ID = "status-light";
    private final Pi4jSignalOutput output;

    public Pi4jStatusLight(GpioBackend backend, OutputPin pin) {
        this.output = new Pi4jSignalOutput(backend, ID, pin);
    }

    @Override
    public void show(SignalPattern pattern) {
        output.show(pattern);
    }

    @Override
    public SignalPattern pattern() {
        return output.pattern();
    }

    /** Goes to the shutdown state and releases the pin. Idempotent. */
    @Override
    public void close() {
        output.close();
    }

    /** The pin's level now (for tests). */
    boolean pinHigh() {
        return output.high();
    }
}
