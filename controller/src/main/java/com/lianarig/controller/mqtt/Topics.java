package com.lianarig.controller.mqtt;

import java.util.Objects;

/** The topic tree under the rig's root (docs/mqtt.md). */
public final class Topics {
    private final String root;
    private final String commandPrefix;

    public Topics(String root) {
        this.root = Objects.requireNonNull(root, "root");
        this.commandPrefix = root + "/cmd/";
    }

    public String root() {
        return root;
    }

    public String status() {
        return root + "/status";
    }

    public String state() {
        return root + "/state";
    }

    public String telemetry() {
        return root + "/telemetry";
    }

    public String events() {
        return root + "/events";
    }

    /** Retained link diagnostics of every node (docs/mqtt.md). */
    public String diagnostics() {
        return root + "/diagnostics";
    }

    /**
     * The attached client's session history, for panels only (personal data: the example Mosquitto ACL
     * lets panels read {@code R/panel/#} and denies it to studio systems; docs/mqtt.md).
     */
    public String panelHistory() {
        return root + "/panel/history";
    }

    public String command(String panelId) {
        return commandPrefix + panelId;
    }

    public String commandFilter() {
        return commandPrefix + "+";
    }

    public String reply(String panelId) {
        return root + "/reply/" + panelId;
    }

    /** The panel id of a command topic, or null when {@code topic} is not one. */
    public String panelOf(String topic) {
        if (!topic.startsWith(commandPrefix) || topic.length() == commandPrefix.length()) {
            return null;
        }
        String id = topic.substring(commandPrefix.length());
        return id.indexOf('/') >= 0 ? null : id;
    }
}
