package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.lianarig.controller.mqtt.RigOnTheBus.Broker;
import com.lianarig.controller.mqtt.testing.RawMqttClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * I-3 over MQTT (issue 20): a STOP that is not perfectly formed was refused as INVALID and the move
 * went on. Now any payload on a configured panel's command topic that says {@code "command":"stop"}
 * is acted on at once, whatever else it has or lacks, and the reply says what was odd about it; the
 * same for letting go of the enable or the rescue ({@code "held": false}). Each malformed STOP is sent
 * by the technician's panel while the trainer's jog moves the legs: answered within 250 ms, accepted,
 * the legs at rest on their brakes. A STOP on an unconfigured panel's topic still does nothing.
 */
class I3StopAlwaysHeardTest {
    @TempDir
    Path dir;

    /** Malformed STOPs, by what is odd about them, and the words the reply's detail must hold. */
    static Map<String, String[]> malformedStops(long session) {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("no session, no counter", new String[] {"{\"command\":\"stop\"}", "session"});
        m.put("an extra field", new String[] {"{\"session\":" + session + ",\"counter\":900,\"command\":\"stop\","
                + "\"urgent\":true}", "unknown field \"urgent\""});
        m.put("counter 1.5", new String[] {"{\"session\":" + session + ",\"counter\":1.5,\"command\":\"stop\"}",
                "counter"});
        m.put("a counter as text", new String[] {"{\"session\":" + session + ",\"counter\":\"901\","
                + "\"command\":\"stop\"}", "counter"});
        m.put("session 0 (not known yet)", new String[] {"{\"session\":0,\"counter\":902,\"command\":\"stop\"}",
                "session 0"});
        m.put("another session", new String[] {"{\"session\":" + (session + 9) + ",\"counter\":903,"
                + "\"command\":\"stop\"}", "session " + (session + 9)});
        m.put("a replayed counter", new String[] {"{\"session\":" + session + ",\"counter\":1,\"command\":\"stop\"}",
                "not above"});
        m.put("a stale clock", new String[] {"{\"session\":" + session + ",\"counter\":904,\"command\":\"stop\","
                + "\"clockMs\":1}", "clockMs"});
        m.put("a counter jumping to 2^53-1", new String[] {"{\"session\":" + session + ",\"counter\":9007199254740991,"
                + "\"command\":\"stop\"}", "more than 1000000 above"});
        m.put("the command twice", new String[] {"{\"command\":\"stop\",\"command\":\"stop\"}", "not valid JSON"});
        m.put("stop and jog both", new String[] {"{\"command\":\"jog\",\"command\":\"stop\"}", "not valid JSON"});
        m.put("cut short", new String[] {"{\"command\":\"stop\",\"session\":", "not valid JSON"});
        return m;
    }

    @ParameterizedTest
    @EnumSource(value = Broker.class, names = {"EMBEDDED", "MOSQUITTO_EXAMPLE"})
    void everyMalformedStopFromAConfiguredPanelStopsTheMovingRigAndSaysWhatWasOdd(Broker broker) throws Exception {
        RigOnTheBus.attack(broker, dir, bus -> {
            bus.trainerInCommandHoldingEnable();
            // the technician's counter mark is 900+: "a replayed counter" (1) is below it
            assertTrue(bus.technician.command("\"command\":\"heartbeat\"").path("accepted").asBoolean());
            bus.rig.resetLateness();
            List<String> figures = new ArrayList<>();
            for (Map.Entry<String, String[]> stop : malformedStops(bus.mqtt.session()).entrySet()) {
                bus.jogAndAwaitMotion();
                long sent = bus.technician.sendRaw(stop.getValue()[0]);
                ProbePanel.Reply r = bus.technician.awaitReplyTo("stop", sent, 5_000);
                assertNotNull(r, broker + ": no reply to a STOP with " + stop.getKey() + ": " + stop.getValue()[0]);
                long ms = (r.arrivedNanos() - sent) / 1_000_000;
                figures.add(stop.getKey() + " " + ms + " ms");
                JsonNode reply = r.json();
                assertTrue(reply.path("accepted").asBoolean(), stop.getKey() + ": " + reply);
                assertEquals("stop", reply.path("command").asText(), reply.toString());
                assertTrue(reply.path("detail").asText().contains("acted on although")
                        && reply.path("detail").asText().contains(stop.getValue()[1]),
                        stop.getKey() + ": the reply says what was odd: " + reply);
                if (ms > RigOnTheBus.STOP_REPLY_MS) {
                    throw new RigOnTheBus.TimingMiss(stop.getKey() + ": answered in " + ms + " ms");
                }
                bus.awaitAtRest();
            }
            System.out.println("FIGURE malformed STOP reply times on " + broker + ": " + figures);
            bus.assertNoFaultAndNoLateStep("malformed STOPs");
        });
    }

    @ParameterizedTest
    @EnumSource(value = Broker.class, names = {"EMBEDDED", "MOSQUITTO_EXAMPLE"})
    void lettingGoOfTheEnableOrTheRescueIsActedOnHoweverItIsWritten(Broker broker) throws Exception {
        RigOnTheBus.attack(broker, dir, bus -> {
            bus.trainerInCommandHoldingEnable();
            bus.jogAndAwaitMotion();
            bus.trainer.stopRefreshing(); // the finger comes off: the panel lets go, without session or counter
            long sent = bus.trainer.sendRaw("{\"command\":\"enable\",\"held\":false}");
            ProbePanel.Reply r = bus.trainer.awaitReplyTo("enable", sent, 5_000);
            assertNotNull(r, "no reply to the enable let go without session and counter");
            assertTrue(r.json().path("accepted").asBoolean(), r.json().toString());
            assertTrue(r.json().path("detail").asText().contains("acted on although"), r.json().toString());
            if ((r.arrivedNanos() - sent) / 1_000_000 > RigOnTheBus.STOP_REPLY_MS) {
                throw new RigOnTheBus.TimingMiss("the enable let go answered in " + (r.arrivedNanos() - sent) / 1_000_000
                        + " ms");
            }
            bus.awaitAtRest();
            assertTrue(!bus.rig.h.controller.status().enableLive(), "the enable is let go");

            long rescue = bus.trainer.sendRaw("{\"command\":\"rescue\",\"held\":false,\"counter\":-4}");
            ProbePanel.Reply rr = bus.trainer.awaitReplyTo("rescue", rescue, 5_000);
            assertNotNull(rr, "no reply to the rescue let go with a bad counter");
            assertTrue(!rr.json().path("reason").asText().equals("INVALID")
                    && !rr.json().path("reason").asText().equals("MALFORMED"),
                    "decided by the controller, not refused by the transport: " + rr.json());
            assertTrue(rr.json().path("detail").asText().contains("acted on although"), rr.json().toString());
        });
    }

    @ParameterizedTest
    @EnumSource(value = Broker.class, names = {"EMBEDDED"})
    void aStopOnAnUnconfiguredPanelsTopicDoesNothing(Broker broker) throws Exception {
        try (RigOnTheBus bus = new RigOnTheBus(broker, dir)) {
            bus.trainerInCommandHoldingEnable();
            bus.jogAndAwaitMotion();
            try (RawMqttClient stranger = bus.attacker(RigOnTheBus.TECHNICIAN, "stranger")) {
                stranger.publish(bus.topics.command("stranger"), "{\"command\":\"stop\"}");
                stranger.flush();
            }
            Thread.sleep(300);
            assertTrue(Math.abs(bus.trueSpeedMmPerS()) >= 5, "the legs still move: a stranger's STOP is not acted on");
            assertTrue(bus.watcher.all.stream().noneMatch(m -> m.topic().equals(bus.topics.reply("stranger"))),
                    "no reply to a stranger");
            bus.stopAndTime(bus.trainer);
        }
    }
}
