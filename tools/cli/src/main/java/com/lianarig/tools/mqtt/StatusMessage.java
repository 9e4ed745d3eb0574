package com.lianarig.tools.mqtt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code R/status} (retained): the birth ({@code online}), the last will or a graceful stop
 * ({@code offline}, with a reason).
 *
 * @param reason null for a birth
 * @param clockMs null when absent (wills carry none)
 */
public record StatusMessage(boolean online, long session, String reason, boolean simulated, String software, Long clockMs) {

    public static StatusMessage parse(byte[] payload) throws MalformedPayloadException {
        JsonNode node = Json.object(payload, "status");
        String status = Json.requiredText(node, "status", "status");
        if (!status.equals("online") && !status.equals("offline")) {
            throw new MalformedPayloadException("status.status is \"" + status + "\", not online or offline");
        }
        return new StatusMessage(status.equals("online"), Json.requiredLong(node, "session", "status"),
                Json.text(node, "reason"), Json.flag(node, "simulated"), Json.text(node, "software"),
                Json.integer(node, "clockMs"));
    }
}
