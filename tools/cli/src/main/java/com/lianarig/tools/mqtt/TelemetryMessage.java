package com.lianarig.tools.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code R/telemetry}: loads, positions and speeds at the telemetry rate.
 *
 * @param sampleAgeMs age of the newest load sample when published, ms (P-6)
 * @param liveShare the share of body weight the ropes carry, null without a client
 * @param invertedS continuous time inverted, s (SR-21), null when absent
 * @param holdElapsedS the program's hold timer, s, null without a program
 */
public record TelemetryMessage(long session, long seq, long clockMs, Double sampleAgeMs, List<Rope> ropes,
        List<Winch> winches, Double liveShare, Double invertedS, Double holdElapsedS) {

    /**
     * One rope's load.
     *
     * @param loadKg null when unknown
     * @param shareOfLimit loadKg / limitKg, null when unknown
     */
    public record Rope(String id, Double loadKg, Double limitKg, Double shareOfLimit) {
    }

    /** One winch's position (mm of rope wound in) and speed (mm/s, up positive). */
    public record Winch(String id, Double positionMm, Double speedMmPerS) {
    }

    public TelemetryMessage {
        ropes = List.copyOf(ropes);
        winches = List.copyOf(winches);
    }

    public static TelemetryMessage parse(byte[] payload) throws MalformedPayloadException {
        JsonNode node = Json.object(payload, "telemetry");
        JsonNode ropeList = node.get("ropes");
        if (ropeList == null || !ropeList.isArray()) {
            throw new MalformedPayloadException("telemetry.ropes is missing or not a list");
        }
        List<Rope> ropes = new ArrayList<>();
        for (JsonNode rope : ropeList) {
            Double loadKg = Json.number(rope, "loadKg");
            Double limitKg = Json.number(rope, "limitKg");
            Double share = Json.number(rope, "shareOfLimit");
            if (share == null && loadKg != null && limitKg != null && limitKg > 0) {
                share = loadKg / limitKg;
            }
            ropes.add(new Rope(Json.text(rope, "id"), loadKg, limitKg, share));
        }
        List<Winch> winches = new ArrayList<>();
        JsonNode winchList = node.get("winches");
        if (winchList != null && winchList.isArray()) {
            for (JsonNode winch : winchList) {
                winches.add(new Winch(Json.text(winch, "id"), Json.number(winch, "positionMm"),
                        Json.number(winch, "speedMmPerS")));
            }
        }
        return new TelemetryMessage(Json.requiredLong(node, "session", "telemetry"),
                Json.requiredLong(node, "seq", "telemetry"), Json.requiredLong(node, "clockMs", "telemetry"),
                Json.number(node, "sampleAgeMs"), ropes, winches, Json.number(node, "liveShare"),
                Json.number(node, "invertedS"), Json.number(node, "holdElapsedS"));
    }
}
