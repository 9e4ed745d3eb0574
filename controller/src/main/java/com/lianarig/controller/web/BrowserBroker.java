package com.lianarig.controller.web;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a browser reaches the rig's broker over WebSockets: a fixed URL (an external broker's
 * listener, or anything standing in front of the embedded one), or the embedded broker's listener on
 * the host the page itself was loaded from (so a phone that opened {@code https://rig-1.studio:8443}
 * connects to {@code wss://rig-1.studio:8081/mqtt}).
 *
 * @param url the fixed URL, if any
 * @param port otherwise the embedded listener's port
 * @param path otherwise its path
 * @param secure otherwise whether it is {@code wss://}
 */
public record BrowserBroker(Optional<String> url, int port, String path, boolean secure) {
    public BrowserBroker {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(path, "path");
    }

    /** A fixed URL. */
    public static BrowserBroker at(String url) {
        return new BrowserBroker(Optional.of(url), 0, "", url.startsWith("wss:"));
    }

    /** The embedded broker's listener on the page's own host. */
    public static BrowserBroker onPageHost(int port, String path, boolean secure) {
        return new BrowserBroker(Optional.empty(), port, path, secure);
    }

    /** The URL for a page loaded from {@code pageHost} (a host name or address, no port). */
    public String urlFor(String pageHost) {
        if (url.isPresent()) {
            return url.get();
        }
        String host = pageHost.contains(":") && !pageHost.startsWith("[") ? "[" + pageHost + "]" : pageHost;
        return (secure ? "wss://" : "ws://") + host + ":" + port + path;
    }
}
