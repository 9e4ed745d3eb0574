package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.Exercise;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.mqtt.MqttSchemas.Kind;
import com.lianarig.controller.safety.ResetRole;
import com.lianarig.controller.safety.SafetyRule;
import com.lianarig.controller.safety.StopKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The MQTT payload schemas accept every example of docs/mqtt/examples and docs/mqtt.md, refuse every
 * invalid example for its own reason, and list exactly the values the controller's enums produce.
 */
class MqttSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Each file of docs/mqtt/examples/invalid and what the refusal must name: the JSON path and the
     * keyword of one of its problems.
     */
    private static final Map<String, List<String>> INVALID = Map.ofEntries(
            Map.entry("unknown-field", List.of("$.speed", "additionalProperties")),
            Map.entry("missing-field", List.of("$", "direction", "required")),
            Map.entry("missing-session", List.of("$", "session", "required")),
            Map.entry("missing-command", List.of("$", "command", "required")),
            Map.entry("unknown-command", List.of("$.command", "enum")),
            Map.entry("wrong-type-held", List.of("$.held", "type")),
            Map.entry("wrong-type-height", List.of("$.heightMm", "type")),
            Map.entry("counter-zero", List.of("$.counter", "minimum")),
            Map.entry("counter-too-big", List.of("$.counter", "maximum")),
            Map.entry("counter-fraction", List.of("$.counter", "type")),
            Map.entry("session-negative", List.of("$.session", "minimum")),
            Map.entry("bad-segment", List.of("$.segment", "enum")),
            Map.entry("bad-direction", List.of("$.direction", "enum")),
            Map.entry("bad-group-id", List.of("$.group", "pattern")),
            Map.entry("bad-client-id", List.of("$.clientId", "pattern")),
            Map.entry("bad-preset-id", List.of("$.presetId", "pattern")),
            Map.entry("enable-held-without-clock", List.of("$", "clockMs", "required")),
            Map.entry("enable-negative-clock", List.of("$.clockMs", "minimum")),
            Map.entry("waive-empty-reason", List.of("$.reason", "minLength")),
            Map.entry("waive-blank-reason", List.of("$.reason", "pattern")),
            Map.entry("waive-long-reason", List.of("$.reason", "maxLength")),
            Map.entry("field-of-another-command", List.of("$.group", "additionalProperties")),
            Map.entry("not-an-object", List.of("$", "type")),
            Map.entry("null-field", List.of("$.segment", "enum")),
            Map.entry("reference-missing-position", List.of("$", "positionMm", "required")),
            Map.entry("note-two-lines", List.of("$.text", "pattern")));

    @Test
    void everyCommandOfTheTableHasAValidExample() {
        List<String> missing = new ArrayList<>();
        for (String command : MqttDocs.commandTable().keySet()) {
            Path file = MqttDocs.EXAMPLES.resolve("commands/" + command + ".json");
            if (!file.toFile().isFile()) {
                missing.add(file.toString());
            }
        }
        assertEquals(List.of(), missing, "command examples missing");
    }

    @Test
    void everyExampleCommandIsValidAndNamedForItsCommand() throws Exception {
        List<Path> files = MqttDocs.jsonFiles(MqttDocs.EXAMPLES.resolve("commands"));
        assertTrue(files.size() >= MqttDocs.commandTable().size(), "too few command examples: " + files);
        for (Path file : files) {
            String json = MqttDocs.read(file);
            MqttSchemas.assertValid(Kind.COMMAND, json);
            String command = JSON.readTree(json).get("command").asText();
            String stem = MqttDocs.stem(file);
            assertTrue(stem.equals(command) || stem.startsWith(command + "-"),
                    file + " holds a " + command + " command: name it " + command + ".json or " + command + "-<variant>.json");
        }
    }

    @Test
    void everyInvalidExampleIsRejectedForItsOwnReason() {
        Set<String> files = MqttDocs.jsonFiles(MqttDocs.EXAMPLES.resolve("invalid")).stream()
                .map(MqttDocs::stem).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(INVALID.keySet()), files, "docs/mqtt/examples/invalid and this test's table differ");
        for (String name : files) {
            List<String> problems = MqttSchemas.problems(Kind.COMMAND,
                    MqttDocs.read(MqttDocs.EXAMPLES.resolve("invalid/" + name + ".json")));
            List<String> expected = INVALID.get(name);
            assertTrue(problems.stream().anyMatch(p -> isAt(p, expected)),
                    "invalid/" + name + ".json: expected a problem at " + expected + ", got " + problems);
        }
    }

    @Test
    void notJsonAndTrailingGarbageAndDuplicateKeysAreProblems() {
        assertProblem(MqttSchemas.problems(Kind.COMMAND, "stop"), "not JSON");
        assertProblem(MqttSchemas.problems(Kind.COMMAND, ""), "not JSON");
        assertProblem(MqttSchemas.problems(Kind.COMMAND, "{\"session\":3,\"counter\":1,\"command\":\"stop\"} {}"), "not JSON");
        assertProblem(MqttSchemas.problems(Kind.COMMAND,
                "{\"session\":3,\"counter\":1,\"counter\":2,\"command\":\"stop\"}"), "Duplicate field");
    }

    @Test
    void topicsMapToTheirPayloadKinds() {
        String root = "liana/v1/demo-studio/rig-1";
        assertEquals(Optional.of(Kind.STATUS), MqttSchemas.kindOfTopic(root, root + "/status"));
        assertEquals(Optional.of(Kind.STATE), MqttSchemas.kindOfTopic(root, root + "/state"));
        assertEquals(Optional.of(Kind.TELEMETRY), MqttSchemas.kindOfTopic(root, root + "/telemetry"));
        assertEquals(Optional.of(Kind.EVENT), MqttSchemas.kindOfTopic(root, root + "/events"));
        assertEquals(Optional.of(Kind.DIAGNOSTICS), MqttSchemas.kindOfTopic(root, root + "/diagnostics"));
        assertEquals(Optional.of(Kind.COMMAND), MqttSchemas.kindOfTopic(root, root + "/cmd/trainer-tablet"));
        assertEquals(Optional.of(Kind.REPLY), MqttSchemas.kindOfTopic(root, root + "/reply/trainer-tablet"));
        assertEquals(Optional.of(Kind.PANEL_HISTORY), MqttSchemas.kindOfTopic(root, root + "/panel/history"));
        for (String other : List.of(root + "/cmd/", root + "/cmd/a/b", root + "/reply", root + "/statusx", root,
                "liana/v1/demo-studio/rig-2/state")) {
            assertEquals(Optional.empty(), MqttSchemas.kindOfTopic(root, other), other);
        }
        MqttSchemas.assertValidOnTopic(root, root + "/events", MqttDocs.read(MqttDocs.EXAMPLES.resolve("event.json")));
        assertProblem(MqttSchemas.problems(Kind.COMMAND, new byte[] {'{', (byte) 0xC3, '}'}), "not UTF-8");
    }

    @Test
    void everyOutgoingExampleIsValid() {
        List<Path> files = MqttDocs.jsonFiles(MqttDocs.EXAMPLES);
        Set<Kind> seen = new TreeSet<>();
        for (Path file : files) {
            Kind kind = outgoingKind(MqttDocs.stem(file));
            MqttSchemas.assertValid(kind, MqttDocs.read(file));
            seen.add(kind);
        }
        assertEquals(Set.of(Kind.STATUS, Kind.STATE, Kind.TELEMETRY, Kind.EVENT, Kind.REPLY, Kind.DIAGNOSTICS,
                Kind.PANEL_HISTORY), seen,
                "docs/mqtt/examples needs an example of every outgoing payload");
    }

    @Test
    void theExamplesInDocsMqttMdAreValid() {
        List<MqttDocs.JsonExample> examples = MqttDocs.jsonExamples();
        Set<Kind> seen = new TreeSet<>();
        for (MqttDocs.JsonExample example : examples) {
            Kind kind = sectionKind(example.heading());
            MqttSchemas.assertValid(kind, example.json());
            seen.add(kind);
        }
        assertEquals(Set.of(Kind.values()), seen, "docs/mqtt.md should show an example of every payload");
    }

    @Test
    void outgoingSchemasAreStrict() throws Exception {
        ObjectNode state = (ObjectNode) JSON.readTree(MqttDocs.read(MqttDocs.EXAMPLES.resolve("state.json")));
        assertProblem(MqttSchemas.problems(Kind.STATE, state.deepCopy()
                .put("extra", 1)), "$.extra");
        assertProblem(MqttSchemas.problems(Kind.STATE, state.deepCopy()
                .putNull("mode")), "$.mode");
        assertProblem(MqttSchemas.problems(Kind.STATE, state.deepCopy()
                .without("aim")), "aim");
        assertProblem(MqttSchemas.problems(Kind.TELEMETRY,
                "{\"session\":3,\"seq\":1,\"clockMs\":1,\"sampleAgeMs\":1.0,\"ropes\":[{\"id\":\"left-leg\",\"loadKg\":null,"
                        + "\"limitKg\":150.0,\"shareOfLimit\":0.2,\"band\":\"green\"}],\"winches\":[],\"liveShare\":null,"
                        + "\"invertedS\":0,\"holdElapsedS\":null}"), "$.ropes[0].shareOfLimit");
        assertProblem(MqttSchemas.problems(Kind.REPLY,
                "{\"session\":3,\"counter\":1,\"command\":\"stop\",\"accepted\":true,\"reason\":\"FAULT\",\"detail\":\"\","
                        + "\"clockMs\":1}"), "$.reason");
        assertProblem(MqttSchemas.problems(Kind.REPLY,
                "{\"session\":3,\"counter\":1,\"command\":\"stop\",\"accepted\":false,\"reason\":null,\"detail\":\"\","
                        + "\"clockMs\":1}"), "$.reason");
        assertProblem(MqttSchemas.problems(Kind.STATUS, "{\"status\":\"online\",\"session\":3,\"reason\":\"connection lost\"}"),
                "$.reason");
        assertProblem(MqttSchemas.problems(Kind.STATUS, "{\"status\":\"offline\",\"session\":3}"), "reason");
        assertProblem(MqttSchemas.problems(Kind.EVENT,
                "{\"session\":3,\"seq\":1,\"recordSession\":3,\"wallMs\":0,\"kind\":\"Fault\",\"body\":{}}"), "$.kind");
    }

    @Test
    void enumsListExactlyWhatTheControllerProduces() throws Exception {
        JsonNode common = schema("common");
        assertEquals(names(Mode.values()), texts(common.at("/$defs/mode/enum")), "modes");
        assertEquals(Arrays.stream(SpineSegment.values()).map(SpineSegment::id).toList(),
                texts(common.at("/$defs/segment/enum")), "segments");
        List<String> refusals = new ArrayList<>();
        refusals.add("null");
        refusals.addAll(names(Refusal.values()));
        assertEquals(refusals, texts(schema("reply").at("/properties/reason/enum")), "reply reasons");
        assertEquals(Arrays.stream(Exercise.values()).map(Exercise::id).toList(),
                texts(schema("state").at("/$defs/client/properties/exercise/enum")), "client exercises (Exercise.id())");
        JsonNode fault = schema("state").at("/$defs/fault/properties");
        assertEquals(Arrays.stream(StopKind.values()).map(StopKind::words).toList(), texts(fault.at("/stop/enum")),
                "fault stops (StopKind.words())");
        assertEquals(Arrays.stream(ResetRole.values()).map(r -> r.name().toLowerCase(Locale.ROOT)).toList(),
                texts(fault.at("/resetBy/enum")), "fault resetBy (ResetRole, lower case)");
        Pattern rule = Pattern.compile(fault.at("/rule/pattern").asText());
        for (SafetyRule r : SafetyRule.values()) {
            assertTrue(rule.matcher(r.id()).find(), r.id() + " does not match the fault rule pattern " + rule);
        }
        JsonNode commandSchema = schema("command");
        List<String> names = texts(common.at("/$defs/commandName/enum"));
        assertEquals(new ArrayList<>(MqttDocs.commandTable().keySet()), names, "command names: schema vs docs/mqtt.md");
        List<String> subschemas = new ArrayList<>();
        commandSchema.at("/$defs").fieldNames().forEachRemaining(subschemas::add);
        assertEquals(names, subschemas, "one subschema per command, in table order");
    }

    @Test
    void eachCommandSubschemaHasExactlyTheFieldsOfTheCommandTable() throws Exception {
        JsonNode defs = schema("command").at("/$defs");
        for (Map.Entry<String, List<String>> row : MqttDocs.commandTable().entrySet()) {
            List<String> fields = new ArrayList<>();
            defs.get(row.getKey()).get("properties").fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("session", "counter", "command"), fields.subList(0, 3), row.getKey());
            assertEquals(row.getValue(), fields.subList(3, fields.size()), "fields of " + row.getKey());
            assertFalse(defs.get(row.getKey()).get("additionalProperties").asBoolean(true),
                    row.getKey() + " must refuse unknown fields");
        }
    }

    private static JsonNode schema(String baseName) throws Exception {
        return JSON.readTree(MqttDocs.read(MqttDocs.SCHEMA_DIR.resolve(baseName + ".schema.json")));
    }

    private static List<String> texts(JsonNode array) {
        assertTrue(array.isArray(), "not an array: " + array);
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? "null" : n.asText()));
        return out;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** Whether a problem line is at the expected path (first element) and mentions the rest. */
    private static boolean isAt(String problem, List<String> expected) {
        String path = expected.get(0);
        if (!(problem.startsWith(path + ":") || problem.startsWith(path + " "))) {
            return false;
        }
        return expected.subList(1, expected.size()).stream().allMatch(problem::contains);
    }

    private static void assertProblem(List<String> problems, String fragment) {
        if (problems.stream().noneMatch(p -> p.contains(fragment))) {
            fail("expected a problem naming " + fragment + ", got " + problems);
        }
    }

    private static Kind outgoingKind(String stem) {
        for (Kind kind : List.of(Kind.STATUS, Kind.STATE, Kind.TELEMETRY, Kind.EVENT, Kind.REPLY, Kind.DIAGNOSTICS,
                Kind.PANEL_HISTORY)) {
            String base = kind.fileName().substring(0, kind.fileName().indexOf('.'));
            if (stem.equals(base) || stem.startsWith(base + "-")) {
                return kind;
            }
        }
        throw new AssertionError("docs/mqtt/examples/" + stem + ".json: name outgoing examples <status|state|telemetry|"
                + "event|reply|diagnostics|panel-history>[-<variant>].json");
    }

    private static Kind sectionKind(String heading) {
        if (heading.startsWith("Lifecycle")) {
            return Kind.STATUS;
        }
        if (heading.startsWith("Replies")) {
            return Kind.REPLY;
        }
        if (heading.startsWith("Panel history")) {
            return Kind.PANEL_HISTORY;
        }
        if (heading.startsWith("Hostile input")) {
            return Kind.EVENT; // the noise record, as the event that publishes it
        }
        for (Kind kind : Kind.values()) {
            String base = kind.fileName().substring(0, kind.fileName().indexOf('.'));
            if (heading.toLowerCase(Locale.ROOT).startsWith(base)) {
                return kind;
            }
        }
        throw new AssertionError("docs/mqtt.md: a JSON example under \"" + heading + "\": which payload is it?");
    }
}
