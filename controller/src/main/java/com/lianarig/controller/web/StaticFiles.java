package com.lianarig.controller.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The panel's own files (the {@code web/panel} resources: {@code index.html}, the style sheet, the
 * plain ES modules under {@code js/}) and the browser MQTT client from its WebJar (Eclipse Paho's
 * JavaScript client, {@code org.webjars.npm:paho-mqtt}), all read from the classpath: nothing is
 * built by Node.js and nothing comes from the internet. Thread-safe.
 */
final class StaticFiles {
    static final String ROOT = "/web/panel/";
    /** The MQTT client's path in the panel and where its WebJar keeps it. */
    static final String PAHO_PATH = "/lib/paho-mqtt.js";
    static final String PAHO_RESOURCE = "/META-INF/resources/webjars/paho-mqtt/1.1.0/paho-mqtt.js";
    private static final Pattern SAFE = Pattern.compile("/(?:[a-z0-9][a-z0-9_-]*/)*[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json; charset=utf-8",
            "webmanifest", "application/manifest+json");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** The resource for a request path, or null when there is none (or the path is not a plain file name). */
    byte[] file(String path) throws IOException {
        String resource = resourceOf(path);
        if (resource == null) {
            return null;
        }
        byte[] cached = cache.get(resource);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readAllBytes();
            cache.put(resource, bytes);
            return bytes;
        }
    }

    static String resourceOf(String path) {
        if (path.equals("/")) {
            return ROOT + "index.html";
        }
        if (path.equals(PAHO_PATH)) {
            return PAHO_RESOURCE;
        }
        if (!SAFE.matcher(path).matches() || path.contains("..")) {
            return null;
        }
        return ROOT + path.substring(1);
    }

    static String contentType(String path) {
        String name = path.equals("/") ? "index.html" : path;
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        return type == null ? "application/octet-stream" : type;
    }

    /** Serves a GET or HEAD of a static file; false when there is no such file. */
    boolean serve(HttpExchange x, String extraCsp) throws IOException {
        String path = x.getRequestURI().getPath();
        byte[] bytes = file(path);
        if (bytes == null) {
            return false;
        }
        String type = contentType(path);
        if (type.startsWith("text/html")) {
            var h = x.getResponseHeaders();
            h.set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self' " + extraCsp + "; media-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                    + "form-action 'none'");
            h.set("X-Frame-Options", "DENY");
        }
        HttpReplies.send(x, 200, type, bytes, false);
        return true;
    }
}
