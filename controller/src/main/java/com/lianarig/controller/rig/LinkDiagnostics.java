package com.lianarig.controller.rig;

import com.lianarig.hal.node.NodeCounters;
import com.lianarig.hal.node.NodeLinkState;

/**
 * One node link's health as the host sees it: its state and its counters since the service started
 * (garbage bytes, bad CRCs, bad lengths, unknown messages, retransmissions, lost frames, reconnects...).
 * What the retained MQTT diagnostics topic, the journal's {@code link} records and {@code rig doctor}
 * show (docs/hal.md, "Link diagnostics").
 *
 * @param nodeId the node's id in the rig file
 * @param address the node's protocol address
 * @param serial the serial the rig file expects of it
 * @param link the link's state now
 * @param counters its counters, at most 100 ms old
 */
public record LinkDiagnostics(String nodeId, int address, String serial, NodeLinkState link, NodeCounters counters) {
}
