package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker: one per address, and a lost client's retained will stays retained (SPEC section 6 "offline"). */
class EmbeddedBrokerTest {
    static final String STATUS = "liana/v1/test/rig/status";

    @TempDir
    Path dir;

    private EmbeddedBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start("127.0.0.1", MqttInterfaceTest.freePort(), dir.resolve("broker"));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** Connects by hand with a retained will, publishes nothing, and drops the TCP connection without DISCONNECT. */
    private void connectWithWillAndVanish(String clientId, String will) throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) 0x2E, 0, 60}); // will, QoS 1, retain, clean
        for (String s : new String[] {clientId, STATUS, will}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            body.write(b.length >> 8);
            body.write(b.length & 0xFF);
            body.write(b);
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), broker.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(0x10);
            out.write(body.size()); // < 128
            body.writeTo(out);
            out.flush();
            int connack = socket.getInputStream().read();
            assertEquals(0x20, connack, "CONNACK");
            Thread.sleep(100);
        } // closed without DISCONNECT: the connection is lost
    }

    private String retainedStatus() throws Exception {
        MqttClient c = new MqttClient(broker.uri(), "late-watcher", new MemoryPersistence());
        java.util.concurrent.LinkedBlockingQueue<String> got = new java.util.concurrent.LinkedBlockingQueue<>();
        c.connect(new MqttConnectOptions());
        c.subscribe(STATUS, 1, (t, m) -> got.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        String s = got.poll(3, java.util.concurrent.TimeUnit.SECONDS);
        c.disconnect();
        c.close();
        return s;
    }

    @Test
    void aLostClientsRetainedWillBecomesTheRetainedMessage() throws Exception {
        MqttClient rig = new MqttClient(broker.uri(), "publisher", new MemoryPersistence());
        rig.connect();
        rig.publish(STATUS, "online".getBytes(StandardCharsets.UTF_8), 1, true);
        rig.disconnect();
        rig.close();
        connectWithWillAndVanish("rig-1", "offline");
        long deadline = System.nanoTime() + 3_000_000_000L;
        String status = retainedStatus();
        while (!"offline".equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = retainedStatus();
        }
        assertEquals("offline", status, "a watcher that comes later sees the rig offline");
    }

    @Test
    void aCleanDisconnectDropsTheWill() throws Exception {
        MqttClient rig = new MqttClient(broker.uri(), "rig-1", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setWill(STATUS, "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        rig.connect(o);
        rig.publish(STATUS, "stopped".getBytes(StandardCharsets.UTF_8), 1, true);
        rig.disconnect();
        rig.close();
        Thread.sleep(300);
        assertEquals("stopped", retainedStatus());
    }

    @Test
    void aSecondBrokerOnTheSameAddressIsRefusedWithTheAddressNamed() {
        IOException e = assertThrows(IOException.class,
                () -> EmbeddedBroker.start("127.0.0.1", broker.port(), dir.resolve("other")));
        assertTrue(e.getMessage().contains("127.0.0.1:" + broker.port()), e.getMessage());
        assertTrue(e.getMessage().contains("mqtt.port"), e.getMessage());
    }

    /**
     * Issue 20: on 0.0.0.0 any phone on the studio Wi-Fi took control under a configured panel's id. The
     * broker has no users, so an address beyond loopback is refused before anything is bound, naming the
     * setting (nothing here binds a non-loopback address: the refusal comes first).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10", "10.1.2.3", "fe80::1"})
    void aHostBeyondLoopbackIsRefusedNamingTheSetting(String host) {
        IOException e = assertThrows(IOException.class,
                () -> EmbeddedBroker.start(host, MqttInterfaceTest.freePort(), dir.resolve("open-broker")));
        assertTrue(e.getMessage().contains("mqtt.host") && e.getMessage().contains("loopback only")
                && e.getMessage().contains("127.0.0.1") && e.getMessage().contains("broker: external"), e.getMessage());
        assertTrue(!dir.resolve("open-broker").toFile().exists(), "refused before anything was made");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"127.0.0.1", "::1", "localhost", "127.0.0.53"})
    void loopbackHostsAreAccepted(String host) throws IOException {
        EmbeddedBroker.requireLoopback(host);
    }

    /**
     * README's watching line, {@code mosquitto_sub -h 127.0.0.1 -t 'liana/v1/#' -v}, as printed (only the
     * port added): the real mosquitto_sub connects with an empty client id, which the broker must accept
     * (MQTT 3.1.1, 3.1.3.1: it assigns one for a clean session).
     */
    @Test
    void mosquittoSubAsPrintedInTheReadmeGetsTheRetainedStatus() throws Exception {
        MqttClient rig = new MqttClient(broker.uri(), "publisher", new MemoryPersistence());
        rig.connect();
        rig.publish(STATUS, "online".getBytes(StandardCharsets.UTF_8), 1, true);
        rig.disconnect();
        rig.close();

        Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()),
                "-t", "liana/v1/#", "-v", "-C", "1", "-W", "10").redirectErrorStream(true).start();
        String output = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(sub.waitFor(15, java.util.concurrent.TimeUnit.SECONDS), "mosquitto_sub did not end");

        assertEquals(0, sub.exitValue(), output);
        assertEquals(STATUS + " online", output.strip());
    }
}
