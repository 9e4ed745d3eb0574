package com.lianarig.hal.gpio;

import com.lianarig.hal.Buzzer;
import com.lianarig.hal.SignalPattern;

/** The buzzer on a GPIO output; silent at start, its configured shutdown state on close and at exit. */
public final class Pi4jBuzzer implements Buzzer {
    static final String ID = "buzzer";
    private final Pi4jSignalOutput output;

    public Pi4jBuzzer(GpioBackend backend, OutputPin pin) {
        this.output = new Pi4jSignalOutput(backend, ID, pin);
    }

    @Override
    public void sound(SignalPattern pattern) {
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
