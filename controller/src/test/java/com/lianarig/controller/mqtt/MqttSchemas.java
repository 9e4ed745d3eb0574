package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The MQTT payload schemas of docs/mqtt.md (JSON Schema 2020-12, on the classpath under
 * {@code mqtt/schemas/}), for tests: {@code MqttSchemas.assertValid(Kind.STATE, json)} on every payload
 * the service publishes, {@code problems(...)} to see why one is refused.
 *
 * <p>Thread-safe: the schemas are loaded once and never change.
 */
public final class MqttSchemas {

    /** Which payload: one schema file each. */
    public enum Kind {
        /** {@code R/status}: birth, last will, graceful stop. */
        STATUS("status"),
        /** {@code R/state}. */
        STATE("state"),
        /** {@code R/telemetry}. */
        TELEMETRY("telemetry"),
        /** {@code R/events}: one journal record. */
        EVENT("event"),
        /** {@code R/reply/<panelId>}. */
        REPLY("reply"),
        /** {@code R/diagnostics}: every node link's state and counters. */
        DIAGNOSTICS("diagnostics"),
        /** {@code R/panel/history}: the attached client's session history, panels only. */
        PANEL_HISTORY("panel-history"),
        /** {@code R/cmd/<panelId>}. */
        COMMAND("command");

        private final String baseName;

        Kind(String baseName) {
            this.baseName = baseName;
        }

        /** The schema's classpath resource, e.g. {@code mqtt/schemas/state.schema.json}. */
        public String resource() {
            return RESOURCE_DIR + baseName + ".schema.json";
        }

        /** The schema's file name, e.g. {@code state.schema.json}. */
        public String fileName() {
            return baseName + ".schema.json";
        }
    }

    /** Where the schema files live on the classpath (from controller/src/main/resources). */
    public static final String RESOURCE_DIR = "mqtt/schemas/";

    private static final ObjectMapper STRICT_JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private MqttSchemas() {
    }

    /** Loaded on first use (class initialisation is thread-safe and happens once). */
    private static final class Loaded {
        static final Map<Kind, JsonSchema> SCHEMAS = load();

        private static Map<Kind, JsonSchema> load() {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().locale(Locale.ENGLISH)
                    .pathType(PathType.LEGACY).build();
            Map<Kind, JsonSchema> schemas = new EnumMap<>(Kind.class);
            for (Kind kind : Kind.values()) {
                JsonSchema schema = factory.getSchema(SchemaLocation.of("classpath:" + kind.resource()), config);
                schema.initializeValidators(); // resolve every $ref now, so a broken one fails here
                schemas.put(kind, schema);
            }
            return schemas;
        }
    }

    /**
     * What is wrong with a payload: empty when {@code json} is one JSON value (no duplicate keys, nothing
     * after it) that the kind's schema accepts; otherwise one line per problem, each starting with the
     * JSON path, e.g. {@code "$.segment: does not have a value in the enumeration [...] (enum)"}.
     */
    public static List<String> problems(Kind kind, String json) {
        JsonNode node;
        try {
            node = STRICT_JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("$: not JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            return List.of("$: not JSON: empty");
        }
        return problems(kind, node);
    }

    /** As {@link #problems(Kind, String)} for an MQTT payload as received (it must be UTF-8). */
    public static List<String> problems(Kind kind, byte[] payload) {
        try {
            String json = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
            return problems(kind, json);
        } catch (CharacterCodingException e) {
            return List.of("$: not UTF-8: " + e);
        }
    }

    /** As {@link #problems(Kind, String)} for an already parsed payload. */
    public static List<String> problems(Kind kind, JsonNode payload) {
        // A set: the envelope's fields are checked at the top and again in each command's subschema.
        Set<String> lines = new TreeSet<>();
        for (ValidationMessage m : Loaded.SCHEMAS.get(kind).validate(payload)) {
            lines.add(line(m));
        }
        return List.copyOf(lines);
    }

    /** "path: message (keyword)", the path naming the offending field itself for an unknown field. */
    private static String line(ValidationMessage m) {
        JsonNodePath at = m.getInstanceLocation();
        String message = m.getMessage();
        if (message.startsWith(at + ": ")) {
            message = message.substring(at.toString().length() + 2);
        }
        if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
            at = at.append(m.getProperty());
        }
        return at + ": " + message + " (" + m.getType() + ")";
    }

    /** Fails the test, naming every problem and the payload, unless the kind's schema accepts {@code json}. */
    public static void assertValid(Kind kind, String json) {
        List<String> problems = problems(kind, json);
        if (!problems.isEmpty()) {
            fail(kind + " payload breaks " + kind.fileName() + ":\n  " + String.join("\n  ", problems)
                    + "\npayload: " + json);
        }
    }

    /**
     * The kind of payload published on {@code topic} under {@code topicRoot} (docs/mqtt.md's topic
     * table), or empty for a topic outside the interface.
     */
    public static Optional<Kind> kindOfTopic(String topicRoot, String topic) {
        if (!topic.startsWith(topicRoot + "/")) {
            return Optional.empty();
        }
        String rest = topic.substring(topicRoot.length() + 1);
        return switch (rest) {
            case "status" -> Optional.of(Kind.STATUS);
            case "state" -> Optional.of(Kind.STATE);
            case "telemetry" -> Optional.of(Kind.TELEMETRY);
            case "events" -> Optional.of(Kind.EVENT);
            case "diagnostics" -> Optional.of(Kind.DIAGNOSTICS);
            case "panel/history" -> Optional.of(Kind.PANEL_HISTORY);
            default -> {
                if (rest.startsWith("cmd/") && rest.indexOf('/', 4) < 0 && rest.length() > 4) {
                    yield Optional.of(Kind.COMMAND);
                }
                if (rest.startsWith("reply/") && rest.indexOf('/', 6) < 0 && rest.length() > 6) {
                    yield Optional.of(Kind.REPLY);
                }
                yield Optional.empty();
            }
        };
    }

    /**
     * Fails the test unless {@code topic} is one of the interface's topics and its schema accepts the
     * payload, e.g. {@code assertValidOnTopic(root, topic, message.getPayload())} in a Paho callback.
     */
    public static void assertValidOnTopic(String topicRoot, String topic, byte[] payload) {
        Kind kind = kindOfTopic(topicRoot, topic)
                .orElseGet(() -> fail("topic " + topic + " is not in docs/mqtt.md's topic table (root " + topicRoot + ")"));
        List<String> problems = problems(kind, payload);
        if (!problems.isEmpty()) {
            fail("payload on " + topic + " breaks " + kind.fileName() + ":\n  " + String.join("\n  ", problems)
                    + "\npayload: " + new String(payload, StandardCharsets.UTF_8));
        }
    }

    /** As {@link #assertValidOnTopic(String, String, byte[])} for a payload as text. */
    public static void assertValidOnTopic(String topicRoot, String topic, String json) {
        assertValidOnTopic(topicRoot, topic, json.getBytes(StandardCharsets.UTF_8));
    }
}
