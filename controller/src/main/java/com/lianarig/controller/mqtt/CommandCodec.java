package com.lianarig.controller.mqtt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.Exercise;
import com.lianarig.config.profile.ExercisePreset;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Refusal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads one panel command payload (docs/mqtt.md, schema mqtt/schemas/command.schema.json) into a
 * {@link PanelCommand}, or rejects it with a specific reason (SR-16): not JSON or not an object or
 * over {@value #MAX_PAYLOAD_BYTES} bytes (MALFORMED); an unknown command, an unknown, missing or
 * ill-typed field, a value out of range, a duplicated key (INVALID). Strict on purpose: a field a
 * panel thinks it sent but the rig ignores is a bug that must show. Thread-safe; never throws
 * anything but {@link CommandRejected}.
 */
public final class CommandCodec {
    /** Commands are small; anything bigger is not one. */
    public static final int MAX_PAYLOAD_BYTES = 4096;
    /** The largest counter (JSON numbers are exact up to 2^53). */
    public static final long MAX_COUNTER = (1L << 53) - 1;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Set<String> ENVELOPE = Set.of("session", "counter", "command");

    /** The transport's own command: a panel asks where its counter stands (docs/mqtt.md, "Counters"). */
    public static final String HELLO = "hello";

    /** For {@link #sniff}: duplicate keys are read, not refused (the lenient read looks for a stop among them). */
    private static final JsonFactory LENIENT = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).maxStringLength(1024)
                    .maxNumberLength(40).build())
            .build();

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).maxStringLength(1024)
                    .maxNumberLength(40).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Per command name: its own fields and how to build it from a checked payload. */
    private record Shape(Set<String> fields, Function<Fields, Command> build) {
    }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            none("take-control", Command.TakeControl::new),
            none("release-control", Command.ReleaseControl::new),
            none("heartbeat", Command.Heartbeat::new),
            none("stop", Command.Stop::new),
            none("reset", Command.Reset::new),
            Map.entry("enable", new Shape(Set.of("held", "clockMs"), f -> new Command.Enable(f.bool("held")))),
            Map.entry("attach", new Shape(Set.of("clientId", "exercise"),
                    f -> new Command.Attach(f.id("clientId"), f.exercise("exercise")))),
            none("client-ready", Command.ClientReady::new),
            none("detach", Command.Detach::new),
            Map.entry("aim", new Shape(Set.of("segment"), f -> new Command.AimAt(f.segment("segment")))),
            Map.entry("aim-share", new Shape(Set.of("loadSharePercent"),
                    f -> new Command.AimShare(f.percent("loadSharePercent")))),
            Map.entry("move-to", new Shape(Set.of("group", "heightMm"),
                    f -> new Command.MoveTo(f.id("group"), f.finite("heightMm")))),
            Map.entry("jog", new Shape(Set.of("group", "direction"),
                    f -> new Command.Jog(f.id("group"), f.direction("direction")))),
            Map.entry("rescue", new Shape(Set.of("held"), f -> new Command.RescueDescent(f.bool("held")))),
            none("save-offset", Command.SaveOffset::new),
            Map.entry("program-start", new Shape(Set.of("segment", "presetId"),
                    f -> new Command.ProgramStart(f.segment("segment"), f.optionalId("presetId")))),
            none("program-pause", Command.ProgramPause::new),
            none("program-resume", Command.ProgramResume::new),
            none("program-stop", Command.ProgramStop::new),
            none("pre-use-check-start", Command.PreUseCheckStart::new),
            Map.entry("pre-use-check-waive", new Shape(Set.of("reason"),
                    f -> new Command.PreUseCheckWaive(f.text("reason", 200)))),
            Map.entry("reference", new Shape(Set.of("group", "positionMm"),
                    f -> new Command.Reference(f.id("group"), f.finite("positionMm")))),
            none("acknowledge-alarm", Command.AcknowledgeAlarm::new),
            Map.entry("note", new Shape(Set.of("text"), f -> new Command.Note(f.text("text", Command.NOTE_MAX_CHARS)))));

    private static Map.Entry<String, Shape> none(String name, java.util.function.Supplier<Command> make) {
        return Map.entry(name, new Shape(Set.of(), f -> make.get()));
    }

    private CommandCodec() {
    }

    /** The command names this codec knows, sorted ({@value #HELLO} included). */
    public static Set<String> commandNames() {
        TreeSet<String> names = new TreeSet<>(SHAPES.keySet());
        names.add(HELLO);
        return names;
    }

    /**
     * What a payload says at its top level, read leniently (I-3: STOP is always heard): the value of
     * every {@code "command"} field and of every {@code "held"} field, read up to the end of the object or
     * to the first thing that is not JSON, whichever comes first. Nothing else is checked: this is not a
     * decode, it is how a STOP (or a letting go) is recognised in a payload the strict {@link #decode}
     * refuses: no session or counter, an extra or ill-typed field, duplicate keys, a truncated object.
     *
     * @param commands the top-level {@code "command"} string values, in order (usually one)
     * @param heldFalse some top-level {@code "held"} is {@code false}
     * @param problem why reading stopped early (not JSON, not an object), or null
     */
    public record Sniff(List<String> commands, boolean heldFalse, String problem) {
        public Sniff {
            commands = List.copyOf(commands);
        }

        /**
         * The safe-direction command the payload asks for, if any: {@code stop} (any {@code "command":"stop"}
         * at the top level, whatever else is there), or letting go of {@code enable} or {@code rescue}
         * ({@code "held": false}). Never anything that could start or keep motion.
         */
        public Optional<Command> safeDirection() {
            if (commands.contains("stop")) {
                return Optional.of(new Command.Stop());
            }
            if (heldFalse && commands.contains("enable")) {
                return Optional.of(new Command.Enable(false));
            }
            if (heldFalse && commands.contains("rescue")) {
                return Optional.of(new Command.RescueDescent(false));
            }
            return Optional.empty();
        }

        /** The one command name, when exactly one distinct name is given. */
        public Optional<String> command() {
            return commands.stream().distinct().count() == 1 ? Optional.of(commands.get(0)) : Optional.empty();
        }
    }

    /**
     * Whether a payload may say stop, letting go ({@code held}) or {@code hello}: it holds one of those
     * words, or a backslash (a JSON escape could spell them). False means {@link #sniff} would find no
     * safe-direction command and no hello in it: a flood's messages can be counted without being parsed.
     * A byte scan, allocation-free.
     */
    public static boolean maySaySafeDirectionOrHello(byte[] payload) {
        for (int i = 0; i < payload.length; i++) {
            byte b = payload[i];
            if (b == '\\') {
                return true;
            }
            if (b == 's' && matches(payload, i, STOP) || b == 'h' && (matches(payload, i, HELD)
                    || matches(payload, i, HELLO_BYTES))) {
                return true;
            }
        }
        return false;
    }

    private static final byte[] STOP = {'s', 't', 'o', 'p'};
    private static final byte[] HELD = {'h', 'e', 'l', 'd'};
    private static final byte[] HELLO_BYTES = {'h', 'e', 'l', 'l', 'o'};

    private static boolean matches(byte[] payload, int at, byte[] word) {
        if (at + word.length > payload.length) {
            return false;
        }
        for (int k = 0; k < word.length; k++) {
            if (payload[at + k] != word[k]) {
                return false;
            }
        }
        return true;
    }

    /** Reads a payload's top-level {@code command} and {@code held} fields leniently (see {@link Sniff}). */
    public static Sniff sniff(byte[] payload) {
        List<String> commands = new ArrayList<>(1);
        boolean heldFalse = false;
        String problem = null;
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return new Sniff(commands, false, "over " + MAX_PAYLOAD_BYTES + " bytes");
        }
        try (JsonParser p = LENIENT.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Sniff(commands, false, "not a JSON object");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if ("command".equals(field) && value == JsonToken.VALUE_STRING && commands.size() < 8) {
                    commands.add(p.getText());
                } else if ("held".equals(field) && value == JsonToken.VALUE_FALSE) {
                    heldFalse = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            problem = "not valid JSON: " + firstLine(e.getMessage());
        }
        return new Sniff(commands, heldFalse, problem);
    }

    /**
     * Reads a {@value #HELLO} payload: {@code {"command":"hello"}} with, optionally, {@code session} and
     * {@code counter} (echoed in the reply, judged by nothing: a hello moves no counter).
     *
     * @return the payload's counter when it has a valid one, else null
     * @throws CommandRejected INVALID for an unknown field, MALFORMED when it is not a JSON object
     */
    public static Long decodeHello(byte[] payload) throws CommandRejected {
        JsonNode root;
        try (JsonParser p = JSON.createParser(payload)) {
            root = JSON.readTree(p);
        } catch (IOException | RuntimeException e) {
            throw new CommandRejected(Refusal.MALFORMED, "not valid JSON: " + firstLine(e.getMessage()), null, HELLO);
        }
        if (root == null || !root.isObject()) {
            throw new CommandRejected(Refusal.MALFORMED, "a command is a JSON object", null, HELLO);
        }
        Fields f = new Fields(root);
        Long counter = f.counterOrNull();
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!ENVELOPE.contains(field)) {
                throw new CommandRejected(Refusal.INVALID, "unknown field \"" + clip(field) + "\" for hello (it takes "
                        + "none but session and counter, both optional)", counter, HELLO);
            }
        }
        return counter;
    }

    /**
     * Reads a payload.
     *
     * @throws CommandRejected with the reason and, when readable, the counter and command name
     */
    public static PanelCommand decode(byte[] payload) throws CommandRejected {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new CommandRejected(Refusal.MALFORMED,
                    "a command is at most " + MAX_PAYLOAD_BYTES + " bytes; this payload has " + payload.length, null, null);
        }
        JsonNode root;
        try (JsonParser p = JSON.createParser(payload)) {
            root = JSON.readTree(p);
        } catch (IOException | RuntimeException e) {
            throw new CommandRejected(Refusal.MALFORMED, "not valid JSON: " + firstLine(e.getMessage()), null, null);
        }
        if (root == null || !root.isObject()) {
            throw new CommandRejected(Refusal.MALFORMED, "a command is a JSON object", null, null);
        }
        Fields f = new Fields(root);
        Long counter = f.counterOrNull();
        JsonNode nameNode = root.get("command");
        String name = nameNode != null && nameNode.isTextual() ? nameNode.textValue() : null;
        Shape shape = name == null ? null : SHAPES.get(name);
        f.reportCounter = counter;
        f.reportName = shape == null ? null : name;
        if (name == null) {
            throw f.invalid("field \"command\" is missing or not a string");
        }
        if (shape == null && HELLO.equals(name)) {
            throw f.invalid("hello is the transport's own (decodeHello), not a command of the command model");
        }
        if (shape == null) {
            throw f.invalid("unknown command \"" + clip(name) + "\" (known: " + String.join(", ", commandNames()) + ")");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!ENVELOPE.contains(field) && !shape.fields().contains(field)) {
                throw f.invalid("unknown field \"" + clip(field) + "\" for " + name
                        + (shape.fields().isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ",
                                new TreeSet<>(shape.fields())) + ")"));
            }
        }
        long session = f.integer("session", 0, MAX_COUNTER); // 0: the panel does not know it yet (stale)
        if (counter == null) {
            f.integer("counter", 1, MAX_COUNTER); // throws the specific problem
        }
        Command command;
        try {
            command = shape.build().apply(f);
        } catch (Fields.Bad bad) {
            throw bad.rejected;
        } catch (IllegalArgumentException e) {
            throw f.invalid(e.getMessage());
        }
        long clockMs = PanelCommand.NO_CLOCK;
        if (command instanceof Command.Enable e) {
            if (e.held()) {
                if (!root.has("clockMs")) {
                    throw f.invalid("an enable with held true needs \"clockMs\": the clockMs of the newest state "
                            + "or telemetry received");
                }
                clockMs = f.integer("clockMs", 0, MAX_COUNTER);
            } else if (root.has("clockMs")) {
                f.integer("clockMs", 0, MAX_COUNTER);
            }
        }
        return new PanelCommand(session, counter, command, clockMs);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return clip(nl < 0 ? s : s.substring(0, nl));
    }

    static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }

    /** Typed reads of a payload's fields, each failing with the field named. */
    private static final class Fields {
        /** Carries a rejection out of the builders (functions cannot throw checked exceptions). */
        static final class Bad extends RuntimeException {
            private static final long serialVersionUID = 1L;
            final transient CommandRejected rejected;

            Bad(CommandRejected rejected) {
                super(null, null, false, false);
                this.rejected = rejected;
            }
        }

        private final JsonNode root;
        Long reportCounter;
        String reportName;

        Fields(JsonNode root) {
            this.root = root;
        }

        CommandRejected invalid(String detail) {
            return new CommandRejected(Refusal.INVALID, detail, reportCounter, reportName);
        }

        private Bad bad(String detail) {
            return new Bad(invalid(detail));
        }

        private JsonNode required(String name) {
            JsonNode n = root.get(name);
            if (n == null || n.isNull()) {
                throw bad("field \"" + name + "\" is missing");
            }
            return n;
        }

        Long counterOrNull() {
            JsonNode n = root.get("counter");
            if (n != null && whole(n) && n.longValue() >= 1 && n.longValue() <= MAX_COUNTER) {
                return n.longValue();
            }
            return null;
        }

        long integer(String name, long min, long max) throws CommandRejected {
            try {
                JsonNode n = required(name);
                if (!whole(n) || n.longValue() < min || n.longValue() > max) {
                    throw bad("field \"" + name + "\" must be an integer " + min + ".." + max + ", not " + clip(n.toString()));
                }
                return n.longValue();
            } catch (Bad b) {
                throw b.rejected;
            }
        }

        /** A whole number that fits a long: 17 and 17.0 alike (as JSON Schema's "integer"), not 17.5. */
        private static boolean whole(JsonNode n) {
            return n.isNumber() && n.canConvertToExactIntegral() && n.canConvertToLong();
        }

        boolean bool(String name) {
            JsonNode n = required(name);
            if (!n.isBoolean()) {
                throw bad("field \"" + name + "\" must be true or false, not " + clip(n.toString()));
            }
            return n.booleanValue();
        }

        double finite(String name) {
            JsonNode n = required(name);
            if (!n.isNumber()) {
                throw bad("field \"" + name + "\" must be a number, not " + clip(n.toString()));
            }
            double v = n.doubleValue();
            if (!Double.isFinite(v) || Math.abs(v) > 1e6) {
                throw bad("field \"" + name + "\" must be a finite number of mm within +-1,000,000");
            }
            return v;
        }

        String text(String name, int maxChars) {
            JsonNode n = required(name);
            if (!n.isTextual() || n.textValue().isBlank() || n.textValue().length() > maxChars) {
                throw bad("field \"" + name + "\" must be text of 1.." + maxChars + " characters");
            }
            return n.textValue();
        }

        String id(String name) {
            String s = text(name, 64);
            if (!ID.matcher(s).matches()) {
                throw bad("field \"" + name + "\" must be an id of 1..64 of A-Z a-z 0-9 _ - (starting with a letter "
                        + "or digit), not \"" + clip(s) + "\"");
            }
            return s;
        }

        String optionalId(String name) {
            JsonNode n = root.get(name);
            if (n == null || n.isTextual() && n.textValue().isEmpty()) {
                return "";
            }
            return id(name);
        }

        /** An exercise by its id ({@code inverted-hang}, {@code upright-hang}); absent: the inverted hang. */
        Exercise exercise(String name) {
            if (root.get(name) == null) {
                return Exercise.INVERTED_HANG;
            }
            String s = text(name, 16);
            for (Exercise e : Exercise.values()) {
                if (e.id().equals(s)) {
                    return e;
                }
            }
            throw bad("field \"" + name + "\" must be inverted-hang or upright-hang, not \"" + clip(s) + "\"");
        }

        /** A share of body weight, percent: {@value ExercisePreset#MIN_LOAD_SHARE_PERCENT}..100. */
        double percent(String name) {
            JsonNode n = required(name);
            double v = n.isNumber() ? n.doubleValue() : Double.NaN;
            if (!(v >= ExercisePreset.MIN_LOAD_SHARE_PERCENT && v <= ExercisePreset.MAX_LOAD_SHARE_PERCENT)) {
                throw bad("field \"" + name + "\" must be a number " + (int) ExercisePreset.MIN_LOAD_SHARE_PERCENT
                        + "..100 (% of body weight), not " + clip(n.toString()));
            }
            return v;
        }

        SpineSegment segment(String name) {
            String s = text(name, 16);
            return SpineSegment.find(s).orElseThrow(
                    () -> bad("field \"" + name + "\" must be one of " + SpineSegment.ids() + ", not \"" + clip(s) + "\""));
        }

        Command.Jog.Direction direction(String name) {
            String s = text(name, 8);
            return switch (s) {
                case "up", "down", "none" -> Command.Jog.Direction.valueOf(s.toUpperCase(Locale.ROOT));
                default -> throw bad("field \"" + name + "\" must be up, down or none, not \"" + clip(s) + "\"");
            };
        }
    }
}
