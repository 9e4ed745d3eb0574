package com.lianarig.tools.monitor;

import com.lianarig.tools.mqtt.EventMessage;
import com.lianarig.tools.mqtt.StateMessage;
import com.lianarig.tools.mqtt.StatusMessage;
import com.lianarig.tools.mqtt.TelemetryMessage;
import java.util.List;

/**
 * One rig as the monitor last saw it: an immutable copy.
 *
 * @param status null until its status arrives (such a root is not shown)
 * @param state null until a state of the current session arrives
 * @param telemetry the newest telemetry of the current session, null when none
 * @param telemetryAgeMs how long ago (monitor's clock) the newest telemetry arrived, ms; -1 when none
 * @param telemetryPeriodMs the telemetry period, ms, from the rig's own clock and sequence numbers;
 *     -1 until two messages arrived
 * @param missingTelemetry telemetry messages missing by their sequence numbers, this session
 * @param events the newest events, oldest first
 * @param malformed payloads that did not follow docs/mqtt.md, ignored
 */
public record RigWatch(String root, StatusMessage status, StateMessage state, TelemetryMessage telemetry,
        long telemetryAgeMs, double telemetryPeriodMs, long missingTelemetry, List<EventMessage> events, long malformed) {

    /** Stale: online, telemetry seen, and none for more than 3 periods (20 Hz assumed until measured). */
    public boolean stale() {
        if (status == null || !status.online()) {
            return false;
        }
        double periodMs = telemetryPeriodMs > 0 ? telemetryPeriodMs : 50;
        return telemetryAgeMs < 0 || telemetryAgeMs > 3 * periodMs;
    }
}
