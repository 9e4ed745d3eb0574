package com.lianarig.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reading requests and writing replies on the JDK's HTTP server: JSON in and out, bounded, with plain-word errors. */
final class HttpReplies {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The largest request body read, bytes: every request of the API is a few hundred. */
    static final int MAX_BODY_BYTES = 4096;

    private HttpReplies() {
    }

    /** A request the API refuses, with its status and the words for the person holding the phone. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The request body as a JSON object; refused when too big, not JSON, or not an object. */
    static JsonNode body(HttpExchange x) throws IOException, Refused {
        byte[] bytes;
        try (InputStream in = x.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new Refused(413, "the request is larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new Refused(400, "the request is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new Refused(400, "the request is not a JSON object");
        }
        return node;
    }

    static void json(HttpExchange x, int status, JsonNode body) throws IOException {
        send(x, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body), true);
    }

    static void error(HttpExchange x, int status, String words) throws IOException {
        json(x, status, object().put("error", words));
    }

    static void send(HttpExchange x, int status, String contentType, byte[] body, boolean noStore) throws IOException {
        var h = x.getResponseHeaders();
        h.set("Content-Type", contentType);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", noStore ? "no-store" : "no-cache");
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head || status == 204 ? -1 : body.length);
        if (!head && status != 204) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
        x.close();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
