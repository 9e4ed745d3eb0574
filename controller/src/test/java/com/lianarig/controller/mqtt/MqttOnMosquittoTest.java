package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.lianarig.config.rig.JournalConfig;
import com.lianarig.config.rig.PanelConfig;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.mqtt.testing.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MQTT interface against a real Mosquitto with the repo's example security (TLS with
 * certificates made at test time, passwords, config/examples/mosquitto/acl), in front of the whole
 * controller on the virtual rig: a panel's hold-to-run jog over TLS moves the rig and stops when its
 * enable stops; a studio user's forged command is refused by the broker; a replayed command is
 * rejected by the controller; and R-4: a broker restart mid-session and a service restart lose no
 * event and keep them in order, while control carries on.
 */
class MqttOnMosquittoTest {
    @RegisterExtension
    static final MosquittoBroker BROKER = MosquittoBroker.secured().build();

    static final String ROOT = MosquittoBroker.TOPIC_ROOT;
    static final String PANEL = MosquittoBroker.TRAINER_PANEL;

    @TempDir
    Path dir;

    private final Topics topics = new Topics(ROOT);
    private final AtomicLong counter = new AtomicLong();
    private LiveRig rig;
    private Journal journal;
    private MqttInterface mqtt;
    private TestClient panel;

    @BeforeEach
    void start() throws Exception {
        rig = new LiveRig(dir.resolve("rig"));
        journal = openJournal();
        mqtt = startInterface(journal);
        panel = new TestClient(BROKER.uri(), "panel-under-test", BROKER.connectOptions(PANEL), topics.status(),
                topics.state(), topics.telemetry(), topics.events(), topics.reply(PANEL));
        JsonNode birth = panel.await(m -> m.topic().equals(topics.status())
                && m.json().get("status").asText().equals("online"), 10_000, "birth").json();
        assertEquals(journal.session(), birth.get("session").asInt());
    }

    private Journal openJournal() throws Exception {
        return Journal.open(new JournalConfig(dir.resolve("journal/journal.bin"), 1 << 20), System::currentTimeMillis,
                System::nanoTime);
    }

    private MqttInterface startInterface(Journal j) throws Exception {
        return startInterface(j, MqttInterfaceTest.PANELS);
    }

    private MqttInterface startInterface(Journal j, List<PanelConfig> panels) throws Exception {
        MqttInterface m = new MqttInterface(BROKER.mqttConfig(MosquittoBroker.RIG_USER), panels,
                rig.h.model, RigPort.of(rig.h.controller), j, j::append,
                Optional.of(BROKER.password(MosquittoBroker.RIG_USER).toCharArray()),
                Optional.of(Tls.socketFactory(BROKER.tlsConfig())), rig::nowNanos, rig.nowNanos(), "test");
        m.start();
        return m;
    }

    /** Every payload the rig published to the panel in the test matches its schema. */
    @AfterEach
    void stop() throws Exception {
        List<TestClient.Msg> seen;
        synchronized (panel.all) {
            seen = List.copyOf(panel.all);
        }
        for (TestClient.Msg m : seen) {
            MqttSchemas.assertValidOnTopic(ROOT, m.topic(), m.payload().getBytes(StandardCharsets.UTF_8));
        }
        panel.close();
        mqtt.close();
        journal.close();
        rig.close();
    }

    private JsonNode send(String body) throws Exception {
        return panel.command(topics, PANEL, mqtt.session(), counter, body);
    }

    @Test
    void aPanelsHoldToRunJogOverTlsMovesTheRigAndStopsWhenItsEnableStops() throws Exception {
        HoldToRunJog.run(panel, topics, PANEL, mqtt.session(), counter, rig);
    }

    @Test
    void aStudioUsersForgedCommandIsRefusedByTheBroker() throws Exception {
        try (TestClient studio = new TestClient(BROKER.uri(), "studio-system", BROKER.connectOptions(
                MosquittoBroker.STUDIO_USER), topics.state())) {
            // the studio may read the rig...
            assertEquals("HOLDING", studio.awaitTopic(topics.state(), 5_000).json().get("mode").asText());
            // ...but its command, even on a panel's topic with a good session and counter, never arrives
            studio.client.publish(topics.command(PANEL), ("{\"session\":" + mqtt.session()
                    + ",\"counter\":1000,\"command\":\"take-control\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        }
        // the panel's own command (counter 1, below the forgery's 1000) is taken: the forgery never counted
        JsonNode own = send("\"command\":\"release-control\"");
        assertEquals("NOT_IN_COMMAND", own.get("reason").asText(), own.toString());
        assertTrue(rig.h.controller.status().controlOwner().isEmpty(), "nobody is in command");
        assertTrue(panel.all.stream().noneMatch(m -> m.topic().equals(topics.reply(PANEL))
                && m.json().path("counter").asLong() == 1000), "no reply to the forgery");
    }

    @Test
    void aReplayedCommandIsRejected() throws Exception {
        String take = "{\"session\":" + mqtt.session() + ",\"counter\":" + counter.incrementAndGet()
                + ",\"command\":\"take-control\"}";
        panel.publish(topics.command(PANEL), take);
        JsonNode first = panel.await(m -> m.topic().equals(topics.reply(PANEL)), 5_000, "reply").json();
        assertTrue(first.get("accepted").asBoolean(), first.toString());
        assertTrue(send("\"command\":\"release-control\"").get("accepted").asBoolean());
        panel.publish(topics.command(PANEL), take); // an eavesdropper replays the captured take-control
        JsonNode replay = panel.await(m -> m.topic().equals(topics.reply(PANEL)), 5_000, "reply").json();
        assertEquals("DUPLICATE", replay.get("reason").asText(), replay.toString());
        assertTrue(rig.h.controller.status().controlOwner().isEmpty(), "the replay did not take control");
    }

    @Test
    void aPanelTheRigFileDoesNotNameIsIgnored() throws Exception {
        // tech-laptop may publish its command topic (the broker's ACL allows it), but this rig's file
        // names only trainer-tablet
        mqtt.close();
        mqtt = startInterface(journal, List.of(new PanelConfig(PANEL, PanelRole.TRAINER)));
        panel.await(m -> m.topic().equals(topics.status()) && m.json().get("status").asText().equals("online"), 10_000,
                "birth");
        try (TestClient tech = new TestClient(BROKER.uri(), "tech-under-test",
                BROKER.connectOptions(MosquittoBroker.TECHNICIAN_PANEL), topics.reply(MosquittoBroker.TECHNICIAN_PANEL))) {
            tech.publish(topics.command(MosquittoBroker.TECHNICIAN_PANEL), "{\"session\":" + mqtt.session()
                    + ",\"counter\":1,\"command\":\"take-control\"}");
            JsonNode ignored = panel.await(m -> m.topic().equals(topics.events())
                    && m.json().get("kind").asText().equals(BusNoise.JOURNAL_KIND)
                    && m.json().path("body").path("noise").asText().equals("ignored"),
                    BusNoise.INTERVAL_S * 1_000 + 5_000, "mqtt.noise event for the ignored command").json();
            assertEquals(MosquittoBroker.TECHNICIAN_PANEL, ignored.get("body").get("sender").asText());
            assertTrue(tech.all.isEmpty(), "no reply to a panel the rig does not know");
        }
        assertTrue(rig.h.controller.status().controlOwner().isEmpty(), "nobody took control");
    }

    /** A studio system with a persistent session (QoS 1), as a logger of events would run. */
    private TestClient persistentWatcher() throws Exception {
        MqttConnectOptions o = BROKER.connectOptions(MosquittoBroker.STUDIO_USER);
        o.setCleanSession(false);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(500);
        return new TestClient(BROKER.uri(), "studio-logger", o, topics.events(), topics.state());
    }

    /** The events of kind "r4" in {@code seen}, by their body's n, checking order and that duplicates are exact. */
    private static List<Long> r4Numbers(List<TestClient.Msg> seen) {
        return seen.stream().filter(m -> m.topic().endsWith("/events") && m.json().get("kind").asText().equals("r4"))
                .map(m -> m.json().get("body").get("n").asLong()).toList();
    }

    private static void assertAllInOrder(List<Long> got, int expected) {
        long next = 0;
        for (long n : got) {
            assertTrue(n <= next, "event " + n + " arrived before event " + next + ": " + got);
            if (n == next) {
                next++;
            }
        }
        assertEquals(expected, next, "every event arrived, in order (a repeat after a reconnect is allowed): " + got);
    }

    private void awaitEvents(TestClient c, int expected, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            List<Long> got;
            synchronized (c.all) {
                got = r4Numbers(List.copyOf(c.all));
            }
            if (got.contains((long) expected - 1)) {
                return;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void r4BrokerRestartMidSessionLosesNoEventAndControlCarriesOn() throws Exception {
        try (TestClient logger = persistentWatcher()) {
            assertTrue(send("\"command\":\"take-control\"").get("accepted").asBoolean());
            for (int i = 0; i < 50; i++) {
                journal.append("r4", "{\"n\":" + i + "}");
            }
            long stateSeqBefore = panel.awaitTopic(topics.state(), 3_000).json().get("seq").asLong();
            BROKER.stop();
            long rigClockAtStop = rig.nowNanos();
            for (int i = 50; i < 150; i++) {
                journal.append("r4", "{\"n\":" + i + "}");
                if (i % 10 == 0) {
                    Thread.sleep(50);
                }
            }
            Thread.sleep(1_000);
            // control carried on: the loop kept stepping, the rig still holds, still with the panel in command
            assertTrue(rig.nowNanos() - rigClockAtStop > 500_000_000L, "the control loop ran during the outage");
            assertEquals("HOLDING", rig.h.controller.status().mode().name());
            assertEquals(Optional.of(PANEL), rig.h.controller.status().controlOwner());
            BROKER.start();
            for (int i = 150; i < 200; i++) {
                journal.append("r4", "{\"n\":" + i + "}");
            }
            awaitEvents(logger, 200, 20_000);
            List<Long> got;
            synchronized (logger.all) {
                got = r4Numbers(List.copyOf(logger.all));
            }
            assertAllInOrder(got, 200);
            // the state was published again after the reconnect
            JsonNode state = logger.await(m -> m.topic().equals(topics.state())
                    && m.json().get("seq").asLong() > stateSeqBefore, 5_000, "a state after the outage").json();
            assertEquals(mqtt.session(), state.get("session").asLong());
        }
    }

    @Test
    void r4AServiceRestartPublishesWhatTheBrokerNeverAcknowledgedInOrder() throws Exception {
        try (TestClient logger = persistentWatcher()) {
            for (int i = 0; i < 30; i++) {
                journal.append("r4", "{\"n\":" + i + "}");
            }
            awaitEvents(logger, 30, 10_000);
            BROKER.stop();
            for (int i = 30; i < 80; i++) {
                journal.append("r4", "{\"n\":" + i + "}"); // never reach the broker before the restart
            }
            journal.flush(java.time.Duration.ofSeconds(5));
            long oldSession = mqtt.session();
            mqtt.close();
            journal.close();
            BROKER.start();
            journal = openJournal();
            mqtt = startInterface(journal);
            assertEquals(oldSession + 1, mqtt.session(), "a new session after the restart");
            awaitEvents(logger, 80, 20_000);
            List<Long> got;
            synchronized (logger.all) {
                got = r4Numbers(List.copyOf(logger.all));
            }
            assertAllInOrder(got, 80);
            try (TestClient late = new TestClient(BROKER.uri(), "panel-after-restart", BROKER.connectOptions(PANEL),
                    topics.status())) {
                JsonNode birth = late.await(m -> m.topic().equals(topics.status())
                        && m.json().get("session").asLong() == oldSession + 1, 10_000, "the new session's birth").json();
                assertEquals("online", birth.get("status").asText());
            }
            assertFalse(got.isEmpty());
        }
    }
}
