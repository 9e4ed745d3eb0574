package com.lianarig.hal.gpio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.hal.Pendant;
import com.lianarig.hal.SignalPattern;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Pi4J devices on Pi4J's mock plugin: the safety-chain monitor trips at once and recovers only
 * when stable, the pendant's debounce rejects a short bounce and accepts a longer press, and outputs
 * go to their shutdown state on close. Real time, with generous margins around short intervals.
 */
@Timeout(30)
class GpioMockTest {
    private GpioBackend gpio;

    /** What listeners heard, with when. */
    private record Heard(String what, long atNanos) {
    }

    private final List<Heard> heard = new ArrayList<>();

    @BeforeEach
    void open() {
        gpio = GpioBackend.open(GpioBackend.Kind.MOCK);
    }

    @AfterEach
    void close() {
        gpio.close();
    }

    private MockDigitalInput mockInput(String id) {
        return gpio.context().io(id, MockDigitalInput.class);
    }

    private synchronized void hear(String what, long at) {
        heard.add(new Heard(what, at));
    }

    private synchronized List<String> heard() {
        return heard.stream().map(Heard::what).toList();
    }

    private synchronized Heard last() {
        return heard.isEmpty() ? null : heard.get(heard.size() - 1);
    }

    @Test
    void aMockBackendOpenedWithAHighPinHasAHealthyChainFromTheStartThatStillTrips() {
        try (GpioBackend healthyChain = GpioBackend.openMock(java.util.Set.of(17))) {
            Pi4jSafetyChainMonitor chain = new Pi4jSafetyChainMonitor(healthyChain, 17, 200);
            assertTrue(chain.healthy(), "HIGH from the moment the input was made (rig run --gpio mock)");
            healthyChain.context().io(Pi4jSafetyChainMonitor.ID, MockDigitalInput.class).mockState(DigitalState.LOW);
            assertTrue(await(() -> !chain.healthy(), 1_000), "a simulated chain can still trip");
            chain.close();
        }
    }

    @Test
    void theSafetyChainReadsTrippedUntilHealthyThenATripIsReportedAtOnce() {
        Pi4jSafetyChainMonitor chain = new Pi4jSafetyChainMonitor(gpio, 17, 200);
        chain.addListener((healthy, at) -> hear(healthy ? "healthy" : "tripped", at));
        assertFalse(chain.healthy(), "LOW at start (the mock's default, a broken wire): tripped");
        assertEquals(PullResistance.PULL_DOWN, gpio.context().io(Pi4jSafetyChainMonitor.ID, DigitalInput.class).pull(),
                "pulled down: a broken wire reads LOW");

        MockDigitalInput in = mockInput(Pi4jSafetyChainMonitor.ID);
        long highAt = System.nanoTime();
        in.mockState(DigitalState.HIGH);
        assertTrue(await(() -> heard().contains("healthy"), 1_000));
        assertTrue(chain.healthy());
        assertTrue((last().atNanos() - highAt) / 1_000_000 >= 200, "healthy only after 200 ms stable");

        long lowAt = System.nanoTime();
        in.mockState(DigitalState.LOW);
        assertTrue(await(() -> heard().contains("tripped"), 1_000));
        assertFalse(chain.healthy());
        long reactionUs = (last().atNanos() - lowAt) / 1_000;
        System.out.printf("safety chain (mock GPIO): trip reported %d us after the edge%n", reactionUs);
        assertEquals(List.of("healthy", "tripped"), heard());
        assertTrue(reactionUs < 100_000, "at once, not after the 200 ms filter: " + reactionUs + " us");
        chain.close();
    }

    @Test
    void aChatteringChainDoesNotReadHealthyBetweenItsBounces() {
        Pi4jSafetyChainMonitor chain = new Pi4jSafetyChainMonitor(gpio, 17, 100);
        chain.addListener((healthy, at) -> hear(healthy ? "healthy" : "tripped", at));
        MockDigitalInput in = mockInput(Pi4jSafetyChainMonitor.ID);
        for (int i = 0; i < 5; i++) {
            in.mockState(DigitalState.HIGH);
            sleepMs(10);
            in.mockState(DigitalState.LOW);
            sleepMs(10);
        }
        sleepMs(200);
        assertEquals(List.of(), heard(), "never healthy while it chatters");
        in.mockState(DigitalState.HIGH);
        assertTrue(await(chain::healthy, 1_000));
        chain.close();
    }

    @Test
    void thePendantIgnoresABounceShorterThanItsDebounceAndAcceptsALongerPress() {
        Pi4jPendant pendant = new Pi4jPendant(gpio, new PendantPins(5, 6, 13), 100);
        pendant.addListener((button, pressed, at) -> hear(button + (pressed ? " pressed" : " released"), at));
        MockDigitalInput up = mockInput("pendant-up");
        MockDigitalInput enable = mockInput("pendant-enable");

        up.mockState(DigitalState.HIGH);
        sleepMs(5);
        up.mockState(DigitalState.LOW);
        sleepMs(150);
        assertEquals(List.of(), heard(), "a 5 ms bounce is no press (debounce 100 ms)");
        assertFalse(pendant.pressed(Pendant.Button.UP));

        long pressAt = System.nanoTime();
        enable.mockState(DigitalState.HIGH);
        assertTrue(await(() -> heard().contains("ENABLE pressed"), 1_000));
        assertTrue(pendant.pressed(Pendant.Button.ENABLE));
        assertTrue((last().atNanos() - pressAt) / 1_000_000 >= 100, "accepted after 100 ms held");
        sleepMs(100);
        long releaseAt = System.nanoTime();
        enable.mockState(DigitalState.LOW);
        assertTrue(await(() -> heard().contains("ENABLE released"), 1_000));
        assertFalse(pendant.pressed(Pendant.Button.ENABLE));
        assertTrue((last().atNanos() - releaseAt) / 1_000_000 < 100, "a release counts at once, undebounced");
        assertEquals(List.of("ENABLE pressed", "ENABLE released"), heard());
        pendant.close();
    }

    @Test
    void outputsShowTheirPatternAndGoToTheirShutdownStateOnClose() {
        Pi4jStatusLight light = new Pi4jStatusLight(gpio, new OutputPin(22, true, false));
        Pi4jBuzzer buzzer = new Pi4jBuzzer(gpio, new OutputPin(23, false, false)); // active low: HIGH = silent
        DigitalOutput lightPin = gpio.context().io(Pi4jStatusLight.ID, DigitalOutput.class);
        DigitalOutput buzzerPin = gpio.context().io(Pi4jBuzzer.ID, DigitalOutput.class);
        assertFalse(light.pinHigh(), "off at start");
        assertTrue(buzzer.pinHigh(), "silent at start (active low)");

        light.show(SignalPattern.ON);
        assertTrue(await(light::pinHigh, 1_000));
        buzzer.sound(SignalPattern.ON);
        assertTrue(await(() -> !buzzer.pinHigh(), 1_000));

        light.show(SignalPattern.FAST_BLINK);
        List<Boolean> levels = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            levels.add(light.pinHigh());
            sleepMs(20);
        }
        assertTrue(levels.contains(true) && levels.contains(false), "it blinks: " + levels);
        assertEquals(SignalPattern.FAST_BLINK, light.pattern());

        light.close();
        buzzer.close();
        assertEquals(DigitalState.LOW, lightPin.state(), "the light's shutdown state: off");
        assertEquals(DigitalState.HIGH, buzzerPin.state(), "the buzzer's shutdown state: silent (HIGH, active low)");
        sleepMs(200);
        assertEquals(DigitalState.LOW, lightPin.state(), "no blink after close");
        assertEquals(SignalPattern.OFF, light.pattern());
        assertFalse(gpio.context().hasIO(Pi4jStatusLight.ID), "the pin is released");
        light.close(); // idempotent
    }

    @Test
    void anOutputConfiguredOnAtShutdownIsOnAfterClose() {
        Pi4jStatusLight outOfService = new Pi4jStatusLight(gpio, new OutputPin(24, true, true));
        DigitalOutput pin = gpio.context().io(Pi4jStatusLight.ID, DigitalOutput.class);
        assertEquals(DigitalState.LOW, pin.state());
        outOfService.close();
        assertEquals(DigitalState.HIGH, pin.state());
    }

    @Test
    void closingTheBackendAppliesEveryOutputsShutdownState() {
        Pi4jStatusLight light = new Pi4jStatusLight(gpio, new OutputPin(22, true, false));
        DigitalOutput pin = gpio.context().io(Pi4jStatusLight.ID, DigitalOutput.class);
        light.show(SignalPattern.ON);
        assertTrue(await(() -> pin.state() == DigitalState.HIGH, 1_000));
        gpio.close();
        assertEquals(DigitalState.LOW, pin.state(), "Pi4J's shutdown state, applied at the context's shutdown");
        light.close(); // after the backend: harmless
    }

    @Test
    void aPinOutsideTheHeaderIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OutputPin(99, true, false));
        assertThrows(IllegalArgumentException.class, () -> new PendantPins(5, 5, 6));
        assertThrows(IllegalArgumentException.class, () -> new Pi4jSafetyChainMonitor(gpio, 60, 10));
    }

    @Test
    void theGpiodBackendFailsClearlyWhereThereIsNoGpioChip() {
        Throwable failure = null;
        GpioBackend pi = null;
        try {
            pi = GpioBackend.open(GpioBackend.Kind.GPIOD);
            new Pi4jSafetyChainMonitor(pi, 17, 10);
        } catch (IllegalStateException e) {
            failure = e;
        } finally {
            if (pi != null) {
                pi.close();
            }
        }
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/dev/gpiochip0"))) {
            return; // on a Pi this may well work
        }
        assertTrue(failure != null, "no GPIO chip here: the gpiod backend must fail");
        System.out.println("gpiod backend without a GPIO chip: " + failure.getMessage());
        assertTrue(failure.getMessage().contains("GPIOD") || failure.getMessage().contains("safety-chain"),
                failure.getMessage());
    }

    static boolean await(BooleanSupplier condition, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            sleepMs(1);
        }
        return true;
    }

    static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
