package com.lianarig.tools.monitor;

import com.lianarig.tools.mqtt.EventMessage;
import com.lianarig.tools.mqtt.MalformedPayloadException;
import com.lianarig.tools.mqtt.StateMessage;
import com.lianarig.tools.mqtt.StatusMessage;
import com.lianarig.tools.mqtt.TelemetryMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every rig seen on the broker: for each topic root, its status, state, newest telemetry with the
 * sequence gaps counted (SPEC section 6: a watcher tells stale or missing data), and recent events.
 *
 * <p>Written by the MQTT callback thread, read by the monitor's drawing thread: every method locks.
 */
public final class MonitorModel {
    private static final String[] SUFFIXES = {"/status", "/state", "/telemetry", "/events"};

    private final int eventsKept;
    private final Map<String, Rig> rigs = new TreeMap<>();

    private static final class Rig {
        StatusMessage status;
        StateMessage state;
        TelemetryMessage telemetry;
        long telemetryAtMs = -1;
        double periodMs = -1;
        long missing;
        final Deque<EventMessage> events = new ArrayDeque<>();
        long malformed;
    }

    /** @param eventsKept how many recent events to keep per rig */
    public MonitorModel(int eventsKept) {
        this.eventsKept = eventsKept;
    }

    /**
     * Takes one message received at {@code nowMs} (the monitor's monotonic clock, ms). Topics that
     * are not a rig's status, state, telemetry or events are ignored.
     */
    public synchronized void accept(String topic, byte[] payload, long nowMs) {
        for (String suffix : SUFFIXES) {
            if (topic.endsWith(suffix) && topic.length() > suffix.length()) {
                String root = topic.substring(0, topic.length() - suffix.length());
                Rig rig = rigs.computeIfAbsent(root, r -> new Rig());
                try {
                    take(rig, suffix, payload, nowMs);
                } catch (MalformedPayloadException e) {
                    rig.malformed++;
                }
                return;
            }
        }
    }

    private void take(Rig rig, String suffix, byte[] payload, long nowMs) throws MalformedPayloadException {
        switch (suffix) {
            case "/status" -> {
                StatusMessage status = StatusMessage.parse(payload);
                // A new session (the service restarted): what the old one said no longer holds.
                if (rig.state != null && rig.state.session() < status.session()) {
                    rig.state = null;
                }
                if (rig.telemetry != null && rig.telemetry.session() < status.session()) {
                    rig.telemetry = null;
                    rig.telemetryAtMs = -1;
                    rig.missing = 0;
                    rig.periodMs = -1;
                }
                rig.status = status;
            }
            case "/state" -> {
                StateMessage state = StateMessage.parse(payload);
                if (rig.state == null || state.session() > rig.state.session()
                        || (state.session() == rig.state.session() && state.seq() > rig.state.seq())) {
                    rig.state = state;
                }
            }
            case "/telemetry" -> telemetry(rig, TelemetryMessage.parse(payload), nowMs);
            default -> {
                rig.events.addLast(EventMessage.parse(payload));
                while (rig.events.size() > eventsKept) {
                    rig.events.removeFirst();
                }
            }
        }
    }

    private static void telemetry(Rig rig, TelemetryMessage next, long nowMs) {
        TelemetryMessage last = rig.telemetry;
        if (last != null && last.session() == next.session()) {
            long steps = next.seq() - last.seq();
            if (steps <= 0) {
                return; // a repeat or out of order: older than what is shown
            }
            rig.missing += steps - 1;
            double periodMs = (double) (next.clockMs() - last.clockMs()) / steps;
            if (periodMs > 0) {
                rig.periodMs = rig.periodMs < 0 ? periodMs : 0.8 * rig.periodMs + 0.2 * periodMs;
            }
        } else if (last != null) {
            rig.missing = 0;
            rig.periodMs = -1;
        }
        rig.telemetry = next;
        rig.telemetryAtMs = nowMs;
    }

    /** The rigs seen so far (roots with a status), by root, as of {@code nowMs}. */
    public synchronized List<RigWatch> rigs(long nowMs) {
        List<RigWatch> watches = new ArrayList<>();
        rigs.forEach((root, rig) -> {
            if (rig.status != null) {
                watches.add(new RigWatch(root, rig.status, rig.state, rig.telemetry,
                        rig.telemetryAtMs < 0 ? -1 : nowMs - rig.telemetryAtMs, rig.periodMs, rig.missing,
                        List.copyOf(rig.events), rig.malformed));
            }
        });
        return watches;
    }
}
