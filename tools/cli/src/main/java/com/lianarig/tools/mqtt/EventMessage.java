package com.lianarig.tools.mqtt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code R/events}: one journal record.
 *
 * @param seq the journal record's number
 * @param body the record's JSON body as compact text ("{}" when absent)
 */
public record EventMessage(long session, long seq, Long wallMs, String kind, String body) {

    public static EventMessage parse(byte[] payload) throws MalformedPayloadException {
        JsonNode node = Json.object(payload, "event");
        JsonNode body = node.get("body");
        return new EventMessage(Json.requiredLong(node, "session", "event"), Json.requiredLong(node, "seq", "event"),
                Json.integer(node, "wallMs"), Json.requiredText(node, "kind", "event"),
                body == null || body.isNull() ? "{}" : Json.write(body));
    }
}
