package com.lianarig.controller.mqtt;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * R-1 for the MQTT command parser: whatever bytes arrive on a command topic, the codec returns a
 * command or a {@link CommandRejected} with a reason and words; nothing else escapes. Runs its seeds
 * as a regression test in the build; {@code JAZZER_FUZZ=1} fuzzes for real (docs/fuzzing.md).
 */
class CommandCodecFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void payloadsAreReadOrRejectedWithAReason(byte[] payload) {
        try {
            PanelCommand c = CommandCodec.decode(payload);
            if (c == null || c.counter() < 1 || c.session() < 1) {
                throw new AssertionError("accepted an invalid envelope: " + c);
            }
        } catch (CommandRejected expected) {
            if (expected.reason() == null || expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("a rejection without reason or words", expected);
            }
        }
    }
}
