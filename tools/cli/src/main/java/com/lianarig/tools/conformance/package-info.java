/**
 * {@code rig conformance PORT}: the node conformance tester (SPEC section 7, PROTOCOL.md section 11).
 *
 * <p>{@link com.lianarig.tools.conformance.NodeProbe} drives a node's bytes itself (good frames, bad
 * CRCs, garbage, lost bytes, retransmissions, heartbeats and set-points) and timestamps what the node
 * sends; {@link com.lianarig.tools.conformance.Check}s, each with its id, PROTOCOL.md section and
 * verdict, run in order through a {@link com.lianarig.tools.conformance.Session};
 * {@link com.lianarig.tools.conformance.ConformanceRun} prints the table. Time comes from a
 * {@link com.lianarig.tools.conformance.NanoClock}. docs/conformance.md describes every check.
 */
package com.lianarig.tools.conformance;
