package com.lianarig.controller.mqtt;

import static com.lianarig.controller.mqtt.testing.MosquittoBroker.RIG_USER;
import static com.lianarig.controller.mqtt.testing.MosquittoBroker.STUDIO_USER;
import static com.lianarig.controller.mqtt.testing.MosquittoBroker.TECHNICIAN_PANEL;
import static com.lianarig.controller.mqtt.testing.MosquittoBroker.TOPIC_ROOT;
import static com.lianarig.controller.mqtt.testing.MosquittoBroker.TRAINER_PANEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.mqtt.testing.MosquittoBroker;
import com.lianarig.controller.mqtt.testing.MqttTestClient;
import com.lianarig.controller.mqtt.testing.MqttTestClient.Received;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The repo's example ACL file (config/examples/mosquitto/acl) in a real Mosquitto run from the
 * example config: only a panel's own user publishes its command topic, studio systems only read
 * (SPEC section 6, security).
 *
 * <p>Mosquitto drops an unauthorised publish silently under MQTT 3.1.1 (it even acknowledges it). So
 * each refusal is shown by order, not by waiting: the refused message is published at QoS 1 and
 * acknowledged (the broker has routed it, to nobody), then an allowed marker is published to a topic
 * the same subscriber reads; the subscriber's first message must be the marker.
 */
class MosquittoAclTest {
    @RegisterExtension
    static final MosquittoBroker BROKER = MosquittoBroker.secured().build();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String R = TOPIC_ROOT + "/";

    @Test
    void theExampleAclIsWrittenForTheExampleRigFilesTopicRoot() throws Exception {
        Path rigFile = MosquittoBroker.exampleFile("acl").resolve("../../rig.yaml").normalize();
        assertTrue(Files.readString(rigFile, StandardCharsets.UTF_8).contains("topicRoot: " + TOPIC_ROOT), rigFile.toString());
        assertEquals(List.of(RIG_USER, TRAINER_PANEL, TECHNICIAN_PANEL, MosquittoWebSocketTest.PAIRED_PANEL, STUDIO_USER),
                BROKER.users());
    }

    @Test
    void aStudioUsersCommandNeverReachesTheRig() throws Exception {
        try (MqttTestClient rig = MqttTestClient.connect(BROKER, RIG_USER);
                MqttTestClient studio = MqttTestClient.connect(BROKER, STUDIO_USER);
                MqttTestClient panel = MqttTestClient.connect(BROKER, TRAINER_PANEL)) {
            assertEquals(1, rig.subscribe(R + "cmd/+", 1));
            // QoS 0 first: the acknowledgements of the QoS 1 publishes after it on the same connection
            // prove the broker has handled it too.
            studio.publish(R + "cmd/" + TRAINER_PANEL, "{\"forged\":\"by studio at QoS 0\"}", 0, false);
            studio.publish(R + "cmd/" + TRAINER_PANEL, "{\"forged\":\"by studio\"}", 1, false);
            studio.publish(R + "cmd/" + STUDIO_USER, "{\"forged\":\"own name\"}", 1, false);
            panel.publish(R + "cmd/" + TRAINER_PANEL, "{\"marker\":true}", 1, false);

            Received first = rig.next(WAIT);
            assertEquals(new Received(R + "cmd/" + TRAINER_PANEL, "{\"marker\":true}", 1, false), first);
            // the client id is the user name (use_username_as_clientid), whatever id the client asked for
            assertTrue(BROKER.log().contains("Denied PUBLISH from " + STUDIO_USER + " ("), "the broker logs the refusal");
        }
    }

    @Test
    void aPanelCannotPublishAnotherPanelsCommandButPublishesItsOwn() throws Exception {
        try (MqttTestClient rig = MqttTestClient.connect(BROKER, RIG_USER);
                MqttTestClient trainer = MqttTestClient.connect(BROKER, TRAINER_PANEL);
                MqttTestClient technician = MqttTestClient.connect(BROKER, TECHNICIAN_PANEL)) {
            rig.subscribe(R + "cmd/+", 1);
            trainer.publish(R + "cmd/" + TECHNICIAN_PANEL, "{\"forged\":\"by trainer\"}", 1, false);
            technician.publish(R + "cmd/" + TRAINER_PANEL, "{\"forged\":\"by technician\"}", 1, false);
            trainer.publish(R + "cmd/" + TRAINER_PANEL, "{\"own\":\"trainer\"}", 0, false);
            technician.publish(R + "cmd/" + TECHNICIAN_PANEL, "{\"own\":\"technician\"}", 0, false);

            List<Received> got = List.of(rig.next(WAIT), rig.next(WAIT));
            assertEquals(List.of(R + "cmd/" + TRAINER_PANEL, R + "cmd/" + TECHNICIAN_PANEL),
                    got.stream().map(Received::topic).toList());
            assertEquals(List.of("{\"own\":\"trainer\"}", "{\"own\":\"technician\"}"),
                    got.stream().map(Received::payload).toList());
        }
    }

    @Test
    void aStudioUserReadsTheRigsRetainedStateButCannotForgeIt() throws Exception {
        try (MqttTestClient rig = MqttTestClient.connect(BROKER, RIG_USER)) {
            rig.publish(R + "state", "{\"mode\":\"READY\"}", 1, true);
        }
        try (MqttTestClient studio = MqttTestClient.connect(BROKER, STUDIO_USER);
                MqttTestClient panel = MqttTestClient.connect(BROKER, TRAINER_PANEL)) {
            assertEquals(1, studio.subscribe("liana/v1/#", 1));
            assertEquals(new Received(R + "state", "{\"mode\":\"READY\"}", 1, true), studio.next(WAIT));

            studio.publish(R + "state", "{\"mode\":\"FORGED\"}", 1, true);
            panel.subscribe(R + "state", 1);
            assertEquals("{\"mode\":\"READY\"}", panel.next(WAIT).payload(), "the retained state is still the rig's");
        }
    }

    @Test
    void aPanelReadsTheRigsTopicsAndOnlyItsOwnReplies() throws Exception {
        try (MqttTestClient rig = MqttTestClient.connect(BROKER, RIG_USER, withLastWill(BROKER.connectOptions(RIG_USER)));
                MqttTestClient trainer = MqttTestClient.connect(BROKER, TRAINER_PANEL)) {
            trainer.subscribe(R + "#", 1);
            rig.publish(R + "reply/" + TECHNICIAN_PANEL, "{\"for\":\"technician\"}", 1, false);
            rig.publish(R + "cmd/" + TECHNICIAN_PANEL, "{\"rig may not command\":true}", 1, false);
            rig.publish(R + "status", "{\"status\":\"online\"}", 1, false);
            rig.publish(R + "telemetry", "{\"seq\":1}", 0, false);
            rig.publish(R + "events", "{\"seq\":7}", 1, false);
            rig.publish(R + "reply/" + TRAINER_PANEL, "{\"for\":\"trainer\"}", 1, false);

            List<Received> got = trainer.until(R + "reply/" + TRAINER_PANEL, WAIT);
            assertEquals(List.of(R + "status", R + "telemetry", R + "events", R + "reply/" + TRAINER_PANEL),
                    got.stream().map(Received::topic).toList());
        }
    }

    /**
     * SPEC section 5 and 6: the session history holds personal data (the trainers' notes), so it is for
     * panels only. The studio user reads liana/v1/#, yet receives nothing under panel/: not on its
     * wildcard subscription, not retained, not on a subscription to the topic itself. The rig's
     * diagnostics, which the ACL once forgot to let the rig publish, reach the studio.
     */
    @Test
    void onlyPanelsReadTheClientsSessionHistoryNeverAStudioSystem() throws Exception {
        String history = R + "panel/history";
        try (MqttTestClient rig = MqttTestClient.connect(BROKER, RIG_USER)) {
            rig.publish(history, "{\"client\":\"c-0042\",\"retained\":true}", 1, true);
        }
        try (MqttTestClient studio = MqttTestClient.connect(BROKER, STUDIO_USER);
                MqttTestClient trainer = MqttTestClient.connect(BROKER, TRAINER_PANEL);
                MqttTestClient technician = MqttTestClient.connect(BROKER, TECHNICIAN_PANEL);
                MqttTestClient rig = MqttTestClient.connect(BROKER, RIG_USER)) {
            studio.subscribe("liana/v1/#", 1);
            studio.subscribe(history, 1); // granted or refused: either way nothing may arrive
            trainer.subscribe(history, 1);
            technician.subscribe(R + "#", 1);
            assertEquals(new Received(history, "{\"client\":\"c-0042\",\"retained\":true}", 1, true), trainer.next(WAIT),
                    "a panel gets the retained history");
            rig.publish(history, "{\"client\":\"c-0042\",\"notes\":[\"pain at L5, stopped\"]}", 1, false);
            rig.publish(R + "diagnostics", "{\"marker\":\"diagnostics\"}", 1, false);
            rig.publish(R + "events", "{\"marker\":true}", 1, false);
            assertEquals(history, trainer.next(WAIT).topic());
            List<String> seenByTechnician = technician.until(R + "events", WAIT).stream().map(Received::topic).toList();
            assertTrue(seenByTechnician.contains(history), "the technician's panel reads it too: " + seenByTechnician);
            List<String> seenByStudio = studio.until(R + "events", WAIT).stream().map(Received::topic).toList();
            assertTrue(seenByStudio.contains(R + "diagnostics"), "the studio reads the rig's diagnostics: " + seenByStudio);
            assertTrue(seenByStudio.stream().noneMatch(t -> t.contains("/panel/")),
                    "the studio gets nothing under panel/, retained or not: " + seenByStudio);
        } finally {
            try (MqttTestClient rig = MqttTestClient.connect(BROKER, RIG_USER)) {
                rig.publish(history, "", 1, true); // no retained history left for the other tests
            }
        }
    }

    @Test
    void aPanelDoesNotSeeOtherPanelsCommands() throws Exception {
        try (MqttTestClient trainer = MqttTestClient.connect(BROKER, TRAINER_PANEL);
                MqttTestClient technician = MqttTestClient.connect(BROKER, TECHNICIAN_PANEL);
                MqttTestClient rig = MqttTestClient.connect(BROKER, RIG_USER)) {
            trainer.subscribe(R + "#", 1);
            technician.publish(R + "cmd/" + TECHNICIAN_PANEL, "{\"command\":\"stop\"}", 1, false);
            rig.publish(R + "events", "{\"marker\":true}", 1, false);
            assertEquals(R + "events", trainer.next(WAIT).topic());
        }
    }

    /**
     * Issue 20: the read-only studio user connected with the rig's own client id, the broker dropped the
     * rig's connection, 60 of 79 commands were lost in 20 s. With use_username_as_clientid a client's id
     * is its user name, so the rig's connection cannot be taken by anyone else's.
     */
    @Test
    void nobodyElseCanTakeTheRigsConnectionWithItsClientId() throws Exception {
        String rigClientId = com.lianarig.config.rig.MqttConfig.defaultClientId(TOPIC_ROOT);
        org.eclipse.paho.client.mqttv3.MqttAsyncClient rig = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(
                BROKER.uri(), rigClientId, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        try {
            rig.connect(BROKER.connectOptions(RIG_USER)).waitForCompletion(5_000);
            for (String user : List.of(STUDIO_USER, TRAINER_PANEL, TECHNICIAN_PANEL)) {
                org.eclipse.paho.client.mqttv3.MqttAsyncClient thief = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(
                        BROKER.uri(), rigClientId, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
                try {
                    thief.connect(BROKER.connectOptions(user)).waitForCompletion(5_000);
                    Thread.sleep(300);
                    assertTrue(rig.isConnected(), user + " connecting with the rig's client id dropped the rig");
                } finally {
                    thief.disconnect().waitForCompletion(2_000);
                    thief.close();
                }
            }
        } finally {
            rig.disconnect().waitForCompletion(2_000);
            rig.close();
        }
    }

    /** The rig connects with its last will on R/status, which the ACL must let it publish. */
    private static MqttConnectOptions withLastWill(MqttConnectOptions o) {
        o.setWill(R + "status", "{\"status\":\"offline\"}".getBytes(StandardCharsets.UTF_8), 1, true);
        return o;
    }
}
