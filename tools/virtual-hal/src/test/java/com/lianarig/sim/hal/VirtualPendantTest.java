package com.lianarig.sim.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.hal.Pendant.Button;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link VirtualPendant}: presses and releases count at once, each change is heard once. */
class VirtualPendantTest {
    private long nowNanos = 5_000_000L;
    private final VirtualPendant pendant = new VirtualPendant(() -> nowNanos);
    private final List<String> heard = new ArrayList<>();

    VirtualPendantTest() {
        pendant.addListener((button, pressed, atNanos) -> heard.add(button + (pressed ? " pressed" : " released")
                + " at " + atNanos));
    }

    @Test
    void aPressAndAReleaseAreHeardAtOnceStampedByTheClock() {
        assertFalse(pendant.pressed(Button.UP), "starts with nothing pressed");
        pendant.press(Button.ENABLE);
        nowNanos += 1_000;
        pendant.press(Button.UP);
        assertTrue(pendant.pressed(Button.ENABLE) && pendant.pressed(Button.UP));
        assertFalse(pendant.pressed(Button.DOWN));
        nowNanos += 1_000;
        pendant.release(Button.UP); // letting go stops at once (SR-10)
        assertFalse(pendant.pressed(Button.UP));
        assertEquals(List.of("ENABLE pressed at 5000000", "UP pressed at 5001000", "UP released at 5002000"), heard);
    }

    @Test
    void pressingAHeldButtonOrReleasingAFreeOneTellsNothing() {
        pendant.press(Button.DOWN);
        pendant.press(Button.DOWN);
        pendant.release(Button.DOWN);
        pendant.release(Button.DOWN);
        pendant.release(Button.ENABLE);
        assertEquals(2, heard.size(), heard.toString());
    }

    @Test
    void aFailingListenerDoesNotSilenceTheOthers() {
        VirtualPendant p = new VirtualPendant(() -> 0L);
        List<Button> after = new ArrayList<>();
        p.addListener((button, pressed, atNanos) -> {
            throw new IllegalStateException("a buggy listener");
        });
        p.addListener((button, pressed, atNanos) -> after.add(button));
        p.press(Button.UP);
        assertEquals(List.of(Button.UP), after);
        assertTrue(p.pressed(Button.UP), "the press counts whatever a listener did");
    }

    @Test
    void aRemovedListenerHearsNoMore() {
        List<Button> other = new ArrayList<>();
        com.lianarig.hal.PendantListener l = (button, pressed, atNanos) -> other.add(button);
        pendant.addListener(l);
        pendant.press(Button.UP);
        pendant.removeListener(l);
        pendant.release(Button.UP);
        assertEquals(List.of(Button.UP), other);
    }

    @Test
    void aClosedPendantHoldsNothingAndIgnoresPresses() {
        pendant.press(Button.ENABLE);
        pendant.close();
        assertFalse(pendant.pressed(Button.ENABLE), "a closed pendant reads released, as a pulled cable");
        pendant.press(Button.UP);
        assertFalse(pendant.pressed(Button.UP));
        assertEquals(1, heard.size(), heard.toString());
        pendant.close();
    }
}
