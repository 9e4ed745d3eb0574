package com.lianarig.tools.panel;

import com.lianarig.tools.mqtt.ReplyMessage;
import com.lianarig.tools.mqtt.StateMessage;
import com.lianarig.tools.mqtt.StatusMessage;
import com.lianarig.tools.mqtt.TelemetryMessage;

/**
 * What the panel knows of the rig at one moment: an immutable copy of {@link PanelModel}.
 *
 * @param status null until the retained status arrives
 * @param state null until a state of the current session arrives
 * @param telemetry null until telemetry of the current session arrives
 * @param lastReply the rig's answer to the command the trainer asked last (or a refusal of an enable refresh or
 *     a heartbeat since), null until it comes
 * @param asked the command the trainer asked last, null before any
 * @param newestClockMs the largest controller clock seen in this session's state and telemetry, -1 when none
 * @param malformed payloads that did not follow docs/mqtt.md, ignored
 * @param lastMalformed what was wrong with the last of them, null when none
 */
public record PanelView(boolean connected, StatusMessage status, StateMessage state, TelemetryMessage telemetry,
        ReplyMessage lastReply, String asked, long newestClockMs, long malformed, String lastMalformed) {

    /** The rig's current session, or -1 when not known yet. */
    public long session() {
        if (status != null) {
            return status.session();
        }
        return state != null ? state.session() : -1;
    }
}
