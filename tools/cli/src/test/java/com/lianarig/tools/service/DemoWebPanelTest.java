package com.lianarig.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.tools.RigCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rig demo} serves the trainers' web panel and says where, with a code that pairs a browser. */
class DemoWebPanelTest {
    private static final Pattern PANEL_LINE = Pattern.compile(
            "the trainers' web panel: (http://127\\.0\\.0\\.1:\\d+/) {2}\\(pair this browser with the code (\\d{4} \\d{4})");

    @TempDir
    Path dir;

    @Test
    void theDemoPrintsThePanelsAddressAndACodeThatPairs() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        CompletableFuture<Integer> demo;
        Matcher m;
        String mqttPort = Integer.toString(DemoMqttTest.freePort());
        try {
            demo = CompletableFuture.supplyAsync(() -> RigCommand.commandLine(new ByteArrayInputStream(new byte[0]))
                    .execute("demo", "--idle", "--duration", "12", "--data", dir.toString(), "--status-interval", "5000",
                            "--mqtt-port", mqttPort, "--web-port", "0", "--web-socket-port", "0"));
            long deadline = System.nanoTime() + 20_000_000_000L;
            do {
                Thread.sleep(100);
                m = PANEL_LINE.matcher(captured.toString(StandardCharsets.UTF_8));
            } while (!m.find() && System.nanoTime() < deadline && !demo.isDone());
        } finally {
            System.setOut(saved);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(m.find(0), "the demo prints the panel's address and a pairing code:\n" + out);
        String url = m.group(1);
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        HttpResponse<String> paired = http.send(HttpRequest.newBuilder(URI.create(url + "api/pair")).POST(
                HttpRequest.BodyPublishers.ofString("{\"code\": \"" + m.group(2) + "\", \"deviceName\": \"demo browser\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, paired.statusCode(), paired.body());
        JsonNode p = json.readTree(paired.body());
        assertEquals("technician", p.get("role").asText(), "the demo's code: every screen shows");
        HttpResponse<String> clients = http.send(HttpRequest.newBuilder(URI.create(url + "api/clients")).header(
                "Authorization", "Bearer " + p.get("panelId").asText() + ":" + p.get("secret").asText()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(clients.body().contains("Anna K."), "the demo studio's named clients: " + clients.body());
        assertEquals(0, demo.get(40, TimeUnit.SECONDS), out);
    }
}
