package com.lianarig.tools.panel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.tools.mqtt.Json;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * Turns the trainer's actions into commands of docs/mqtt.md: each with the rig's current session and
 * this panel's next counter, and, while a hold-to-run action lasts, an {@code enable} every
 * {@value #ENABLE_REFRESH_MS} ms carrying the newest controller {@code clockMs} received (SR-10); a
 * {@code heartbeat} every {@value #HEARTBEAT_MS} ms once the rig's session is known (SR-24). The model
 * is told which command the trainer asked last, so its reply (not the enable refreshes' or the
 * heartbeats') is the one on screen.
 *
 * <p>Used by the panel's loop thread only (not thread-safe); the model it reads is.
 */
public final class Commander {
    /** Enable refresh period while a hold lasts, ms (the controller drops an enable older than 250 ms). */
    public static final long ENABLE_REFRESH_MS = 100;
    /** SR-24: a panel says it is there this often. */
    public static final long HEARTBEAT_MS = 1000;

    private final PanelModel model;
    private final CommandSink sink;
    private final String commandTopic;
    private final String jogGroup;
    private final LongSupplier nowMs;
    private long counter;
    private Hold holding;
    private long lastEnableMs;
    private long lastHeartbeatMs = Long.MIN_VALUE;
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
        long before = counter;
        String words = remember(sendQuietly(command, fields));
        if (counter != before) {
            model.asked(counter, command);
        }
        return words;
    }

    /**
     * Sends without making it the command whose reply and words are shown (enable refreshes,
     * heartbeats, a hold's release); says what happened.
     */
    private String sendQuietly(String command, ObjectNode fields) {
        long session = model.view().session();
        if (session < 0 && !command.equals("stop")) {
            return "not sent: " + command + " (no rig session yet: nothing received on status)";
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
        return published ? "sent " + words : "not sent: " + words + " (not connected to the broker)";
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
     * A hold's motion command, sent after the enable at the start of the hold: the rig wants the
     * enable live when a jog, an aim, a move or a program start arrives.
     */
    public record Motion(String command, ObjectNode fields) {
    }

    /** The motion command a hold of {@code hold} starts (jog, rescue), or null (the enable alone). */
    private Motion motionOf(Hold hold) {
        return switch (hold) {
            case JOG_UP -> new Motion("jog", Json.object().put("group", jogGroup).put("direction", "up"));
            case JOG_DOWN -> new Motion("jog", Json.object().put("group", jogGroup).put("direction", "down"));
            case RESCUE -> new Motion("rescue", Json.object().put("held", true));
            case ENABLE, AIM, PROGRAM -> null;
        };
    }

    /**
     * Starts a hold-to-run action: {@code enable} (held) and then its motion command (a jog, the
     * rescue descent). A different hold in progress is released first.
     */
    public String startHold(Hold hold) {
        return startHold(hold, motionOf(hold));
    }

    /**
     * Starts a hold: {@code enable} (held), then {@code motion} when there is one (aim, move-to,
     * program-start: the rig needs the enable live when they arrive).
     */
    public String startHold(Hold hold, Motion motion) {
        if (hold == holding && motion == null) {
            return lastSent;
        }
        if (holding != null) {
            if (holding != Hold.JOG_UP && holding != Hold.JOG_DOWN && holding != Hold.RESCUE) {
                return continueHold(hold, motion);
            }
            release();
        }
        long clockMs = model.view().newestClockMs();
        if (clockMs < 0) {
            return remember("not sent: " + hold.words() + " (no state or telemetry yet: an enable needs the rig's clock)");
        }
        holding = hold;
        lastEnableMs = nowMs.getAsLong();
        String words = sendEnable(true, clockMs);
        if (motion != null) {
            return send(motion.command(), motion.fields());
        }
        return remember(words + " (" + hold.words() + ")");
    }

    /**
     * Another motion while the enable is held (a segment key pressed during a hold of {@code e}):
     * the enable stays live and the motion goes out now; the hold is now the new key's.
     */
    private String continueHold(Hold next, Motion motion) {
        holding = next;
        return motion == null ? lastSent : send(motion.command(), motion.fields());
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
            case JOG_UP, JOG_DOWN -> words = sendQuietly("jog", Json.object().put("group", jogGroup)
                    .put("direction", "none"));
            case RESCUE -> words = sendQuietly("rescue", Json.object().put("held", false));
            case ENABLE, AIM, PROGRAM -> {
            }
        }
        return remember("released: " + ended.words() + " (" + words + ")");
    }

    /**
     * Refreshes the enable when a hold lasts and {@value #ENABLE_REFRESH_MS} ms have passed, and sends
     * the heartbeat every {@value #HEARTBEAT_MS} ms; call often.
     */
    public void tick() {
        long now = nowMs.getAsLong();
        if (model.view().session() >= 0 && (lastHeartbeatMs == Long.MIN_VALUE || now - lastHeartbeatMs >= HEARTBEAT_MS)) {
            lastHeartbeatMs = now;
            sendQuietly("heartbeat", null);
        }
        if (holding == null) {
            return;
        }
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
        return sendQuietly("enable", fields);
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
