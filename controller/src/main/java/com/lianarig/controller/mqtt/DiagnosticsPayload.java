package com.lianarig.controller.mqtt;

import com.lianarig.controller.rig.LinkDiagnostics;
import com.lianarig.hal.node.NodeCounters;
import java.util.List;

/**
 * {@code R/diagnostics} (docs/mqtt.md, diagnostics.schema.json): every node link's state and its
 * counters since the service started, retained, for a technician or a studio dashboard to see a
 * noisy cable, a lossy USB hub or a node that keeps reconnecting without reading logs.
 */
final class DiagnosticsPayload {
    private DiagnosticsPayload() {
    }

    static String of(JsonOut j, long session, long seq, long clockMs, List<LinkDiagnostics> links) {
        j.reset().open().field("session", session).field("seq", seq).field("clockMs", clockMs).openArray("nodes");
        for (LinkDiagnostics d : links) {
            NodeCounters c = d.counters();
            j.open().field("id", d.nodeId()).field("address", d.address()).field("serial", d.serial())
                    .field("link", d.link().name())
                    .field("frames", c.frames())
                    .field("garbageBytes", c.garbageBytes())
                    .field("badLength", c.badLength())
                    .field("badCrc", c.badCrc())
                    .field("unknownMessages", c.unknownMessages())
                    .field("wrongDirection", c.wrongDirection())
                    .field("lostFrames", c.lostFrames())
                    .field("duplicateFrames", c.duplicateFrames())
                    .field("retransmissions", c.retransmissions())
                    .field("invalidPayloads", c.invalidPayloads())
                    .field("receiveOverflowBytes", c.receiveOverflowBytes())
                    .field("reconnects", c.reconnects())
                    .field("nodeRxCrcErrors", c.nodeRxCrcErrors())
                    .field("nodeRxOtherDrops", c.nodeRxOtherDrops())
                    .close();
        }
        return j.closeArray().close().toString();
    }

    /** Whether {@code now} differs from {@code before} in a link's state or any count of trouble. */
    static boolean changed(List<LinkDiagnostics> before, List<LinkDiagnostics> now) {
        if (before == null || before.size() != now.size()) {
            return true;
        }
        for (int i = 0; i < now.size(); i++) {
            if (before.get(i).link() != now.get(i).link()
                    || now.get(i).counters().troubleSince(before.get(i).counters())) {
                return true;
            }
        }
        return false;
    }
}
