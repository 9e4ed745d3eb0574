package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.rig.BrokerMode;
import com.lianarig.config.rig.JournalConfig;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.controller.journal.Journal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: with {@code mqtt.homeAssistant} set, the rig announces itself to Home Assistant by MQTT discovery
 * alone. A subscriber that knows nothing of the rig reads the retained discovery configs as Home Assistant
 * does (the topic and payload rules, then each entity's state topic through its value template, and the
 * availability from the rig's status), on the whole controller with the virtual rig and a real broker.
 */
class HomeAssistantDiscoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Home Assistant: {@code <prefix>/<component>/[<node_id>/]<object_id>/config}, ids of [a-zA-Z0-9_-]. */
    private static final Pattern DISCOVERY_TOPIC = Pattern.compile(
            "homeassistant/(sensor|binary_sensor)/([a-zA-Z0-9_-]+)/([a-zA-Z0-9_-]+)/config");

    @TempDir
    Path dir;

    @Test
    void aSubscriberBuildsTheRigsEntitiesFromDiscoveryAloneAndSeesTheRigGoOffline() throws Exception {
        int port = MqttInterfaceTest.freePort();
        MqttConfig base = MqttInterfaceTest.config(port);
        MqttConfig withHa = new MqttConfig(BrokerMode.EMBEDDED, base.host(), port, Optional.empty(), Optional.empty(),
                Optional.empty(), base.topicRoot(), base.telemetryHz(), base.clientId(), Optional.of("homeassistant"));
        try (LiveRig rig = new LiveRig(dir.resolve("rig"));
                EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port, dir.resolve("broker"));
                Journal journal = Journal.open(new JournalConfig(dir.resolve("journal/journal.bin"), 1 << 20),
                        System::currentTimeMillis, System::nanoTime)) {
            MqttInterface mqtt = new MqttInterface(withHa, MqttInterfaceTest.PANELS, rig.h.model,
                    RigPort.of(rig.h.controller), journal, journal::append, Optional.empty(), Optional.empty(),
                    rig::nowNanos, rig.nowNanos(), "9.8.7");
            try {
                mqtt.start();
                Map<String, JsonNode> configs = new HashMap<>();
                try (TestClient ha = new TestClient(broker.uri(), "home-assistant", "homeassistant/#")) {
                    ha.await(m -> {
                        configs.put(m.topic(), m.json());
                        return configs.size() == 10;
                    }, 15_000, "the 10 discovery configs");
                }
                Set<String> uniqueIds = new HashSet<>();
                Set<String> names = new HashSet<>();
                for (Map.Entry<String, JsonNode> e : configs.entrySet()) {
                    Matcher t = DISCOVERY_TOPIC.matcher(e.getKey());
                    assertTrue(t.matches(), "not a discovery topic: " + e.getKey());
                    JsonNode c = e.getValue();
                    assertTrue(uniqueIds.add(c.path("unique_id").asText()), "unique_id repeated: " + c);
                    names.add(c.path("name").asText());
                    assertFalse(c.path("state_topic").asText().isEmpty(), "no state_topic: " + c);
                    assertFalse(c.path("value_template").asText().isEmpty(), "no value_template: " + c);
                    assertTrue(c.path("state_topic").asText().startsWith(MqttInterfaceTest.ROOT + "/"), c.toString());
                    assertFalse(c.has("command_topic"), "read-only: " + c);
                    JsonNode device = c.path("device");
                    assertEquals(t.group(2), device.path("identifiers").get(0).asText(), "one device for the rig");
                    assertEquals("9.8.7", device.path("sw_version").asText());
                    assertEquals(MqttInterfaceTest.ROOT + "/status", c.path("availability_topic").asText());
                }
                assertEquals(Set.of("Mode", "Load left-leg", "Load right-leg", "Load left-loop", "Load right-loop",
                        "Strap height", "Aimed segment", "Faults latched", "Time inverted", "Problem"), names);

                // the entities' values, from the rig's own topics through each template, as Home Assistant would
                try (TestClient ha = new TestClient(broker.uri(), "home-assistant-states", MqttInterfaceTest.ROOT + "/#")) {
                    JsonNode state = ha.await(m -> m.topic().endsWith("/state"), 10_000, "state").json();
                    JsonNode telemetry = ha.await(m -> m.topic().endsWith("/telemetry"), 10_000, "telemetry").json();
                    JsonNode status = JSON.readTree(ha.all.stream().filter(m -> m.topic().endsWith("/status"))
                            .findFirst().orElseThrow().payload());
                    Map<String, String> value = new HashMap<>();
                    for (JsonNode c : configs.values()) {
                        JsonNode source = c.path("state_topic").asText().endsWith("/state") ? state : telemetry;
                        value.put(c.path("name").asText(), Template.render(c.path("value_template").asText(), source));
                        assertEquals("online", Template.render(c.path("availability_template").asText(), status));
                    }
                    assertEquals(state.path("mode").asText(), value.get("Mode"));
                    assertEquals("HOLDING", value.get("Mode"));
                    assertEquals("none", value.get("Aimed segment"));
                    assertEquals("0", value.get("Faults latched"));
                    assertEquals("OFF", value.get("Problem"));
                    double leftKg = telemetry.path("ropes").get(0).path("loadKg").asDouble();
                    assertEquals(leftKg, Double.parseDouble(value.get("Load left-leg")), 1e-9);
                    double strapMm = rig.h.model.winch(0).config().baseHeightMm()
                            + telemetry.path("winches").get(0).path("positionMm").asDouble();
                    assertEquals(strapMm, Double.parseDouble(value.get("Strap height")), 1e-6);
                }
                // the rig goes away: Home Assistant shows every entity unavailable (the status says offline)
                try (TestClient ha = new TestClient(broker.uri(), "home-assistant-status", MqttInterfaceTest.ROOT + "/status")) {
                    ha.await(m -> m.json().path("status").asText().equals("online"), 10_000, "online");
                    mqtt.close();
                    TestClient.Msg gone = ha.await(m -> !m.json().path("status").asText().equals("online"), 10_000,
                            "the rig offline");
                    String template = configs.values().iterator().next().path("availability_template").asText();
                    assertEquals("offline", Template.render(template, gone.json()));
                }
            } finally {
                mqtt.close();
            }
        }
    }

    @Test
    void theTemplatesShowAnUprightAimAndFaultsAsHomeAssistantWould() throws Exception {
        JsonNode upright = JSON.readTree("{\"aim\":{\"segment\":null,\"loadShare\":0.4,\"heightMm\":1392.0},"
                + "\"faults\":[{\"rule\":\"SR-1\"}]}");
        assertEquals("none", Template.render("{{ value_json.aim.segment or 'none' if value_json.aim else 'none' }}", upright));
        assertEquals("1", Template.render("{{ value_json.faults | length }}", upright));
        assertEquals("ON", Template.render("{{ 'ON' if value_json.faults else 'OFF' }}", upright));
        JsonNode inverted = JSON.readTree("{\"aim\":{\"segment\":\"L4-L5\"},\"faults\":[]}");
        assertEquals("L4-L5", Template.render("{{ value_json.aim.segment or 'none' if value_json.aim else 'none' }}",
                inverted));
        assertEquals("OFF", Template.render("{{ 'ON' if value_json.faults else 'OFF' }}", inverted));
    }

    /**
     * The part of Home Assistant's Jinja the discovery configs use, evaluated as Jinja does: {@code value_json}
     * paths with {@code .name} and {@code [index]}, {@code + number}, {@code | length}, {@code or},
     * {@code a if b else c}, string literals; None renders as "None", a whole float as "x.0".
     */
    static final class Template {
        private final List<String> tokens;
        private int at;

        private Template(List<String> tokens) {
            this.tokens = tokens;
        }

        static String render(String template, JsonNode valueJson) {
            Matcher m = Pattern.compile("^\\{\\{(.*)\\}\\}$").matcher(template.strip());
            assertTrue(m.matches(), "not one expression: " + template);
            List<String> tokens = new java.util.ArrayList<>();
            Matcher t = Pattern.compile("'[^']*'|[0-9]+(\\.[0-9]+)?|[A-Za-z_][A-Za-z_0-9]*|[.\\[\\]|+]").matcher(m.group(1));
            int end = 0;
            while (t.find()) {
                assertTrue(m.group(1).substring(end, t.start()).isBlank(), "unexpected text in " + template);
                tokens.add(t.group());
                end = t.end();
            }
            Template p = new Template(tokens);
            Object v = p.conditional(valueJson);
            assertEquals(tokens.size(), p.at, "not all of " + template + " was understood");
            return text(v);
        }

        private Object conditional(JsonNode root) {
            Object v = or(root);
            if (peek("if")) {
                at++;
                Object cond = or(root);
                expect("else");
                Object other = or(root);
                return truthy(cond) ? v : other;
            }
            return v;
        }

        private Object or(JsonNode root) {
            Object v = add(root);
            while (peek("or")) {
                at++;
                Object w = add(root);
                v = truthy(v) ? v : w;
            }
            return v;
        }

        private Object add(JsonNode root) {
            Object v = filtered(root);
            while (peek("+")) {
                at++;
                v = ((Number) v).doubleValue() + ((Number) filtered(root)).doubleValue();
            }
            return v;
        }

        private Object filtered(JsonNode root) {
            Object v = atom(root);
            while (peek("|")) {
                at++;
                expect("length");
                v = v instanceof JsonNode n ? n.size() : ((String) v).length();
            }
            return v;
        }

        private Object atom(JsonNode root) {
            String t = tokens.get(at++);
            if (t.startsWith("'")) {
                return t.substring(1, t.length() - 1);
            }
            if (Character.isDigit(t.charAt(0))) {
                return Double.parseDouble(t);
            }
            assertEquals("value_json", t, "only value_json is known");
            JsonNode n = root;
            while (peek(".") || peek("[")) {
                if (tokens.get(at++).equals(".")) {
                    String name = tokens.get(at++);
                    n = n == null || n.isNull() ? null : n.get(name);
                } else {
                    int i = Integer.parseInt(tokens.get(at++));
                    expect("]");
                    n = n == null || n.isNull() ? null : n.get(i);
                }
            }
            if (n == null || n.isNull()) {
                return null;
            }
            if (n.isNumber()) {
                return n.asDouble();
            }
            if (n.isTextual()) {
                return n.asText();
            }
            return n;
        }

        private boolean peek(String token) {
            return at < tokens.size() && tokens.get(at).equals(token);
        }

        private void expect(String token) {
            assertEquals(token, at < tokens.size() ? tokens.get(at) : "(end)");
            at++;
        }

        private static boolean truthy(Object v) {
            if (v == null) {
                return false;
            }
            if (v instanceof String s) {
                return !s.isEmpty();
            }
            if (v instanceof Number n) {
                return n.doubleValue() != 0;
            }
            if (v instanceof JsonNode n) {
                return n.size() > 0 || n.isValueNode() && n.asBoolean();
            }
            return true;
        }

        private static String text(Object v) {
            if (v == null) {
                return "None";
            }
            if (v instanceof Double d) {
                return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : d.toString();
            }
            return v.toString();
        }
    }
}
