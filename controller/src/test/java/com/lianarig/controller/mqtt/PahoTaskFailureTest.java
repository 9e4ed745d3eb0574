package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.journal.JournalRecord;
import com.lianarig.controller.mqtt.RigOnTheBus.Broker;
import com.lianarig.controller.mqtt.testing.RawMqttClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The second layer of issue 18's fix, alone: with the inbound filter off, a topic Paho cannot decode
 * still kills its receiver thread. The rig notices at once (its own executor runs Paho's threads),
 * journals it ({@code mqtt.receiver-failed}) and remakes the connection without Paho's 1 s wait: online
 * again, and a STOP answered, within a second of the bad publish, not 20-30 s later.
 */
class PahoTaskFailureTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Broker.class, names = {"EMBEDDED", "MOSQUITTO_PLAIN"})
    void aPahoReceiverThatDiesIsJournalledAndTheConnectionRemadeWithinASecond(Broker broker) throws Exception {
        RigOnTheBus.attack(broker, dir, 1 << 20, false, bus -> {
            bus.trainerInCommandHoldingEnable();
            long firstSeq = bus.journal.stats().lastSeq() + 1;
            int birthsBefore = births(bus);
            long t0;
            try (RawMqttClient attacker = bus.attacker(RigOnTheBus.TECHNICIAN, "attacker")) {
                t0 = System.nanoTime();
                attacker.publish(bus.topics.command(RigOnTheBus.TECHNICIAN) + "\uFFFD", "{\"command\":\"stop\"}");
                attacker.flush();
            }
            // online again: a new birth
            while (births(bus) == birthsBefore && System.nanoTime() - t0 < 5_000_000_000L) {
                Thread.sleep(5);
            }
            long onlineMs = (System.nanoTime() - t0) / 1_000_000;
            long n = bus.trainer.send("\"command\":\"stop\"");
            ProbePanel.Reply r = bus.trainer.awaitReply(n, 5_000);
            long answeredMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("FIGURE Paho receiver killed on %s (filter off): online again after %d ms, STOP sent then "
                    + "answered %d ms after the bad topic%n", broker, onlineMs, answeredMs);
            assertTrue(r != null && r.json().path("accepted").asBoolean(), "STOP answered after the reconnect");
            if (onlineMs >= 1_000) {
                throw new RigOnTheBus.TimingMiss("reconnected after " + onlineMs + " ms, not within 1 s");
            }
            List<JournalRecord> records = bus.journalSince(firstSeq);
            assertTrue(records.stream().anyMatch(x -> x.kind().equals(MqttInterface.RECEIVER_FAILED_KIND)
                    && x.body().contains("Invalid UTF-8")), "journalled, never silent: " + records);
        });
    }

    private static int births(RigOnTheBus bus) {
        synchronized (bus.watcher.all) {
            return (int) bus.watcher.all.stream().filter(m -> m.topic().equals(bus.topics.status())
                    && m.json().path("status").asText().equals("online")).count();
        }
    }
}
