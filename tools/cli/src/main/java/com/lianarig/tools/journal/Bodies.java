package com.lianarig.tools.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Journal record bodies: compact JSON objects by convention ({@code core.Json.of}), but any text is
 * allowed, so a body that is not a JSON object is handled as plain text. Stateless.
 */
final class Bodies {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Bodies() {
    }

    /** The body as a JSON object, or empty when it is not one. */
    static Optional<ObjectNode> object(String body) {
        if (body.isEmpty() || body.charAt(0) != '{') {
            return Optional.empty();
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            return n instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A text field of the body, or null when absent, null or not text-like. */
    static String text(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }

    /** The body for people: {@code key=value} pairs (null fields left out), or the text as it is. */
    static String readable(String body) {
        Optional<ObjectNode> o = object(body);
        if (o.isEmpty()) {
            return body;
        }
        StringBuilder b = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.get().fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v.isNull()) {
                continue;
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(f.getKey()).append('=');
            if (v.isTextual()) {
                String s = v.asText();
                b.append(s.isEmpty() || s.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=' || c < 0x20)
                        ? v.toString() : s);
            } else {
                b.append(v.toString());
            }
        }
        return b.toString();
    }
}
