package com.lianarig.controller.mqtt;

import static com.lianarig.controller.mqtt.testing.MosquittoBroker.RIG_USER;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.TlsConfig;
import com.lianarig.controller.mqtt.testing.MosquittoBroker;
import com.lianarig.controller.mqtt.testing.MqttTestClient;
import com.lianarig.controller.mqtt.testing.TestPki;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The example config with {@code require_certificate true}: the rig's mqtt.tls.certFile and keyFile through {@link Tls}. */
class MosquittoClientCertificateTest {
    @RegisterExtension
    static final MosquittoBroker BROKER = MosquittoBroker.secured().requireClientCertificate(true).build();

    @Test
    void aClientCertificateSignedByTheCaIsAccepted() throws Exception {
        try (MqttTestClient rig = MqttTestClient.connect(BROKER, RIG_USER,
                BROKER.connectOptions(RIG_USER, Optional.of(BROKER.tlsConfigWithClientCertificate(RIG_USER))))) {
            assertTrue(rig.isConnected());
        }
        TestPki.Identity rsa = BROKER.pki().issueClient(RIG_USER, "rsa");
        TlsConfig withRsa = new TlsConfig(BROKER.pki().caFile(), Optional.of(rsa.certFile()),
                Optional.of(rsa.keyFile()));
        try (MqttTestClient rig = MqttTestClient.connect(BROKER, RIG_USER,
                BROKER.connectOptions(RIG_USER, Optional.of(withRsa)))) {
            assertTrue(rig.isConnected());
        }
    }

    @Test
    void withoutAClientCertificateTheBrokerRefusesTheConnection() {
        MqttException e = assertThrows(MqttException.class, () -> MqttTestClient.connect(BROKER, RIG_USER).close());
        assertInstanceOf(SSLHandshakeException.class, e.getCause(), e::toString);
        assertTrue(e.getCause().getMessage().contains("certificate_required"), e::toString);
    }
}
