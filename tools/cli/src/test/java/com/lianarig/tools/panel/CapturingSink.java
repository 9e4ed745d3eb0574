package com.lianarig.tools.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every command the panel publishes, parsed, with its topic; the SR-24 heartbeats apart (they go
 * out every second whatever the keys do).
 */
final class CapturingSink implements CommandSink {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Sent(String topic, JsonNode json) {
        String command() {
            return json.path("command").asText();
        }
    }

    final List<Sent> sent = new ArrayList<>();
    final List<Sent> heartbeats = new ArrayList<>();
    boolean connected = true;

    @Override
    public boolean publish(String topic, byte[] payload) {
        if (!connected) {
            return false;
        }
        try {
            Sent s = new Sent(topic, MAPPER.readTree(payload));
            (s.command().equals("heartbeat") ? heartbeats : sent).add(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    List<String> commands() {
        return sent.stream().map(Sent::command).toList();
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }
}
