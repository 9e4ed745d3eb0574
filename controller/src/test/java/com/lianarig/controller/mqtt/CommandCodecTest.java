package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SR-16 at the MQTT boundary: every command of docs/mqtt.md reads back exactly; every bad payload is rejected with its reason. */
class CommandCodecTest {

    private static PanelCommand decode(String json) throws CommandRejected {
        return CommandCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static CommandRejected rejected(String json) {
        return assertThrows(CommandRejected.class, () -> decode(json));
    }

    /** One valid payload per command, with what it must become. */
    static Stream<Arguments> everyCommand() {
        return Stream.of(
                Arguments.of("{\"command\":\"take-control\"}", new Command.TakeControl()),
                Arguments.of("{\"command\":\"release-control\"}", new Command.ReleaseControl()),
                Arguments.of("{\"command\":\"heartbeat\"}", new Command.Heartbeat()),
                Arguments.of("{\"command\":\"stop\"}", new Command.Stop()),
                Arguments.of("{\"command\":\"reset\"}", new Command.Reset()),
                Arguments.of("{\"command\":\"enable\",\"held\":true,\"clockMs\":1200}", new Command.Enable(true)),
                Arguments.of("{\"command\":\"enable\",\"held\":false}", new Command.Enable(false)),
                Arguments.of("{\"command\":\"attach\",\"clientId\":\"c-0042\"}", new Command.Attach("c-0042")),
                Arguments.of("{\"command\":\"attach\",\"clientId\":\"c-0042\",\"exercise\":\"upright-hang\"}",
                        new Command.Attach("c-0042", com.lianarig.config.profile.Exercise.UPRIGHT_HANG)),
                Arguments.of("{\"command\":\"attach\",\"clientId\":\"c-0042\",\"exercise\":\"inverted-hang\"}",
                        new Command.Attach("c-0042")),
                Arguments.of("{\"command\":\"aim-share\",\"loadSharePercent\":30}", new Command.AimShare(30)),
                Arguments.of("{\"command\":\"client-ready\"}", new Command.ClientReady()),
                Arguments.of("{\"command\":\"detach\"}", new Command.Detach()),
                Arguments.of("{\"command\":\"aim\",\"segment\":\"L4-L5\"}", new Command.AimAt(SpineSegment.L4_L5)),
                Arguments.of("{\"command\":\"move-to\",\"group\":\"legs\",\"heightMm\":1750.5}",
                        new Command.MoveTo("legs", 1750.5)),
                Arguments.of("{\"command\":\"jog\",\"group\":\"legs\",\"direction\":\"down\"}",
                        new Command.Jog("legs", Command.Jog.Direction.DOWN)),
                Arguments.of("{\"command\":\"rescue\",\"held\":true}", new Command.RescueDescent(true)),
                Arguments.of("{\"command\":\"save-offset\"}", new Command.SaveOffset()),
                Arguments.of("{\"command\":\"program-start\",\"segment\":\"T8\"}", new Command.ProgramStart(SpineSegment.T8, "")),
                Arguments.of("{\"command\":\"program-start\",\"segment\":\"T8\",\"presetId\":\"gentle\"}",
                        new Command.ProgramStart(SpineSegment.T8, "gentle")),
                Arguments.of("{\"command\":\"program-pause\"}", new Command.ProgramPause()),
                Arguments.of("{\"command\":\"program-resume\"}", new Command.ProgramResume()),
                Arguments.of("{\"command\":\"program-stop\"}", new Command.ProgramStop()),
                Arguments.of("{\"command\":\"pre-use-check-start\"}", new Command.PreUseCheckStart()),
                Arguments.of("{\"command\":\"pre-use-check-waive\",\"reason\":\"checked by hand\"}",
                        new Command.PreUseCheckWaive("checked by hand")),
                Arguments.of("{\"command\":\"reference\",\"group\":\"legs\",\"positionMm\":12}",
                        new Command.Reference("legs", 12)),
                Arguments.of("{\"command\":\"acknowledge-alarm\"}", new Command.AcknowledgeAlarm()),
                Arguments.of("{\"command\":\"note\",\"text\":\"pain at L5, stopped\"}",
                        new Command.Note("pain at L5, stopped")));
    }

    @Test
    void aNoteIsOneLineOfTwoHundredCharactersAtMostAndItsRefusalNeverRepeatsTheText() {
        for (String text : List.of("\"\"", "\"  \"", "\"pain at L5\\nstopped\"", "\"" + "x".repeat(201) + "\"", "17")) {
            CommandRejected r = rejected("{\"session\":3,\"counter\":4,\"command\":\"note\",\"text\":" + text + "}");
            assertEquals(Refusal.INVALID, r.reason(), text);
            assertTrue(r.getMessage().contains("text") || r.getMessage().contains("note"), r.getMessage());
            assertTrue(!r.getMessage().contains("pain"), "the refusal (journalled, published) repeats no note: " + r.getMessage());
        }
        assertEquals("Note[19 characters]", new Command.Note("pain at L5, stopped").toString(),
                "a note's text never reaches a log line through toString");
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandOfTheContractReadsBack(String body, Command expected) throws Exception {
        String json = "{\"session\":3,\"counter\":17," + body.substring(1);
        PanelCommand c = decode(json);
        assertEquals(expected, c.command());
        assertEquals(3, c.session());
        assertEquals(17, c.counter());
    }

    @Test
    void theTableCoversEveryCommandTheCodecKnowsAndEveryRecordOfTheModel() {
        List<String> tested = everyCommand().map(a -> ((Command) a.get()[1]).name()).distinct().sorted().toList();
        List<String> known = new ArrayList<>(CommandCodec.commandNames());
        known.remove(CommandCodec.HELLO); // the transport's own (decodeHello), not a command of the model
        assertEquals(known, tested);
        assertEquals(Command.class.getPermittedSubclasses().length, tested.size());
    }

    @Test
    void anEnableHeldCarriesTheControllerClockItWasBasedOn() throws Exception {
        assertEquals(1200, decode("{\"session\":1,\"counter\":1,\"command\":\"enable\",\"held\":true,\"clockMs\":1200}")
                .clockMs());
        assertEquals(PanelCommand.NO_CLOCK, decode("{\"session\":1,\"counter\":1,\"command\":\"enable\",\"held\":false}")
                .clockMs());
        CommandRejected r = rejected("{\"session\":1,\"counter\":5,\"command\":\"enable\",\"held\":true}");
        assertEquals(Refusal.INVALID, r.reason());
        assertTrue(r.getMessage().contains("clockMs"), r.getMessage());
        assertEquals(5L, r.counter());
        assertEquals("enable", r.command());
    }

    static Stream<Arguments> badPayloads() {
        return Stream.of(
                Arguments.of("not json", Refusal.MALFORMED, "not valid JSON"),
                Arguments.of("[1,2]", Refusal.MALFORMED, "JSON object"),
                Arguments.of("\"stop\"", Refusal.MALFORMED, "JSON object"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"stop\"} {}", Refusal.MALFORMED, "not valid JSON"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"stop\",\"command\":\"reset\"}", Refusal.MALFORMED,
                        "Duplicate field"),
                Arguments.of("{\"session\":1,\"counter\":1}", Refusal.INVALID, "\"command\" is missing"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"fly\"}", Refusal.INVALID, "unknown command \"fly\""),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"stop\",\"force\":true}", Refusal.INVALID,
                        "unknown field \"force\" for stop"),
                Arguments.of("{\"counter\":1,\"command\":\"stop\"}", Refusal.INVALID, "\"session\" is missing"),
                Arguments.of("{\"session\":-1,\"counter\":1,\"command\":\"stop\"}", Refusal.INVALID, "\"session\" must be"),
                Arguments.of("{\"session\":1,\"command\":\"stop\"}", Refusal.INVALID, "\"counter\" is missing"),
                Arguments.of("{\"session\":1,\"counter\":0,\"command\":\"stop\"}", Refusal.INVALID, "\"counter\" must be"),
                Arguments.of("{\"session\":1,\"counter\":1.5,\"command\":\"stop\"}", Refusal.INVALID, "\"counter\" must be"),
                Arguments.of("{\"session\":1,\"counter\":9007199254740992,\"command\":\"stop\"}", Refusal.INVALID,
                        "\"counter\" must be"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"aim\",\"segment\":\"L9\"}", Refusal.INVALID,
                        "must be one of"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"move-to\",\"group\":\"legs\"}", Refusal.INVALID,
                        "\"heightMm\" is missing"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"move-to\",\"group\":\"legs\",\"heightMm\":\"high\"}",
                        Refusal.INVALID, "must be a number"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"move-to\",\"group\":\"legs\",\"heightMm\":1e308}",
                        Refusal.INVALID, "finite number"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"jog\",\"group\":\"legs\",\"direction\":\"sideways\"}",
                        Refusal.INVALID, "up, down or none"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"jog\",\"group\":\"../x\",\"direction\":\"up\"}",
                        Refusal.INVALID, "must be an id"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"enable\",\"held\":\"yes\",\"clockMs\":1}",
                        Refusal.INVALID, "true or false"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"pre-use-check-waive\",\"reason\":\" \"}",
                        Refusal.INVALID, "1..200 characters"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"attach\",\"clientId\":{\"id\":\"x\"}}",
                        Refusal.INVALID, "must be text"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"attach\",\"clientId\":\"c1\",\"exercise\":\"sideways\"}",
                        Refusal.INVALID, "inverted-hang or upright-hang"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"aim-share\",\"loadSharePercent\":150}",
                        Refusal.INVALID, "5..100 (% of body weight)"),
                Arguments.of("{\"session\":1,\"counter\":1,\"command\":\"aim-share\",\"loadSharePercent\":\"half\"}",
                        Refusal.INVALID, "5..100 (% of body weight)"));
    }

    @ParameterizedTest
    @MethodSource("badPayloads")
    void badPayloadsAreRejectedWithTheirReason(String json, Refusal reason, String detail) {
        CommandRejected r = rejected(json);
        assertEquals(reason, r.reason(), r.getMessage());
        assertTrue(r.getMessage().contains(detail), () -> "\"" + r.getMessage() + "\" should say " + detail);
    }

    @Test
    void aRejectionKeepsTheCounterAndCommandWhenTheyWereReadable() {
        CommandRejected r = rejected("{\"session\":1,\"counter\":41,\"command\":\"aim\",\"segment\":\"L9\"}");
        assertEquals(41L, r.counter());
        assertEquals("aim", r.command());
        CommandRejected m = rejected("{\"session\":1,\"counter\":\"x\",\"command\":\"nope\"}");
        assertNull(m.counter());
        assertNull(m.command());
    }

    @Test
    void wholeNumbersWrittenWithAFractionAreIntegersAsInTheSchema() throws Exception {
        PanelCommand c = decode("{\"session\":3.0,\"counter\":17.0,\"command\":\"enable\",\"held\":true,\"clockMs\":5e2}");
        assertEquals(3, c.session());
        assertEquals(17, c.counter());
        assertEquals(500, c.clockMs());
    }

    @Test
    void payloadsOverFourKibibytesAreNotRead() {
        String pad = "x".repeat(CommandCodec.MAX_PAYLOAD_BYTES);
        CommandRejected r = rejected("{\"session\":1,\"counter\":1,\"command\":\"pre-use-check-waive\",\"reason\":\"" + pad + "\"}");
        assertEquals(Refusal.MALFORMED, r.reason());
    }

    @Test
    void deepNestingIsRejectedNotRecursedInto() {
        String deep = "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000);
        assertEquals(Refusal.MALFORMED, rejected(deep).reason());
    }

    /** Property: random valid commands, written as a panel would, read back to the same command, session and counter. */
    static IntStream seeds() {
        return IntStream.range(0, 500);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomValidCommandsRoundTrip(int seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed * 7919L + 1);
        long session = 1 + r.nextInt(Integer.MAX_VALUE - 1);
        long counter = 1 + r.nextLong(CommandCodec.MAX_COUNTER);
        double mm = Math.round((r.nextDouble() * 4000 - 1000) * 1000) / 1000.0;
        SpineSegment seg = SpineSegment.values()[r.nextInt(SpineSegment.values().length)];
        String id = randomId(r);
        Command.Jog.Direction dir = Command.Jog.Direction.values()[r.nextInt(3)];
        boolean held = r.nextBoolean();
        long clock = r.nextLong(CommandCodec.MAX_COUNTER);
        Object[][] cases = {
            {"\"command\":\"move-to\",\"group\":\"" + id + "\",\"heightMm\":" + mm, new Command.MoveTo(id, mm)},
            {"\"command\":\"jog\",\"direction\":\"" + dir.name().toLowerCase(Locale.ROOT) + "\",\"group\":\"" + id + "\"",
                new Command.Jog(id, dir)},
            {"\"command\":\"aim\",\"segment\":\"" + seg.id() + "\"", new Command.AimAt(seg)},
            {"\"command\":\"enable\",\"held\":" + held + (held ? ",\"clockMs\":" + clock : ""), new Command.Enable(held)},
            {"\"command\":\"attach\",\"clientId\":\"" + id + "\"", new Command.Attach(id)},
            {"\"command\":\"reference\",\"group\":\"" + id + "\",\"positionMm\":" + mm, new Command.Reference(id, mm)},
        };
        Object[] pick = cases[r.nextInt(cases.length)];
        // fields in a random order, with random whitespace: JSON object order and spacing do not matter
        List<String> parts = new ArrayList<>(List.of("\"session\":" + session, "\"counter\":" + counter, (String) pick[0]));
        java.util.Collections.shuffle(parts, new java.util.Random(seed));
        String json = "{" + String.join(r.nextBoolean() ? "," : " ,\n ", parts) + "}";
        PanelCommand c = decode(json);
        assertEquals(pick[1], c.command(), json);
        assertEquals(session, c.session());
        assertEquals(counter, c.counter());
        if (c.command() instanceof Command.Enable e && e.held()) {
            assertEquals(clock, c.clockMs());
        }
    }

    private static String randomId(SplittableRandom r) {
        String first = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        String rest = first + "_-";
        StringBuilder b = new StringBuilder().append(first.charAt(r.nextInt(first.length())));
        for (int i = r.nextInt(20); i > 0; i--) {
            b.append(rest.charAt(r.nextInt(rest.length())));
        }
        return b.toString();
    }

    /** Property: random bytes and mutations of valid payloads are read or rejected, never anything else thrown. */
    @ParameterizedTest
    @MethodSource("seeds")
    void mutatedPayloadsAreReadOrRejectedNeverThrown(int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] base = "{\"session\":3,\"counter\":9,\"command\":\"move-to\",\"group\":\"legs\",\"heightMm\":1200.5}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] b = base.clone();
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        }
        try {
            CommandCodec.decode(b);
        } catch (CommandRejected expected) {
            assertTrue(!expected.getMessage().isBlank());
        }
    }
}
