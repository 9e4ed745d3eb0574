package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.command.Command;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lenient read that finds a stop, or a letting go, in a payload the strict decode refuses (I-3),
 * and never anything that could start or keep motion.
 */
class CommandSniffTest {
    private static Optional<Command> safe(String payload) {
        return CommandCodec.sniff(payload.getBytes(StandardCharsets.UTF_8)).safeDirection();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"command\":\"stop\"}", "{\"session\":3,\"counter\":1.5,\"command\":\"stop\"}",
            "{\"command\":\"stop\",\"x\":{\"y\":[1,2]}}", "{\"command\":\"jog\",\"command\":\"stop\"}",
            "{\"command\":\"stop\",\"session\":", "{\"command\":\"stop\"} trailing", "{\"counter\":\"7\",\"command\":\"stop\"}",
            "{\"command\":\"st\\u006fp\"}", " {\"command\" : \"stop\" }"})
    void anyTopLevelStopIsAStop(String payload) {
        assertEquals(Optional.of(new Command.Stop()), safe(payload), payload);
        assertTrue(CommandCodec.maySaySafeDirectionOrHello(payload.getBytes(StandardCharsets.UTF_8)), payload);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"command\":\"enable\",\"held\":false}", "{\"held\":false,\"command\":\"enable\",\"x\":1}",
            "{\"command\":\"enable\",\"held\":true,\"held\":false}"})
    void anEnableLetGoIsALettingGo(String payload) {
        assertEquals(Optional.of(new Command.Enable(false)), safe(payload), payload);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"command\":\"rescue\",\"held\":false}", "{\"command\":\"rescue\",\"held\":false,\"counter\":-4}"})
    void aRescueLetGoIsALettingGo(String payload) {
        assertEquals(Optional.of(new Command.RescueDescent(false)), safe(payload), payload);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"command\":\"enable\",\"held\":true}", "{\"command\":\"enable\",\"held\":\"false\"}",
            "{\"command\":\"enable\"}", "{\"command\":\"jog\",\"held\":false}", "{\"x\":{\"command\":\"stop\"}}",
            "[{\"command\":\"stop\"}]", "\"stop\"", "stop", "", "{\"command\":\"STOP\"}", "{\"command\":[\"stop\"]}",
            "{\"command\":\"rescue\",\"held\":true}", "{\"commands\":\"stop\"}", "{\"session\":1,\"cut\":", "{\"command\":\"stopp\"}"})
    void nothingElseIsSafeDirection(String payload) {
        assertEquals(Optional.empty(), safe(payload), payload);
    }

    /** Seeded: arbitrary bytes never throw and never yield anything but a stop or a letting go. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomPayloadsNeverThrowAndNeverAskForMotion(long seed) {
        Random r = new Random(seed);
        String[] parts = {"{", "}", "\"command\"", ":", "\"stop\"", "\"enable\"", "\"held\"", "false", "true", ",",
                "[", "]", "\"jog\"", "1.5", "\\u0073", "\"", " "};
        for (int i = 0; i < 2_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(12);
            for (int k = 0; k < n; k++) {
                b.append(parts[r.nextInt(parts.length)]);
            }
            byte[] payload = b.toString().getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(10) == 0) {
                payload = new byte[r.nextInt(40)];
                r.nextBytes(payload);
            }
            Optional<Command> c = CommandCodec.sniff(payload).safeDirection();
            assertTrue(c.isEmpty() || c.get() instanceof Command.Stop || c.get().equals(new Command.Enable(false))
                    || c.get().equals(new Command.RescueDescent(false)), b.toString());
            if (c.isPresent()) {
                assertTrue(CommandCodec.maySaySafeDirectionOrHello(payload), "the byte scan lets it through: " + b);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"session\":3,\"counter\":5,\"command\":\"take-control\"}", "{not json 17",
            "{\"session\":3,\"counter\":5,\"command\":\"reset\"}"})
    void aFloodsOrdinaryPayloadsNeedNoParsing(String payload) {
        assertFalse(CommandCodec.maySaySafeDirectionOrHello(payload.getBytes(StandardCharsets.UTF_8)), payload);
    }
}
