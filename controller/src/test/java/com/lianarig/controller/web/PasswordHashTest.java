package com.lianarig.controller.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A paired panel's secret hashed the way Mosquitto 2.0 hashes passwords ($7$: PBKDF2-HMAC-SHA512). */
class PasswordHashTest {
    private static final byte[] SECRET = "k3Jd8_f0Xq-Zr2vLm9Tn4Bw7Yc1Hs6Pu5Ea0Gi2Ko8".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aSecretMatchesItsOwnHashOnly() {
        String hash = PasswordHash.hash(SECRET, new SecureRandom());
        assertTrue(PasswordHash.wellFormed(hash), hash);
        assertTrue(PasswordHash.matches(SECRET, hash));
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        assertFalse(PasswordHash.matches(other, hash));
        assertFalse(PasswordHash.matches(null, hash));
        assertFalse(PasswordHash.matches(SECRET, "$7$101$bm90IGEgc2FsdA==$"));
        assertFalse(PasswordHash.matches(SECRET, "plain text"));
    }

    @Test
    void twoHashesOfOneSecretDiffer() {
        assertFalse(PasswordHash.hash(SECRET, new SecureRandom()).equals(PasswordHash.hash(SECRET, new SecureRandom())));
    }

    @Test
    void aHashMadeByMosquittoPasswdIsReadAlike(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("passwd");
        Files.writeString(file, "web-abc234:" + new String(SECRET, StandardCharsets.US_ASCII) + "\n");
        run(dir, "mosquitto_passwd", "-U", file.toString());
        String hash = Files.readString(file).strip().split(":", 2)[1];
        assertTrue(PasswordHash.wellFormed(hash), hash);
        assertTrue(PasswordHash.matches(SECRET, hash), "mosquitto_passwd's " + hash);
    }

    @Test
    void mosquittoTakesAHashMadeHere(@TempDir Path dir) throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "web-abc234:" + PasswordHash.hash(SECRET, new SecureRandom()) + "\n");
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "per_listener_settings false\nallow_anonymous false\npassword_file " + passwd
                + "\nlistener " + port + " 127.0.0.1\nuser " + System.getProperty("user.name") + "\n");
        Process broker = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile()).start();
        try {
            String uri = "tcp://127.0.0.1:" + port;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (true) {
                try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                    break;
                } catch (java.io.IOException notYet) {
                    assertTrue(System.nanoTime() < deadline, "mosquitto did not start: " + Files.readString(dir.resolve("log")));
                    Thread.sleep(50);
                }
            }
            assertTrue(connects(uri, "web-abc234", new String(SECRET, StandardCharsets.US_ASCII)), "the secret");
            assertFalse(connects(uri, "web-abc234", "not the secret"), "another password");
        } finally {
            broker.destroy();
            broker.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static boolean connects(String uri, String user, String password) throws Exception {
        org.eclipse.paho.client.mqttv3.MqttClient c = new org.eclipse.paho.client.mqttv3.MqttClient(uri, user + "-test",
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        org.eclipse.paho.client.mqttv3.MqttConnectOptions o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setConnectionTimeout(5);
        try {
            c.connect(o);
            c.disconnect();
            return true;
        } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
            return false;
        } finally {
            c.close();
        }
    }

    static void run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }
}
