package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.mqtt.MqttSchemas.Kind;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/mqtt/asyncapi.yaml says what docs/mqtt.md says: the same topics with the same QoS and retain,
 * payloads by reference to the schema files that exist, examples those schemas accept, and the command
 * model's commands and fields.
 */
class AsyncApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An example root to map channels to payload kinds. */
    private static final String ROOT = "liana/v1/demo-studio/rig-1";
    /** Fields a command carries for the transport, not for the command model (docs/mqtt.md, Commands). */
    private static final Map<String, Set<String>> TRANSPORT_FIELDS = Map.of("enable", Set.of("clockMs"));

    private static JsonNode doc() throws Exception {
        return new YAMLMapper().readTree(MqttDocs.ASYNCAPI.toFile());
    }

    @Test
    void isAnAsyncApi26DocumentForMqtt311() throws Exception {
        JsonNode doc = doc();
        assertEquals("2.6.0", doc.path("asyncapi").asText());
        assertTrue(doc.path("servers").size() >= 1, "servers");
        for (Map.Entry<String, JsonNode> s : iterable(doc.path("servers"))) {
            String protocol = s.getValue().path("protocol").asText();
            assertTrue(protocol.equals("mqtt") || protocol.equals("secure-mqtt"), s.getKey() + " protocol " + protocol);
            assertEquals("3.1.1", s.getValue().path("protocolVersion").asText(), s.getKey());
            JsonNode mqtt = s.getValue().path("bindings").path("mqtt");
            assertTrue(mqtt.path("cleanSession").asBoolean(false), s.getKey() + ": the rig connects with a clean session");
            JsonNode will = mqtt.path("lastWill");
            assertEquals(ROOT + "/status", will.path("topic").asText(), s.getKey() + " last will topic");
            MqttDocs.TopicRow status = row("R/status");
            assertEquals(status.qos(), will.path("qos").asInt(-1), s.getKey() + " last will qos");
            assertEquals(status.retained(), will.path("retain").asBoolean(), s.getKey() + " last will retain");
            MqttSchemas.assertValid(Kind.STATUS, will.path("message").asText());
            assertEquals("offline", jsonOf(will.path("message").asText()).path("status").asText());
        }
    }

    @Test
    void everyRefResolves() throws Exception {
        List<String> broken = new ArrayList<>();
        checkRefs(doc(), MqttDocs.ASYNCAPI, doc(), broken);
        for (Path schema : MqttDocs.jsonFiles(MqttDocs.SCHEMA_DIR)) {
            JsonNode node = jsonOf(MqttDocs.read(schema));
            checkRefs(node, schema, node, broken);
        }
        assertEquals(List.of(), broken, "unresolvable $ref");
    }

    @Test
    void channelsAreTheTopicTableWithItsQosRetainAndDirection() throws Exception {
        JsonNode channels = doc().path("channels");
        Set<String> expected = new TreeSet<>();
        for (MqttDocs.TopicRow row : MqttDocs.topicTable()) {
            String name = row.channel();
            expected.add(name);
            JsonNode channel = channels.path(name);
            assertFalse(channel.isMissingNode(), "asyncapi.yaml lacks channel " + name + " (docs/mqtt.md: " + row.topic() + ")");
            // AsyncAPI 2.x names operations from the other side: "subscribe" = the rig publishes.
            String op = row.rigPublishes() ? "subscribe" : "publish";
            String other = row.rigPublishes() ? "publish" : "subscribe";
            assertTrue(channel.has(op), name + ": " + row.direction() + " needs a " + op + " operation");
            assertFalse(channel.has(other), name + ": " + row.direction() + " must not have a " + other + " operation");
            JsonNode mqtt = channel.path(op).path("bindings").path("mqtt");
            assertEquals(row.qos(), mqtt.path("qos").asInt(-1), name + " qos");
            assertEquals(row.retained(), mqtt.path("retain").asBoolean(!row.retained()), name + " retain");
            assertEquals(parameters(name), names(channel.path("parameters")), name + " parameters");

            String topic = name.replace("{topicRoot}", ROOT).replace("{panelId}", "trainer-tablet");
            Kind kind = MqttSchemas.kindOfTopic(ROOT, topic).orElseThrow(() -> new AssertionError("no kind for " + topic));
            JsonNode message = message(channel.path(op).path("message"));
            String payloadRef = message.path("payload").path("$ref").asText();
            assertTrue(payloadRef.endsWith("/" + kind.fileName()), name + " payload is " + payloadRef + ", expected "
                    + kind.fileName());
        }
        assertEquals(expected, names(channels), "channels vs docs/mqtt.md's topic table");
    }

    @Test
    void everyMessageExampleIsValidAgainstItsPayloadSchema() throws Exception {
        JsonNode messages = doc().path("components").path("messages");
        int checked = 0;
        for (Map.Entry<String, JsonNode> m : iterable(messages)) {
            Kind kind = kindOfRef(m.getValue().path("payload").path("$ref").asText());
            assertTrue(m.getValue().path("examples").size() > 0, m.getKey() + " has no examples");
            for (JsonNode example : m.getValue().path("examples")) {
                MqttSchemas.assertValid(kind, JSON.writeValueAsString(example.path("payload")));
                checked++;
            }
        }
        assertTrue(checked >= Kind.values().length, "examples checked: " + checked);
    }

    @Test
    void commandNamesAreTheCommandModelsAndTheDocs() throws Exception {
        List<String> schemaNames = new ArrayList<>();
        jsonOf(MqttDocs.read(MqttDocs.SCHEMA_DIR.resolve("common.schema.json"))).at("/$defs/commandName/enum")
                .forEach(n -> schemaNames.add(n.asText()));
        Set<String> model = new TreeSet<>(sampleCommands().keySet());
        model.add(CommandCodec.HELLO); // the transport's own command: answered by the MQTT interface
        assertEquals(model, new TreeSet<>(MqttDocs.commandTable().keySet()), "Command.name()s vs docs/mqtt.md's command table");
        assertEquals(model, new TreeSet<>(schemaNames), "Command.name()s vs command.schema.json");
    }

    @Test
    void commandFieldsAreTheCommandRecordsComponents() throws Exception {
        JsonNode defs = jsonOf(MqttDocs.read(MqttDocs.SCHEMA_DIR.resolve("command.schema.json"))).path("$defs");
        for (Map.Entry<String, Class<?>> c : sampleCommands().entrySet()) {
            Set<String> fields = new TreeSet<>(names(defs.path(c.getKey()).path("properties")));
            fields.removeAll(Set.of("session", "counter", "command"));
            fields.removeAll(TRANSPORT_FIELDS.getOrDefault(c.getKey(), Set.of()));
            Set<String> components = new TreeSet<>();
            for (RecordComponent rc : c.getValue().getRecordComponents()) {
                components.add(rc.getName());
            }
            assertEquals(components, fields, c.getKey() + ": schema fields vs " + c.getValue().getSimpleName() + "'s components");
        }
    }

    @Test
    void theTopicRootParameterAcceptsWhatTheRigFileAccepts() throws Exception {
        JsonNode schema = doc().at("/components/parameters/topicRoot/schema");
        Pattern pattern = Pattern.compile(schema.path("pattern").asText());
        assertEquals(MqttConfig.MAX_TOPIC_ROOT_CHARS, schema.path("maxLength").asInt());
        for (String root : List.of("liana/v1/demo-studio/rig-1", "a", "rig_1", "/a", "a/", "a//b", "$SYS/x", "a/+/b",
                "a/#", "a b", "x\ty", "x\u0001y", "x\u007fy", "studio.A/rig-2")) {
            assertEquals(MqttConfig.topicRootProblem(root) == null, pattern.matcher(root).find(),
                    "topicRoot \"" + root + "\": rig file says " + MqttConfig.topicRootProblem(root));
        }
    }

    /** Each permitted Command record, by its name(), built with sample arguments. */
    private static Map<String, Class<?>> sampleCommands() throws Exception {
        Map<String, Class<?>> byName = new TreeMap<>();
        for (Class<?> type : Command.class.getPermittedSubclasses()) {
            assertTrue(type.isRecord(), type + " is not a record");
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Object[] args = new Object[components.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = sample(type, types[i]);
            }
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            Command command = (Command) canonical.newInstance(args);
            if (byName.put(command.name(), type) != null) {
                fail("two commands named " + command.name());
            }
        }
        return byName;
    }

    private static Object sample(Class<?> record, Class<?> type) {
        if (type == boolean.class) {
            return true;
        }
        if (type == double.class) {
            return record == Command.AimShare.class ? 30.0 : 1.0; // a share of body weight, 5..100 %
        }
        if (type == String.class) {
            return "sample";
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        return fail(record.getSimpleName() + " has a component of type " + type + ": teach this test a sample value");
    }

    private static MqttDocs.TopicRow row(String topic) {
        return MqttDocs.topicTable().stream().filter(r -> r.topic().equals(topic)).findFirst()
                .orElseThrow(() -> new AssertionError("docs/mqtt.md has no topic " + topic));
    }

    private JsonNode message(JsonNode message) throws Exception {
        String ref = message.path("$ref").asText("");
        return ref.startsWith("#/") ? doc().at(ref.substring(1)) : message;
    }

    private static Kind kindOfRef(String ref) {
        for (Kind kind : Kind.values()) {
            if (ref.endsWith("/" + kind.fileName())) {
                return kind;
            }
        }
        throw new AssertionError("payload $ref " + ref + " is not one of the schema files");
    }

    private static Set<String> parameters(String channel) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\{([A-Za-z]+)\\}").matcher(channel);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    private static JsonNode jsonOf(String json) throws Exception {
        return JSON.readTree(json);
    }

    /** Adds every {@code $ref} under {@code node} (in {@code file}, whose root is {@code root}) that does not resolve. */
    private static void checkRefs(JsonNode node, Path file, JsonNode root, List<String> broken) throws Exception {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                String problem = resolve(ref.asText(), file, root);
                if (problem != null) {
                    broken.add(file + ": " + ref.asText() + ": " + problem);
                }
            }
            for (JsonNode child : node) {
                checkRefs(child, file, root, broken);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                checkRefs(child, file, root, broken);
            }
        }
    }

    /** Why {@code ref} does not resolve from {@code file}, or null when it does. */
    private static String resolve(String ref, Path file, JsonNode root) throws Exception {
        int hash = ref.indexOf('#');
        String path = hash < 0 ? ref : ref.substring(0, hash);
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        JsonNode target = root;
        if (!path.isEmpty()) {
            Path other = file.getParent().resolve(path).normalize();
            if (!Files.isRegularFile(other)) {
                return "no file " + other;
            }
            target = path.endsWith(".yaml") ? new YAMLMapper().readTree(other.toFile()) : jsonOf(MqttDocs.read(other));
        }
        if (!pointer.isEmpty() && target.at(pointer).isMissingNode()) {
            return "nothing at " + pointer;
        }
        return null;
    }
}
