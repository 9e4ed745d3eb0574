package com.lianarig.controller.web;

import com.lianarig.config.profile.ProfileStore;
import com.lianarig.controller.core.EventLog;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainers' handheld panel, served by the rig's own service (SPEC section 6a): the JDK's HTTP
 * server, over HTTPS with the rig's certificate (plain HTTP only on loopback, for the demo), serving
 * the panel's files ({@link StaticFiles}) and its small API ({@link PanelApi}). The panel itself talks
 * MQTT over WebSockets to the rig's broker like any other panel; nothing that moves the rig goes
 * through this server.
 *
 * <p>Requests run on a small pool of daemon threads ("web-panel-N"), never on the control thread.
 */
public final class WebPanelServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebPanelServer.class);
    static final int THREADS = 4;
    private static final Pattern HOST_HEADER = Pattern.compile("([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(:\\d{1,5})?");

    private final HttpServer server;
    private final ExecutorService pool;
    private final boolean https;
    private final String host;

    private WebPanelServer(HttpServer server, ExecutorService pool, boolean https, String host) {
        this.server = server;
        this.pool = pool;
        this.https = https;
        this.host = host;
    }

    /** What the server serves. */
    public record Content(String topicRoot, String jogGroup, BrowserBroker broker, PairingStore pairing,
            ClientNames names, ProfileStore profiles, ClientHistory history, EventLog journal,
            Consumer<String> revoked) {
        public Content {
            Objects.requireNonNull(topicRoot, "topicRoot");
            Objects.requireNonNull(jogGroup, "jogGroup");
            Objects.requireNonNull(broker, "broker");
            Objects.requireNonNull(pairing, "pairing");
            Objects.requireNonNull(names, "names");
            Objects.requireNonNull(profiles, "profiles");
            Objects.requireNonNull(history, "history");
            Objects.requireNonNull(journal, "journal");
            Objects.requireNonNull(revoked, "revoked");
        }
    }

    /**
     * Starts serving on {@code host:port} (port 0: any free one).
     *
     * @param tls the rig's TLS context for HTTPS; empty for plain HTTP (loopback only: the rig file's
     *     check, {@code WebConfig}, already refuses anything else)
     * @throws IOException when the address is taken or cannot be bound, with the address named
     */
    public static WebPanelServer start(String host, int port, Optional<SSLContext> tls, Content content)
            throws IOException {
        HttpServer server;
        InetSocketAddress address = new InetSocketAddress(host, port);
        try {
            if (tls.isPresent()) {
                HttpsServer s = HttpsServer.create(address, 32);
                s.setHttpsConfigurator(new HttpsConfigurator(tls.get()));
                server = s;
            } else {
                server = HttpServer.create(address, 32);
            }
        } catch (BindException e) {
            throw new IOException("the web panel cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "): is another rig service (or another web server) running there? Stop it, or choose another "
                    + "web.port", e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "web-panel-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        StaticFiles files = new StaticFiles();
        PanelApi api = new PanelApi(new PanelApi.Site(content.topicRoot(), content.jogGroup(), content.broker(),
                tls.isPresent()),
                content.pairing(), content.names(), content.profiles(), content.history(), content.journal(),
                content.revoked());
        server.createContext("/", x -> {
            try {
                route(x, files, api, content.broker());
            } catch (IOException | RuntimeException e) {
                log.debug("web panel request {} failed: {}", x.getRequestURI(), e.toString());
            } finally {
                x.close();
            }
        });
        server.setExecutor(pool);
        server.start();
        WebPanelServer started = new WebPanelServer(server, pool, tls.isPresent(), host);
        log.info("web panel on {}", started.url());
        return started;
    }

    private static void route(HttpExchange x, StaticFiles files, PanelApi api, BrowserBroker broker) throws IOException {
        String path = x.getRequestURI().getPath();
        if (path.startsWith("/api/")) {
            api.handle(x);
            return;
        }
        String method = x.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            HttpReplies.error(x, 405, "use GET here");
            return;
        }
        String brokerOrigin = origin(broker.urlFor(pageHost(x)));
        if (!files.serve(x, brokerOrigin)) {
            HttpReplies.send(x, 404, "text/plain; charset=utf-8", HttpReplies.utf8("no such page: the panel is at /"),
                    true);
        }
    }

    /** {@code ws://host:port} of a WebSocket URL, for the page's Content-Security-Policy. */
    private static String origin(String wsUrl) {
        URI u = URI.create(wsUrl);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    /** The host name the page was loaded from (the Host header, checked), without its port. */
    static String pageHost(HttpExchange x) {
        String h = x.getRequestHeaders().getFirst("Host");
        if (h != null && HOST_HEADER.matcher(h).matches()) {
            int colon = h.lastIndexOf(':');
            boolean hasPort = colon > 0 && colon > h.lastIndexOf(']');
            String name = hasPort ? h.substring(0, colon) : h;
            return name.startsWith("[") ? name.substring(1, name.length() - 1) : name;
        }
        return x.getLocalAddress().getAddress().getHostAddress();
    }

    /** {@code http(s)://host:port} the page was loaded from. */
    static String origin(HttpExchange x, boolean https) {
        String h = x.getRequestHeaders().getFirst("Host");
        if (h == null || !HOST_HEADER.matcher(h).matches()) {
            h = x.getLocalAddress().getAddress().getHostAddress() + ":" + x.getLocalAddress().getPort();
        }
        return (https ? "https://" : "http://") + h;
    }

    /** The port the server listens on (the real one when started on port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The panel's address, e.g. {@code https://0.0.0.0:8443/} (a wildcard host says "any address of this machine"). */
    public URI url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create((https ? "https://" : "http://") + h + ":" + port() + "/");
    }

    public boolean https() {
        return https;
    }

    /** Stops serving (requests in progress get up to 1 s). Idempotent. */
    @Override
    public void close() {
        server.stop(1);
        pool.shutdownNow();
    }
}
