package com.lianarig.controller.mqtt;

import static com.lianarig.controller.mqtt.testing.MosquittoBroker.HOST;
import static com.lianarig.controller.mqtt.testing.MosquittoBroker.RIG_USER;
import static com.lianarig.controller.mqtt.testing.MosquittoBroker.TOPIC_ROOT;
import static com.lianarig.controller.mqtt.testing.MosquittoBroker.TRAINER_PANEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.lianarig.controller.mqtt.testing.MosquittoBroker;
import com.lianarig.controller.mqtt.testing.MqttTestClient;
import com.lianarig.controller.mqtt.testing.MqttTestClient.Received;
import com.lianarig.controller.web.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example Mosquitto config's second listener (config/examples/mosquitto): MQTT over secure
 * WebSockets for the browser panel (SPEC 6a), with the same users and ACLs as the MQTT listener: a
 * paired phone's user publishes its own command topic and no other; a paired phone's password is the
 * hash the rig keeps ($7$), taken by Mosquitto as it is.
 */
class MosquittoWebSocketTest {
    /** The paired device of the example ACL file. */
    static final String PAIRED_PANEL = "web-7kq2xp";
    @RegisterExtension
    static final MosquittoBroker BROKER = MosquittoBroker.secured().build();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String R = TOPIC_ROOT + "/";

    private static MqttClient overWss(String user, String password) throws MqttException {
        MqttClient c = new MqttClient("wss://" + HOST + ":" + BROKER.webSocketPort() + "/mqtt", user + "-browser",
                new MemoryPersistence());
        MqttConnectOptions o = BROKER.connectOptions(user);
        if (password != null) {
            o.setPassword(password.toCharArray());
        }
        c.connect(o);
        return c;
    }

    @Test
    void aPairedPhoneOverWssPublishesItsOwnCommandTopicAndNoOther() throws Exception {
        try (MqttTestClient rig = MqttTestClient.connect(BROKER, RIG_USER)) {
            assertEquals(1, rig.subscribe(R + "cmd/+", 1));
            MqttClient phone = overWss(PAIRED_PANEL, null);
            phone.publish(R + "cmd/" + TRAINER_PANEL, "{\"forged\":true}".getBytes(StandardCharsets.UTF_8), 1, false);
            phone.publish(R + "state", "{\"mode\":\"FORGED\"}".getBytes(StandardCharsets.UTF_8), 1, true);
            phone.publish(R + "cmd/" + PAIRED_PANEL, "{\"mine\":true}".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals(new Received(R + "cmd/" + PAIRED_PANEL, "{\"mine\":true}", 1, false), rig.next(WAIT));
            phone.disconnect();
            phone.close();
        }
    }

    @Test
    void theHashTheRigKeepsIsTheOneMosquittoChecks() throws Exception {
        String secret = "k3Jd8_f0Xq-Zr2vLm9Tn4Bw7Yc1Hs6Pu5Ea0Gi2Ko8";
        Path passwd = BROKER.dir().resolve("passwd");
        List<String> lines = Files.readAllLines(passwd, StandardCharsets.UTF_8).stream()
                .map(l -> l.startsWith(PAIRED_PANEL + ":") ? PAIRED_PANEL + ":"
                        + PasswordHash.hash(secret.getBytes(StandardCharsets.US_ASCII), new SecureRandom()) : l)
                .collect(Collectors.toList());
        Files.write(passwd, lines, StandardCharsets.UTF_8);
        BROKER.restart();
        MqttClient phone = overWss(PAIRED_PANEL, secret);
        phone.disconnect();
        phone.close();
        assertThrows(MqttException.class, () -> overWss(PAIRED_PANEL, "not the secret"));
    }
}
