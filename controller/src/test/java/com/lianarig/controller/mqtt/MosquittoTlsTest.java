package com.lianarig.controller.mqtt;

import static com.lianarig.controller.mqtt.testing.MosquittoBroker.RIG_USER;
import static com.lianarig.controller.mqtt.testing.MosquittoBroker.STUDIO_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.TlsConfig;
import com.lianarig.controller.mqtt.testing.MosquittoBroker;
import com.lianarig.controller.mqtt.testing.MqttTestClient;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TLS and passwords of the example config against a real Mosquitto, with sockets from {@link Tls}. */
class MosquittoTlsTest {
    @RegisterExtension
    static final MosquittoBroker BROKER = MosquittoBroker.secured().build();

    @Test
    void theRigConnectsOverTlsTrustingTheGeneratedCa() throws Exception {
        try (MqttTestClient rig = MqttTestClient.connect(BROKER, RIG_USER);
                MqttTestClient studio = MqttTestClient.connect(BROKER, STUDIO_USER)) {
            studio.subscribe(MosquittoBroker.TOPIC_ROOT + "/state", 1);
            rig.publish(MosquittoBroker.TOPIC_ROOT + "/state", "{}", 1, false);
            assertEquals("{}", studio.next(Duration.ofSeconds(5)).payload());
        }
    }

    @Test
    void aBrokerCertificateFromAnotherCaIsRefusedInTheHandshake() {
        MqttConnectOptions o = BROKER.connectOptions(RIG_USER,
                Optional.of(new TlsConfig(BROKER.pki().otherCaFile(), Optional.empty(), Optional.empty())));
        MqttException e = assertThrows(MqttException.class, () -> MqttTestClient.connect(BROKER, RIG_USER, o));
        assertInstanceOf(SSLHandshakeException.class, e.getCause(), e::toString);
    }

    @Test
    void aWrongPasswordIsRefused() {
        MqttConnectOptions o = BROKER.connectOptions(RIG_USER);
        o.setPassword("not-the-password".toCharArray());
        assertRefused(o);
    }

    @Test
    void aUserNotInThePasswordFileIsRefused() {
        MqttConnectOptions o = BROKER.connectOptions(RIG_USER);
        o.setUserName("rig-2");
        assertRefused(o);
    }

    @Test
    void anAnonymousClientIsRefused() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setSocketFactory(BROKER.connectOptions(RIG_USER).getSocketFactory());
        assertRefused(o);
    }

    @Test
    void plainMqttOnTheTlsPortDoesNotConnect() {
        MqttConnectOptions o = BROKER.connectOptions(RIG_USER);
        o.setSocketFactory(null);
        o.setConnectionTimeout(2);
        String plainUri = "tcp://" + MosquittoBroker.HOST + ":" + BROKER.port();
        assertThrows(MqttException.class, () -> {
            try (MqttAsyncClient c = new MqttAsyncClient(plainUri, "plain-probe", new MemoryPersistence())) {
                c.connect(o).waitForCompletion(MqttTestClient.TIMEOUT_MS);
            }
        });
    }

    /** Mosquitto 2.0 answers a bad user, password or an anonymous client under MQTT 3.1.1 with CONNACK 5. */
    private static void assertRefused(MqttConnectOptions o) {
        MqttException e = assertThrows(MqttException.class, () -> MqttTestClient.connect(BROKER, RIG_USER, o));
        assertEquals(MqttException.REASON_CODE_NOT_AUTHORIZED, e.getReasonCode(), e::toString);
        assertTrue(BROKER.isRunning());
    }
}
