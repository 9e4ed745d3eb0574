package com.lianarig.controller.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.PanelRole;
import com.lianarig.config.rig.WebConfig;
import com.lianarig.controller.mqtt.EmbeddedBroker;
import com.lianarig.controller.mqtt.LocalLogin;
import com.lianarig.controller.mqtt.Tls;
import com.lianarig.controller.mqtt.Topics;
import com.lianarig.controller.mqtt.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's decision on the embedded broker beyond loopback, on a real broker: with the web panel's
 * wss:// listener and its users it may listen on every interface, and then nothing gets in without a user
 * name; the rig, the paired devices and the tools on the rig's computer (with the service's local
 * login) do. The broker binds the wildcard address; every client here connects on 127.0.0.1 only.
 */
class BrokerBeyondLoopbackTest {
    static final String ROOT = "liana/v1/test/rig-1";
    static final char[] SERVICE_PASSWORD = "service-secret-for-this-run".toCharArray();

    @TempDir
    Path data;
    private final Topics topics = new Topics(ROOT);

    private static MqttClient connect(String uri, String clientId, String user, String password) throws MqttException {
        MqttClient c = new MqttClient(uri, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setConnectionTimeout(5);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        try {
            c.connect(o);
        } catch (MqttException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private KeyManagerFactory rigCertificate() throws Exception {
        TestPki pki = TestPki.create(data.resolve("pki"));
        return Tls.keyManagers(new WebConfig.Certificate(pki.server().certFile(), pki.server().keyFile()), "web.tls");
    }

    @Test
    void onEveryInterfaceWithTheWebPanelsTlsOnlyUsersGetIn() throws Exception {
        PairingStore pairing = new PairingStore(data, Set.of(), Clock.systemUTC(), System::nanoTime);
        PairingStore.Paired phone = pairing.redeem(pairing.newCode(PanelRole.TRAINER, Optional.empty(), "test",
                PairingStore.DEFAULT_CODE_LIFETIME).code(), "phone");
        int port = PanelBrokerAccessTest.freePort();
        LocalLogin local = LocalLogin.random(port);
        try (EmbeddedBroker broker = EmbeddedBroker.start("0.0.0.0", port, data.resolve("broker"),
                Optional.of(new EmbeddedBroker.WebSocketListener(PanelBrokerAccessTest.freePort(),
                        Optional.of(rigCertificate()))),
                new PanelBrokerAccess(topics, pairing, SERVICE_PASSWORD, Optional.of(local)))) {
            assertTrue(broker.anonymousRefused());
            String tcp = "tcp://127.0.0.1:" + port;

            MqttException anonymous = assertThrows(MqttException.class, () -> connect(tcp, "trainer-tablet", null, null),
                    "a rig-file panel's id is no credential beyond loopback");
            assertTrue(anonymous.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                    || anonymous.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED, anonymous.toString());
            assertThrows(MqttException.class, () -> connect(tcp, "tool", LocalLogin.USER, "not-this-runs-password"));
            assertThrows(MqttException.class, () -> connect(tcp, "someone", "someone", "anything"));

            MqttClient rig = connect(tcp, "rig", PanelBrokerAccess.SERVICE_USER, new String(SERVICE_PASSWORD));
            LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
            rig.subscribe(ROOT + "/#", 0, (topic, m) -> heard.add(topic + " " + new String(m.getPayload(),
                    StandardCharsets.UTF_8)));

            // the tools on the rig's computer: what an anonymous client may do on loopback, no more
            MqttClient tool = connect(tcp, "rig-panel-1", LocalLogin.USER, local.password());
            tool.publish(topics.command("trainer-tablet"), "a rig-file panel".getBytes(StandardCharsets.UTF_8), 0, false);
            tool.publish(topics.command(phone.panel().id()), "as the phone".getBytes(StandardCharsets.UTF_8), 0, false);
            tool.publish(topics.state(), "a spoofed state".getBytes(StandardCharsets.UTF_8), 0, false);
            assertEquals(topics.command("trainer-tablet") + " a rig-file panel", heard.poll(5, TimeUnit.SECONDS));
            assertNull(heard.poll(500, TimeUnit.MILLISECONDS), "never as a paired device, never the rig's topics");

            // a paired device logs in with its own secret (over TCP here; its browser uses wss://)
            String id = phone.panel().id();
            MqttClient device = connect(tcp, id + "-tab1", id, phone.secret());
            device.publish(topics.command(id), "mine".getBytes(StandardCharsets.UTF_8), 0, false);
            assertEquals(topics.command(id) + " mine", heard.poll(5, TimeUnit.SECONDS));
            device.disconnect();
            tool.disconnect();
            rig.disconnect();
        }
    }

    @Test
    void aWebSocketListenerWithoutTlsIsNoReasonToLeaveLoopback() throws Exception {
        PairingStore pairing = new PairingStore(data, Set.of(), Clock.systemUTC(), System::nanoTime);
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> EmbeddedBroker.start("0.0.0.0",
                PanelBrokerAccessTest.freePort(), data.resolve("broker"),
                Optional.of(new EmbeddedBroker.WebSocketListener(PanelBrokerAccessTest.freePort(), Optional.empty())),
                new PanelBrokerAccess(topics, pairing, SERVICE_PASSWORD)));
        assertTrue(e.getMessage().contains("mqtt.host") && e.getMessage().contains("web.tls")
                && e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertFalse(Files.exists(data.resolve("broker")), "refused before anything was made");
    }

    /**
     * Moquette keeps no retained will itself; RetainedWills does, as the broker's own publish past the access
     * rules. A will on a topic its client may not publish (the rig's status) must not become the retained
     * status.
     */
    @Test
    void aWillOnATopicItsClientMayNotPublishIsNotKeptAsRetained() throws Exception {
        PairingStore pairing = new PairingStore(data, Set.of(), Clock.systemUTC(), System::nanoTime);
        int port = PanelBrokerAccessTest.freePort();
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port, data.resolve("broker"), Optional.empty(),
                new PanelBrokerAccess(topics, pairing, SERVICE_PASSWORD))) {
            String tcp = "tcp://127.0.0.1:" + port;
            MqttClient rig = connect(tcp, "rig", PanelBrokerAccess.SERVICE_USER, new String(SERVICE_PASSWORD));
            rig.publish(topics.status(), "{\"status\":\"online\"}".getBytes(StandardCharsets.UTF_8), 1, true);

            MqttAsyncClient forger = new MqttAsyncClient(tcp, "forger", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setWill(topics.status(), "{\"status\":\"forged\"}".getBytes(StandardCharsets.UTF_8), 1, true);
            forger.connect(o).waitForCompletion(5000);
            forger.disconnectForcibly(0, 1000, false); // the connection drops: the will fires
            forger.close();
            Thread.sleep(500);

            MqttClient watcher = connect(tcp, "watcher", null, null);
            LinkedBlockingQueue<String> retained = new LinkedBlockingQueue<>();
            watcher.subscribe(topics.status(), 1, (t, m) -> retained.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            assertEquals("{\"status\":\"online\"}", retained.poll(5, TimeUnit.SECONDS), "the rig's own status stays");
            watcher.disconnect();
            rig.disconnect();
        }
    }

    @Test
    void theLocalLoginIsReadableByItsOwnerOnly() throws Exception {
        Path file = LocalLogin.file(data);
        LocalLogin login = LocalLogin.random(1883);
        login.write(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Optional.of(login), LocalLogin.read(file));
        LocalLogin.random(1883).write(file);
        assertFalse(LocalLogin.read(file).equals(Optional.of(login)), "a new password at every start");
        assertEquals(Optional.empty(), LocalLogin.read(data.resolve("none")));
        Files.writeString(file, "user=someone\npassword=x\nport=1\n");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> LocalLogin.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
