package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.lianarig.controller.mqtt.RigOnTheBus.Broker;
import com.lianarig.controller.mqtt.testing.RawMqttClient;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Freshness that cannot be poisoned (issue 20), over a broker that lets anyone publish a panel's
 * topic (the embedded one, a Mosquitto without ACL): one forged command with counter 2^53-1 once
 * locked the trainer's panel out for the rest of the session. Now it is refused and the trainer goes
 * on; a forger who raises the mark by the most allowed wedges the panel only until it asks, with
 * hello, where to carry on.
 */
class FreshnessOverMqttTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Broker.class, names = {"EMBEDDED", "MOSQUITTO_PLAIN"})
    void aForgedCounterCannotLockAPanelOutAndHelloTellsItWhereToCarryOn(Broker broker) throws Exception {
        try (RigOnTheBus bus = new RigOnTheBus(broker, dir)) {
            ProbePanel trainer = bus.trainer;
            assertTrue(trainer.command("\"command\":\"take-control\"").path("accepted").asBoolean());
            long session = bus.mqtt.session();
            String topic = bus.topics.command(RigOnTheBus.TRAINER);
            try (RawMqttClient forger = bus.attacker(RigOnTheBus.TECHNICIAN, "forger")) {
                forger.publish(topic, "{\"session\":" + session + ",\"counter\":9007199254740991,\"command\":\"heartbeat\"}");
                forger.flush();
                Thread.sleep(300);
                JsonNode next = trainer.command("\"command\":\"heartbeat\"");
                assertTrue(next.path("accepted").asBoolean(), "the trainer is not locked out: " + next);

                // the most a forger can do: raise the mark by a million
                long mark = 1 + 1_000_000L; // the trainer's counter is 2 by now: 2 + 999,999
                forger.publish(topic, "{\"session\":" + session + ",\"counter\":" + mark + ",\"command\":\"heartbeat\"}");
                forger.flush();
                Thread.sleep(300);
            }
            JsonNode stuck = trainer.command("\"command\":\"heartbeat\"");
            assertEquals("DUPLICATE", stuck.path("reason").asText(), stuck.toString());
            long sent = trainer.sendRaw("{\"command\":\"hello\"}");
            ProbePanel.Reply hello = trainer.awaitReplyTo("hello", sent, 5_000);
            assertTrue(hello != null && hello.json().path("accepted").asBoolean(), "hello answered: " + hello);
            long last = hello.json().path("lastCounter").asLong();
            assertEquals(1_000_001, last, hello.json().toString());
            long resumed = trainer.sendRaw("{\"session\":" + session + ",\"counter\":" + (last + 1)
                    + ",\"command\":\"heartbeat\"}");
            ProbePanel.Reply r = trainer.awaitReplyTo("heartbeat", resumed, 5_000);
            assertTrue(r != null && r.json().path("accepted").asBoolean(), "the trainer carries on above the mark: " + r);
            // and nothing captured below the mark can be replayed: the mark never went down
            long replay = trainer.sendRaw("{\"session\":" + session + ",\"counter\":2,\"command\":\"release-control\"}");
            ProbePanel.Reply rr = trainer.awaitReplyTo("release-control", replay, 5_000);
            assertEquals("DUPLICATE", rr.json().path("reason").asText(), rr.json().toString());
        }
    }
}
