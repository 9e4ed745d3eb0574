package com.lianarig.controller.mqtt;

import com.lianarig.controller.mqtt.RigOnTheBus.Broker;
import com.lianarig.controller.mqtt.testing.RawMqttClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * R-10, issue 18: a command topic that is not valid UTF-8, or holds a character Paho refuses
 * (U+FFFD, U+0001, U+FFFF), once killed Paho's receiver thread ({@code IllegalArgumentException:
 * Invalid UTF-8 char} in {@code MqttWireMessage.decodeUTF8}): the rig answered nothing, STOP
 * included, until the keepalive gave up 20-30 s later. Here each such topic is published (by a client
 * holding the technician panel's credentials) while the legs move, and the trainer's STOP right after
 * it must be answered within 250 ms, the legs at rest on their brakes, no fault, no late step; the
 * dropped topics are journalled as bus noise.
 *
 * <p>On the plain Mosquitto the broker itself refuses three of them (invalid UTF-8, a control
 * character, a noncharacter: it disconnects the sender) and passes U+FFFD, which is valid UTF-8 but
 * killed Paho all the same; on the example Mosquitto the ACL drops them all (a panel may publish only
 * its own exact command topic); the embedded Moquette passes all four.
 */
class R10InvalidTopicTest {
    @TempDir
    Path dir;

    static Map<String, byte[]> badTopics(String commandPrefix) {
        Map<String, byte[]> topics = new LinkedHashMap<>();
        topics.put("invalid UTF-8 byte 0xFF", topic(commandPrefix, new byte[] {(byte) 0xFF}));
        topics.put("U+FFFD", topic(commandPrefix, "\uFFFD".getBytes(StandardCharsets.UTF_8)));
        topics.put("U+0001", topic(commandPrefix, new byte[] {0x01}));
        topics.put("U+FFFF", topic(commandPrefix, new byte[] {(byte) 0xEF, (byte) 0xBF, (byte) 0xBF}));
        return topics;
    }

    private static byte[] topic(String prefix, byte[] tail) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        b.writeBytes(tail);
        return b.toByteArray();
    }

    @ParameterizedTest
    @EnumSource(Broker.class)
    void aCommandTopicPahoCannotDecodeNeverDeafensTheRigWhileItMoves(Broker broker) throws Exception {
        RigOnTheBus.attack(broker, dir, bus -> {
            bus.trainerInCommandHoldingEnable();
            bus.rig.resetLateness();
            String stop = "{\"session\":" + bus.mqtt.session() + ",\"counter\":999,\"command\":\"stop\"}";
            int i = 0;
            for (Map.Entry<String, byte[]> bad : badTopics(bus.topics.command(RigOnTheBus.TECHNICIAN)).entrySet()) {
                bus.jogAndAwaitMotion();
                try (RawMqttClient attacker = bus.attacker(RigOnTheBus.TECHNICIAN, "attacker-" + i++)) {
                    attacker.publish(bad.getValue(), stop.getBytes(StandardCharsets.UTF_8));
                    attacker.flush();
                    Thread.sleep(100); // delivered (or refused) before the STOP below
                }
                bus.stopAndTime(bus.trainer);
            }
            bus.assertStopsAnsweredInTime("invalid command topics");
            bus.assertNoFaultAndNoLateStep("invalid command topics");
        });
    }
}
