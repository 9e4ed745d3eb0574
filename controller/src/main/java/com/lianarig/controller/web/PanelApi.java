package com.lianarig.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.core.Json;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web server's small JSON API (docs/panel.md, "The web panel's HTTPS API"): what a page needs
 * before it can talk MQTT (the topic root and the broker's WebSocket URL), pairing a device with a
 * one-time code, and what only paired devices may read or do: client names, a client's session
 * history, and (technicians) making pairing codes, listing and revoking paired devices.
 *
 * <p>A paired device proves itself on every call with {@code Authorization: Bearer <panelId>:<secret>}
 * (the same secret it logs in to the broker with; over HTTPS everywhere but loopback). Commands never
 * go through here: the panel has no command path of its own (SPEC section 6a). Thread-safe.
 */
final class PanelApi {
    private static final Logger log = LoggerFactory.getLogger(PanelApi.class);
    private static final Pattern HISTORY = Pattern.compile("/api/clients/([A-Za-z0-9][A-Za-z0-9_-]{0,63})/history");
    private static final Pattern PANEL = Pattern.compile("/api/panels/(web-[a-z0-9]{6})");
    private static final Pattern BEARER = Pattern.compile("Bearer (web-[a-z0-9]{6}):([A-Za-z0-9_-]{20,100})");

    /** What the pages are told about the rig. */
    record Site(String topicRoot, String jogGroup, BrowserBroker broker, boolean https) {
        Site {
            Objects.requireNonNull(topicRoot, "topicRoot");
            Objects.requireNonNull(jogGroup, "jogGroup");
            Objects.requireNonNull(broker, "broker");
        }
    }

    private final Site site;
    private final PairingStore pairing;
    private final ClientNames names;
    private final ProfileStore profiles;
    private final ClientHistory history;
    private final EventLog journal;
    private final Consumer<String> revoked;

    /**
     * @param revoked told the id of every revoked device (the embedded broker drops its connections)
     */
    PanelApi(Site site, PairingStore pairing, ClientNames names, ProfileStore profiles, ClientHistory history,
            EventLog journal, Consumer<String> revoked) {
        this.site = site;
        this.pairing = pairing;
        this.names = names;
        this.profiles = profiles;
        this.history = history;
        this.journal = journal;
        this.revoked = revoked;
    }

    /** Handles one {@code /api/...} request. */
    void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        try {
            switch (path) {
                case "/api/rig" -> {
                    require(method, "GET");
                    rig(x);
                }
                case "/api/pair" -> {
                    require(method, "POST");
                    pair(x);
                }
                case "/api/me" -> {
                    require(method, "GET");
                    me(x, paired(x));
                }
                case "/api/clients" -> {
                    require(method, "GET");
                    clients(x, paired(x));
                }
                case "/api/pairing-codes" -> {
                    require(method, "POST");
                    newCode(x, technician(paired(x)));
                }
                case "/api/panels" -> {
                    require(method, "GET");
                    panels(x, technician(paired(x)));
                }
                default -> other(x, path, method);
            }
        } catch (HttpReplies.Refused r) {
            HttpReplies.error(x, r.status, r.getMessage());
        } catch (RuntimeException e) {
            log.error("web panel API {} {} failed", method, path, e);
            HttpReplies.error(x, 500, "the rig could not answer this request (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void other(HttpExchange x, String path, String method) throws IOException, HttpReplies.Refused {
        Matcher h = HISTORY.matcher(path);
        if (h.matches()) {
            require(method, "GET");
            history(x, paired(x), h.group(1));
            return;
        }
        Matcher p = PANEL.matcher(path);
        if (p.matches()) {
            require(method, "DELETE");
            revoke(x, paired(x), p.group(1));
            return;
        }
        throw new HttpReplies.Refused(404, "no such page: " + clip(path));
    }

    private static void require(String method, String expected) throws HttpReplies.Refused {
        if (!method.equals(expected)) {
            throw new HttpReplies.Refused(405, "use " + expected + " here, not " + clip(method));
        }
    }

    // ------------------------------------------------------------------ open to every page

    private void rig(HttpExchange x) throws IOException {
        ObjectNode o = HttpReplies.object();
        o.put("topicRoot", site.topicRoot());
        o.put("brokerUrl", site.broker().urlFor(WebPanelServer.pageHost(x)));
        o.put("jogGroup", site.jogGroup());
        o.put("enableRefreshMs", 100);
        o.put("heartbeatMs", 1000);
        HttpReplies.json(x, 200, o);
    }

    private void pair(HttpExchange x) throws IOException, HttpReplies.Refused {
        JsonNode body = HttpReplies.body(x);
        String code = body.path("code").asText("");
        String device = body.path("deviceName").asText("phone");
        PairingStore.Paired p;
        try {
            p = pairing.redeem(code, device);
        } catch (PairingStore.PairingRefused r) {
            journal.record("panel.pairing-refused", Json.of("why", r.getMessage()));
            throw new HttpReplies.Refused(r.tooMany() ? 429 : 403, r.getMessage());
        } catch (IOException e) {
            // the store, or an external broker that could not give the device its login (MosquittoPairedUsers)
            log.error("pairing failed: {}", e.getMessage());
            throw new HttpReplies.Refused(503, e.getMessage());
        }
        journal.record("panel.paired", Json.of("panel", p.panel().id(), "name", p.panel().name(), "role",
                p.panel().role().id(), "by", p.panel().pairedBy()));
        ObjectNode o = HttpReplies.object();
        o.put("panelId", p.panel().id());
        o.put("secret", p.secret());
        o.put("role", p.panel().role().id());
        o.put("name", p.panel().name());
        HttpReplies.json(x, 200, o);
    }

    // ------------------------------------------------------------------ paired devices only

    /** The paired device making the request; 401 without valid credentials (never says which part was wrong). */
    private PairedPanel paired(HttpExchange x) throws HttpReplies.Refused {
        String header = x.getRequestHeaders().getFirst("Authorization");
        Matcher m = header == null ? null : BEARER.matcher(header);
        if (m == null || !m.matches()) {
            throw new HttpReplies.Refused(401, "this device is not paired with the rig: a technician pairs it");
        }
        return pairing.authenticate(m.group(1), m.group(2).getBytes(StandardCharsets.US_ASCII))
                .orElseThrow(() -> new HttpReplies.Refused(401,
                        "this device is no longer paired with the rig (revoked, or paired again): a technician pairs it"));
    }

    private static PairedPanel technician(PairedPanel p) throws HttpReplies.Refused {
        if (p.role() != PanelRole.TECHNICIAN) {
            throw new HttpReplies.Refused(403, "only a technician's device may do this");
        }
        return p;
    }

    private void me(HttpExchange x, PairedPanel p) throws IOException {
        HttpReplies.json(x, 200, HttpReplies.object().put("panelId", p.id()).put("name", p.name())
                .put("role", p.role().id()));
    }

    private void clients(HttpExchange x, PairedPanel p) throws IOException {
        Map<String, String> known = names.all();
        List<String> ids;
        try {
            ids = profiles.list();
        } catch (IOException e) {
            log.error("the client profiles cannot be listed: {}", e.toString());
            HttpReplies.error(x, 503, "the rig cannot read its client profiles right now");
            return;
        }
        ArrayNode list = HttpReplies.JSON.createArrayNode();
        ids.stream().map(id -> new String[] {id, known.getOrDefault(id, "")})
                .sorted((a, b) -> (a[1].isEmpty() ? "\uffff" + a[0] : a[1]).compareToIgnoreCase(
                        b[1].isEmpty() ? "\uffff" + b[0] : b[1]))
                .forEach(c -> list.addObject().put("id", c[0]).put("name", c[1].isEmpty() ? null : c[1]));
        ObjectNode o = HttpReplies.object();
        o.set("clients", list);
        HttpReplies.json(x, 200, o);
    }

    private void history(HttpExchange x, PairedPanel p, String clientId) throws IOException {
        Optional<List<ClientHistory.Session>> sessions = history.sessions(clientId);
        ObjectNode o = HttpReplies.object().put("clientId", clientId).put("kept", sessions.isPresent());
        ArrayNode list = o.putArray("sessions");
        for (ClientHistory.Session s : sessions.orElse(List.of())) {
            ObjectNode e = list.addObject().put("startedAtMs", s.startedAtMs()).put("exercise", s.exercise())
                    .put("repetitions", s.repetitions()).put("note", s.note());
            s.segments().forEach(e.putArray("segments")::add);
            s.heightsMm().forEach(e.putArray("heightsMm")::add);
            s.holdsS().forEach(e.putArray("holdsS")::add);
            s.stops().forEach(e.putArray("stops")::add);
        }
        HttpReplies.json(x, 200, o);
    }

    private void newCode(HttpExchange x, PairedPanel tech) throws IOException, HttpReplies.Refused {
        JsonNode body = HttpReplies.body(x);
        PanelRole role = body.path("role").asText("trainer").equals("technician") ? PanelRole.TECHNICIAN
                : PanelRole.TRAINER;
        Optional<String> name = body.hasNonNull("name") && !body.get("name").asText().isBlank()
                ? Optional.of(body.get("name").asText().strip()) : Optional.empty();
        if (name.isPresent() && DeviceNames.problem(name.get()) != null) {
            throw new HttpReplies.Refused(400, "the device name " + DeviceNames.problem(name.get()));
        }
        PairingStore.NewCode c = pairing.newCode(role, name, tech.id(), PairingStore.DEFAULT_CODE_LIFETIME);
        journal.record("panel.pairing-code", Json.of("by", tech.id(), "role", role.id(), "expiresAtMs", c.expiresAtMs()));
        String link = WebPanelServer.origin(x, site.https()) + "/#pair=" + c.code().replace(" ", "");
        ObjectNode o = HttpReplies.object();
        o.put("code", c.code());
        o.put("role", role.id());
        o.put("expiresAtMs", c.expiresAtMs());
        o.put("link", link);
        o.put("qrSvg", QrPicture.svg(link));
        HttpReplies.json(x, 200, o);
    }

    private void panels(HttpExchange x, PairedPanel tech) throws IOException {
        ArrayNode list = HttpReplies.JSON.createArrayNode();
        for (PairedPanel p : pairing.panels()) {
            list.addObject().put("id", p.id()).put("name", p.name()).put("role", p.role().id())
                    .put("pairedAtMs", p.pairedAtMs()).put("pairedBy", p.pairedBy()).put("self", p.id().equals(tech.id()));
        }
        ObjectNode o = HttpReplies.object();
        o.set("panels", list);
        o.put("pendingCodes", pairing.pendingCodes());
        HttpReplies.json(x, 200, o);
    }

    /** A technician revokes any device; any device may revoke itself ("forget this phone"). */
    private void revoke(HttpExchange x, PairedPanel who, String id) throws IOException, HttpReplies.Refused {
        if (!id.equals(who.id()) && who.role() != PanelRole.TECHNICIAN) {
            throw new HttpReplies.Refused(403, "only a technician's device may revoke another device");
        }
        if (!pairing.revoke(id)) {
            throw new HttpReplies.Refused(404, "no paired device " + id);
        }
        journal.record("panel.revoked", Json.of("panel", id, "by", who.id()));
        revoked.accept(id);
        HttpReplies.send(x, 204, "application/json", new byte[0], true);
    }

    private static String clip(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return t.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
