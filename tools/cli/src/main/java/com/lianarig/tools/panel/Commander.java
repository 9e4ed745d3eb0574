package com.lianarig.tools.panel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.tools.mqtt.Json;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * Turns the trainer's actions into commands of docs/mqtt.md: each with the rig's current session and
 * this panel's next counter, and, while a hold-to-run action lasts, an {@code enable} every
 * {@value #ENABLE_REFRESH_MS} ms carrying the newest controller {@code clockMs} received (SR-10).
 *
 * <p>Used by the panel's loop thread only (not thread-safe); the model it reads is.
 */
public final class Commander {
    /** Enable refresh period while a hold lasts, ms (the controller drops an enable older than 250 ms). */
    public static final long ENABLE_REFRESH_MS = 100;

    private final PanelModel model;
    private final CommandSink sink;
    private final String commandTopic;
    private final String jogGroup;
    private final LongSupplier nowMs;
    private long counter;
    private Hold holding;
    private long lastEnableMs;
    private String lastSent = "nothing sent yet";

    /**
     * @param panelId this panel's id: commands go to {@code root/cmd/panelId}
     * @param jogGroup the group jogs move (the leg pair's name in the rig file, "legs")
     * @param nowMs a monotonic clock, ms
     * @param firstCounter the first counter; a counter must rise across restarts of the panel within one
     *     rig session, so the command line starts from the wall clock in ms
     */
    public Commander(PanelModel model, CommandSink sink, String panelId, String jogGroup, LongSupplier nowMs,
            long firstCounter) {
        if (firstCounter < 1) {
            throw new IllegalArgumentException("the first counter must be positive, not " + firstCounter);
        }
        this.model = model;
        this.sink = sink;
        this.commandTopic = model.root() + "/cmd/" + panelId;
        this.jogGroup = jogGroup;
        this.nowMs = nowMs;
        this.counter = firstCounter - 1;
    }

    /**
     * Sends one command.
     *
     * @param fields the command's own fields ({@code clientId}, {@code segment}...), or null
     * @return what happened, in words, for the display
     */
    public String send(String command, ObjectNode fields) {
        long session = model.view().session();
        if (session < 0 && !command.equals("stop")) {
            return remember("not sent: " + command + " (no rig session yet: nothing received on status)");
        }
        ObjectNode json = Json.object();
        // A stop goes out even without a session: the rig acts on a stale stop (docs/mqtt.md).
        json.put("session", Math.max(session, 0));
        json.put("counter", ++counter);
        json.put("command", command);
        if (fields != null) {
            json.setAll(fields);
        }
        boolean published = sink.publish(commandTopic, Json.write(json).getBytes(StandardCharsets.UTF_8));
        String words = command + describe(fields) + " #" + counter;
        return remember(published ? "sent " + words : "not sent: " + words + " (not connected to the broker)");
    }

    private static String describe(ObjectNode fields) {
        if (fields == null || fields.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        fields.properties().forEach(field -> text.append(' ').append(field.getValue().asText()));
        return text.toString();
    }

    private String remember(String words) {
        lastSent = words;
        return words;
    }

    /** STOP: always sent first; a hold in progress ends (its release follows the stop). */
    public String stop() {
        String words = send("stop", null);
        if (holding != null) {
            release();
        }
        return remember(words);
    }

    /**
     * Starts a hold-to-run action: {@code enable} (held) and then the motion command. A different
     * hold in progress is released first.
     */
    public String startHold(Hold hold) {
        if (hold == holding) {
            return lastSent;
        }
        if (holding != null) {
            release();
        }
        long clockMs = model.view().newestClockMs();
        if (clockMs < 0) {
            return remember("not sent: " + hold.words() + " (no state or telemetry yet: an enable needs the rig's clock)");
        }
        holding = hold;
        lastEnableMs = nowMs.getAsLong();
        String words = sendEnable(true, clockMs);
        switch (hold) {
            case JOG_UP -> words = send("jog", Json.object().put("group", jogGroup).put("direction", "up"));
            case JOG_DOWN -> words = send("jog", Json.object().put("group", jogGroup).put("direction", "down"));
            case RESCUE -> words = send("rescue", Json.object().put("held", true));
            case ENABLE -> {
            }
        }
        return remember(words);
    }

    /** Ends the hold in progress: {@code enable} not held, then {@code jog none} or {@code rescue} not held. */
    public String release() {
        Hold ended = holding;
        if (ended == null) {
            return lastSent;
        }
        holding = null;
        String words = sendEnable(false, -1);
        switch (ended) {
            case JOG_UP, JOG_DOWN -> words = send("jog", Json.object().put("group", jogGroup).put("direction", "none"));
            case RESCUE -> words = send("rescue", Json.object().put("held", false));
            case ENABLE -> {
            }
        }
        return remember(words);
    }

    /** Refreshes the enable when a hold lasts and {@value #ENABLE_REFRESH_MS} ms have passed; call often. */
    public void tick() {
        if (holding == null) {
            return;
        }
        long now = nowMs.getAsLong();
        if (now - lastEnableMs >= ENABLE_REFRESH_MS) {
            lastEnableMs = now;
            sendEnable(true, model.view().newestClockMs());
        }
    }

    private String sendEnable(boolean held, long clockMs) {
        ObjectNode fields = Json.object().put("held", held);
        if (held) {
            fields.put("clockMs", clockMs);
        }
        return send("enable", fields);
    }

    /** The hold in progress, or null. */
    public Hold holding() {
        return holding;
    }

    /** The last command sent (or not sent, and why), in words. */
    public String lastSent() {
        return lastSent;
    }

    /** The last counter used. */
    public long counter() {
        return counter;
    }
}
