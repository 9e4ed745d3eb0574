package com.lianarig.controller.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.controller.rig.RigModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Home Assistant's MQTT discovery for the rig (opt-in: {@code mqtt.homeAssistant} in the rig file): one
 * retained config message per entity under {@code <prefix>/<component>/<node id>/<object id>/config}, so the
 * rig appears in Home Assistant as one device with its mode, each rope's load, the strap height, the aimed
 * segment, the faults, the time inverted and whether it has a problem, all read from the rig's own state and
 * telemetry topics, and its availability from the rig's status (the retained birth and the will). Every entity
 * is a sensor: nothing in Home Assistant can command the rig (studio systems watch, never move).
 */
final class HomeAssistantDiscovery {
    /** One discovery message: its topic and its JSON payload (published retained, QoS 1). */
    record Message(String topic, String payload) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private HomeAssistantDiscovery() {
    }

    /** The node id Home Assistant files the rig under: the client id with every other character as '_'. */
    static String nodeId(String clientId) {
        return clientId.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /**
     * The discovery messages for this rig.
     *
     * @param prefix Home Assistant's discovery prefix (usually {@code homeassistant})
     * @param topics the rig's topics
     * @param clientId the rig's MQTT client id (unique on the broker: the device's identifier)
     * @param model the rig (its ropes and the leg pair)
     * @param software the software version
     */
    static List<Message> messages(String prefix, Topics topics, String clientId, RigModel model, String software) {
        String node = nodeId(clientId);
        String root = topics.root();
        String rigName = "Liana rig " + root.substring(root.lastIndexOf('/') + 1);
        ObjectNode device = JSON.createObjectNode();
        device.putArray("identifiers").add(node);
        device.put("name", rigName).put("manufacturer", "Liana rig project").put("model", "liana-rig controller")
                .put("sw_version", software);
        List<Message> out = new ArrayList<>();
        Entity e = new Entity(prefix, node, device, topics);
        out.add(e.sensor("mode", "Mode", topics.state(), "{{ value_json.mode }}").icon("mdi:state-machine").done());
        for (RigModel.RopeModel r : model.ropes()) {
            String id = r.config().id();
            // rope ids are [a-z0-9_-] and unique: as they are, two ropes never share an entity
            out.add(e.sensor("load_" + id, "Load " + id, topics.telemetry(),
                    "{{ value_json.ropes[" + r.index() + "].loadKg }}").unit("kg").deviceClass("weight").measurement()
                    .done());
        }
        model.legPair().ifPresent(g -> {
            int lead = g.winches()[0];
            double baseMm = model.winch(lead).config().baseHeightMm();
            out.add(e.sensor("strap_height", "Strap height", topics.telemetry(), String.format(Locale.ROOT,
                    "{{ value_json.winches[%d].positionMm + %.1f }}", lead, baseMm)).unit("mm").deviceClass("distance")
                    .measurement().done());
        });
        out.add(e.sensor("aimed_segment", "Aimed segment", topics.state(),
                "{{ value_json.aim.segment or 'none' if value_json.aim else 'none' }}").icon("mdi:human-handsdown")
                .done());
        out.add(e.sensor("faults", "Faults latched", topics.state(), "{{ value_json.faults | length }}")
                .icon("mdi:alert").done());
        out.add(e.sensor("inverted_time", "Time inverted", topics.telemetry(), "{{ value_json.invertedS }}").unit("s")
                .deviceClass("duration").measurement().done());
        out.add(e.binarySensor("problem", "Problem", topics.state(), "{{ 'ON' if value_json.faults else 'OFF' }}")
                .deviceClass("problem").done());
        return out;
    }

    /** Builds one entity's config. */
    private static final class Entity {
        private final String prefix;
        private final String node;
        private final ObjectNode device;
        private final Topics topics;
        private ObjectNode config;
        private String topic;

        Entity(String prefix, String node, ObjectNode device, Topics topics) {
            this.prefix = prefix;
            this.node = node;
            this.device = device;
            this.topics = topics;
        }

        Entity sensor(String objectId, String name, String stateTopic, String valueTemplate) {
            return start("sensor", objectId, name, stateTopic, valueTemplate);
        }

        Entity binarySensor(String objectId, String name, String stateTopic, String valueTemplate) {
            start("binary_sensor", objectId, name, stateTopic, valueTemplate);
            config.put("payload_on", "ON").put("payload_off", "OFF");
            return this;
        }

        private Entity start(String component, String objectId, String name, String stateTopic, String valueTemplate) {
            topic = prefix + "/" + component + "/" + node + "/" + objectId + "/config";
            config = JSON.createObjectNode();
            config.put("name", name).put("unique_id", node + "_" + objectId).put("object_id", node + "_" + objectId)
                    .put("default_entity_id", component + "." + node + "_" + objectId).put("state_topic", stateTopic).put("value_template", valueTemplate)
                    .put("availability_topic", topics.status()).put("availability_template", "{{ value_json.status }}")
                    .put("payload_available", "online").put("payload_not_available", "offline");
            config.set("device", device);
            return this;
        }

        Entity unit(String unit) {
            config.put("unit_of_measurement", unit);
            return this;
        }

        Entity deviceClass(String deviceClass) {
            config.put("device_class", deviceClass);
            return this;
        }

        Entity measurement() {
            config.put("state_class", "measurement");
            return this;
        }

        Entity icon(String icon) {
            config.put("icon", icon);
            return this;
        }

        Message done() {
            try {
                return new Message(topic, JSON.writeValueAsString(config));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a discovery config could not be written: " + e.getMessage(), e);
            }
        }
    }
}
