package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.lianarig.config.rig.BrokerMode;
import com.lianarig.config.rig.JournalConfig;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.config.rig.PanelConfig;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.journal.Journal;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT interface on the embedded broker, in front of the whole controller on the virtual rig
 * (SPEC section 6): birth, retained state and telemetry with their counters; commands with a reply
 * each; freshness; unconfigured panels ignored; a panel's hold-to-run jog moving the rig and
 * stopping when its enable stops; the journal published as events.
 */
class MqttInterfaceTest {
    static final String ROOT = "liana/v1/test-studio/rig-1";
    static final List<PanelConfig> PANELS = List.of(new PanelConfig("trainer-tablet", PanelRole.TRAINER),
            new PanelConfig("tech-laptop", PanelRole.TECHNICIAN));

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private LiveRig rig;
    private Journal journal;
    private MqttInterface mqtt;
    private TestClient watcher;
    private final AtomicLong counter = new AtomicLong();
    private final Topics topics = new Topics(ROOT);

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static MqttConfig config(int port) {
        return new MqttConfig(BrokerMode.EMBEDDED, "127.0.0.1", port, Optional.empty(), Optional.empty(), Optional.empty(),
                ROOT, 20, "rig-under-test");
    }

    @BeforeEach
    void start() throws Exception {
        int port = freePort();
        broker = EmbeddedBroker.start("127.0.0.1", port, dir.resolve("broker"));
        rig = new LiveRig(dir.resolve("rig"));
        journal = Journal.open(new JournalConfig(dir.resolve("journal/journal.bin"), 1 << 20), System::currentTimeMillis,
                System::nanoTime);
        mqtt = new MqttInterface(config(port), PANELS, rig.h.model, RigPort.of(rig.h.controller), journal,
                journal::append, Optional.empty(), Optional.empty(), rig::nowNanos, rig.nowNanos(), "test");
        mqtt.diagnostics(rig.h.io::linkDiagnostics);
        watcher = new TestClient(broker.uri(), "watcher", ROOT + "/#");
        mqtt.start();
    }

    /** Every payload the interface published in the test matches its schema (docs/mqtt/asyncapi.yaml). */
    @AfterEach
    void stop() throws Exception {
        List<TestClient.Msg> seen;
        synchronized (watcher.all) {
            seen = List.copyOf(watcher.all);
        }
        watcher.close();
        int published = 0;
        for (TestClient.Msg m : seen) {
            if (!m.topic().startsWith(ROOT + "/cmd/")) {
                MqttSchemas.assertValidOnTopic(ROOT, m.topic(), m.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                published++;
            }
        }
        assertTrue(published > 0, "the interface published nothing");
        mqtt.close();
        journal.close();
        rig.close();
        broker.close();
    }

    private String cmd(String body) {
        return "{\"session\":" + mqtt.session() + ",\"counter\":" + counter.incrementAndGet() + "," + body + "}";
    }

    private JsonNode send(String panel, String body) throws Exception {
        return watcher.command(topics, panel, mqtt.session(), counter, body);
    }

    private long latestClockMs() throws InterruptedException {
        return watcher.latestClockMs(topics);
    }

    @Test
    void birthRetainedStateAndTelemetryCarryTheSessionAndTheirCounters() throws Exception {
        JsonNode birth = watcher.awaitTopic(topics.status(), 5_000).json();
        assertEquals("online", birth.get("status").asText());
        assertEquals(journal.session(), birth.get("session").asInt());
        JsonNode state = watcher.awaitTopic(topics.state(), 2_000).json();
        assertEquals("HOLDING", state.get("mode").asText());
        assertEquals(journal.session(), state.get("session").asInt());
        long seq = -1;
        for (int i = 0; i < 10; i++) {
            JsonNode t = watcher.awaitTopic(topics.telemetry(), 1_000).json();
            if (seq >= 0) {
                assertEquals(seq + 1, t.get("seq").asLong(), "telemetry seq increases by one");
            }
            seq = t.get("seq").asLong();
            assertEquals(4, t.get("ropes").size());
            assertEquals(3, t.get("winches").size());
            assertTrue(t.get("sampleAgeMs").isNumber() && t.get("sampleAgeMs").asDouble() >= 0, t.toString());
        }
        // a late subscriber gets the retained status and state at once (Moquette 0.17 does not set the
        // RETAIN flag on them; the Mosquitto tests check the flag)
        try (TestClient late = new TestClient(broker.uri(), "late", topics.status(), topics.state())) {
            assertEquals("online", late.awaitTopic(topics.status(), 2_000).json().get("status").asText());
            assertEquals("HOLDING", late.awaitTopic(topics.state(), 2_000).json().get("mode").asText());
        }
    }

    /** R/diagnostics: retained at connect, every node with its link state and counters (schema-checked after each test). */
    @Test
    void linkDiagnosticsAreRetainedWithEveryNodesCounters() throws Exception {
        JsonNode d = watcher.awaitTopic(topics.diagnostics(), 5_000).json();
        assertEquals(journal.session(), d.get("session").asInt());
        JsonNode node = d.get("nodes").get(0);
        assertEquals(1, d.get("nodes").size());
        assertEquals("main", node.get("id").asText());
        assertEquals("READY", node.get("link").asText());
        assertEquals(0, node.get("badCrc").asLong());
        assertEquals(0, node.get("reconnects").asLong());
        try (TestClient late = new TestClient(broker.uri(), "late-diagnostics", topics.diagnostics())) {
            assertEquals("main", late.awaitTopic(topics.diagnostics(), 2_000).json().get("nodes").get(0).get("id")
                    .asText(), "retained for a watcher that comes later");
        }
    }

    @Test
    void everyCommandGetsAReplyAndStaleOrReplayedOnesAreRejected() throws Exception {
        watcher.awaitTopic(topics.status(), 5_000);
        JsonNode take = send("trainer-tablet", "\"command\":\"take-control\"");
        assertTrue(take.get("accepted").asBoolean(), take.toString());

        String replay = cmd("\"command\":\"release-control\"");
        watcher.publish(topics.command("trainer-tablet"), replay);
        watcher.publish(topics.command("trainer-tablet"), replay);
        long n = counter.get();
        JsonNode a = watcher.await(m -> m.topic().equals(topics.reply("trainer-tablet"))
                && m.json().path("counter").asLong() == n, 3_000, "first reply").json();
        JsonNode b = watcher.await(m -> m.topic().equals(topics.reply("trainer-tablet"))
                && m.json().path("counter").asLong() == n, 3_000, "second reply").json();
        // the replay's rejection may come first: it needs no control step
        JsonNode accepted = a.get("accepted").asBoolean() ? a : b;
        JsonNode replayed = accepted == a ? b : a;
        assertTrue(accepted.get("accepted").asBoolean(), accepted.toString());
        assertEquals("DUPLICATE", replayed.get("reason").asText(), replayed.toString());

        watcher.publish(topics.command("trainer-tablet"),
                "{\"session\":" + (mqtt.session() + 5) + ",\"counter\":" + counter.incrementAndGet() + ",\"command\":\"reset\"}");
        JsonNode stale = watcher.await(m -> m.topic().equals(topics.reply("trainer-tablet")), 3_000, "reply").json();
        assertEquals("STALE_SESSION", stale.get("reason").asText());

        watcher.publish(topics.command("trainer-tablet"), "{not json");
        JsonNode malformed = watcher.await(m -> m.topic().equals(topics.reply("trainer-tablet")), 3_000, "reply").json();
        assertEquals("MALFORMED", malformed.get("reason").asText());
        assertTrue(malformed.get("counter").isNull());

        assertTrue(send("trainer-tablet", "\"command\":\"take-control\"").get("accepted").asBoolean());
        JsonNode techOnly = send("trainer-tablet", "\"command\":\"reference\",\"group\":\"legs\",\"positionMm\":100");
        assertEquals("TECHNICIAN_ONLY", techOnly.get("reason").asText(), techOnly.toString());
        // SR-24: a technician's panel may take command from a trainer's; the trainer's panel may not take it
        // back, but its STOP is taken
        JsonNode taken = send("tech-laptop", "\"command\":\"take-control\"");
        assertTrue(taken.get("accepted").asBoolean(), taken.toString());
        assertTrue(taken.get("detail").asText().contains("taken from trainer-tablet"), taken.toString());
        JsonNode other = send("trainer-tablet", "\"command\":\"take-control\"");
        assertEquals("CONTROL_HELD", other.get("reason").asText(), other.toString());
        JsonNode stop = send("trainer-tablet", "\"command\":\"stop\"");
        assertTrue(stop.get("accepted").asBoolean(), stop.toString());
        // a technician's panel in command may reference
        double nowMm = rig.locked(() -> rig.h.truePositionMm(0));
        JsonNode reference = send("tech-laptop", "\"command\":\"reference\",\"group\":\"legs\",\"positionMm\":" + nowMm);
        assertTrue(reference.get("accepted").asBoolean(), reference.toString());
    }

    @Test
    void commandsFromPanelsNotInTheRigFileAreIgnoredAndJournalled() throws Exception {
        watcher.awaitTopic(topics.status(), 5_000);
        watcher.publish(topics.command("studio-pc"), cmd("\"command\":\"take-control\""));
        JsonNode event = watcher.await(m -> m.topic().equals(topics.events())
                && m.json().path("kind").asText().equals(BusNoise.JOURNAL_KIND)
                && m.json().path("body").path("noise").asText().equals("ignored"), BusNoise.INTERVAL_S * 1_000 + 3_000,
                "mqtt.noise event for the ignored command").json();
        assertEquals("studio-pc", event.get("body").get("sender").asText());
        assertEquals(1, event.get("body").get("count").asInt());
        assertTrue(watcher.all.stream().noneMatch(m -> m.topic().equals(topics.reply("studio-pc"))),
                "an unconfigured panel gets no reply");
        assertTrue(rig.h.controller.status().controlOwner().isEmpty(), "nobody took control");
    }

    @Test
    void aPanelsHoldToRunJogMovesTheRigAndStopsWhenItsEnableStops() throws Exception {
        watcher.awaitTopic(topics.status(), 5_000);
        HoldToRunJog.run(watcher, topics, "trainer-tablet", mqtt.session(), counter, rig);
    }

    @Test
    void anEnableBasedOnAnOldClockReadingIsRejected() throws Exception {
        watcher.awaitTopic(topics.status(), 5_000);
        send("trainer-tablet", "\"command\":\"take-control\"");
        long old = latestClockMs() - 400;
        JsonNode r = send("trainer-tablet", "\"command\":\"enable\",\"held\":true,\"clockMs\":" + old);
        assertEquals("STALE_ENABLE", r.get("reason").asText(), r.toString());
        assertFalse(rig.h.controller.status().enableLive());
    }

    @Test
    void journalRecordsArePublishedAsEventsInOrder() throws Exception {
        watcher.awaitTopic(topics.status(), 5_000);
        long first = journal.append("test", "{\"n\":0}");
        for (int i = 1; i < 200; i++) {
            journal.append("test", "{\"n\":" + i + "}");
        }
        long expect = first;
        while (expect < first + 200) {
            JsonNode e = watcher.await(m -> m.topic().equals(topics.events()) && m.json().path("kind").asText().equals("test"),
                    5_000, "event " + expect).json();
            assertEquals(expect, e.get("seq").asLong());
            assertEquals(expect - first, e.get("body").get("n").asLong());
            expect++;
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (journal.firstUndelivered() <= first + 199 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(journal.firstUndelivered() > first + 199, "the broker's acknowledgements moved the delivered cursor");
    }
}
