package com.lianarig.controller.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.mqtt.EmbeddedBroker;
import com.lianarig.controller.mqtt.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker with the web panel (SPEC 6a), over its WebSocket listener and its TCP one: a
 * paired device logs in with its own secret and may publish only its own command topic; nobody else
 * may publish as it, or publish the rig's own topics; a revoked device is out.
 */
class PanelBrokerAccessTest {
    static final String ROOT = "liana/v1/test/rig-1";
    static final char[] SERVICE_PASSWORD = "service-secret-for-this-run".toCharArray();

    @TempDir
    Path data;
    private EmbeddedBroker broker;
    private PairingStore pairing;
    private PairingStore.Paired phone;
    private String tcp;
    private String ws;
    private final Topics topics = new Topics(ROOT);

    @BeforeEach
    void start() throws Exception {
        pairing = new PairingStore(data, Set.of(), Clock.systemUTC(), System::nanoTime);
        phone = pairing.redeem(pairing.newCode(PanelRole.TRAINER, Optional.empty(), "test",
                PairingStore.DEFAULT_CODE_LIFETIME).code(), "phone");
        int port = freePort();
        int wsPort = freePort();
        broker = EmbeddedBroker.start("127.0.0.1", port, data.resolve("broker"),
                Optional.of(new EmbeddedBroker.WebSocketListener(wsPort, Optional.empty())),
                new PanelBrokerAccess(topics, pairing, SERVICE_PASSWORD));
        tcp = "tcp://127.0.0.1:" + port;
        ws = "ws://127.0.0.1:" + wsPort + EmbeddedBroker.WEB_SOCKET_PATH;
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static MqttClient connect(String uri, String clientId, String user, String password) throws MqttException {
        MqttClient c = new MqttClient(uri, clientId, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setConnectionTimeout(5);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        c.connect(o);
        return c;
    }

    /** The rig's own connection: it reads every command topic. */
    private LinkedBlockingQueue<String> rigHears() throws Exception {
        MqttClient rig = connect(tcp, "rig", PanelBrokerAccess.SERVICE_USER, new String(SERVICE_PASSWORD));
        LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
        rig.subscribe(ROOT + "/#", 0, (topic, m) -> heard.add(topic + " " + new String(m.getPayload(),
                StandardCharsets.UTF_8)));
        return heard;
    }

    @Test
    void aPairedDeviceOverWebSocketsPublishesOnlyItsOwnCommandTopic() throws Exception {
        LinkedBlockingQueue<String> heard = rigHears();
        String id = phone.panel().id();
        MqttClient device = connect(ws, id + "-tab1", id, phone.secret());
        device.publish(topics.command(id), "mine".getBytes(StandardCharsets.UTF_8), 0, false);
        device.publish(topics.command("trainer-tablet"), "as another panel".getBytes(StandardCharsets.UTF_8), 0, false);
        device.publish(topics.state(), "a spoofed state".getBytes(StandardCharsets.UTF_8), 0, false);
        assertEquals(topics.command(id) + " mine", heard.poll(5, TimeUnit.SECONDS));
        assertNull(heard.poll(500, TimeUnit.MILLISECONDS), "only its own command topic");
        device.disconnect();
    }

    @Test
    void aPairedDeviceMaySubscribeOnlyToWhatAPanelReads() throws Exception {
        String id = phone.panel().id();
        MqttClient device = connect(ws, id + "-tab1", id, phone.secret());
        assertEquals(0, subscribe(device, topics.state()));
        assertEquals(0, subscribe(device, topics.reply(id)));
        assertEquals(0x80, subscribe(device, ROOT + "/#"));
        assertEquals(0x80, subscribe(device, topics.reply("trainer-tablet")));
        assertEquals(0x80, subscribe(device, topics.command("trainer-tablet")));
        device.disconnect();
    }

    private static int subscribe(MqttClient c, String filter) throws MqttException {
        return c.subscribeWithResponse(filter, 0).getGrantedQos()[0];
    }

    @Test
    void nobodyElseLogsInAsThePhoneOrPublishesForIt() throws Exception {
        LinkedBlockingQueue<String> heard = rigHears();
        String id = phone.panel().id();
        assertThrows(MqttException.class, () -> connect(ws, id + "-x", id, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertThrows(MqttException.class, () -> connect(ws, "borrowed-client-id", id, phone.secret()),
                "its client id must start with its panel id");
        assertThrows(MqttException.class, () -> connect(ws, "someone", "someone", "anything"));

        MqttClient anonymous = connect(tcp, "studio-tool", null, null);
        anonymous.publish(topics.command(id), "as the phone".getBytes(StandardCharsets.UTF_8), 0, false);
        anonymous.publish(topics.state(), "a spoofed state".getBytes(StandardCharsets.UTF_8), 0, false);
        anonymous.publish(topics.command("trainer-tablet"), "a rig-file panel".getBytes(StandardCharsets.UTF_8), 0,
                false);
        assertEquals(topics.command("trainer-tablet") + " a rig-file panel", heard.poll(5, TimeUnit.SECONDS),
                "the rig file's panels stay as they are");
        assertNull(heard.poll(500, TimeUnit.MILLISECONDS));
        anonymous.disconnect();
    }

    @Test
    void aRevokedDeviceIsDisconnectedAndCannotComeBack() throws Exception {
        LinkedBlockingQueue<String> heard = rigHears();
        String id = phone.panel().id();
        MqttClient device = connect(ws, id + "-tab1", id, phone.secret());
        assertTrue(pairing.revoke(id));
        assertEquals(1, broker.disconnectUser(id));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (device.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(device.isConnected());
        assertThrows(MqttException.class, () -> connect(ws, id + "-tab2", id, phone.secret()));
        assertNull(heard.poll(300, TimeUnit.MILLISECONDS));
        device.close();
    }
}
