package com.lianarig.config.rig;

import static com.lianarig.config.rig.ErrorAssertions.errorAt;
import static com.lianarig.config.rig.RigFiles.errors;
import static com.lianarig.config.rig.RigFiles.example;
import static com.lianarig.config.rig.RigFiles.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gpio, mqtt, panels and journal sections. */
class SectionsTest {

    @Test
    void externalBrokerNeedsAHost() {
        ObjectNode rig = example();
        ((ObjectNode) rig.get("mqtt")).put("broker", "external").remove("host");
        errorAt(errors(rig), "mqtt.host", "is required");
    }

    @Test
    void embeddedBrokerListensOnLoopbackByDefault() throws Exception {
        ObjectNode rig = example();
        ((ObjectNode) rig.get("mqtt")).remove("host");
        assertEquals("127.0.0.1", load(rig).mqtt().host());
    }

    @Test
    void tlsMovesTheDefaultPortAndResolvesFilesAgainstTheRigFile() throws Exception {
        ObjectNode rig = example();
        ObjectNode mqtt = (ObjectNode) rig.get("mqtt");
        mqtt.remove("port");
        mqtt.put("broker", "external").put("host", "broker.studio.lan").put("username", "rig-1")
                .put("passwordFile", "secrets/mqtt-password");
        mqtt.putObject("tls").put("caFile", "ca.pem").put("certFile", "/etc/ssl/rig.pem").put("keyFile", "rig.key");
        MqttConfig m = load(rig).mqtt();
        assertEquals(8883, m.port());
        assertEquals(Path.of("/srv/rigs/ca.pem"), m.tls().orElseThrow().caFile());
        assertEquals(Optional.of(Path.of("/etc/ssl/rig.pem")), m.tls().orElseThrow().certFile());
        assertEquals(Optional.of(Path.of("/srv/rigs/secrets/mqtt-password")), m.passwordFile());
    }

    @Test
    void aClientCertificateNeedsItsKeyAndAPasswordFileNeedsAUser() {
        ObjectNode rig = example();
        ObjectNode mqtt = (ObjectNode) rig.get("mqtt");
        mqtt.putObject("tls").put("caFile", "ca.pem").put("certFile", "rig.pem");
        errorAt(errors(rig), "mqtt.tls.certFile", "needs keyFile too");

        ObjectNode user = example();
        ((ObjectNode) user.get("mqtt")).put("passwordFile", "pw");
        errorAt(errors(user), "mqtt.passwordFile", "needs a username");
    }

    @Test
    void topicRootMayHoldNoWildcardsOrEmptyLevels() {
        for (String bad : new String[] {"liana/+/x", "liana/#", "/liana", "liana//x", "liana/", "$SYS/x", "a b"}) {
            ObjectNode rig = example();
            ((ObjectNode) rig.get("mqtt")).put("topicRoot", bad);
            errorAt(errors(rig), "mqtt.topicRoot", "");
        }
    }

    @Test
    void telemetryRateIsBounded() {
        ObjectNode rig = example();
        ((ObjectNode) rig.get("mqtt")).put("telemetryHz", 100);
        errorAt(errors(rig), "mqtt.telemetryHz", "is above the maximum 50 Hz");
    }

    @Test
    void homeAssistantDiscoveryIsOptInWithItsPrefix() throws Exception {
        ObjectNode rig = example();
        assertEquals(java.util.Optional.empty(), load(rig).mqtt().homeAssistantPrefix(), "off unless asked for");
        ((ObjectNode) rig.get("mqtt")).putObject("homeAssistant");
        assertEquals(java.util.Optional.of("homeassistant"), load(rig).mqtt().homeAssistantPrefix());
        ((ObjectNode) rig.get("mqtt")).putObject("homeAssistant").put("discoveryPrefix", "ha/discovery");
        assertEquals(java.util.Optional.of("ha/discovery"), load(rig).mqtt().homeAssistantPrefix());
        ((ObjectNode) rig.get("mqtt")).putObject("homeAssistant").put("discoveryPrefix", "ha/#");
        errorAt(errors(rig), "mqtt.homeAssistant.discoveryPrefix", "");
    }

    @Test
    void panelsNeedAKnownRole() {
        ObjectNode rig = example();
        ((ObjectNode) rig.withArray("panels").get(0)).put("role", "admin");
        errorAt(errors(rig), "panels[0].role", "is not one of trainer, technician");
    }

    @Test
    void outputsDefaultToLowOnShutdownAndThePendantIsOptional() throws Exception {
        ObjectNode rig = example();
        ObjectNode gpio = (ObjectNode) rig.get("gpio");
        ((ObjectNode) gpio.get("buzzer")).remove("shutdownState");
        ((ObjectNode) gpio.get("statusLight")).put("shutdownState", "high");
        gpio.remove("pendant");
        GpioConfig g = load(rig).gpio();
        assertEquals(PinState.LOW, g.buzzer().orElseThrow().shutdownState());
        assertEquals(PinState.HIGH, g.statusLight().orElseThrow().shutdownState());
        assertTrue(g.pendant().isEmpty());
    }

    @Test
    void pinNumbersAreBcmGpios() {
        ObjectNode rig = example();
        ((ObjectNode) rig.get("gpio")).put("safetyChainMonitorPin", 40);
        errorAt(errors(rig), "gpio.safetyChainMonitorPin", "is above the maximum 27");
    }

    @Test
    void journalPathAndBoundAreConfigurable() throws Exception {
        ObjectNode rig = example();
        ((ObjectNode) rig.get("journal")).put("path", "j/rig.journal").put("maxBytes", 1 << 20);
        JournalConfig j = load(rig).journal();
        assertEquals(Path.of("/srv/rigs/j/rig.journal"), j.path());
        assertEquals(1 << 20, j.maxBytes());

        ObjectNode small = example();
        ((ObjectNode) small.get("journal")).put("maxBytes", 1000);
        errorAt(errors(small), "journal.maxBytes", "is below the minimum 1048576 bytes");
    }
}
