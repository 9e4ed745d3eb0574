package com.lianarig.tools;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code rig sim --miswire}: the virtual rig wired wrongly on purpose, for {@code rig commission} to find. */
@Timeout(30)
class SimMiswireTest {

    @Test
    void theBannerSaysHowTheRigIsMiswired() {
        RigRun run = RigRun.of("sim", "--transport", "tcp", "--duration", "0.3", "--miswire",
                "swapped-load-channels=0,1", "--miswire", "inverted-encoder=2");
        assertAll(
                () -> assertEquals(0, run.exitCode(), run.out() + run.err()),
                () -> assertTrue(run.out().contains(", miswired: swapped-load-channels=0,1 inverted-encoder=2"),
                        run.out()));
    }

    @Test
    void anUnknownMistakeIsAUsageErrorListingTheFormsAndNothingStarts() {
        RigRun run = RigRun.of("sim", "--transport", "tcp", "--miswire", "crossed-wires");
        assertAll(
                () -> assertEquals(2, run.exitCode(), run.out() + run.err()),
                () -> assertTrue(run.err().contains("--miswire: miswiring 'crossed-wires': unknown miswiring"
                        + " 'crossed-wires'; expected none, swapped-load-channels=A,B"), run.err()),
                () -> assertTrue(run.out().isEmpty(), run.out()));
    }
}
