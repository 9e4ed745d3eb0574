package com.lianarig.controller.mqtt.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without mosquitto or openssl the MQTT tests fail saying what to install (CI installs them; nothing is skipped). */
class ExecTest {
    @TempDir
    Path emptyDir;

    @Test
    void aMissingBrokerNamesTheDebianPackage() {
        String message = assertThrows(IllegalStateException.class,
                () -> Exec.require("mosquitto", List.of(emptyDir.toString()))).getMessage();
        assertEquals("mosquitto is not installed (looked in " + emptyDir + "); the MQTT integration tests need it: "
                + "apt-get install mosquitto (./run-tests installs it)", message);
        message = assertThrows(IllegalStateException.class,
                () -> Exec.require("mosquitto_passwd", List.of(emptyDir.toString()))).getMessage();
        assertTrue(message.contains("apt-get install mosquitto "), message);
        message = assertThrows(IllegalStateException.class,
                () -> Exec.require("openssl", List.of(emptyDir.toString()))).getMessage();
        assertTrue(message.contains("apt-get install openssl "), message);
    }

    @Test
    void aFailingCommandShowsItsOutput() {
        String message = assertThrows(IllegalStateException.class,
                () -> Exec.run(emptyDir, Exec.require("openssl").toString(), "x509", "-in", "no-such.pem")).getMessage();
        assertTrue(message.startsWith(Exec.require("openssl") + " x509 -in no-such.pem exited with 1:\n"), message);
        assertTrue(message.contains("no-such.pem"), message);
    }
}
