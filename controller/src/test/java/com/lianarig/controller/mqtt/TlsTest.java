package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.ConfigException;
import com.lianarig.config.rig.TlsConfig;
import com.lianarig.controller.mqtt.testing.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Tls} on PEM files made by openssl: what it accepts, and the message for each thing it refuses.
 * The handshakes themselves are in {@link MosquittoTlsTest}.
 */
class TlsTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki.Identity ecClient;
    static TestPki.Identity rsaClient;

    @BeforeAll
    static void makeCertificates() {
        pki = TestPki.create(dir.resolve("pki"));
        ecClient = pki.issueClient("rig-1", "ec");
        rsaClient = pki.issueClient("rig-1", "rsa");
    }

    @Test
    void aCaFileAloneMakesAFactory() throws ConfigException {
        assertNotNull(Tls.socketFactory(caOnly(pki.caFile())));
    }

    @Test
    void aCaFileOfSeveralCertificatesIsTrustedWhole() throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(pki.otherCaFile()) + "\n" + Files.readString(pki.caFile()));
        assertEquals(2, Tls.certificates(bundle, "mqtt.tls.caFile").size());
        assertNotNull(Tls.socketFactory(caOnly(bundle)));
    }

    @Test
    void ecAndRsaClientCertificatesWithPkcs8KeysAreAccepted() throws ConfigException {
        assertNotNull(Tls.socketFactory(withClient(ecClient.certFile(), ecClient.keyFile())));
        assertNotNull(Tls.socketFactory(withClient(rsaClient.certFile(), rsaClient.keyFile())));
        assertEquals("EC", Tls.privateKey(ecClient.keyFile()).getAlgorithm());
        assertEquals("RSA", Tls.privateKey(rsaClient.keyFile()).getAlgorithm());
    }

    @Test
    void aPkcs1RsaKeyIsRefusedWithTheCommandThatConvertsIt() {
        Path pkcs1 = pki.traditionalKey(rsaClient.keyFile());
        String message = refusal(withClient(rsaClient.certFile(), pkcs1));
        assertTrue(message.startsWith(pkcs1 + " (mqtt.tls.keyFile): holds a PKCS#1 key (BEGIN RSA PRIVATE KEY)"), message);
        assertTrue(message.contains("openssl pkcs8 -topk8 -nocrypt"), message);
    }

    @Test
    void aSec1EcKeyIsRefusedWithTheCommandThatConvertsIt() {
        Path sec1 = pki.traditionalKey(ecClient.keyFile());
        String message = refusal(withClient(ecClient.certFile(), sec1));
        assertTrue(message.contains("holds a SEC 1 key (BEGIN EC PRIVATE KEY)"), message);
        assertTrue(message.contains("openssl pkcs8 -topk8 -nocrypt"), message);
    }

    @Test
    void anEncryptedKeyIsRefused() {
        Path encrypted = pki.encryptedKey(ecClient.keyFile());
        String message = refusal(withClient(ecClient.certFile(), encrypted));
        assertTrue(message.contains("holds an encrypted key"), message);
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() {
        TestPki.Identity other = pki.issueClient("tech-laptop", "ec");
        String message = refusal(withClient(ecClient.certFile(), other.keyFile()));
        assertTrue(message.startsWith(other.keyFile() + " (mqtt.tls.keyFile): is not the private key of the certificate in "
                + ecClient.certFile() + " (CN=rig-1)"), message);
        // an RSA key for an EC certificate
        message = refusal(withClient(ecClient.certFile(), rsaClient.keyFile()));
        assertTrue(message.contains("is not the private key of the certificate"), message);
    }

    @Test
    void aMissingFileIsNamedWithItsRigFileKey() {
        Path missing = dir.resolve("no-such-ca.pem");
        assertEquals(missing + " (mqtt.tls.caFile): does not exist", refusal(caOnly(missing)));
        assertEquals(missing + " (mqtt.tls.certFile): does not exist",
                refusal(withClient(missing, ecClient.keyFile())));
        assertEquals(missing + " (mqtt.tls.keyFile): does not exist",
                refusal(withClient(ecClient.certFile(), missing)));
    }

    @Test
    void aDirectoryIsRefused() {
        assertEquals(dir + " (mqtt.tls.caFile): is a directory, not a PEM file", refusal(caOnly(dir)));
    }

    @Test
    void textThatIsNotPemIsRefused() throws IOException {
        Path garbage = write("garbage.pem", "this is not a certificate\n");
        assertEquals(garbage + " (mqtt.tls.caFile): is not a PEM file: no -----BEGIN ...----- / -----END ...----- block",
                refusal(caOnly(garbage)));
        Path empty = write("empty.pem", "");
        assertTrue(refusal(caOnly(empty)).contains("is not a PEM file"));
    }

    @Test
    void aCorruptCertificateIsRefused() throws IOException {
        Path corrupt = write("corrupt.pem", "-----BEGIN CERTIFICATE-----\nTUlJQmFk\n-----END CERTIFICATE-----\n");
        String message = refusal(caOnly(corrupt));
        assertTrue(message.startsWith(corrupt + " (mqtt.tls.caFile): certificate 1 is not a valid X.509 certificate"),
                message);
    }

    @Test
    void filesSwappedForEachOtherAreRefusedSayingWhatTheyHold() {
        String message = refusal(caOnly(ecClient.keyFile()));
        assertEquals(ecClient.keyFile() + " (mqtt.tls.caFile): holds no certificate: expected a PEM block "
                + "-----BEGIN CERTIFICATE----- (it holds: PRIVATE KEY)", message);
        message = refusal(withClient(ecClient.certFile(), ecClient.certFile()));
        assertEquals(ecClient.certFile() + " (mqtt.tls.keyFile): holds no private key: expected a PEM block "
                + "-----BEGIN PRIVATE KEY----- (it holds: CERTIFICATE)", message);
    }

    @Test
    void aHugeFileIsRefusedUnread() throws IOException {
        Path huge = dir.resolve("huge.pem");
        Files.write(huge, new byte[(int) Tls.MAX_PEM_BYTES + 1]);
        assertEquals(huge + " (mqtt.tls.caFile): is " + (Tls.MAX_PEM_BYTES + 1)
                + " bytes; a PEM file of keys and certificates is far smaller", refusal(caOnly(huge)));
    }

    private static TlsConfig caOnly(Path ca) {
        return new TlsConfig(ca, Optional.empty(), Optional.empty());
    }

    private static TlsConfig withClient(Path cert, Path key) {
        return new TlsConfig(pki.caFile(), Optional.of(cert), Optional.of(key));
    }

    private static String refusal(TlsConfig tls) {
        return assertThrows(ConfigException.class, () -> Tls.socketFactory(tls)).getMessage();
    }

    private static Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
