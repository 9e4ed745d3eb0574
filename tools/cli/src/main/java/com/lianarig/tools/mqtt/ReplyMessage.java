package com.lianarig.tools.mqtt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code R/reply/<panelId>}: the rig's decision on one command.
 *
 * @param counter null when the command was too malformed to read one
 * @param command null likewise
 * @param reason null when accepted
 * @param detail null when there is none
 */
public record ReplyMessage(long session, Long counter, String command, boolean accepted, String reason, String detail,
        Long clockMs) {

    public static ReplyMessage parse(byte[] payload) throws MalformedPayloadException {
        JsonNode node = Json.object(payload, "reply");
        JsonNode accepted = node.get("accepted");
        if (accepted == null || !accepted.isBoolean()) {
            throw new MalformedPayloadException("reply.accepted is missing or not true/false");
        }
        return new ReplyMessage(Json.requiredLong(node, "session", "reply"), Json.integer(node, "counter"),
                Json.text(node, "command"), accepted.asBoolean(), Json.text(node, "reason"), Json.text(node, "detail"),
                Json.integer(node, "clockMs"));
    }
}
