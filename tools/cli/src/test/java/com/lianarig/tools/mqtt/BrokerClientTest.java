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
}
