package com.lianarig.config.rig;

import static com.lianarig.config.rig.ErrorAssertions.errorAt;
import static com.lianarig.config.rig.RigFiles.errors;
import static com.lianarig.config.rig.RigFiles.example;
import static com.lianarig.config.rig.RigFiles.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The web section: the trainers' handheld panel (SPEC section 6a). */
class WebSectionTest {

    @Test
    void noWebSectionMeansNoWebPanel() throws Exception {
        ObjectNode rig = example();
        rig.remove("web");
        assertEquals(Optional.empty(), load(rig).web());
    }

    @Test
    void anEmptyWebSectionServesPlainHttpOnLoopback() throws Exception {
        ObjectNode rig = example();
        rig.putObject("web");
        WebConfig web = load(rig).web().orElseThrow();
        assertEquals("127.0.0.1", web.host());
        assertEquals(WebConfig.DEFAULT_PORT, web.port());
        assertEquals(WebConfig.DEFAULT_WEB_SOCKET_PORT, web.webSocketPort());
        assertEquals(Optional.empty(), web.tls());
    }

    @Test
    void theNetworkGetsThePanelOnlyOverHttps() throws Exception {
        ObjectNode rig = example();
        rig.putObject("web").put("host", "0.0.0.0");
        errorAt(errors(rig), "web.host", "needs web.tls");

        ObjectNode secured = example();
        secured.putObject("web").put("host", "0.0.0.0").putObject("tls").put("certFile", "rig.pem")
                .put("keyFile", "/etc/liana-rig/rig.key");
        WebConfig web = load(secured).web().orElseThrow();
        assertEquals(WebConfig.DEFAULT_TLS_PORT, web.port());
        assertEquals(Path.of("/srv/rigs/rig.pem"), web.tls().orElseThrow().certFile());
        assertEquals(Path.of("/etc/liana-rig/rig.key"), web.tls().orElseThrow().keyFile());
    }

    @Test
    void aCertificateNeedsItsKey() {
        ObjectNode rig = example();
        rig.putObject("web").putObject("tls").put("certFile", "rig.pem");
        errorAt(errors(rig), "web.tls.keyFile", "is required");
    }

    @Test
    void anExternalBrokerNeedsTheUrlOfItsWebSocketListener() throws Exception {
        ObjectNode rig = example();
        ((ObjectNode) rig.get("mqtt")).put("broker", "external").put("host", "broker.studio.lan");
        rig.putObject("web");
        errorAt(errors(rig), "web", "web.brokerUrl is required with an external broker");

        ((ObjectNode) rig.get("web")).put("brokerUrl", "ws://127.0.0.1:8884/mqtt");
        assertEquals(Optional.of("ws://127.0.0.1:8884/mqtt"), load(rig).web().orElseThrow().brokerUrl());
    }

    @Test
    void anHttpsPageNeedsASecureBrokerUrl() {
        ObjectNode rig = example();
        ObjectNode web = rig.putObject("web").put("brokerUrl", "ws://rig-1.studio:8884/mqtt");
        web.putObject("tls").put("certFile", "rig.pem").put("keyFile", "rig.key");
        errorAt(errors(rig), "web.brokerUrl", "must be wss://");

        ObjectNode other = example();
        other.putObject("web").put("brokerUrl", "http://rig-1.studio/mqtt");
        errorAt(errors(other), "web.brokerUrl", "must start with ws:// or wss://");
    }

    @Test
    void theWebSocketListenerNeedsItsOwnPort() {
        ObjectNode rig = example();
        rig.putObject("web").put("webSocketPort", rig.get("mqtt").path("port").asInt(1883));
        errorAt(errors(rig), "web", "is mqtt.port too");
    }

    @Test
    void pairedUsersNameTheLoginThatManagesAnExternalMosquittosPairedDevices() throws Exception {
        ObjectNode rig = example();
        ((ObjectNode) rig.get("mqtt")).put("broker", "external").put("host", "127.0.0.1");
        rig.putObject("web").put("brokerUrl", "wss://127.0.0.1:8884/mqtt").putObject("pairedUsers")
                .put("username", "liana-rig-pairing").put("passwordFile", "mqtt-pairing-password");
        assertEquals(Optional.of(new WebConfig.PairedUsers("liana-rig-pairing", Path.of("/srv/rigs/mqtt-pairing-password"))),
                load(rig).web().orElseThrow().pairedUsers());

        ((ObjectNode) rig.get("web").get("pairedUsers")).remove("passwordFile");
        errorAt(errors(rig), "web.pairedUsers.passwordFile", "is required");
    }

    @Test
    void pairedUsersAreForAnExternalBrokerOnly() {
        ObjectNode rig = example();
        rig.putObject("web").putObject("pairedUsers").put("username", "liana-rig-pairing")
                .put("passwordFile", "/etc/liana-rig/mqtt-pairing-password");
        errorAt(errors(rig), "web", "web.pairedUsers is for an external Mosquitto");
    }

    @Test
    void theRecordRefusesPlainHttpBeyondLoopback() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WebConfig("192.0.2.7", 8080, Optional.empty(), 8081, Optional.empty()));
        assertTrue(e.getMessage().contains("give web.tls"), e.getMessage());
        assertTrue(WebConfig.loopback("127.0.0.1") && WebConfig.loopback("::1") && WebConfig.loopback("localhost"));
    }
}
