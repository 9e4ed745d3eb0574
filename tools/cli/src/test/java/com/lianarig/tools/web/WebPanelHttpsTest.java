package com.lianarig.tools.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.PanelRole;
import com.lianarig.config.rig.WebConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The panel as a studio network serves it (SPEC 6a): over HTTPS with the rig's own certificate, the
 * broker over wss:// with the same one; a phone that trusts the certificate pairs and moves the rig.
 */
class WebPanelHttpsTest {
    @TempDir
    Path dir;

    @Test
    void overHttpsAndWssWithTheRigsCertificate() throws Exception {
        assertTrue(Chromium.installed(), "the browser tests need Debian's chromium and chromium-driver");
        Path key = dir.resolve("rig.key");
        Path cert = dir.resolve("rig.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2",
                "-subj", "/CN=rig-1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost").redirectErrorStream(true)
                .start();
        assertTrue(openssl.waitFor(30, TimeUnit.SECONDS) && openssl.exitValue() == 0,
                new String(openssl.getInputStream().readAllBytes()));
        X509Certificate x509;
        try (InputStream in = Files.newInputStream(cert)) {
            x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        // the phone trusts exactly this certificate (as one would after installing the studio's CA)
        String spki = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(x509.getPublicKey().getEncoded()));
        try (WebRig rig = WebRig.https(new WebConfig.Certificate(cert, key));
                RigWatch watch = new RigWatch(rig);
                Chromium browser = Chromium.start(Chromium.Size.PHONE, "--ignore-certificate-errors-spki-list=" + spki)) {
            assertTrue(rig.url().startsWith("https://"), rig.url());
            PanelPage phone = new PanelPage(browser);
            phone.open(rig.url());
            phone.pair(rig.newCode(PanelRole.TRAINER), "https phone");
            Scenarios.run(rig, watch, "over https", () -> {
                phone.takeCommand();
                double before = rig.trueStrapHeightMm();
                phone.press("hold-up");
                try {
                    phone.waitUntil("the straps to rise over wss", () -> rig.trueStrapHeightMm() > before + 5,
                            Duration.ofSeconds(6));
                } finally {
                    phone.lift();
                }
            });
            Object brokerUrl = browser.driver().executeAsyncScript("const done = arguments[0];"
                    + "fetch('/api/rig').then(r => r.json()).then(j => done(j.brokerUrl));");
            assertTrue(String.valueOf(brokerUrl).startsWith("wss://127.0.0.1:"), String.valueOf(brokerUrl));
        }
    }
}
