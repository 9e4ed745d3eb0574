package com.lianarig.tools.doctor;

import com.lianarig.config.rig.BrokerMode;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.TlsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 */
final class BrokerCheck {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private BrokerCheck() {
    }

    /** How long to wait for the service's retained link diagnostics after connecting. */
    static final Duration DIAGNOSTICS_WAIT = Duration.ofMillis(1500);

    /**
     * @param serviceLinks receives a "link NODE (service)" result per node when the running service's
     *     retained {@code R/diagnostics} is there: its links' counters since it started
     */
    static Check of(RigConfig rig, Path rigFile, java.util.function.Consumer<CheckResult> serviceLinks) {
        MqttConfig m = rig.mqtt();
        boolean tls = m.tls().isPresent();
        String uri = (tls ? "ssl://" : "tcp://") + (m.host().contains(":") ? "[" + m.host() + "]" : m.host()) + ":"
                + m.port();
        return Check.of("MQTT broker", CONNECT_TIMEOUT.plus(DIAGNOSTICS_WAIT).plusSeconds(3), "check that the broker at " + uri
                + " is up and that no firewall drops the connection", name -> {
                    MqttConnectOptions options = new MqttConnectOptions();
                    options.setCleanSession(true);
                    options.setAutomaticReconnect(false);
                    options.setConnectionTimeout((int) CONNECT_TIMEOUT.toSeconds());
                    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                    if (m.username().isPresent()) {
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
                        return CheckResult.pass(name, "connected to " + uri + (m.username().isPresent()
                                ? " as " + m.username().get() : "") + (tls ? " over TLS" : "")
                                + (m.broker() == BrokerMode.EMBEDDED ? " (the service's embedded broker)" : ""));
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
