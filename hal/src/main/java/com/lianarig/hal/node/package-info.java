/**
 * Node sessions: one {@link com.lianarig.hal.node.NodeSession} per node board drives the protocol's
 * host link session over a {@link com.lianarig.hal.serial.SerialLink} (identify, definition-hash
 * check, heartbeats, command retransmission, link faults), configures the node from a
 * {@link com.lianarig.hal.node.NodeSetup}, and exposes the node's channels and winches as
 * {@link com.lianarig.hal.LoadCellChannel} and {@link com.lianarig.hal.Winch}.
 */
package com.lianarig.hal.node;
