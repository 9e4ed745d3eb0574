package com.lianarig.controller.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.config.rig.WebConfig;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.mqtt.Tls;
import com.lianarig.controller.mqtt.testing.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web panel's server (SPEC 6a): its files, and its API open to pages, to paired devices, to technicians. */
class WebPanelServerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    private PairingStore pairing;
    private WebPanelServer server;
    private final List<String> journal = new ArrayList<>();
    private final List<String> revoked = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @BeforeEach
    void start() throws Exception {
        pairing = new PairingStore(data, Set.of("trainer-tablet"), Clock.systemUTC(), System::nanoTime);
        ProfileStore profiles = new ProfileStore(data.resolve("profiles"), new NioFileOps());
        profiles.save(ClientProfile.of("c-0042", 1680, 62));
        profiles.save(ClientProfile.of("c-0043", 1820, 84));
        ClientNames names = new ClientNames(data);
        Files.createDirectories(names.file().getParent());
        Files.writeString(names.file(), "{\"c-0042\": \"Anna K.\"}", StandardCharsets.UTF_8);
        server = WebPanelServer.start("127.0.0.1", 0, Optional.empty(), new WebPanelServer.Content("liana/v1/s/rig-1",
                "legs", BrowserBroker.onPageHost(8081, "/mqtt", false), pairing, names, profiles, ClientHistory.NOT_KEPT,
                (kind, body) -> journal.add(kind + " " + body), revoked::add));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private String pairAs(PanelRole role) throws Exception {
        String code = pairing.newCode(role, Optional.empty(), "test", PairingStore.DEFAULT_CODE_LIFETIME).code();
        HttpResponse<String> r = send("POST", "/api/pair", null, "{\"code\": \"" + code + "\", \"deviceName\": \"p\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode p = json(r);
        return "Bearer " + p.get("panelId").asText() + ":" + p.get("secret").asText();
    }

    @Test
    void thePageAndItsMqttClientAreServedWithAStrictPolicy() throws Exception {
        HttpResponse<String> page = get("/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/lib/paho-mqtt.js"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("connect-src 'self' ws://127.0.0.1:8081"), csp);
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        HttpResponse<String> paho = get("/lib/paho-mqtt.js", null);
        assertEquals(200, paho.statusCode());
        assertTrue(paho.body().contains("Paho"), "the WebJar's client");
        assertEquals(200, get("/js/holdToRun.js", null).statusCode());
        assertEquals(404, get("/js/../../../etc/passwd", null).statusCode());
        assertEquals(404, get("/web/panel/index.html", null).statusCode());
        assertEquals(405, send("POST", "/", null, "x").statusCode());
    }

    @Test
    void everyPageLearnsTheTopicRootAndTheBrokerOnItsOwnHost() throws Exception {
        JsonNode rig = json(get("/api/rig", null));
        assertEquals("liana/v1/s/rig-1", rig.get("topicRoot").asText());
        assertEquals("ws://127.0.0.1:8081/mqtt", rig.get("brokerUrl").asText());
        assertEquals("legs", rig.get("jogGroup").asText());
    }

    @Test
    void onlyAPairedDeviceReadsClientNamesAndHistories() throws Exception {
        assertEquals(401, get("/api/clients", null).statusCode());
        assertEquals(401, get("/api/clients", "Bearer web-aaaaaa:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").statusCode());
        assertEquals(401, get("/api/clients/c-0042/history", null).statusCode());
        String trainer = pairAs(PanelRole.TRAINER);
        HttpResponse<String> clients = get("/api/clients", trainer);
        assertEquals(200, clients.statusCode());
        assertEquals("no-store", clients.headers().firstValue("Cache-Control").orElse(""));
        JsonNode list = json(clients).get("clients");
        assertEquals("c-0042", list.get(0).get("id").asText());
        assertEquals("Anna K.", list.get(0).get("name").asText());
        assertTrue(list.get(1).get("name").isNull(), "a client the studio has not named is shown by id");
        JsonNode history = json(get("/api/clients/c-0042/history", trainer));
        assertFalse(history.get("kept").asBoolean());
        assertEquals(0, history.get("sessions").size());
    }

    @Test
    void pairingRefusesAWrongCodeInWordsAndPausesAfterTooMany() throws Exception {
        HttpResponse<String> wrong = send("POST", "/api/pair", null, "{\"code\": \"1234 5678\"}");
        assertEquals(403, wrong.statusCode());
        assertTrue(json(wrong).get("error").asText().contains("ask the technician for a new one"));
        assertEquals(400, send("POST", "/api/pair", null, "not json").statusCode());
        assertEquals(413, send("POST", "/api/pair", null, "{\"code\": \"" + "1".repeat(5000) + "\"}").statusCode());
        for (int i = 0; i < PairingStore.MAX_FAILURES; i++) {
            send("POST", "/api/pair", null, "{\"code\": \"0000 000" + i + "\"}");
        }
        assertEquals(429, send("POST", "/api/pair", null, "{\"code\": \"1111 2222\"}").statusCode());
        assertTrue(journal.stream().anyMatch(j -> j.startsWith("panel.pairing-refused")));
    }

    @Test
    void aTechnicianMakesCodesListsAndRevokesDevicesATrainerOnlyItself() throws Exception {
        String tech = pairAs(PanelRole.TECHNICIAN);
        String trainer = pairAs(PanelRole.TRAINER);
        String trainerId = trainer.substring("Bearer ".length(), trainer.indexOf(':'));
        assertEquals(403, send("POST", "/api/pairing-codes", trainer, "{\"role\": \"trainer\"}").statusCode());
        assertEquals(403, get("/api/panels", trainer).statusCode());

        HttpResponse<String> code = send("POST", "/api/pairing-codes", tech, "{\"role\": \"trainer\"}");
        assertEquals(200, code.statusCode(), code.body());
        JsonNode c = json(code);
        assertTrue(c.get("code").asText().matches("\\d{4} \\d{4}"));
        assertTrue(c.get("link").asText().endsWith("/#pair=" + c.get("code").asText().replace(" ", "")));
        assertTrue(c.get("qrSvg").asText().startsWith("<svg"));

        JsonNode panels = json(get("/api/panels", tech));
        assertEquals(2, panels.get("panels").size());
        assertEquals(1, panels.get("pendingCodes").asInt());

        String other = pairAs(PanelRole.TRAINER);
        String otherId = other.substring("Bearer ".length(), other.indexOf(':'));
        assertEquals(403, send("DELETE", "/api/panels/" + otherId, trainer, null).statusCode(), "a trainer revokes only itself");
        assertEquals(204, send("DELETE", "/api/panels/" + otherId, tech, null).statusCode());
        assertEquals(List.of(otherId), revoked);
        assertEquals(401, get("/api/me", other).statusCode());
        assertEquals(204, send("DELETE", "/api/panels/" + trainerId, trainer, null).statusCode(), "forget this phone");
        assertTrue(journal.stream().anyMatch(j -> j.startsWith("panel.revoked") && j.contains(otherId)));
    }

    @Test
    void overHttpsWithTheRigsCertificate() throws Exception {
        TestPki pki = TestPki.create(data.resolve("pki"));
        WebConfig.Certificate cert = new WebConfig.Certificate(pki.server().certFile(), pki.server().keyFile());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(Tls.keyManagers(cert, "web.tls").getKeyManagers(), null, null);
        try (WebPanelServer https = WebPanelServer.start("127.0.0.1", 0, Optional.of(serverContext),
                new WebPanelServer.Content("r", "legs", BrowserBroker.onPageHost(8081, "/mqtt", true), pairing,
                        new ClientNames(data), new ProfileStore(data.resolve("profiles"), new NioFileOps()),
                        ClientHistory.NOT_KEPT, (k, b) -> { }, id -> { }))) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(Files.newInputStream(pki.caFile())));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            HttpClient c = HttpClient.newBuilder().sslContext(client).build();
            assertTrue(https.url().toString().startsWith("https://"));
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create("https://localhost:" + https.port()
                    + "/api/rig")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("wss://localhost:8081/mqtt", json(r).get("brokerUrl").asText(), "wss from an https page");
        }
    }
}
