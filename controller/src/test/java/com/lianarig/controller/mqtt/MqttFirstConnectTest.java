package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.JournalConfig;
import com.lianarig.controller.journal.Journal;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker is not there when the service starts (a studio's broker booting slower than the Pi):
 * control runs regardless, and the rig comes online by itself once the broker answers.
 */
class MqttFirstConnectTest {
    @TempDir
    Path dir;

    @Test
    void theRigComesOnlineWhenTheBrokerAppearsAndControlRunsMeanwhile() throws Exception {
        int port = MqttInterfaceTest.freePort();
        try (LiveRig rig = new LiveRig(dir.resolve("rig"));
                Journal journal = Journal.open(new JournalConfig(dir.resolve("journal/journal.bin"), 1 << 20),
                        System::currentTimeMillis, System::nanoTime)) {
            MqttInterface mqtt = new MqttInterface(MqttInterfaceTest.config(port), MqttInterfaceTest.PANELS, rig.h.model,
                    RigPort.of(rig.h.controller), journal, journal::append, Optional.empty(), Optional.empty(),
                    rig::nowNanos, rig.nowNanos(), "test");
            try {
                mqtt.start();
                long before = rig.nowNanos();
                Thread.sleep(2_500); // at least one failed attempt
                assertTrue(rig.nowNanos() - before > 1_000_000_000L, "the control loop ran while the broker was away");
                assertEquals("HOLDING", rig.h.controller.status().mode().name());
                try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port, dir.resolve("broker"));
                        TestClient watcher = new TestClient(broker.uri(), "watcher", MqttInterfaceTest.ROOT + "/status")) {
                    var birth = watcher.await(m -> m.json().path("status").asText().equals("online"), 10_000, "birth");
                    assertEquals(journal.session(), birth.json().get("session").asInt());
                }
            } finally {
                mqtt.close();
            }
        }
    }
}
