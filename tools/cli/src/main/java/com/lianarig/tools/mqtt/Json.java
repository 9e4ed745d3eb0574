package com.lianarig.tools.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Reading the rig's JSON payloads: one object per message, fields looked up with clear errors. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** A new empty object, for building commands. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The object's compact JSON text. */
    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode always serialises", e);
        }
    }

    /**
     * Parses one payload that must be a JSON object.
     *
     * @param what the payload's name for the error ("state", "telemetry")
     */
    public static JsonNode object(byte[] payload, String what) throws MalformedPayloadException {
        JsonNode node;
        try {
            node = MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new MalformedPayloadException(what + " is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new MalformedPayloadException(what + " could not be read (" + e.getMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedPayloadException(what + " is not a JSON object");
        }
        return node;
    }

    /** A required integer field. */
    public static long requiredLong(JsonNode node, String field, String what) throws MalformedPayloadException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new MalformedPayloadException(what + "." + field + " is missing or not an integer");
        }
        return value.asLong();
    }

    /** A required string field. */
    public static String requiredText(JsonNode node, String field, String what) throws MalformedPayloadException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MalformedPayloadException(what + "." + field + " is missing or not a string");
        }
        return value.asText();
    }

    /** A string field, or null when absent, null or not a string. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** A number field, or null when absent, null or not a number. */
    public static Double number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isNumber() ? value.asDouble() : null;
    }

    /** An integer field, or null when absent, null or not an integer. */
    public static Long integer(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isIntegralNumber() ? value.asLong() : null;
    }

    /** A boolean field, false when absent or not a boolean. */
    public static boolean flag(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isBoolean() && value.asBoolean();
    }

    /** A field that is an object, or null. */
    public static JsonNode child(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isObject() ? value : null;
    }
}
