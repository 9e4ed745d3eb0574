package com.lianarig.controller.mqtt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throw-away certificate authority made with the {@code openssl} command in a temp directory: a
 * CA, the broker's certificate for 127.0.0.1 and localhost (subjectAltName), client certificates
 * on demand, and a second, unrelated CA for "wrong CA" cases. EC P-256 keys (fast to make); PKCS#8
 * key files, as the controller wants them. Valid for two days.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() & 0xFFFF_FFFFL);
    private final Path dir;
    private final Path openssl;
    private final Path caFile;
    private final Path caKeyFile;
    private final Identity server;
    private final Path otherCaFile;

    /** A certificate (PEM) and its private key (PEM). */
    public record Identity(Path certFile, Path keyFile) {
    }

    private TestPki(Path dir) {
        this.dir = dir;
        this.openssl = Exec.require("openssl");
        this.caFile = dir.resolve("ca.pem");
        this.caKeyFile = dir.resolve("ca.key");
        selfSigned("liana-test-ca", caFile, caKeyFile);
        this.server = issue("server", "localhost", "ec", "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                + "extendedKeyUsage=serverAuth\n");
        this.otherCaFile = dir.resolve("other-ca.pem");
        selfSigned("some-other-ca", otherCaFile, dir.resolve("other-ca.key"));
    }

    /** A new CA and broker certificate in {@code dir} (created when missing). */
    public static TestPki create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestPki(dir);
    }

    /** The CA certificate every certificate here is signed by (the rig's mqtt.tls.caFile). */
    public Path caFile() {
        return caFile;
    }

    /** The broker's certificate and key: CN localhost, subjectAltName IP:127.0.0.1 and DNS:localhost. */
    public Identity server() {
        return server;
    }

    /** A self-signed CA that signed nothing here: trusting it instead of {@link #caFile()} must fail. */
    public Path otherCaFile() {
        return otherCaFile;
    }

    /** A client certificate for {@code commonName} signed by the CA; {@code keyType} "ec" or "rsa". */
    public Identity issueClient(String commonName, String keyType) {
        return issue("client-" + commonName + "-" + keyType, commonName, keyType, "extendedKeyUsage=clientAuth\n");
    }

    /** Writes {@code key} (PKCS#8) again as PKCS#1 ("BEGIN RSA PRIVATE KEY") or SEC 1 ("BEGIN EC PRIVATE KEY"). */
    public Path traditionalKey(Path key) {
        Path out = dir.resolve(key.getFileName() + ".traditional");
        Exec.run(dir, openssl.toString(), "pkey", "-in", key.toString(), "-traditional", "-out", out.toString());
        return out;
    }

    /** Writes {@code key} again as an encrypted PKCS#8 key ("BEGIN ENCRYPTED PRIVATE KEY"). */
    public Path encryptedKey(Path key) {
        Path out = dir.resolve(key.getFileName() + ".encrypted");
        Exec.run(dir, openssl.toString(), "pkcs8", "-topk8", "-in", key.toString(), "-passout", "pass:secret",
                "-out", out.toString());
        return out;
    }

    private void selfSigned(String commonName, Path cert, Path key) {
        Exec.run(dir, openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=" + commonName,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private Identity issue(String name, String commonName, String keyType, String extensions) {
        Path key = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".pem");
        Path ext = dir.resolve(name + ".ext");
        String[] newKey = switch (keyType) {
            case "ec" -> new String[] {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"};
            case "rsa" -> new String[] {"-newkey", "rsa:2048"};
            default -> throw new IllegalArgumentException("key type " + keyType + " is not ec or rsa");
        };
        try {
            Files.writeString(ext, extensions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] req = {openssl.toString(), "req", "-new", newKey[0], newKey[1]};
        String[] opts = newKey.length > 2 ? new String[] {newKey[2], newKey[3]} : new String[0];
        String[] rest = {"-nodes", "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + commonName};
        Exec.run(dir, concat(req, opts, rest));
        Exec.run(dir, openssl.toString(), "x509", "-req", "-in", csr.toString(), "-CA", caFile.toString(),
                "-CAkey", caKeyFile.toString(), "-set_serial", Long.toString(SERIAL.incrementAndGet()), "-days", "2",
                "-extfile", ext.toString(), "-out", cert.toString());
        return new Identity(cert, key);
    }

    private static String[] concat(String[]... parts) {
        int n = 0;
        for (String[] p : parts) {
            n += p.length;
        }
        String[] all = new String[n];
        int i = 0;
        for (String[] p : parts) {
            System.arraycopy(p, 0, all, i, p.length);
            i += p.length;
        }
        return all;
    }
}
