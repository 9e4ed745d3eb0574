package com.lianarig.tools.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.controller.mqtt.EmbeddedBroker;
import com.lianarig.controller.mqtt.LocalLogin;
import com.lianarig.controller.mqtt.Tls;
import com.lianarig.controller.mqtt.Topics;
import com.lianarig.controller.web.PairingStore;
import com.lianarig.controller.web.PanelBrokerAccess;
import com.lianarig.tools.mqtt.TestBroker;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rig doctor} FAILs an open broker reachable beyond loopback (issue 20: on 0.0.0.0 any phone on
 * the studio Wi-Fi took control under a configured panel's id, and neither rig run nor rig doctor said
 * a word). Tests touch loopback only, so 127.0.0.1 stands in for the studio network's address here:
 * the check is given which addresses count as loopback, and told that this one does not.
 */
class BrokerExposureTest {
    /** 127.0.0.1 standing in for an address on the studio network. */
    private static final Predicate<InetAddress> STUDIO_NETWORK = a -> !a.getHostAddress().equals("127.0.0.1");

    @TempDir
    Path dir;

    private RigConfig rig(String broker, String host, int port, Path passwordFile) throws Exception {
        return rig(broker, host, port, passwordFile, "");
    }

    /** The rig file with a web section served with the rig's certificate (a fresh self-signed one). */
    private RigConfig rigWithWebTls(String host, int port) throws Exception {
        Path key = dir.resolve("rig.key");
        Path cert = dir.resolve("rig.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2",
                "-subj", "/CN=rig-1").redirectErrorStream(true).start();
        assertTrue(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0,
                new String(openssl.getInputStream().readAllBytes()));
        return rig("embedded", host, port, null, "\nweb:\n  host: 127.0.0.1\n  port: " + TestBroker.freePort()
                + "\n  tls:\n    certFile: " + cert + "\n    keyFile: " + key + "\n  webSocketPort: "
                + TestBroker.freePort() + "\n");
    }

    private RigConfig rig(String broker, String host, int port, Path passwordFile, String web) throws Exception {
        Path rigFile = dir.resolve("rig.yaml");
        String example = Files.readString(Path.of("../../config/examples/rig.yaml"));
        int start = example.indexOf("\nmqtt:\n");
        int end = example.indexOf("\npanels:\n");
        String mqtt = "\nmqtt:\n  broker: " + broker + "\n  host: " + host + "\n  port: " + port + "\n"
                + (passwordFile == null ? "" : "  username: rig-1\n  passwordFile: " + passwordFile + "\n")
                + "  topicRoot: liana/v1/test/rig-1\n";
        Files.writeString(rigFile, example.substring(0, start) + mqtt + example.substring(end) + web
                + "\npaths:\n  dataDir: " + dir.resolve("data") + "\n");
        return new RigConfigLoader(Map.of()).load(rigFile);
    }

    private CheckResult check(RigConfig rig, Predicate<InetAddress> loopback) throws Exception {
        return BrokerCheck.of(rig, dir.resolve("rig.yaml"), loopback).run();
    }

    @Test
    void anAnonymousBrokerReachedBeyondLoopbackFails() throws Exception {
        try (TestBroker open = TestBroker.start(dir.resolve("broker"))) {
            CheckResult r = check(rig("external", "127.0.0.1", open.port(), null), STUDIO_NETWORK);
            assertEquals(Status.FAIL, r.status(), r.toString());
            assertTrue(r.found().contains("without a user name") && r.found().contains("command the rig"), r.found());
            assertTrue(r.fix().contains("allow_anonymous false"), r.fix());
            // the same broker reached on loopback: a warning (its other listeners cannot be seen from here)
            CheckResult local = check(rig("external", "127.0.0.1", open.port(), null), a -> true);
            assertEquals(Status.WARN, local.status(), local.toString());
        }
    }

    @Test
    void aBrokerThatRefusesAnonymousClientsPasses() throws Exception {
        Path password = dir.resolve("mqtt-password");
        Files.writeString(password, "s3cret\n");
        try (TestBroker secured = TestBroker.start(dir.resolve("broker"), "rig-1", "s3cret")) {
            CheckResult r = check(rig("external", "127.0.0.1", secured.port(), password), STUDIO_NETWORK);
            assertEquals(Status.PASS, r.status(), r.toString());
        }
    }

    @Test
    void anEmbeddedBrokerSetToListenBeyondLoopbackFailsNamingTheSetting() throws Exception {
        CheckResult r = check(rig("embedded", "0.0.0.0", TestBroker.freePort(), null), a -> a.isLoopbackAddress());
        assertEquals(Status.FAIL, r.status(), r.toString());
        assertTrue(r.found().contains("0.0.0.0") && r.found().contains("no users"), r.found());
        assertTrue(r.fix().contains("mqtt.host: 127.0.0.1") && r.fix().contains("broker: external"), r.fix());
    }

    /**
     * Issue 20's decision: beyond loopback the embedded broker runs with the web panel's TLS and users and
     * refuses anonymous clients; doctor logs in with the service's local login and passes it. (The broker
     * binds the wildcard address, as on 0.0.0.0; doctor connects on 127.0.0.1, told it is the studio
     * network.)
     */
    @Test
    void anEmbeddedBrokerBeyondLoopbackThatLetsInOnlyUsersPasses() throws Exception {
        int port = TestBroker.freePort();
        RigConfig rig = rigWithWebTls("127.0.0.1", port);
        LocalLogin local = LocalLogin.random(port);
        local.write(LocalLogin.file(rig.paths().dataDir()));
        try (EmbeddedBroker broker = EmbeddedBroker.start("0.0.0.0", port, dir.resolve("broker"),
                Optional.of(new EmbeddedBroker.WebSocketListener(TestBroker.freePort(), Optional.of(Tls.keyManagers(
                        rig.web().orElseThrow().tls().orElseThrow(), "web.tls")))),
                new PanelBrokerAccess(new Topics(rig.mqtt().topicRoot()), new PairingStore(rig.paths().dataDir(),
                        Set.of(), Clock.systemUTC(), System::nanoTime), "rig".toCharArray(), Optional.of(local)))) {
            CheckResult r = check(rig, STUDIO_NETWORK);
            assertEquals(Status.PASS, r.status(), r.toString());
            assertTrue(r.found().contains("as " + LocalLogin.USER) && r.found().contains("refuses clients without a user"),
                    r.found());
        }
    }

    /** The same rig file, but the broker lets anonymous clients in (as it does on loopback): a FAIL. */
    @Test
    void anEmbeddedBrokerReachedBeyondLoopbackThatLetsAnonymousClientsInFails() throws Exception {
        int port = TestBroker.freePort();
        RigConfig rig = rigWithWebTls("127.0.0.1", port);
        LocalLogin local = LocalLogin.random(port);
        local.write(LocalLogin.file(rig.paths().dataDir()));
        try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port, dir.resolve("broker"), Optional.empty(),
                new PanelBrokerAccess(new Topics(rig.mqtt().topicRoot()), new PairingStore(rig.paths().dataDir(),
                        Set.of(), Clock.systemUTC(), System::nanoTime), "rig".toCharArray(), Optional.of(local)))) {
            assertFalse(broker.anonymousRefused());
            CheckResult r = check(rig, STUDIO_NETWORK);
            assertEquals(Status.FAIL, r.status(), r.toString());
            assertTrue(r.found().contains("without a user name"), r.found());
        }
    }

    /** Beyond loopback with users, but doctor cannot read the service's local login (not running, or another user). */
    @Test
    void withoutTheLocalLoginDoctorSaysHowToRunIt() throws Exception {
        RigConfig rig = rigWithWebTls("127.0.0.1", TestBroker.freePort());
        CheckResult r = check(rig, STUDIO_NETWORK);
        assertEquals(Status.WARN, r.status(), r.toString());
        assertTrue(r.found().contains(LocalLogin.FILE_NAME) && r.fix().contains("sudo -u"), r.toString());
    }
}
