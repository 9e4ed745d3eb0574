package com.lianarig.tools.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The running service's node links, from its retained {@code R/diagnostics} (docs/mqtt.md): one "link
 * NODE (service)" result per node, its counters since the service started judged by {@link LinkHealth}.
 * With the service running, its ports are held, so this is where rig doctor sees the links.
 */
final class ServiceLinks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceLinks() {
    }

    static void report(byte[] payload, Consumer<CheckResult> out) {
        JsonNode d;
        try {
            d = JSON.readTree(payload);
        } catch (IOException e) {
            out.accept(CheckResult.warn("link (service)", "the service's diagnostics are not JSON: " + e.getMessage(),
                    "a service of another version publishes them: run the same versions"));
            return;
        }
        long clockMs = d.path("clockMs").asLong(0);
        String since = "since the service started " + duration(clockMs) + " ago";
        for (JsonNode node : d.path("nodes")) {
            String name = "link " + node.path("id").asText("?") + " (service)";
            Map<String, Long> counts = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> {
                if (f.getValue().isIntegralNumber()) {
                    counts.put(f.getKey(), f.getValue().asLong());
                }
            });
            counts.remove("address");
            String state = node.path("link").asText("?");
            if (!state.equals("READY")) {
                out.accept(CheckResult.fail(name, "the service's link to the node is " + state + " (" + counts
                        .getOrDefault("frames", 0L) + " frames " + since + ")", "see the node and serial port"
                        + " checks; the service's journal says why (rig journal --kind node,link)"));
            } else {
                out.accept(LinkHealth.judge(name, since, counts));
            }
        }
    }

    static String duration(long ms) {
        long s = ms / 1000;
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", s / 3600.0);
    }
}
