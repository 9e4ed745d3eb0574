package com.lianarig.controller.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.mqtt.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
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
 * Pairing on an external Mosquitto (issue 18): a real Mosquitto 2.0 with the packaged broker's
 * arrangement (tools/deb: a password file and ACL for the rig's users, the dynamic security plugin for
 * paired devices, nothing allowed by default), the pairing store with {@link MosquittoPairedUsers}: a
 * device paired gets its own login that publishes its own command topic and no other; revoked (here
 * or from the command line) it is shut out; a pairing whose login cannot be made leaves no device paired.
 */
class MosquittoPairedUsersTest {
    private static final String HOST = "127.0.0.1";
    private static final String ROOT = "liana/v1/test-studio/rig-1";
    private static final String PAIRING_USER = "liana-rig-pairing";
    private static final String RIG_USER = "rig-1";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private Process broker;
    private int port;
    private final String pairingPassword = "pairing-" + System.nanoTime();
    private final String rigPassword = "rig-" + System.nanoTime();
    private PairingStore store;
    private MosquittoPairedUsers users;
    private MqttClient rig;
    private final BlockingQueue<String> commandsSeen = new LinkedBlockingQueue<>();

    @BeforeEach
    void startBroker() throws Exception {
        port = freePort();
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, PAIRING_USER + ":" + pairingPassword + "\n" + RIG_USER + ":" + rigPassword + "\n");
        run("mosquitto_passwd", "-U", passwd.toString());
        Files.writeString(dir.resolve("acl"), "user " + RIG_USER + "\ntopic read " + ROOT + "/cmd/+\n\n"
                + "user " + PAIRING_USER + "\ntopic readwrite $CONTROL/dynamic-security/#\n");
        Files.writeString(dir.resolve("dynsec.json"), "{\"defaultACLAccess\":{\"publishClientSend\":false,"
                + "\"publishClientReceive\":false,\"subscribe\":false,\"unsubscribe\":true},\"clients\":[],\"groups\":[],"
                + "\"roles\":[]}\n");
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "per_listener_settings false",
                "allow_anonymous false",
                "password_file " + passwd,
                "acl_file " + dir.resolve("acl"),
                "plugin " + dynsecPlugin(),
                "plugin_opt_config_file " + dir.resolve("dynsec.json"),
                "listener " + port + " " + HOST,
                "use_username_as_clientid true",
                "persistence false",
                "log_dest file " + dir.resolve("mosquitto.log"),
                "log_type all",
                // as root, mosquitto would switch to the user "mosquitto", who cannot read the temp files
                "user " + System.getProperty("user.name"), ""));
        broker = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepts()) {
            assertTrue(broker.isAlive() && System.nanoTime() < deadline, "mosquitto did not start: " + log());
            Thread.sleep(20);
        }
        store = new PairingStore(dir.resolve("data"), Set.of("trainer-tablet"), Clock.systemUTC(), System::nanoTime);
        users = new MosquittoPairedUsers(HOST, port, Optional.empty(), PAIRING_USER, pairingPassword.toCharArray(),
                new Topics(ROOT));
        store.brokerAccounts(users);
        rig = connect(RIG_USER, rigPassword);
        rig.subscribe(ROOT + "/cmd/+", 1, (topic, m) -> commandsSeen.add(topic + " " + new String(m.getPayload(),
                StandardCharsets.UTF_8)));
    }

    @AfterEach
    void stopBroker() throws Exception {
        users.close();
        if (rig.isConnected()) {
            rig.disconnect();
        }
        rig.close();
        broker.destroy();
        broker.waitFor(5, TimeUnit.SECONDS);
    }

    @Test
    void aPairedDeviceLogsInWithItsSecretAndPublishesItsOwnCommandTopicOnly() throws Exception {
        PairingStore.Paired p = pair();
        String id = p.panel().id();
        MqttClient phone = connect(id, p.secret());
        phone.publish(ROOT + "/cmd/trainer-tablet", "{\"command\":\"stop\",\"forged\":true}".getBytes(StandardCharsets.UTF_8), 1, false);
        phone.publish(ROOT + "/state", "{\"mode\":\"FORGED\"}".getBytes(StandardCharsets.UTF_8), 1, true);
        phone.publish(ROOT + "/cmd/" + id, "{\"command\":\"hello\"}".getBytes(StandardCharsets.UTF_8), 1, false);
        assertEquals(ROOT + "/cmd/" + id + " {\"command\":\"hello\"}", commandsSeen.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertNull(commandsSeen.poll(300, TimeUnit.MILLISECONDS), "nothing else reached the rig");
        phone.disconnect();
        phone.close();
        assertThrows(MqttException.class, () -> connect(id, "not the secret"));
    }

    @Test
    void revokingDropsTheDeviceAndShutsItOut() throws Exception {
        PairingStore.Paired p = pair();
        String id = p.panel().id();
        MqttClient phone = connect(id, p.secret());
        assertTrue(store.revoke(id));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (phone.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(phone.isConnected(), "the broker drops a revoked device's connection");
        phone.close();
        assertThrows(MqttException.class, () -> connect(id, p.secret()));
    }

    @Test
    void aRevocationFromTheCommandLineIsFollowedByReconcile() throws Exception {
        PairingStore.Paired kept = pair();
        PairingStore.Paired revoked = pair();
        // rig panel-pair --revoke: another process, another store on the same file, no broker access
        PairingStore cli = new PairingStore(dir.resolve("data"), Set.of("trainer-tablet"), Clock.systemUTC(),
                System::nanoTime);
        assertTrue(cli.revoke(revoked.panel().id()));
        MqttClient stale = connect(revoked.panel().id(), revoked.secret()); // the broker does not know yet
        stale.disconnect();
        stale.close();
        Set<String> paired = Set.copyOf(cli.panels().stream().map(PairedPanel::id).toList());
        assertEquals(Set.of(revoked.panel().id()), users.reconcile(paired));
        assertThrows(MqttException.class, () -> connect(revoked.panel().id(), revoked.secret()));
        MqttClient still = connect(kept.panel().id(), kept.secret());
        still.disconnect();
        still.close();
        assertEquals(Set.of(), users.reconcile(paired), "nothing more to delete");
    }

    @Test
    void withTheBrokerAwayThePairingFailsAndNoDeviceIsPaired() throws Exception {
        broker.destroy();
        assertTrue(broker.waitFor(5, TimeUnit.SECONDS));
        PairingStore.NewCode code = store.newCode(PanelRole.TRAINER, Optional.empty(), "test", Duration.ofMinutes(1));
        IOException e = assertThrows(IOException.class, () -> store.redeem(code.code(), "phone"));
        assertTrue(e.getMessage().contains("not paired"), e.getMessage());
        assertEquals(List.of(), store.panels());
    }

    private PairingStore.Paired pair() throws Exception {
        PairingStore.NewCode code = store.newCode(PanelRole.TRAINER, Optional.empty(), "test", Duration.ofMinutes(1));
        return store.redeem(code.code(), "phone");
    }

    private MqttClient connect(String user, String password) throws MqttException {
        MqttClient c = new MqttClient("tcp://" + HOST + ":" + port, user, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(5);
        c.connect(o);
        return c;
    }

    private static String dynsecPlugin() throws IOException {
        try (DirectoryStream<Path> libs = Files.newDirectoryStream(Path.of("/usr/lib"))) {
            for (Path lib : libs) {
                Path plugin = lib.resolve("mosquitto_dynamic_security.so");
                if (Files.isRegularFile(plugin)) {
                    return plugin.toString();
                }
            }
        }
        throw new IllegalStateException("Mosquitto's dynamic security plugin is not installed: apt-get install mosquitto");
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
    }

    private boolean accepts() {
        try {
            new Socket(HOST, port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log")) + Files.readString(dir.resolve("mosquitto.out"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }
}
