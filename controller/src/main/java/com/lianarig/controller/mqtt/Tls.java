package com.lianarig.controller.mqtt;

import com.lianarig.config.ConfigError;
import com.lianarig.config.ConfigException;
import com.lianarig.config.rig.TlsConfig;
import com.lianarig.config.rig.WebConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS socket factory for the connection to an external broker (SPEC section 6: TLS), made from
 * the rig file's PEM files: the CA certificate(s) the broker's certificate must chain to and,
 * optionally, a client certificate with its PKCS#8 private key (RSA, EC or EdDSA).
 *
 * <p>Every problem with those files (missing, unreadable, not PEM, a PKCS#1 or encrypted key, a key
 * that does not belong to the certificate) is a {@link ConfigException} naming the file, its rig-file
 * key and what to do; the handshake itself (expiry, host name) is judged later by the TLS stack.
 * Stateless; any thread.
 */
public final class Tls {
    /** PEM files are a few KiB; anything this big is not one. */
    static final long MAX_PEM_BYTES = 1L << 20;
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\R?(.*?)-----END \\1-----", Pattern.DOTALL);
    /** Key algorithms a PKCS#8 client key may use, tried in turn. */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");
    /** The in-memory key store's password: it never leaves this class. */
    private static final char[] STORE_PASSWORD = "liana-rig".toCharArray();
    private static final String CONVERT = "openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8";

    private Tls() {
    }

    /**
     * The socket factory for {@code tls}: trusts exactly the certificates of its CA file and presents
     * its client certificate when it has one.
     *
     * @throws ConfigException when a file is missing, unreadable or not what its key says it is
     */
    public static SSLSocketFactory socketFactory(TlsConfig tls) throws ConfigException {
        List<X509Certificate> cas = certificates(tls.caFile(), "mqtt.tls.caFile");
        Optional<ClientIdentity> client = Optional.empty();
        if (tls.certFile().isPresent() && tls.keyFile().isPresent()) {
            Path certFile = tls.certFile().get();
            Path keyFile = tls.keyFile().get();
            List<X509Certificate> chain = certificates(certFile, "mqtt.tls.certFile");
            PrivateKey key = privateKey(keyFile);
            checkPair(chain.get(0), certFile, key, keyFile);
            client = Optional.of(new ClientIdentity(chain, key));
        }
        try {
            return context(cas, client).getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot build a TLS context: " + e.getMessage(), e);
        }
    }

    private record ClientIdentity(List<X509Certificate> chain, PrivateKey key) {
    }

    private static SSLContext context(List<X509Certificate> cas, Optional<ClientIdentity> client)
            throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
            trusted.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        KeyManagerFactory kmf = null;
        if (client.isPresent()) {
            KeyStore own = KeyStore.getInstance(KeyStore.getDefaultType());
            own.load(null, null);
            own.setKeyEntry("client", client.get().key(), STORE_PASSWORD,
                    client.get().chain().toArray(new X509Certificate[0]));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(own, STORE_PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** Every certificate in a PEM file, in file order; at least one. */
    static List<X509Certificate> certificates(Path file, String key) throws ConfigException {
        List<PemBlock> blocks = pemBlocks(file, key);
        List<X509Certificate> certs = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        for (PemBlock b : blocks) {
            if (!b.label().equals("CERTIFICATE")) {
                continue;
            }
            try {
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
            } catch (CertificateException | ClassCastException e) {
                throw error(file, key, "certificate " + (certs.size() + 1) + " is not a valid X.509 certificate ("
                        + e.getMessage() + ")");
            }
        }
        if (certs.isEmpty()) {
            String found = blocks.isEmpty() ? "" : " (it holds: " + labels(blocks) + ")";
            throw error(file, key, "holds no certificate: expected a PEM block -----BEGIN CERTIFICATE-----" + found);
        }
        return List.copyOf(certs);
    }

    /**
     * The key managers of a server certificate (the web panel's HTTPS and the embedded broker's
     * {@code wss://} listener, SPEC section 6a): the certificate chain of {@code cert.certFile} with the
     * PKCS#8 key of {@code cert.keyFile}, checked to belong together.
     *
     * @param rigFileKey where the files are named, for messages (e.g. {@code web.tls})
     * @throws ConfigException when a file is missing, unreadable, not PEM, or the key is not the certificate's
     */
    public static KeyManagerFactory keyManagers(WebConfig.Certificate cert, String rigFileKey) throws ConfigException {
        List<X509Certificate> chain = certificates(cert.certFile(), rigFileKey + ".certFile");
        PrivateKey key = privateKey(cert.keyFile(), rigFileKey + ".keyFile");
        checkPair(chain.get(0), cert.certFile(), key, cert.keyFile(), rigFileKey + ".keyFile");
        try {
            KeyStore own = KeyStore.getInstance(KeyStore.getDefaultType());
            own.load(null, null);
            own.setKeyEntry("server", key, STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(own, STORE_PASSWORD);
            return kmf;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot hold the rig's key: " + e.getMessage(), e);
        }
    }

    /** The one PKCS#8 private key of a PEM file. */
    static PrivateKey privateKey(Path file) throws ConfigException {
        return privateKey(file, "mqtt.tls.keyFile");
    }

    private static PrivateKey privateKey(Path file, String key) throws ConfigException {
        List<PemBlock> blocks = pemBlocks(file, key);
        List<PemBlock> keys = new ArrayList<>();
        for (PemBlock b : blocks) {
            switch (b.label()) {
                case "PRIVATE KEY" -> keys.add(b);
                case "RSA PRIVATE KEY" -> throw error(file, key, "holds a PKCS#1 key (BEGIN RSA PRIVATE KEY); "
                        + "convert it to PKCS#8 with: " + CONVERT);
                case "EC PRIVATE KEY" -> throw error(file, key, "holds a SEC 1 key (BEGIN EC PRIVATE KEY); "
                        + "convert it to PKCS#8 with: " + CONVERT);
                case "ENCRYPTED PRIVATE KEY" -> throw error(file, key, "holds an encrypted key; the service "
                        + "needs it unencrypted (protect the file with its permissions): " + CONVERT);
                default -> {
                    // certificates or parameters beside the key are allowed
                }
            }
        }
        if (keys.size() != 1) {
            throw error(file, key, keys.isEmpty()
                    ? "holds no private key: expected a PEM block -----BEGIN PRIVATE KEY-----"
                            + (blocks.isEmpty() ? "" : " (it holds: " + labels(blocks) + ")")
                    : "holds " + keys.size() + " private keys; give exactly one");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(keys.get(0).der());
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw error(file, key, "holds a PRIVATE KEY block that is not a PKCS#8 RSA, EC or EdDSA key");
    }

    /** The key must be the certificate's: sign with one, verify with the other. */
    private static void checkPair(X509Certificate cert, Path certFile, PrivateKey key, Path keyFile)
            throws ConfigException {
        checkPair(cert, certFile, key, keyFile, "mqtt.tls.keyFile");
    }

    private static void checkPair(X509Certificate cert, Path certFile, PrivateKey key, Path keyFile, String keyName)
            throws ConfigException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return; // the handshake will judge it
        }
        byte[] probe = "liana-rig key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false; // e.g. an EC key with an RSA certificate
        }
        if (!matches) {
            throw error(keyFile, keyName, "is not the private key of the certificate in " + certFile
                    + " (" + cert.getSubjectX500Principal().getName() + ")");
        }
    }

    private record PemBlock(String label, byte[] der) {
    }

    private static List<PemBlock> pemBlocks(Path file, String key) throws ConfigException {
        String text = read(file, key);
        List<PemBlock> blocks = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new PemBlock(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw error(file, key, "PEM block " + (blocks.size() + 1) + " (" + m.group(1)
                        + ") is not valid base64: " + e.getMessage());
            }
        }
        if (blocks.isEmpty()) {
            throw error(file, key, "is not a PEM file: no -----BEGIN ...----- / -----END ...----- block");
        }
        return blocks;
    }

    private static String read(Path file, String key) throws ConfigException {
        try {
            if (Files.isDirectory(file)) {
                throw error(file, key, "is a directory, not a PEM file");
            }
            long size = Files.size(file);
            if (size > MAX_PEM_BYTES) {
                throw error(file, key, "is " + size + " bytes; a PEM file of keys and certificates is far smaller");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw error(file, key, "does not exist");
        } catch (AccessDeniedException e) {
            throw error(file, key, "cannot be read: permission denied for the service's user");
        } catch (IOException e) {
            throw error(file, key, "cannot be read: " + e.getMessage());
        }
    }

    private static String labels(List<PemBlock> blocks) {
        return String.join(", ", blocks.stream().map(PemBlock::label).distinct().toList());
    }

    private static ConfigException error(Path file, String key, String rule) {
        return new ConfigException(new ConfigError(file + " (" + key + ")", "", 0, 0, null, rule));
    }
}
