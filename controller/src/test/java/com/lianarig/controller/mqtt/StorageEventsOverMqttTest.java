package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.journal.TestJournals;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-26 (issue 14: with the data directory on a full disk, MQTT events stopped silently): when the journal,
 * the outbox of every event, cannot take records, studio systems are told from memory ({@code journal.storage},
 * {@code "seq":null,"fromMemory":true}), and told again when it can; the records that waited in memory are
 * published once durable, in order, none lost. On the embedded broker, the controller on the virtual rig.
 */
class StorageEventsOverMqttTest {
    @TempDir
    Path dir;

    private static void seenWithin(TestClient c, java.util.function.Predicate<TestClient.Msg> which, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (c.all) {
                if (c.all.stream().anyMatch(which)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within 5 s");
    }

    @Test
    void aFullDiskIsToldFromMemoryAndTheQueuedRecordsFollowOnceWritten() throws Exception {
        int port = MqttInterfaceTest.freePort();
        Topics topics = new Topics(MqttInterfaceTest.ROOT);
        TestJournals.OnDisk onDisk = TestJournals.open(dir.resolve("journal"));
        Journal journal = onDisk.journal();
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port, dir.resolve("broker"));
                LiveRig rig = new LiveRig(dir.resolve("rig"))) {
            MqttInterface mqtt = new MqttInterface(MqttInterfaceTest.config(port), MqttInterfaceTest.PANELS, rig.h.model,
                    RigPort.of(rig.h.controller), journal, journal::append, Optional.empty(), Optional.empty(),
                    rig::nowNanos, rig.nowNanos(), "test");
            TestClient studio = new TestClient(broker.uri(), "studio-system", topics.events());
            try {
                mqtt.start();
                long before = journal.append("fault", "{\"rule\":\"SR-1\",\"i\":0}");
                studio.await(m -> m.payload().contains("\"seq\":" + before + ","), 5_000, "a record while healthy");

                onDisk.disk().freeBytes(0);
                long queued = journal.append("fault", "{\"rule\":\"SR-1\",\"i\":1}");
                TestClient.Msg told = studio.await(m -> m.payload().contains("\"fromMemory\":true")
                        && m.payload().contains("\"healthy\":false"), 5_000, "the full disk told from memory");
                JsonNode e = told.json();
                assertTrue(e.get("seq").isNull(), told.payload());
                assertEquals(StorageEvents.KIND, e.get("kind").asText());
                assertTrue(e.at("/body/problem").asText().contains("No space left on device"), told.payload());
                assertTrue(e.at("/body/durableSeq").asLong() < queued, told.payload());
                Thread.sleep(300);
                assertTrue(studio.all.stream().noneMatch(m -> m.payload().contains("\"seq\":" + queued + ",")),
                        "a record that is not durable is never published");

                onDisk.disk().freeBytes(64L << 20);
                seenWithin(studio, m -> m.payload().contains("\"fromMemory\":true")
                        && m.payload().contains("\"healthy\":true"), "healthy again, told");
                seenWithin(studio, m -> m.payload().contains("\"seq\":" + queued + ","), "the queued record, once written");
                List<TestClient.Msg> seen;
                synchronized (studio.all) {
                    seen = List.copyOf(studio.all);
                }
                for (TestClient.Msg m : seen) {
                    MqttSchemas.assertValidOnTopic(MqttInterfaceTest.ROOT, m.topic(),
                            m.payload().getBytes(StandardCharsets.UTF_8));
                }
            } finally {
                studio.close();
                mqtt.close();
                journal.close();
            }
        }
    }
}
