package com.lianarig.tools.panel;

import com.lianarig.tools.mqtt.MalformedPayloadException;
import com.lianarig.tools.mqtt.ReplyMessage;
import com.lianarig.tools.mqtt.StateMessage;
import com.lianarig.tools.mqtt.StatusMessage;
import com.lianarig.tools.mqtt.TelemetryMessage;

/**
 * The panel's picture of one rig, from the messages under its topic root ({@code status},
 * {@code state}, {@code telemetry}, {@code reply/<panelId>}).
 *
 * <p>Written by the MQTT callback thread, read by the panel's loop: every method takes the lock and
 * {@link #view()} hands out an immutable copy.
 */
public final class PanelModel {
    private final String root;
    private final String replyTopic;

    private boolean connected = true;
    private StatusMessage status;
    private StateMessage state;
    private TelemetryMessage telemetry;
    private ReplyMessage lastReply;
    private long askedCounter = -1;
    private String askedCommand;
    private long newestClockMs = -1;
    private long clockSession = -1;
    private long malformed;
    private String lastMalformed;

    /**
     * @param root the rig's topic root, e.g. {@code liana/v1/demo-studio/rig-1}
     * @param panelId this panel's id: replies come on {@code root/reply/panelId}
     */
    public PanelModel(String root, String panelId) {
        this.root = root;
        this.replyTopic = root + "/reply/" + panelId;
    }

    /** Takes one message; topics outside this panel's are ignored, malformed payloads counted. */
    public synchronized void accept(String topic, byte[] payload) {
        try {
            if (topic.equals(root + "/status")) {
                StatusMessage next = StatusMessage.parse(payload);
                if (status == null || next.session() != status.session()) {
                    newSession(next.session());
                }
                status = next;
            } else if (topic.equals(root + "/state")) {
                StateMessage next = StateMessage.parse(payload);
                if (belongs(next.session())) {
                    state = next;
                    clock(next.session(), next.clockMs());
                }
            } else if (topic.equals(root + "/telemetry")) {
                TelemetryMessage next = TelemetryMessage.parse(payload);
                if (belongs(next.session())) {
                    telemetry = next;
                    clock(next.session(), next.clockMs());
                }
            } else if (topic.equals(replyTopic)) {
                reply(ReplyMessage.parse(payload));
            }
        } catch (MalformedPayloadException e) {
            malformed++;
            lastMalformed = topic.substring(topic.lastIndexOf('/') + 1) + ": " + e.getMessage();
        }
    }

    /**
     * True when a message of {@code session} describes the rig now. Without a status yet, the first
     * session seen is taken; a newer session (the service restarted) replaces an older one.
     */
    private boolean belongs(long session) {
        long current = status != null ? status.session() : state != null ? state.session() : -1;
        if (current == -1 || session > current) {
            if (session > current && current != -1) {
                newSession(session);
            }
            return true;
        }
        return session == current;
    }

    private void newSession(long session) {
        if (state != null && state.session() != session) {
            state = null;
        }
        if (telemetry != null && telemetry.session() != session) {
            telemetry = null;
        }
        if (clockSession != session) {
            newestClockMs = -1;
        }
    }

    private void clock(long session, long clockMs) {
        if (clockSession != session) {
            clockSession = session;
            newestClockMs = clockMs;
        } else {
            newestClockMs = Math.max(newestClockMs, clockMs);
        }
    }

    /**
     * The reply shown is the one to the command the trainer asked last; an accepted enable refresh,
     * heartbeat or release never overwrites it, a refused one does (it says why motion stopped), and it
     * stays until the next command.
     */
    private void reply(ReplyMessage r) {
        if (r.counter() != null && r.counter() == askedCounter) {
            lastReply = r;
        } else if (!r.accepted()) {
            lastReply = r;
        }
    }

    /** The trainer asked {@code command} with {@code counter}: its reply is the one to show from now on. */
    public synchronized void asked(long counter, String command) {
        askedCounter = counter;
        askedCommand = command;
        lastReply = null;
    }

    /** Called when the connection to the broker goes down (false) or comes back (true). */
    public synchronized void connection(boolean up) {
        connected = up;
    }

    public synchronized PanelView view() {
        return new PanelView(connected, status, state, telemetry, lastReply, askedCommand, newestClockMs, malformed,
                lastMalformed);
    }

    public String root() {
        return root;
    }
}
