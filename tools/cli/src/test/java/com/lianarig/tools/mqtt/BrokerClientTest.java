package com.lianarig.tools.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerClientTest {
    @TempDir
    Path dir;

    @Test
    void aRefusedConnectionToTheDemoBrokerSuggestsStartingTheDemo() {
        MqttException refused = new MqttException(MqttException.REASON_CODE_SERVER_CONNECT_ERROR,
                new ConnectException("Connection refused"));
        assertEquals("cannot reach the broker at tcp://127.0.0.1:1883 (connection refused). Is `./rig demo` running?",
                BrokerClient.unreachable(BrokerOptions.DEFAULT_BROKER, refused));
        assertEquals("cannot reach the broker at tcp://127.0.0.1:1999 (connection refused). Is the broker running, and is"
                + " --broker right?", BrokerClient.unreachable("tcp://127.0.0.1:1999", refused));
    }

    @Test
    void aRefusedLoginNamesTheOptionsToCheck() {
        String text = BrokerClient.unreachable("tcp://127.0.0.1:1883",
                new MqttException(MqttException.REASON_CODE_FAILED_AUTHENTICATION));
        assertEquals("cannot reach the broker at tcp://127.0.0.1:1883 (bad user name or password). Check --username and"
                + " --password-file.", text);
    }

    @Test
    void nothingListeningGivesTheClearMessage() throws Exception {
        int port = TestBroker.freePort();
        BrokerException e = assertThrows(BrokerException.class, () -> BrokerClient.connect(
                new BrokerOptions("tcp://127.0.0.1:" + port, null, null, null), "test"));
        assertEquals("cannot reach the broker at tcp://127.0.0.1:" + port + " (connection refused). Is the broker running,"
                + " and is --broker right?", e.getMessage());
    }

    @Test
    void badOptionsAreNamed() throws Exception {
        BrokerException uri = assertThrows(BrokerException.class,
                () -> BrokerClient.connect(new BrokerOptions("127.0.0.1:1883", null, null, null), "test"));
        assertTrue(uri.getMessage().startsWith("--broker must look like tcp://HOST:PORT"), uri.getMessage());
        Path empty = Files.createFile(dir.resolve("password"));
        BrokerException password = assertThrows(BrokerException.class,
                () -> BrokerClient.connect(new BrokerOptions("tcp://127.0.0.1:1883", "u", empty, null), "test"));
        assertTrue(password.getMessage().contains("is empty"), password.getMessage());
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        BrokerException ca = assertThrows(BrokerException.class,
                () -> BrokerClient.connect(new BrokerOptions("ssl://127.0.0.1:8883", null, null, notPem), "test"));
        assertTrue(ca.getMessage().startsWith("--ca-file " + notPem), ca.getMessage());
        BrokerException caOnTcp = assertThrows(BrokerException.class,
                () -> BrokerClient.connect(new BrokerOptions("tcp://127.0.0.1:1883", null, null, notPem), "test"));
        assertTrue(caOnTcp.getMessage().startsWith("--ca-file is for ssl:// brokers"), caOnTcp.getMessage());
    }

    /**
     * rig panel and rig monitor (both on BrokerClient) are back within 2 s of the broker's return, with
     * their subscriptions: Paho's own back-off doubles up to 128 s, so after the broker had been away
     * for 7 s its next attempt came up to 8 s later.
     */
    @Test
    void reconnectsWithin2SecondsOfTheBrokersReturnAndSubscribesAgain() throws Exception {
        TestBroker first = TestBroker.start(dir.resolve("broker-1"));
        int port = first.port();
        java.util.concurrent.BlockingQueue<Boolean> connection = new java.util.concurrent.LinkedBlockingQueue<>();
        java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        try (BrokerClient client = BrokerClient.connect(new BrokerOptions(first.uri(), null, null, null), "test")) {
            client.onConnection(connection::add);
            client.onMessage(m -> received.add(new String(m.payload(), java.nio.charset.StandardCharsets.UTF_8)));
            assertTrue(client.subscribe("liana/v1/test/#", 1));

            first.close();
            Boolean lost = connection.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            while (Boolean.TRUE.equals(lost)) { // the first connect's own callback may come late
                lost = connection.poll(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertEquals(Boolean.FALSE, lost, "the loss is seen");
            Thread.sleep(7_000); // away long enough for a doubling back-off to reach 8 s
            try (TestBroker again = TestBroker.startOn(dir.resolve("broker-2"), port)) {
                long back = System.nanoTime();
                Boolean up = connection.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                double seconds = (System.nanoTime() - back) / 1e9;

                assertEquals(Boolean.TRUE, up);
                assertTrue(seconds <= 2.0, "reconnected " + seconds + " s after the broker came back");
                BrokerClient publisher = BrokerClient.connect(new BrokerOptions(again.uri(), null, null, null), "pub");
                try (publisher) {
                    long deadline = System.nanoTime() + 3_000_000_000L;
                    String got = null;
                    while (got == null && System.nanoTime() < deadline) {
                        publisher.publish("liana/v1/test/state", "after".getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, false);
                        got = received.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                    }
                    assertEquals("after", got, "subscribed again after the reconnect");
                }
            }
        }
    }
}
