package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.mqtt.testing.MosquittoBroker;
import com.lianarig.controller.mqtt.testing.MqttTestClient;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;

/** The fixture itself: a broker outage (stop, restart on the same port) that Paho rides out; persistence. */
class MosquittoBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aStoppedBrokerRestartsOnTheSamePortAndPahoReconnectsByItself() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.plain().build().start()) {
            int port = broker.port();
            MqttConnectOptions o = broker.connectOptions("watcher");
            o.setAutomaticReconnect(true);
            try (MqttTestClient client = MqttTestClient.connect(broker, "watcher", o)) {
                broker.stop();
                assertFalse(broker.isRunning());
                waitUntil(() -> !client.isConnected(), "the client sees the broker go");

                broker.restart();
                assertEquals(port, broker.port());
                waitUntil(() -> client.isConnected() && client.connects() == 2, "the client reconnects");
                client.subscribe("t", 1);
                client.publish("t", "after the outage", 1, false);
                assertEquals("after the outage", client.next(WAIT).payload());
            }
            assertTrue(broker.log().contains("running"), broker.log());
        }
    }

    @Test
    void thePlainBrokerForgetsRetainedMessagesOnRestartTheExampleConfigKeepsThem() throws Exception {
        try (MosquittoBroker plain = MosquittoBroker.plain().build().start();
                MosquittoBroker secured = MosquittoBroker.secured().build().start()) {
            for (MosquittoBroker broker : new MosquittoBroker[] {plain, secured}) {
                try (MqttTestClient rig = MqttTestClient.connect(broker, MosquittoBroker.RIG_USER)) {
                    rig.publish(MosquittoBroker.TOPIC_ROOT + "/state", "{\"seq\":1}", 1, true);
                }
                broker.restart();
            }
            try (MqttTestClient watcher = MqttTestClient.connect(plain, "watcher")) {
                watcher.subscribe(MosquittoBroker.TOPIC_ROOT + "/state", 1);
                // A retained message would come with the SUBACK, before this marker.
                watcher.subscribe("marker", 1);
                watcher.publish("marker", "after the subscription", 1, false);
                assertEquals("marker", watcher.next(WAIT).topic(), "no persistence: nothing retained");
            }
            try (MqttTestClient studio = MqttTestClient.connect(secured, MosquittoBroker.STUDIO_USER)) {
                studio.subscribe(MosquittoBroker.TOPIC_ROOT + "/state", 1);
                assertEquals("{\"seq\":1}", studio.next(WAIT).payload(), "persistence true: retained state kept");
            }
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + WAIT);
            }
            Thread.sleep(20);
        }
    }
}
