package com.lianarig.tools.doctor;

import com.lianarig.config.rig.BrokerMode;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.TlsConfig;
import com.lianarig.controller.mqtt.LocalLogin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT broker reachable and accepting the rig file's credentials: one Paho connect (clean
 * session, its own client id so the service's connection is never taken over), then a disconnect.
 * An embedded broker exists only while the service runs.
 *
 * <p>And not open (issue 20): an embedded broker set to listen beyond loopback without users and TLS (a
 * web section with {@code web.tls}) is a FAIL (the service refuses to start so); with them, the check
 * logs in as the tools' {@link LocalLogin} (the running service writes it, mode 600) and FAILs the broker
 * if it still lets a client in without a user name. An external broker that lets a client in without a
 * user name is a FAIL when it is reached beyond loopback (anyone on the studio network could command the
 * rig as any panel), a WARN when the rig reaches it on loopback (its other listeners cannot be seen from
 * here).
 */
final class BrokerCheck {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private BrokerCheck() {
    }

    /** How long to wait for the service's retained link diagnostics after connecting. */
    static final Duration DIAGNOSTICS_WAIT = Duration.ofMillis(1500);

    static Check of(RigConfig rig, Path rigFile) {
        return of(rig, rigFile, BrokerCheck::loopback, result -> { });
    }

    /**
     * @param serviceLinks receives a "link NODE (service)" result per node when the running service's
     *     retained {@code R/diagnostics} is there: its links' counters since it started
     */
    static Check withServiceLinks(RigConfig rig, Path rigFile, java.util.function.Consumer<CheckResult> serviceLinks) {
        return of(rig, rigFile, BrokerCheck::loopback, serviceLinks);
    }

    /** @param loopback which addresses count as loopback (a parameter for tests, which use loopback only) */
    static Check of(RigConfig rig, Path rigFile, Predicate<InetAddress> loopback) {
        return of(rig, rigFile, loopback, result -> { });
    }

    private static Check of(RigConfig rig, Path rigFile, Predicate<InetAddress> loopback,
            java.util.function.Consumer<CheckResult> serviceLinks) {
        MqttConfig m = rig.mqtt();
        boolean tls = m.tls().isPresent();
        String uri = (tls ? "ssl://" : "tcp://") + (m.host().contains(":") ? "[" + m.host() + "]" : m.host()) + ":"
                + m.port();
        return Check.of("MQTT broker", CONNECT_TIMEOUT.plus(DIAGNOSTICS_WAIT).plusSeconds(3), "check that the broker at " + uri
                + " is up and that no firewall drops the connection", name -> {
                    boolean embeddedBeyondLoopback = m.broker() == BrokerMode.EMBEDDED && !allLoopback(m.host(), loopback);
                    if (embeddedBeyondLoopback && !withUsers(rig)) {
                        return CheckResult.fail(name, "the embedded broker is set to listen on " + m.host()
                                + " with no users and no TLS (no web section with web.tls): anyone on that network could"
                                + " command the rig as one of its panels (the service refuses to start so)",
                                "set mqtt.host: 127.0.0.1 in " + rigFile
                                + "; or serve the web panel with TLS (a web section with web.tls: the broker then lets"
                                + " in only users); or run Mosquitto with TLS, users and ACLs (config/examples/mosquitto)"
                                + " and set mqtt.broker: external");
                    }
                    MqttConnectOptions options = new MqttConnectOptions();
                    options.setCleanSession(true);
                    options.setAutomaticReconnect(false);
                    options.setConnectionTimeout((int) CONNECT_TIMEOUT.toSeconds());
                    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                    String as = m.username().orElse(null);
                    if (embeddedBeyondLoopback) {
                        Path file = LocalLogin.file(rig.paths().dataDir());
                        Optional<LocalLogin> local;
                        try {
                            local = LocalLogin.read(file);
                        } catch (IOException e) {
                            return CheckResult.fail(name, e.getMessage(), "stop the service, remove " + file
                                    + " and start it again (it writes a new one)");
                        }
                        if (local.isEmpty()) {
                            return CheckResult.warn(name, "cannot read " + file + ", the embedded broker's login for"
                                    + " tools on this computer (the running service writes it, readable by its user"
                                    + " only): the broker lets in only users", "run rig doctor as the service's user"
                                    + " (sudo -u " + Fixes.SERVICE + " rig doctor), or start the service if it is not"
                                    + " running (" + Fixes.START_SERVICE + ")");
                        }
                        as = LocalLogin.USER;
                        options.setUserName(LocalLogin.USER);
                        options.setPassword(local.get().password().toCharArray());
                    } else if (m.username().isPresent()) {
                        options.setUserName(m.username().get());
                        if (m.passwordFile().isPresent()) {
                            Path file = m.passwordFile().get();
                            try {
                                options.setPassword(Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray());
                            } catch (IOException e) {
                                return CheckResult.fail(name, "cannot read the password file " + file + ": " + e,
                                        "create it (one line: the password of MQTT user " + m.username().get()
                                                + "), readable by the service's user: sudo chown " + Fixes.SERVICE
                                                + " " + file + "; sudo chmod 600 " + file + " (or fix mqtt.passwordFile"
                                                + " in " + rigFile + ")");
                            }
                        }
                    }
                    if (tls) {
                        try {
                            options.setSocketFactory(sslContext(m.tls().get()).getSocketFactory());
                        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                            return CheckResult.fail(name, "the TLS files cannot be used: " + e.getMessage(),
                                    "check mqtt.tls in " + rigFile + ": caFile (PEM certificates), certFile (PEM) and"
                                            + " keyFile (an unencrypted PKCS#8 PEM key, BEGIN PRIVATE KEY)");
                        }
                    }
                    String clientId = "rig-doctor-" + ProcessHandle.current().pid();
                    MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
                    try {
                        client.connect(options).waitForCompletion(CONNECT_TIMEOUT.toMillis());
                        serviceDiagnostics(client, m.topicRoot()).ifPresent(d -> ServiceLinks.report(d, serviceLinks));
                        client.disconnect().waitForCompletion(2000);
                        if (m.broker() == BrokerMode.EXTERNAL || embeddedBeyondLoopback) {
                            CheckResult open = openToAnyone(name, m, uri, options, loopback);
                            if (open != null) {
                                return open;
                            }
                        }
                        return CheckResult.pass(name, "connected to " + uri + (as != null ? " as " + as : "")
                                + (tls ? " over TLS" : "")
                                + (m.broker() == BrokerMode.EMBEDDED ? " (the service's embedded broker)" : "")
                                + (embeddedBeyondLoopback ? "; it refuses clients without a user name" : ""));
                    } catch (MqttException e) {
                        return failed(name, m, uri, rigFile, e, ServiceProbe.of(rig.journal().path()));
                    } finally {
                        try {
                            client.close(true);
                        } catch (MqttException e) {
                            // nothing left to release
                        }
                    }
                });
    }

    /** The service's retained R/diagnostics, when a service publishes one (waits {@link #DIAGNOSTICS_WAIT}). */
    private static java.util.Optional<byte[]> serviceDiagnostics(MqttAsyncClient client, String root) {
        java.util.concurrent.CompletableFuture<byte[]> got = new java.util.concurrent.CompletableFuture<>();
        try {
            client.subscribe(root + "/diagnostics", 1, (topic, message) -> got.complete(message.getPayload()))
                    .waitForCompletion(DIAGNOSTICS_WAIT.toMillis());
            return java.util.Optional.of(got.get(DIAGNOSTICS_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        } catch (MqttException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return java.util.Optional.empty(); // no service publishing (or not allowed to read it): nothing to add
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /**
     * Connects without a user name (the TLS of the rig's own connection kept): a FAIL or WARN when the
     * broker lets that client in, null when it refuses it.
     */
    private static CheckResult openToAnyone(String name, MqttConfig m, String uri, MqttConnectOptions rigOptions,
            Predicate<InetAddress> loopback) {
        MqttConnectOptions anonymous = new MqttConnectOptions();
        anonymous.setCleanSession(true);
        anonymous.setAutomaticReconnect(false);
        anonymous.setConnectionTimeout((int) CONNECT_TIMEOUT.toSeconds());
        anonymous.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (rigOptions.getSocketFactory() != null) {
            anonymous.setSocketFactory(rigOptions.getSocketFactory());
        }
        MqttAsyncClient probe;
        try {
            probe = new MqttAsyncClient(uri, "rig-doctor-anonymous-" + ProcessHandle.current().pid(),
                    new MemoryPersistence());
        } catch (MqttException e) {
            return null;
        }
        try {
            probe.connect(anonymous).waitForCompletion(CONNECT_TIMEOUT.toMillis());
            probe.disconnect().waitForCompletion(2000);
        } catch (MqttException refused) {
            return null; // not authorised (or gone): not open
        } finally {
            try {
                probe.close(true);
            } catch (MqttException e) {
                // nothing left to release
            }
        }
        String fix = "in the broker's configuration set allow_anonymous false and give every client a user and password"
                + " (config/examples/mosquitto: passwords, ACLs, use_username_as_clientid)";
        if (!allLoopback(m.host(), loopback)) {
            return CheckResult.fail(name, "the broker at " + uri + " lets a client in without a user name: anyone who"
                    + " reaches it on the network can command the rig as any of its panels", fix);
        }
        return CheckResult.warn(name, "the broker at " + uri + " lets a client in without a user name on loopback; if it"
                + " listens beyond loopback too, anyone there can command the rig", fix + "; or make it listen on"
                + " loopback only (listener PORT 127.0.0.1)");
    }

    /**
     * Whether the embedded broker has users and TLS beyond loopback (issue 20, as the service decides it): the
     * web panel served with the rig's certificate, whose wss:// listener and paired users it gets.
     */
    static boolean withUsers(RigConfig rig) {
        return rig.web().isPresent() && rig.web().get().tls().isPresent();
    }

    /** Whether every address {@code host} names is loopback (an unknown host is not). */
    static boolean allLoopback(String host, Predicate<InetAddress> loopback) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!loopback.test(a)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean loopback(InetAddress a) {
        return a.isLoopbackAddress();
    }

    private static CheckResult failed(String name, MqttConfig m, String uri, Path rigFile, MqttException e,
            ServiceProbe.State service) {
        int code = e.getReasonCode();
        String why = e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : "");
        if (code == MqttException.REASON_CODE_FAILED_AUTHENTICATION || code == MqttException.REASON_CODE_NOT_AUTHORIZED) {
            return CheckResult.fail(name, uri + " refused the login" + m.username().map(u -> " of " + u).orElse("")
                    + ": " + why, "check mqtt.username and the password in mqtt.passwordFile (" + rigFile + ") against"
                    + " the broker's users (Mosquitto: mosquitto_passwd)");
        }
        if (m.broker() == BrokerMode.EMBEDDED && service != ServiceProbe.State.RUNNING) {
            return CheckResult.warn(name, "no broker at " + uri + ": the broker is embedded in the service, which is"
                    + (service == ServiceProbe.State.NOT_RUNNING ? " not running" : " perhaps not running"),
                    "start the service (" + Fixes.START_SERVICE + ") and run rig doctor again");
        }
        return CheckResult.fail(name, "cannot connect to " + uri + ": " + why, m.broker() == BrokerMode.EMBEDDED
                ? "the service runs but its embedded broker does not answer at " + uri + ": check mqtt.host and"
                        + " mqtt.port in " + rigFile + " and the service's log (journalctl -u " + Fixes.SERVICE + ")"
                : "check that the studio's broker runs (systemctl status mosquitto on its machine), that mqtt.host and"
                        + " mqtt.port in " + rigFile + " name it, and that the network reaches it");
    }

    /** TLS from the rig file's PEM files. */
    static SSLContext sslContext(TlsConfig tls) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        Collection<? extends Certificate> cas = cf.generateCertificates(new ByteArrayInputStream(
                Files.readAllBytes(tls.caFile())));
        if (cas.isEmpty()) {
            throw new IllegalArgumentException(tls.caFile() + " holds no certificate");
        }
        int i = 0;
        for (Certificate c : cas) {
            trust.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (tls.certFile().isPresent()) {
            Certificate[] chain = cf.generateCertificates(new ByteArrayInputStream(
                    Files.readAllBytes(tls.certFile().get()))).toArray(new Certificate[0]);
            PrivateKey key = privateKey(tls.keyFile().orElseThrow(), chain[0].getPublicKey().getAlgorithm());
            KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
            keys.load(null, null);
            keys.setKeyEntry("client", key, new char[0], chain);
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static PrivateKey privateKey(Path file, String algorithm) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY);"
                    + " convert it: openssl pkcs8 -topk8 -nocrypt -in OLD -out " + file);
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
